/**
 * `npm run gen:schema`: writes `schema.json` at the repository root — the package schema the
 * plugin answers GetSchema with, from the property table — so a change to the contract shows in
 * a reviewable diff (as pulumi-awsx checks in its schema.json). A test fails while the checked-in
 * file differs from the plugin's answer.
 */
import * as fs from "fs";
import * as path from "path";
import { packageSchema } from "../provider/plugin/schema";
import { PLUGIN_VERSION } from "../provider/package/version";
import { repoRoot } from "./pulumi-env";

/** Where the checked-in schema lives. */
export function schemaJsonPath(): string {
  return path.join(repoRoot(), "schema.json");
}

/** The text of `schema.json`: the schema, two-space indented, with a final newline. */
export function schemaJsonText(): string {
  return `${JSON.stringify(packageSchema(PLUGIN_VERSION), null, 2)}\n`;
}

if (require.main === module) {
  const file = schemaJsonPath();
  fs.writeFileSync(file, schemaJsonText());
  console.log(`gen-schema: wrote ${path.relative(process.cwd(), file) || file}`);
}
