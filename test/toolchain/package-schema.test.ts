/**
 * Pulumi's own schema tooling accepts the plugin's schema: `pulumi package get-schema` on the
 * plugin executable (the pinned CLI in `.tools/bin`, offline) binds it and prints it, and what it
 * prints is the checked-in `schema.json`. Needs `npm run build` (the plugin runs from dist/).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { makePulumiEnv, repoRoot, type PulumiEnv } from "../../scripts/pulumi-env";
import { schemaJsonPath } from "../../scripts/gen-schema";

jest.setTimeout(120_000);

let penv: PulumiEnv;
beforeAll(() => (penv = makePulumiEnv()));
afterAll(() => penv.cleanup());

test("`pulumi package get-schema ./bin/pulumi-resource-alicloud-kms` binds the schema and prints schema.json", () => {
  const plugin = path.join("bin", "pulumi-resource-alicloud-kms");
  const r = spawnSync("pulumi", ["package", "get-schema", `./${plugin}`, "--non-interactive"], {
    cwd: repoRoot(),
    env: penv.env,
    encoding: "utf8",
    timeout: 110_000,
  });
  // The CLI prints the schema before it binds it: only the exit code and stderr tell a binding
  // error ("failed to bind schema: … invalid token …").
  expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
  // The CLI re-serializes the bound package (its own key order): compare as values.
  const checkedIn: unknown = JSON.parse(fs.readFileSync(schemaJsonPath(), "utf8"));
  expect(JSON.parse(r.stdout)).toEqual(checkedIn);
});
