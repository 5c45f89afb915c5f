/**
 * The jest wiring of the fault matrix, for all operations (`fault-matrix.test.ts`, run by `npm
 * run test:reliability`) or only some (`refresh-rows.test.ts`: the never-drop cases, in `npm
 * test`). One emulator and one stack per operation serve every row, in order: faults are set and
 * cleared through `emu.control` and the stacks' config between rows, so no row pays for a stack
 * of its own.
 */
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { SECRET_CONFIG, emulatorConfig } from "../../e2e/support/fixture";
import { E2eStack } from "../../e2e/support/stack";
import { SCRATCH_ROOT } from "../../support/installed-package";
import { FAULT_CASES, RETRY_TIMEOUT_SECONDS, secretValues } from "./fault-cases";
import {
  FLEET,
  FLEET_REGION,
  NEWCOMERS,
  REFERENCE,
  RENAMED,
  programConfig,
  seedFleet,
} from "./fleet";
import { useHermeticEnv } from "./hermetic-env";
import type { Operation, RowResult } from "./matrix-types";
import { RowRunner } from "./row-runner";

const PROGRAM = path.join(__dirname, "..", "programs", "fleet");
const PROJECT = "reliability-fleet";

/** What a registered matrix measured, for a file that documents it. */
export interface MatrixRun {
  /** The rows run so far, in order. */
  readonly rows: RowResult[];
  /** The stack config every row starts from. */
  baseConfig(): Record<string, string>;
}

/**
 * Registers the hooks and one test per fault × operation in `operations`, plus a first test
 * that the refresh stack holds the fleet. `onDone` runs in `afterAll` before the stacks go.
 */
export function registerMatrix(
  operations: readonly Operation[],
  onDone?: (run: MatrixRun) => void,
): MatrixRun {
  jest.setTimeout(180_000);
  let restoreEnv: (() => void) | undefined;
  let emu: RunningEmulator | undefined;
  const stacks: E2eStack[] = [];
  let runner: RowRunner | undefined;
  let base: Record<string, string> = {};
  const run: MatrixRun = { rows: [], baseConfig: () => base };

  beforeAll(async () => {
    restoreEnv = useHermeticEnv();
    emu = await startEmulator();
    seedFleet(emu);
    base = {
      ...emulatorConfig(emu, FLEET_REGION),
      "alicloud-kms:retryTimeoutSeconds": RETRY_TIMEOUT_SECONDS,
      "alicloud-kms:stsEndpoint": `http://${emu.endpoint}`,
      "alicloud-kms:bssEndpoint": `http://${emu.endpoint}`,
    };
    const make = async (members: Record<string, unknown>): Promise<E2eStack> => {
      const stack = await E2eStack.createFrom(PROGRAM, { ...members, ...base }, SECRET_CONFIG);
      stacks.push(stack);
      return stack;
    };
    const fleet = await make(programConfig(FLEET, REFERENCE));
    const updater = operations.includes("update") ? await make(programConfig(RENAMED)) : undefined;
    const adopter = operations.includes("adopt") ? await make(programConfig(NEWCOMERS)) : undefined;
    await fleet.up();
    await updater?.up();
    runner = new RowRunner({
      emu,
      fleet,
      updater,
      adopter,
      project: PROJECT,
      baseConfig: base,
      baseSecrets: SECRET_CONFIG,
      secrets: secretValues(),
      logDir: path.join(SCRATCH_ROOT, "reliability-logs"),
    });
  }, 300_000);

  afterAll(async () => {
    try {
      if (run.rows.length > 0) onDone?.(run);
    } finally {
      for (const s of stacks) s.cleanup();
      await emu?.close();
      restoreEnv?.();
    }
  });

  test("the fleet stack holds every adopted instance and the read-only reference", async () => {
    const r = runner as RowRunner;
    const { snapshot } = await r.snapshot(stacks[0] as E2eStack);
    const byId = new Map([...snapshot.values()].map((s) => [s.id, s]));
    for (const m of FLEET) expect(byId.get(m.kmsInstanceId)?.external).toBe(false);
    expect(byId.get(REFERENCE.kmsInstanceId)?.external).toBe(true);
    expect(snapshot.size).toBe(FLEET.length + 1);
  });

  for (const fault of FAULT_CASES) {
    for (const op of operations) {
      test(`${fault.title} × ${op}: ${fault.expect[op].outcome}`, async () => {
        const row = await (runner as RowRunner).run(fault, op);
        run.rows.push(row);
        expect(row.problems).toEqual([]);
        expect(row.stateKept).toBe(true);
        expect(row.outcome).toBe(fault.expect[op].outcome === "succeeds" ? "succeeded" : "failed");
      });
    }
  }
  return run;
}
