/**
 * `npm run demo`: the quick start against the embedded emulator, step by step — adopt an
 * instance, change it behind Pulumi's back, see the drift, correct it, confirm it is clean.
 * Uses the real Pulumi CLI (built by `npm run setup:pulumi`), a throw-away `file://` backend
 * and the root `Pulumi.yaml` program; removes everything it made when it ends.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  DEFAULT_SEED_IDS,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  startEmulator,
} from "../emulator";
import { makePulumiEnv, repoRoot } from "./pulumi-env";

const ROOT = repoRoot();
let step = 0;

function heading(text: string): void {
  step += 1;
  const line = `━━ Step ${step}: ${text} `;
  console.log(`\n${line}${"━".repeat(Math.max(3, 90 - line.length))}`);
}

function note(text: string): void {
  console.log(`   ${text}`);
}

async function main(): Promise<number> {
  const emu = await startEmulator();
  const pulumiEnv = makePulumiEnv();
  fs.mkdirSync(path.join(ROOT, ".pulumi-tmp"), { recursive: true });
  const work = fs.mkdtempSync(path.join(ROOT, ".pulumi-tmp", "demo-"));
  // Asynchronous on purpose: the emulator serves from this process's event loop.
  const pulumi = (args: string[]): Promise<number> =>
    new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, "--color", "always"], {
        cwd: work,
        env: pulumiEnv.env,
        stdio: "inherit",
      });
      child.on("error", reject);
      child.on("close", (code) => resolve(code ?? 1));
    });
  const must = async (args: string[]): Promise<void> => {
    const code = await pulumi(args);
    if (code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (exit ${code})`);
  };
  try {
    const id = DEFAULT_SEED_IDS.connected;
    const seeded = emu.control.getInstance(id);
    if (!seeded) throw new Error(`the default seed has no ${id}`);
    const api = seeded.KmsInstance;
    const vpcs = (api.BindVpcs as { BindVpc: Record<string, string>[] }).BindVpc;

    heading("the embedded KMS emulator");
    note(`listening on ${emu.url} (regions at ${emu.endpointTemplate})`);
    note(
      `seeded instance ${id} in ${seeded.RegionId}: "${String(api.InstanceName)}", ${vpcs.length} bound VPCs`,
    );

    // The quick-start program, in a scratch copy of the repo layout (node_modules resolve upward).
    // The development plugin path is relative to the repo root; the copy runs elsewhere.
    const project = fs
      .readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")
      .replace(/path: \.\/bin$/m, `path: ${path.join(ROOT, "bin")}`);
    fs.writeFileSync(path.join(work, "Pulumi.yaml"), project);
    // A package.json of its own, as a user's project has: the program is not part of this package.
    fs.writeFileSync(
      path.join(work, "package.json"),
      JSON.stringify({ name: "kms-quickstart", private: true }, null, 2),
    );
    fs.cpSync(path.join(ROOT, "examples/quickstart"), path.join(work, "examples/quickstart"), {
      recursive: true,
    });
    const config = {
      "kms-quickstart:kmsInstanceId": { value: id },
      "kms-quickstart:instanceName": { value: String(api.InstanceName) },
      "kms-quickstart:deletionProtection": { value: String(api.DeletionProtection === true) },
      "kms-quickstart:tags": { objectValue: seeded.Tags ?? {} },
      "kms-quickstart:bindVpcs": {
        objectValue: vpcs.map((v) => ({
          vpcId: v.VpcId,
          vSwitchId: v.VSwitchId,
          regionId: v.RegionId,
          vpcOwnerId: String(v.VpcOwnerId),
        })),
      },
      "alicloud:region": { value: seeded.RegionId },
      "alicloud:accessKey": { value: TEST_ACCESS_KEY_ID },
      "alicloud:secretKey": { value: TEST_ACCESS_KEY_SECRET, secret: true },
      "alicloud-kms:endpoint": { value: emu.endpointTemplate },
      // The emulator also answers STS GetCallerIdentity: the demo never tries the public STS.
      "alicloud-kms:stsEndpoint": { value: emu.url },
      "alicloud-kms:bssEndpoint": { value: emu.url },
    };
    const json = Object.fromEntries(
      Object.entries(config).map(([k, v]) => [
        k,
        "objectValue" in v
          ? { value: JSON.stringify(v.objectValue), objectValue: v.objectValue, secret: false }
          : { value: v.value, secret: "secret" in v && v.secret === true },
      ]),
    );
    await must(["stack", "init", "demo"]);
    await must(["config", "set-all", "--json", JSON.stringify(json)]);

    heading("pulumi up — adopt the existing instance and export its outputs");
    await must(["up", "--yes", "--skip-preview"]);

    heading(
      "an out-of-band change: someone renames it, unbinds a VPC and edits a tag in the console",
    );
    emu.control.patchInstance(id, {
      KmsInstance: { InstanceName: "renamed-in-console", BindVpcs: { BindVpc: vpcs.slice(0, 1) } },
      Tags: { ...(seeded.Tags ?? {}), team: "someone-else" },
    });
    note(`instanceName → "renamed-in-console", bindVpcs → 1 VPC, tags.team → "someone-else"`);

    heading("pulumi preview --refresh --expect-no-changes — the scheduled drift check fails");
    const drift = await pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    if (drift === 0) throw new Error("the drift check passed, but the instance has drifted");
    note(`exit code ${drift}: drift detected, as expected`);

    heading("pulumi up --refresh — put the declared properties back");
    await must(["up", "--refresh", "--yes", "--skip-preview"]);
    const now = emu.control.getInstance(id);
    note(
      `the emulator now says: "${String(now?.KmsInstance.InstanceName)}", ${
        (now?.KmsInstance.BindVpcs as { BindVpc: unknown[] }).BindVpc.length
      } bound VPCs, team=${now?.Tags?.team}`,
    );

    heading("pulumi refresh --expect-no-changes — clean again");
    await must(["refresh", "--yes", "--expect-no-changes", "--skip-preview"]);

    heading("pulumi destroy — stop managing it (the instance keeps running)");
    await must(["destroy", "--yes", "--skip-preview"]);
    note(`still in the emulator: ${emu.control.getInstance(id) ? "yes" : "no"}`);
    console.log("\nDone. Everything the demo made has been removed.");
    return 0;
  } finally {
    await emu.close();
    pulumiEnv.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
