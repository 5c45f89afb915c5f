/**
 * `KmsInstanceOutputs` takes each API output's TSDoc from its row of `OUTPUT_FIELDS` (the SDK
 * docs show it), and the package schema takes the row's `description`: the two must say the
 * same, and the derived type must keep each row's decoder type.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import {
  OUTPUT_FIELDS,
  OUTPUT_NAMES,
  type BindVpc,
  type KmsInstanceOutputs,
} from "../../../provider/instance";
import type { OutputField } from "../../../provider/instance/fields";

const FIELDS_TS = path.resolve(__dirname, "../../../provider/instance/fields.ts");

/** The TSDoc comment text of each property of the `OUTPUT_FIELDS` object literal. */
function rowComments(): Map<string, string> {
  const source = ts.createSourceFile(
    FIELDS_TS,
    fs.readFileSync(FIELDS_TS, "utf8"),
    ts.ScriptTarget.ES2022,
    true,
  );
  const comments = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      let owner: ts.Node = node.parent.parent;
      while (ts.isAsExpression(owner) || ts.isSatisfiesExpression(owner)) owner = owner.parent;
      if (ts.isVariableDeclaration(owner) && owner.name.getText() === "OUTPUT_FIELDS") {
        const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
        const text = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").join(" ");
        comments.set(node.name.getText(), text.replace(/\s+/g, " ").trim());
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return comments;
}

test("every API row carries a TSDoc comment that says what its description says", () => {
  const comments = rowComments();
  const apiRows = OUTPUT_NAMES.filter((name) => (OUTPUT_FIELDS[name] as OutputField).from);
  expect(apiRows.length).toBeGreaterThan(20);
  for (const name of apiRows) {
    expect({ name, doc: comments.get(name) }).toEqual({
      name,
      doc: OUTPUT_FIELDS[name].description.replace(/\s+/g, " ").trim(),
    });
  }
});

test("the derived output type keeps each row's decoder type, optional, beside the set ones", () => {
  // Compile-time checks: the assignments fail to typecheck if a derived type drifts (one
  // output of each decoder kind, so a new row needs no edit here).
  const sample: KmsInstanceOutputs = {
    kmsInstanceId: "kst-a",
    region: "cn-hangzhou",
    managedProperties: ["tags"],
    status: "Connected",
    spec: 1000,
    secretNum: 2,
    zoneIds: ["z"],
    bindVpcs: [] as BindVpc[],
    deletionProtection: true,
    tags: {},
    ownerAccountId: "1",
  };
  const minimal: KmsInstanceOutputs = {
    kmsInstanceId: "kst-a",
    region: "r",
    managedProperties: [],
  };
  const names: readonly string[] = OUTPUT_NAMES;
  for (const key of Object.keys(sample)) expect(names).toContain(key);
  expect(Object.keys(minimal)).toEqual(["kmsInstanceId", "region", "managedProperties"]);
});
