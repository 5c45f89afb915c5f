/**
 * The policy pack through the real CLI, as a user runs it: the package is packed (`npm pack`) and
 * the tarball unpacked into the program's node_modules, one stack adopts the emulator's connected
 * instance (`up`), and each scenario is one `pulumi preview --policy-pack
 * node_modules/pulumi-alicloud-kms/policy` — the CLI starts the pack through `.tools/bin`'s
 * Node.js language host (RunPlugin). A mandatory violation fails the preview and names the rule;
 * an advisory one warns and passes; `--policy-pack-config` changes levels and parameters.
 *
 * Not part of `npm test` (jest.config.js): `npm run test:e2e`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_SEED_IDS } from "../../emulator";
import { adoptConfig, current } from "../e2e/support/fixture";
import type { E2eStack, RunResult } from "../e2e/support/stack";
import { e2eSuite } from "../e2e/support/suite";
import { REPO_ROOT } from "../support/installed-package";

const suite = e2eSuite();
const ID = DEFAULT_SEED_IDS.connected;
const PACK = "node_modules/pulumi-alicloud-kms/policy";

let stack: E2eStack;
let scratch: string;

/** `npm pack` of the repository, unpacked where `npm install <tarball>` would put it. */
function installPackedPackage(programDir: string): void {
  const out = execFileSync(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch],
    { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const [{ filename }] = JSON.parse(out) as { filename: string }[];
  const unpacked = path.join(scratch, "unpacked");
  fs.mkdirSync(unpacked);
  execFileSync("tar", ["-xzf", path.join(scratch, path.basename(filename)), "-C", unpacked]);
  fs.mkdirSync(path.join(programDir, "node_modules"), { recursive: true });
  fs.renameSync(
    path.join(unpacked, "package"),
    path.join(programDir, "node_modules", "pulumi-alicloud-kms"),
  );
}

/** Writes a `--policy-pack-config` file; returns its path. */
function configFile(name: string, config: Record<string, unknown>): string {
  const file = path.join(scratch, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * `pulumi preview --policy-pack <pack>` (plus `extra`), as the user types it. With
 * `POLICY_PREVIEW_LOG` set, each command and its output are appended to that file (the evidence a
 * closing note quotes).
 */
async function preview(extra: string[] = []): Promise<RunResult> {
  const args = ["preview", "--non-interactive", "--policy-pack", PACK, ...extra];
  const r = await stack.run(args);
  const log = process.env.POLICY_PREVIEW_LOG;
  if (log) fs.appendFileSync(log, `$ pulumi ${args.join(" ")}\n(exit ${r.code})\n${r.output}\n`);
  return r;
}

/** The preview's "Policies:" section (what the CLI prints for the pack). */
function policiesSection(r: RunResult): string {
  const at = r.stdout.indexOf("Policies:");
  return at < 0 ? "" : r.stdout.slice(at);
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kms-policy-"));
  const emu = suite.emu();
  stack = await suite.stackOf("adopt", adoptConfig(emu, current(emu)));
  installPackedPackage(stack.dir);
  // The program's `require("pulumi-alicloud-kms")` resolves to the unpacked tarball.
  await stack.up();
});

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

test("without violations the pack passes and is listed", async () => {
  const r = await preview();
  expect([r.code, r.output]).toEqual([0, expect.stringContaining("alicloud-kms@v0.1.0")]);
  expect(policiesSection(r)).not.toContain("kms-");
});

test("a mandatory violation fails the preview and names the rule, the resource, the value and the fix", async () => {
  await stack.ok(["config", "set", "deletionProtection", "false"]);
  try {
    const r = await preview();
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain("error: preview failed");
    const section = policiesSection(r);
    expect(section).toContain("[mandatory]  kms-deletion-protection");
    expect(section).toContain(
      `KmsInstance "kms" (${ID}): deletion protection is off (deletionProtection: false). Fix: set deletionProtection: true.`,
    );
  } finally {
    await stack.ok(["config", "set", "deletionProtection", "true"]);
  }
});

test("advisory violations warn and pass: live status from a refresh, tags from the config", async () => {
  // Out of band: the instance loses its connection; the refresh in the preview reads it.
  suite.emu().control.patchInstance(ID, { KmsInstance: { Status: "Disconnected" } });
  const config = configFile("tags", { "kms-required-tags": { keys: ["owner"] } });
  const r = await preview(["--refresh", "--policy-pack-config", config]);
  expect([r.code, r.output]).toEqual([0, expect.any(String)]);
  const section = policiesSection(r);
  expect(section).toContain("[advisory]  kms-connected");
  expect(section).toContain(
    `KmsInstance "kms" (${ID}): its status is Disconnected, not Connected.`,
  );
  expect(section).toContain("[advisory]  kms-required-tags");
  expect(section).toContain('tag key "owner" missing (found "env", "team")');
  expect(section).not.toContain("[mandatory]");
});

test("kms-expiry-window reads the live renewal: a manual renewal near the end date warns, auto-renewal passes", async () => {
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  // Near its end date and renewed by hand (no seeded renewal): the refresh reads the renewal.
  suite.emu().control.patchInstance(ID, { KmsInstance: { EndDate: soon }, Renewal: null });
  const manual = await preview(["--refresh"]);
  expect(manual.code).toBe(0);
  const section = policiesSection(manual);
  expect(section).toContain("[advisory]  kms-expiry-window");
  expect(section).toContain("its renewal status is ManualRenewal");
  // The seeded auto-renewal: nothing to report.
  suite.emu().control.patchInstance(ID, {
    Renewal: { RenewStatus: "AutoRenewal", RenewalDuration: 1, RenewalDurationUnit: "Y" },
  });
  const auto = await preview(["--refresh"]);
  expect(auto.code).toBe(0);
  expect(policiesSection(auto)).not.toContain("kms-expiry-window");
});

test("--policy-pack-config raises an advisory rule to mandatory and sets its parameters", async () => {
  const missing = configFile("tags-mandatory", {
    "kms-required-tags": { enforcementLevel: "mandatory", keys: ["owner"] },
  });
  const failed = await preview(["--policy-pack-config", missing]);
  expect(failed.code).not.toBe(0);
  expect(policiesSection(failed)).toContain("[mandatory]  kms-required-tags");

  // The same level with a key the instance carries: nothing to report.
  const present = configFile("tags-present", {
    "kms-required-tags": { enforcementLevel: "mandatory", keys: ["team"] },
  });
  const passed = await preview(["--policy-pack-config", present]);
  expect(passed.code).toBe(0);
  expect(policiesSection(passed)).not.toContain("kms-required-tags");
});

test("--policy-pack-config lowers the mandatory rule to advisory: the preview passes with a warning", async () => {
  await stack.ok(["config", "set", "deletionProtection", "false"]);
  try {
    const config = configFile("protection-advisory", { "kms-deletion-protection": "advisory" });
    const r = await preview(["--policy-pack-config", config]);
    expect(r.code).toBe(0);
    expect(policiesSection(r)).toContain("[advisory]  kms-deletion-protection");
  } finally {
    await stack.ok(["config", "set", "deletionProtection", "true"]);
  }
});
