/**
 * The provider plugin's configuration table in `docs/installation-configuration.md` is what
 * `npm run gen:docs` (`scripts/gen-config-docs.ts`) writes from `PLUGIN_CONFIG`: the committed
 * page equals the generated one, so the table in code and the reference cannot differ.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_DOC, configTable, renderPage } from "../../scripts/gen-config-docs";
import { PLUGIN_CONFIG } from "../../provider/plugin/properties";

const PAGE = fs.readFileSync(path.resolve(__dirname, "../..", CONFIG_DOC), "utf8");

test("the committed page is the generated one (run npm run gen:docs after changing the config)", () => {
  expect(PAGE).toBe(renderPage(PAGE));
});

test("the generated table has one row per config key, with its description", () => {
  const rows = configTable().split("\n").slice(2);
  expect(rows).toHaveLength(Object.keys(PLUGIN_CONFIG).length);
  for (const [key, row] of Object.entries(PLUGIN_CONFIG)) {
    const line = rows.find((r) => r.startsWith(`| \`alicloud-kms:${key}\` |`));
    expect(line).toContain(row.description.slice(0, 30));
  }
});
