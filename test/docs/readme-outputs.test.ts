/**
 * The overview's list of outputs (`docs/_index.md`, linked from the README) cannot fall behind
 * the output field table: the names in its **Outputs.** paragraph are exactly the rows of
 * `OUTPUT_FIELDS`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BIND_VPC_FIELDS, OUTPUT_NAMES } from "../../provider/instance";

const README = fs.readFileSync(path.resolve(__dirname, "../../docs/_index.md"), "utf8");

/** The paragraph that starts with `**Outputs.**`, up to the next blank line. */
function outputsParagraph(): string {
  const start = README.indexOf("**Outputs.**");
  if (start < 0) throw new Error("docs/_index.md has no **Outputs.** paragraph");
  const end = README.indexOf("\n\n", start);
  return README.slice(start, end < 0 ? undefined : end);
}

test("the overview's outputs paragraph names exactly the outputs of the field table", () => {
  const named = [...outputsParagraph().matchAll(/`([a-z][A-Za-z]*)`/g)].map((m) => m[1]);
  // A bound VPC's own fields (`vpcOwnerId`) are named there to explain `bindVpcs`, not as
  // outputs; `vpcId` is both, and counts as the output.
  const outputNames = new Set<string>(OUTPUT_NAMES);
  const nestedOnly = Object.keys(BIND_VPC_FIELDS).filter((n) => !outputNames.has(n));
  const outputs = [...new Set(named.filter((n) => !nestedOnly.includes(n)))].sort();
  expect(outputs).toEqual([...OUTPUT_NAMES].sort());
});
