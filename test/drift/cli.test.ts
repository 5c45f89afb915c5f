/**
 * `kms-drift` end to end: the built bin, the real Pulumi CLI through the Automation API, a real
 * program adopting three instances, and the emulator changed out of band through its control API.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import {
  DEFAULT_SEED_IDS,
  TEST_STS,
  type RunningEmulator,
  type SeedInstance,
} from "../../emulator";
import type { DriftReport, InstanceReport } from "../../drift/report";
import { apiDateIn, current, emulatorConfig, mutatingCalls } from "../e2e/support/fixture";
import type { E2eStack } from "../e2e/support/stack";
import { e2eSuite } from "../e2e/support/suite";
import { READ_ACTIONS, declaredBindVpcs } from "../support/emulator-state";
import { REPO_ROOT } from "../support/installed-package";

const suite = e2eSuite();

const A = DEFAULT_SEED_IDS.connected;
const B = "kst-hzzdrift0b0000000000xxxx";
const C = "kst-hzzdrift0c0000000000xxxx";

/** Two more Connected instances in cn-hangzhou, copies of the seeded one with their own name and tags. */
function seedCopies(emu: RunningEmulator): void {
  const base = current(emu, A);
  for (const [id, name] of [
    [B, "kms-b"],
    [C, "kms-c"],
  ] as const) {
    emu.control.putInstance({
      ...base,
      KmsInstance: { ...base.KmsInstance, InstanceId: id, InstanceName: name },
      Tags: { env: "prod", owner: name },
    });
  }
}

/** A program entry that declares `inst` exactly as it is now (so adoption starts clean). */
function entry(name: string, inst: SeedInstance): Record<string, unknown> {
  return {
    name,
    kmsInstanceId: inst.KmsInstance.InstanceId,
    region: inst.RegionId,
    instanceName: inst.KmsInstance.InstanceName,
    bindVpcs: declaredBindVpcs(inst),
    tags: { ...(inst.Tags ?? {}) },
    deletionProtection: inst.KmsInstance.DeletionProtection === true,
  };
}

interface DriftRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `kms-drift` bin on the project of `stack` (on that stack unless `allStacks`), in
 * the stack's offline Pulumi environment. No credential may appear in what it prints.
 */
async function kmsDrift(stack: E2eStack, args: string[], allStacks = false): Promise<DriftRun> {
  const run = await new Promise<DriftRun>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(REPO_ROOT, "bin/kms-drift.js"),
        "--cwd",
        stack.dir,
        ...(allStacks ? [] : ["--stack", stack.name]),
        ...args,
      ],
      { env: stack.env },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  for (const secret of [TEST_STS.accessKeySecret, TEST_STS.securityToken]) {
    expect(run.stdout + run.stderr).not.toContain(secret);
  }
  return run;
}

