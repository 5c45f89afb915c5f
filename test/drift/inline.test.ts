/**
 * `checkDrift` for programmatic use with an inline program: a user's Node script (requiring the
 * installed package, as users do) adopts an instance with the Automation API, and after an
 * out-of-band rename gets the drift back as a report object.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { DriftReport } from "../../drift/report";
import { makePulumiEnv, type PulumiEnv } from "../../scripts/pulumi-env";
import { INSTANCE_ID, SECRET_CONFIG, adoptConfig, current } from "../e2e/support/fixture";
import { e2eSuite } from "../e2e/support/suite";
import { SCRATCH_ROOT, ensureBuilt } from "../support/installed-package";

const suite = e2eSuite();

/** The user's script: `up` adopts the instance; `check` prints checkDrift's report as JSON. */
const SCRIPT = `"use strict";
const { LocalWorkspace } = require("@pulumi/pulumi/automation");
const { KmsInstance } = require("pulumi-alicloud-kms");
const { checkDrift } = require("pulumi-alicloud-kms/dist/drift");

const { instance, config } = JSON.parse(process.env.DRIFT_TEST_ARGS);
const program = async () => {
  new KmsInstance("inline-kms", instance);
};
const target = { stackName: "inline", projectName: "inline-drift", program };
const workspaceOptions = { workDir: __dirname };

async function main(phase) {
  if (phase === "up") {
    const stack = await LocalWorkspace.createOrSelectStack(target, workspaceOptions);
    await stack.setAllConfig(config);
    await stack.up();
    return;
  }
  const report = await checkDrift({ stacks: [target], workspaceOptions });
  process.stdout.write(JSON.stringify(report));
}
main(process.argv[2]).then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
`;

let penv: PulumiEnv | undefined;
let dir: string | undefined;
afterAll(() => {
  penv?.cleanup();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function runScript(
  phase: string,
  args: unknown,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dir ?? "", "drift-check.js"), phase], {
      cwd: dir,
      env: { ...penv?.env, DRIFT_TEST_ARGS: JSON.stringify(args) },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test("an inline program: checkDrift returns the drift of an out-of-band rename", async () => {
  ensureBuilt();
  fs.mkdirSync(SCRATCH_ROOT, { recursive: true });
  dir = fs.mkdtempSync(path.join(SCRATCH_ROOT, "drift-inline-"));
  fs.writeFileSync(path.join(dir, "drift-check.js"), SCRIPT);
  penv = makePulumiEnv();

  const emu = suite.emu();
  const { kmsInstanceId, instanceName, tags, bindVpcs, ...providerConfig } = adoptConfig(
    emu,
    current(emu),
  );
  const config: Record<string, { value: string; secret: boolean }> = {};
  for (const [k, v] of Object.entries(providerConfig)) {
    if (k.includes(":")) config[k] = { value: String(v), secret: false };
  }
  for (const [k, v] of Object.entries(SECRET_CONFIG)) config[k] = { value: v, secret: true };
  const args = { instance: { kmsInstanceId, instanceName, tags, bindVpcs }, config };

  const up = await runScript("up", args);
  expect(up).toMatchObject({ code: 0 });

  emu.control.patchInstance(INSTANCE_ID, { KmsInstance: { InstanceName: "renamed-inline" } });
  const check = await runScript("check", args);
  if (check.code !== 0) throw new Error(check.stderr);
  const report = JSON.parse(check.stdout) as DriftReport;
  expect(report.result).toBe("drift");
  expect(report.stacks[0]?.instances).toEqual([
    expect.objectContaining({
      name: "inline-kms",
      kmsInstanceId: INSTANCE_ID,
      status: "drift",
      drift: [
        expect.objectContaining({
          property: "instanceName",
          declared: instanceName,
          live: "renamed-inline",
          calls: [{ action: "UpdateKmsInstance", instanceName }],
        }),
      ],
    }),
  ]);
}, 600_000);
