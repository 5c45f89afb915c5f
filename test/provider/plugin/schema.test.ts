/**
 * The package schema as Pulumi's binder and every language's generator need it: tokens the binder
 * accepts, the language sections, descriptions free of TypeScript-only wording, and `schema.json`
 * at the repository root equal to it (rewritten by `npm run gen:schema`).
 */
import * as fs from "node:fs";
import {
  CSHARP_NAMESPACE,
  GO_IMPORT_PATH,
  GO_MODULE_PATH,
  GO_PACKAGE_NAME,
  NODEJS_IMPORT_PATH,
  PYTHON_PACKAGE,
  packageSchema,
} from "../../../provider/plugin/schema";
import { PLUGIN_VERSION } from "../../../provider/package/version";
import { schemaJsonPath, schemaJsonText } from "../../../scripts/gen-schema";

const schema = packageSchema(PLUGIN_VERSION) as {
  name: string;
  types: Record<string, unknown>;
  resources: Record<string, unknown>;
  language: Record<string, Record<string, unknown>>;
};

/** Every `description` in the schema, with where it is. */
function descriptions(node: unknown, where = "#"): { where: string; text: string }[] {
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "description" && typeof value === "string"
      ? [{ where, text: value }]
      : descriptions(value, `${where}/${key}`),
  );
}

test("schema.json is the schema the property table gives (run `npm run gen:schema` after a change)", () => {
  expect(fs.readFileSync(schemaJsonPath(), "utf8")).toBe(schemaJsonText());
});

test("type and resource tokens are package:index:Name, the form the schema binder accepts", () => {
  // pkg/codegen/schema/bind.go at v3.248.0 rejects a module nested under index.
  const tokens = [...Object.keys(schema.types), ...Object.keys(schema.resources)];
  expect(tokens.sort()).toEqual([
    "alicloud-kms:index:BindVpc",
    "alicloud-kms:index:Connection",
    "alicloud-kms:index:KmsInstance",
    "alicloud-kms:index:QuotaFigure",
    "alicloud-kms:index:QuotaUsage",
    "alicloud-kms:index:Renewal",
  ]);
  // Every reference names a declared type, in the same form.
  const refs = new Set(
    [...JSON.stringify(schema).matchAll(/"\$ref":"#\/types\/([^"]*)"/g)].map((m) => m[1]),
  );
  expect([...refs].sort()).toEqual([
    "alicloud-kms:index:BindVpc",
    "alicloud-kms:index:Connection",
    "alicloud-kms:index:QuotaFigure",
    "alicloud-kms:index:QuotaUsage",
    "alicloud-kms:index:Renewal",
  ]);
});

test("a language section for nodejs, python, go and csharp, with the names the SDKs use", () => {
  expect(Object.keys(schema.language).sort()).toEqual(["csharp", "go", "nodejs", "python"]);
  expect(schema.language.nodejs.packageName).toBe(NODEJS_IMPORT_PATH);
  expect(schema.language.python.packageName).toBe(PYTHON_PACKAGE);
  expect(schema.language.go).toMatchObject({
    importBasePath: GO_IMPORT_PATH,
    modulePath: GO_MODULE_PATH,
  });
  expect(GO_IMPORT_PATH.split("/").pop()).toBe(GO_PACKAGE_NAME);
  const csharp = schema.language.csharp as { rootNamespace: string; namespaces: object };
  expect(`${csharp.rootNamespace}.${Object.values(csharp.namespaces)[0]}`).toBe(CSHARP_NAMESPACE);
  expect(csharp.namespaces).toEqual({ [schema.name]: "AlicloudKms" });
});

test("descriptions are for every language: no TypeScript- or JavaScript-only wording", () => {
  const all = descriptions(schema);
  // The resource, its type, every property of both, and every config key.
  expect(all.length).toBeGreaterThan(40);
  const tsOnly =
    /\b(JavaScript|TypeScript|undefined|null|pulumi\.(Input|Output)|Input<|Output<|new KmsInstance|import \* as|npm|\.ts\b)/;
  expect(all.filter((d) => tsOnly.test(d.text))).toEqual([]);
});
