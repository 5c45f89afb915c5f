/**
 * The fault matrix (issue 8): every fault × refresh, update and adopt, with the real Pulumi CLI
 * against the emulator. Each row asserts its outcome, a message naming the suspicion, and state
 * kept (from `pulumi stack export`). With `RELIABILITY_DOC=<path>` (what `npm run
 * test:reliability` sets) the measured matrix is written there as Markdown.
 *
 * One emulator and three stacks (one per operation) serve every row, in order: faults are set
 * and cleared through `emu.control` and the stacks' config between rows, so no row pays for a
 * stack of its own.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { SECRET_CONFIG, emulatorConfig } from "../e2e/support/fixture";
import { E2eStack } from "../e2e/support/stack";
import { REPO_ROOT, SCRATCH_ROOT } from "../support/installed-package";
import {
  FAULT_CASES,
  RETRY_TIMEOUT_SECONDS,
  secretValues,
  type FaultCase,
} from "./support/fault-cases";
import {
  FLEET,
  FLEET_REGION,
  NEWCOMERS,
  REFERENCE,
  RENAMED,
  programConfig,
  seedFleet,
} from "./support/fleet";
import { useHermeticEnv } from "./support/hermetic-env";
import { OPERATIONS, type RowResult } from "./support/matrix-types";
import { renderMatrix } from "./support/render-matrix";
import { RowRunner } from "./support/row-runner";

const PROGRAM = path.join(__dirname, "programs", "fleet");
const PROJECT = "reliability-fleet";

jest.setTimeout(180_000);

let restoreEnv: (() => void) | undefined;
let emu: RunningEmulator | undefined;
const stacks: E2eStack[] = [];
let runner: RowRunner | undefined;
let baseConfig: Record<string, string> = {};
const rows: RowResult[] = [];
const started = Date.now();

beforeAll(async () => {
  restoreEnv = useHermeticEnv();
  emu = await startEmulator();
  seedFleet(emu);
  baseConfig = {
    ...emulatorConfig(emu, FLEET_REGION),
    "alicloud-kms:retryTimeoutSeconds": RETRY_TIMEOUT_SECONDS,
    "alicloud-kms:stsEndpoint": `http://${emu.endpoint}`,
  };
  const fleet = await E2eStack.createFrom(
    PROGRAM,
    { ...programConfig(FLEET, REFERENCE), ...baseConfig },
    SECRET_CONFIG,
  );
  stacks.push(fleet);
  const updater = await E2eStack.createFrom(
    PROGRAM,
    { ...programConfig(RENAMED), ...baseConfig },
    SECRET_CONFIG,
  );
  stacks.push(updater);
  const adopter = await E2eStack.createFrom(
    PROGRAM,
    { ...programConfig(NEWCOMERS), ...baseConfig },
    SECRET_CONFIG,
  );
  stacks.push(adopter);
  await fleet.up();
  await updater.up();
  runner = new RowRunner({
    emu,
    fleet,
    updater,
    adopter,
    project: PROJECT,
    baseConfig,
    baseSecrets: SECRET_CONFIG,
    secrets: secretValues(),
    logDir: path.join(SCRATCH_ROOT, "reliability-logs"),
  });
}, 300_000);

afterAll(async () => {
  try {
    const out = process.env.RELIABILITY_DOC;
    if (out && rows.length > 0) writeDocument(path.resolve(REPO_ROOT, out));
  } finally {
    for (const s of stacks) s.cleanup();
    await emu?.close();
    restoreEnv?.();
  }
});

test("the fleet stack holds every adopted instance and the read-only reference", async () => {
  const { snapshot } = await (runner as RowRunner).snapshot(stacks[0] as E2eStack);
  const byId = new Map([...snapshot.values()].map((s) => [s.id, s]));
  for (const m of FLEET) expect(byId.get(m.kmsInstanceId)?.external).toBe(false);
  expect(byId.get(REFERENCE.kmsInstanceId)?.external).toBe(true);
  expect(snapshot.size).toBe(FLEET.length + 1);
});

for (const fault of FAULT_CASES) {
  for (const op of OPERATIONS) {
    test(`${fault.title} × ${op}: ${fault.expect[op].outcome}`, async () => {
      const row = await (runner as RowRunner).run(fault, op);
      rows.push(row);
      expect(row.problems).toEqual([]);
      expect(row.stateKept).toBe(true);
      expect(row.outcome).toBe(fault.expect[op].outcome === "succeeds" ? "succeeded" : "failed");
    });
  }
}

/** Writes the measured matrix as Markdown. */
function writeDocument(file: string): void {
  let cli = "Pulumi CLI (version unknown)";
  try {
    const env = {
      ...process.env,
      PATH: `${path.join(REPO_ROOT, ".tools", "bin")}:${process.env.PATH ?? ""}`,
    };
    cli = `Pulumi CLI ${execFileSync("pulumi", ["version"], { env, encoding: "utf8" }).trim()}`;
  } catch {
    // The version is a note in the header; the matrix itself is what matters.
  }
  const environment =
    `Commit ${gitDescription()}; ${cli}, Node ${process.version}, ${os.cpus().length} CPUs, ` +
    `load average ${os.loadavg()[0]?.toFixed(1)} at the end`;
  const text = renderMatrix(
    {
      command: "npm run test:reliability",
      date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      environment,
      totalMs: Date.now() - started,
      baseConfig: printableConfig(baseConfig),
      stacks: {
        refresh:
          `${FLEET.length} adopted instances (each declaring its name) and one read-only ` +
          "reference (`KmsInstance.get`), all in cn-hangzhou",
        update:
          `${RENAMED.length} adopted instances; each row declares a new name for the first ` +
          "(nothing else in the stack calls the API on `up`)",
        adopt: `${NEWCOMERS.length} instances adopted as they are (no changing call)`,
      },
    },
    FAULT_CASES.map((f) => ({
      title: f.title,
      setup: f.setup,
      expected: expectedText(f),
    })),
    rows,
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The base config as the document shows it: the port generic, the key id by name. */
function printableConfig(config: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    out[k] = k === "alicloud:accessKey" ? "<TEST_STS.accessKeyId>" : v.replace(/:\d+/, ":PORT");
  }
  return out;
}

/** The expected outcomes of a fault, once when every operation shares them. */
function expectedText(f: FaultCase): string {
  const texts = OPERATIONS.map((op) => `${f.expect[op].outcome} — ${f.expect[op].why}`);
  if (texts.every((t) => t === texts[0])) return `every operation ${texts[0]}`;
  return OPERATIONS.map((op, i) => `${op}: ${texts[i]}`).join("; ");
}

/** The commit the matrix ran on, and whether the tree had uncommitted changes. */
function gitDescription(): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " with uncommitted changes" : ""}`;
  } catch {
    return "unknown (not a git checkout)";
  }
}