function parse(run: DriftRun): DriftReport {
  try {
    return JSON.parse(run.stdout) as DriftReport;
  } catch {
    throw new Error(`kms-drift printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

function byName(report: DriftReport): Record<string, InstanceReport> {
  expect(report.stacks).toHaveLength(1);
  return Object.fromEntries((report.stacks[0]?.instances ?? []).map((i) => [i.name, i]));
}

/** The stack of the first test, which the second reuses (one stack per file). */
let fleetStack: E2eStack | undefined;

/** Replaces the program's `instances` list in the stack config. */
async function setInstances(stack: E2eStack, instances: Record<string, unknown>[]): Promise<void> {
  const value = { value: JSON.stringify(instances), objectValue: instances, secret: false };
  await stack.ok(["config", "set-all", "--json", JSON.stringify({ "e2e-fleet:instances": value })]);
}

test("three instances: two drifted, one deleted → exit 2 naming exactly that; --fix corrects; then exit 0", async () => {
  const emu = suite.emu();
  seedCopies(emu);
  const instances = [
    entry("a", current(emu, A)),
    entry("b", current(emu, B)),
    entry("c", current(emu, C)),
  ];
  const stack = await suite.stackOf("fleet", {
    ...emulatorConfig(emu, "cn-hangzhou"),
    instances,
  });
  await stack.up();
  fleetStack = stack;

  // Out of band: a renamed and retagged, b loses a bound VPC (and nears its end date), c deleted.
  const aDeclared = current(emu, A);
  const bVpcs = declaredBindVpcs(current(emu, B));
  emu.control.patchInstance(A, {
    KmsInstance: { InstanceName: "renamed-out-of-band" },
    Tags: { ...aDeclared.Tags, env: "dev" },
  });
  const bRaw = current(emu, B).KmsInstance.BindVpcs as { BindVpc: unknown[] };
  emu.control.patchInstance(B, {
    KmsInstance: { BindVpcs: { BindVpc: bRaw.BindVpc.slice(0, 1) }, EndDate: apiDateIn(3) },
  });
  emu.control.deleteInstance(C);
  emu.control.resetStats();

  const first = await kmsDrift(stack, ["--json"]);
  expect(first.code).toBe(2);
  expect(first.stderr).toMatch(/\[1\/1\] stack e2e: drift/);
  expect(mutatingCalls(emu)).toBe(0); // read-only by default
  const report = parse(first);
  expect(report).toMatchObject({ version: 1, result: "drift" });
  const found = byName(report);
  expect(Object.keys(found).sort()).toEqual(["a", "b", "c"]);

  expect(found.a).toMatchObject({ kmsInstanceId: A, region: "cn-hangzhou", status: "drift" });
  expect(found.a?.drift.map((d) => [d.property, d.declared, d.live])).toEqual([
    ["instanceName", "prod-kms", "renamed-out-of-band"],
    ["tags", { env: "prod", team: "platform" }, { env: "dev", team: "platform" }],
  ]);
  expect(found.a?.drift.flatMap((d) => d.calls)).toEqual([
    { action: "UpdateKmsInstance", instanceName: "prod-kms" },
    { action: "TagResources", tags: { env: "prod" } },
  ]);

  expect(found.b).toMatchObject({ kmsInstanceId: B, status: "drift" });
  expect(found.b?.drift.map((d) => [d.property, d.declared, d.live])).toEqual([
    ["bindVpcs", bVpcs, bVpcs.slice(0, 1)],
  ]);
  expect(found.b?.drift[0]?.calls).toEqual([
    { action: "UpdateKmsInstanceBindVpc", bindVpcs: bVpcs },
  ]);
  // b renews automatically (its seed's renewal): its end date is information, not a warning.
  expect(found.b?.warnings).toEqual([
    {
      kind: "expiry",
      severity: "info",
      message: expect.stringMatching(/ends in 3 days, .* renews automatically then/),
    },
  ]);

  expect(found.c).toMatchObject({ kmsInstanceId: C, status: "gone", drift: [] });

  // --fix: refresh a, b (and c, which drops it), then up targeting exactly a and b.
  emu.control.resetStats();
  const fixed = await kmsDrift(stack, ["--json", "--fix"]);
  const fixReport = parse(fixed);
  expect(fixed.code).toBe(2); // c is still gone: only a person can settle that
  const fix = fixReport.stacks[0]?.fix;
  expect(fix?.result).toBe("succeeded");
  expect(fix?.targets.sort()).toEqual([found.a?.urn, found.b?.urn].sort());
  expect(fix?.changed.map((c) => [c.urn, c.op]).sort()).toEqual(
    [
      [found.a?.urn, "update"],
      [found.b?.urn, "update"],
    ].sort(),
  );
  const calls = emu.control
    .requests()
    // Reads (the confirming GetCallerIdentity and ListKmsInstances of the gone one included)
    // are not changes.
    .filter((r) => !READ_ACTIONS.has(r.action))
    .map((r) => `${r.action} ${r.instanceId ?? ""}`)
    .sort();
  expect(calls).toEqual(
    [`TagResources ${A}`, `UpdateKmsInstance ${A}`, `UpdateKmsInstanceBindVpc ${B}`].sort(),
  );
  expect(current(emu, A).KmsInstance.InstanceName).toBe("prod-kms");
  expect(current(emu, A).Tags).toEqual({ env: "prod", team: "platform" });
  expect(declaredBindVpcs(current(emu, B))).toEqual(bVpcs);
  expect(await stack.resource("c")).toBeUndefined();

  // The operator stops declaring the deleted instance; the next check is clean.
  await setInstances(stack, instances.slice(0, 2));
  const second = await kmsDrift(stack, [], true); // every stack of the project: just this one
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/^Stack e2e: CLEAN — 2 clean/m);
}, 900_000);

test("every call failing (HTTP 500), a timeout, an unknown stack: exit 1 with the cause, never clean", async () => {
  const emu = suite.emu();
  // The first test's stack, which ends declaring a and b as the (reset) emulator holds them.
  seedCopies(emu);
  const stack =
    fleetStack ??
    (await suite.stackOf("fleet", {
      ...emulatorConfig(emu, "cn-hangzhou"),
      instances: [entry("a", current(emu, A)), entry("b", current(emu, B))],
    }));
  if (!fleetStack) await stack.up();

  emu.control.setFaults({ failRatio: { ratio: 1, code: "InternalFailure", status: 500 } });
  const failed = await kmsDrift(stack, ["--json"]);
  expect(failed.code).toBe(1);
  const report = parse(failed);
  expect(report.result).toBe("error");
  const s = report.stacks[0];
  expect(s?.result).toBe("error");
  expect(s?.error).toMatch(/GetKmsInstance/);
  expect(s?.error).toMatch(/InternalFailure/);
  expect(s?.instances.map((i) => i.status)).toEqual(["unknown", "unknown"]);
  expect(failed.stderr).toMatch(/kms-drift: e2e: error: .*InternalFailure/s);

  const table = await kmsDrift(stack, []);
  expect(table.code).toBe(1);
  expect(table.stdout).toMatch(/^Stack e2e: ERROR/m);
  expect(table.stdout).not.toMatch(/CLEAN/);
  // Bounded: a check that cannot finish in time is an error, and says so.
  emu.control.setFaults({ latencyMs: 20_000 });
  const slow = await kmsDrift(stack, ["--timeout", "3"]);
  expect(slow.code).toBe(1);
  expect(slow.stdout).toMatch(/^Stack e2e: ERROR/m);
  expect(slow.stdout).toMatch(/timed out after 3s \(--timeout\)/);
  emu.control.clearFaults();

  const missing = await kmsDrift(stack, ["--stack", "no-such-stack", "--json"]);
  expect(missing.code).toBe(1);
  const m = parse(missing);
  expect(m.stacks.map((x) => [x.stack, x.result])).toEqual([
    ["e2e", "clean"],
    ["no-such-stack", "error"],
  ]);
  expect(m.stacks[1]?.error).toMatch(/no-such-stack/);
}, 600_000);
