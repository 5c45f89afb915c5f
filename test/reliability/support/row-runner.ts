/**
 * Runs one row of the matrix: sets the fault, runs the one CLI command of the operation and times
 * it, clears the fault, and judges the row from the exit code, the output and
 * `pulumi stack export`. One stack per operation kind, reused across rows (a row that keeps state
 * leaves its stack as it found it); a row that damaged state is repaired before the next one.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { RequestLogEntry, RunningEmulator } from "../../../emulator";
import type { E2eStack, RunResult } from "../../e2e/support/stack";
import { genericMessage, firstErrorLine, parseDiagnostics } from "./cli-diagnostics";
import type { ConfigChange, FaultCase } from "./fault-cases";
import { FLEET, NEWCOMERS, REFERENCE, RENAMED, programConfig, type FleetMember } from "./fleet";
import type { Operation, RowResult } from "./matrix-types";
import {
  describeDiff,
  diffSnapshots,
  isUnchanged,
  snapshotOf,
  type InstanceSnapshot,
} from "./state-snapshot";

/** Actions that change an instance. */
export const MUTATING_ACTIONS: ReadonlySet<string> = new Set([
  "UpdateKmsInstance",
  "UpdateKmsInstanceBindVpc",
  "SetDeletionProtection",
  "TagResources",
  "UntagResources",
  "ConnectKmsInstance",
]);

/**
 * The CLI arguments of an operation. A plain `pulumi refresh` configures the provider from the
 * config recorded in state at the last `up` (the default provider's inputs), not from the stack
 * config: a row that changes config refreshes with `--run-program`, which configures it from the
 * stack config as it is now.
 */
export function commandOf(op: Operation, changesConfig: boolean): string[] {
  if (op === "refresh") {
    return ["refresh", "--yes", "--skip-preview", ...(changesConfig ? ["--run-program"] : [])];
  }
  return ["up", "--yes", "--skip-preview"];
}

type Snapshot = Map<string, InstanceSnapshot>;

/** What the runner works with. */
export interface RunnerSetup {
  /** The emulator every stack talks to. */
  emu: RunningEmulator;
  /** The refresh stack: `FLEET` adopted, `REFERENCE` read-only. */
  fleet: E2eStack;
  /**
   * The update stack: `RENAMED` adopted, nothing else, so its `up` calls the API for the
   * declared rename only (a read-only reference would be read by every `up`, and the engine
   * stops starting steps after the first failure: the update might then never run).
   */
  updater?: E2eStack;
  /** The adopt stack: adopts `NEWCOMERS`; has adopted nothing before each row. */
  adopter?: E2eStack;
  /** The project name of the fleet program (project config keys are `<project>:<key>`). */
  project: string;
  /** The stack config every row starts from (non-secret). */
  baseConfig: Readonly<Record<string, string>>;
  /** The secret stack config every row starts from. */
  baseSecrets: Readonly<Record<string, string>>;
  /** Values that must never appear in output or state. */
  secrets: readonly string[];
  /** When set, each row's CLI output is written here as `<fault>--<operation>.log`. */
  logDir?: string;
}

/** Runs rows against the three stacks of the matrix. */
export class RowRunner {
  /** The last export of the refresh and update stacks (none after a command ran on them). */
  private readonly snapshots = new Map<E2eStack, Snapshot>();
  private renames = 0;
  private adoptStacks = 0;
  /**
   * Whether the refresh stack's state may record a provider config other than the base one (a
   * command ran the program under a config fault); a plain refresh would use it, so the next
   * one resyncs first.
   */
  private providerConfigStale = false;
  /** The names the update program declares now (a failed update leaves its rename declared). */
  private declared: FleetMember[] = RENAMED.map((m) => ({ ...m }));

  constructor(private readonly s: RunnerSetup) {}

  /** The stack an operation's rows run on (a suite of refresh rows only sets up no other). */
  private stackFor(op: Operation): E2eStack {
    const stack = { refresh: this.s.fleet, update: this.s.updater, adopt: this.s.adopter }[op];
    if (!stack) throw new Error(`no ${op} stack was set up for this run`);
    return stack;
  }

  /** The KMS instances of a stack's state now. */
  async snapshot(stack: E2eStack): Promise<{ snapshot: Snapshot; text: string }> {
    const { text, resources } = await stack.exportState();
    return { snapshot: snapshotOf(resources), text };
  }

  /** Runs one row and judges it; never throws for a row that merely misbehaved. */
  async run(fault: FaultCase, op: Operation): Promise<RowResult> {
    const expectation = fault.expect[op];
    const problems: string[] = [];
    const stack = this.stackFor(op);
    const change = fault.config?.(this.s.emu) ?? {};
    const changesConfig = Object.keys(change).length > 0;
    const command = commandOf(op, changesConfig);
    if (op === "refresh" && !changesConfig && this.providerConfigStale) {
      await this.resync(this.s.fleet);
    }
    const before = op === "adopt" ? new Map<string, InstanceSnapshot>() : await this.before(stack);

    // update: declare a rename of the first instance (a fresh name each time).
    const target = this.declared[0] as FleetMember;
    const newName = `reliability-upd-a-${++this.renames}`;
    const liveNameBefore = this.liveName(target.kmsInstanceId);
    if (op === "update") {
      this.declared[0] = { ...target, instanceName: newName };
      await this.setProgram(this.declared);
    }

    await this.applyConfig(stack, change);
    if (op === "refresh" && changesConfig) this.providerConfigStale = true;
    let result: RunResult;
    let elapsedMs: number;
    this.s.emu.control.resetStats();
    try {
      if (fault.emulator) this.s.emu.control.setFaults(fault.emulator);
      const t0 = Date.now();
      result = await stack.run(command);
      elapsedMs = Date.now() - t0;
    } finally {
      this.s.emu.control.clearFaults();
      await this.restoreConfig(stack, change);
    }
    const log = this.s.emu.control.requests();
    this.keepLog(fault, op, result, log);

    const outcome = result.code === 0 ? "succeeded" : "failed";
    const wanted = expectation.outcome === "succeeds" ? "succeeded" : "failed";
    if (outcome !== wanted)
      problems.push(`expected the command to ${expectation.outcome.slice(0, -1)}`);
    if (outcome === "failed" && expectation.message) {
      const p = suspicionProblem(result.output, expectation.message);
      if (p) problems.push(p);
    }
    if (outcome === "failed" && expectation.sameMessageForEveryResource) {
      // The update stack's `up` calls the API for one instance; the others for several.
      const p = sameMessageProblem(result.output, op === "update" ? 1 : 2);
      if (p) problems.push(p);
    }
    const evidence = fault.evidence?.(log, elapsedMs, op);
    if (evidence) problems.push(evidence);
    const mutations = log.filter((r) => MUTATING_ACTIONS.has(r.action) && r.status === 200);
    if (op !== "update" || outcome === "failed") {
      if (mutations.length > 0) {
        problems.push(
          `${mutations.length} changing call(s): ${mutations.map((m) => m.action).join(", ")}`,
        );
      }
    }

    const after = await this.snapshot(stack);
    for (const secret of this.s.secrets) {
      if (result.output.includes(secret)) problems.push("a credential appears in the CLI output");
      if (after.text.includes(secret)) problems.push("a credential appears in the state");
    }

    // State kept: computed from the export.
    let stateNote: string | undefined;
    if (op === "adopt") {
      stateNote =
        outcome === "succeeded" ? adoptedNote(after.snapshot) : createdNote(after.snapshot);
    } else {
      const allowed = new Map<string, Record<string, unknown>>();
      const urnA = [...before.keys()].find((u) => u.endsWith(`::${target.name}`));
      if (op === "update" && outcome === "succeeded" && urnA) {
        allowed.set(urnA, { instanceName: newName });
        const live = this.liveName(target.kmsInstanceId);
        if (live !== newName) problems.push(`the instance is named ${live}, not ${newName}`);
      } else if (op === "update") {
        const live = this.liveName(target.kmsInstanceId);
        if (live !== liveNameBefore) problems.push(`the instance was renamed to ${live}`);
      }
      const diff = diffSnapshots(before, after.snapshot, allowed);
      stateNote = isUnchanged(diff) ? undefined : describeDiff(diff);
      this.snapshots.set(stack, after.snapshot);
    }
    const stateKept = stateNote === undefined;
    if (!stateKept) problems.push(`state not kept: ${stateNote}`);

    await this.tidy(op, stack, after.snapshot);
    return {
      fault: fault.title,
      operation: op,
      command: `pulumi ${command.join(" ")}`,
      expected: expectation.outcome,
      outcome,
      exitCode: result.code,
      elapsedMs,
      stateKept,
      ...(stateNote !== undefined ? { stateNote } : {}),
      ...(outcome === "failed"
        ? { message: firstErrorLine(result.output, expectation.message) ?? "(no error line)" }
        : {}),
      asExpected: problems.length === 0,
      problems,
    };
  }

  private keepLog(
    fault: FaultCase,
    op: Operation,
    result: RunResult,
    requests: readonly RequestLogEntry[],
  ): void {
    if (!this.s.logDir) return;
    fs.mkdirSync(this.s.logDir, { recursive: true });
    const file = `${fault.title.replace(/[^a-z0-9]+/gi, "-")}--${op}.log`;
    const calls = requests.map(
      (r) => `${r.action} ${r.region} ${r.status} ${r.code ?? ""} ${r.ms}ms`,
    );
    const text = `exit ${result.code}\n${result.output}\n--- emulator requests\n${calls.join("\n")}\n`;
    fs.writeFileSync(path.join(this.s.logDir, file), text);
  }

  /** A stack's state before a row (the previous row's export, when nothing ran since). */
  private async before(stack: E2eStack): Promise<Snapshot> {
    let snap = this.snapshots.get(stack);
    if (!snap) {
      snap = (await this.snapshot(stack)).snapshot;
      this.snapshots.set(stack, snap);
    }
    return snap;
  }

  private liveName(id: string): unknown {
    return this.s.emu.control.getInstance(id)?.KmsInstance.InstanceName;
  }

  /** Sets the instances the update stack's program adopts. */
  private async setProgram(members: readonly FleetMember[]): Promise<void> {
    const cfg = programConfig(members);
    const values: Record<string, { value: string; objectValue: unknown; secret: boolean }> = {};
    for (const [k, v] of Object.entries(cfg)) {
      values[`${this.s.project}:${k}`] = {
        value: JSON.stringify(v),
        objectValue: v,
        secret: false,
      };
    }
    await this.stackFor("update").ok(["config", "set-all", "--json", JSON.stringify(values)]);
  }

  private async applyConfig(stack: E2eStack, change: ConfigChange): Promise<void> {
    const set: Record<string, { value: string; secret: boolean }> = {};
    const remove: string[] = [];
    for (const [k, v] of Object.entries(change)) {
      if (v === null) remove.push(k);
      else set[k] = { value: v.value, secret: v.secret === true };
    }
    if (Object.keys(set).length)
      await stack.ok(["config", "set-all", "--json", JSON.stringify(set)]);
    if (remove.length) await stack.ok(["config", "rm-all", ...remove]);
  }

  /** Puts back the base value of every key `change` touched. */
  private async restoreConfig(stack: E2eStack, change: ConfigChange): Promise<void> {
    const set: Record<string, { value: string; secret: boolean }> = {};
    const remove: string[] = [];
    for (const k of Object.keys(change)) {
      const secret = this.s.baseSecrets[k];
      const plain = this.s.baseConfig[k];
      if (secret !== undefined) set[k] = { value: secret, secret: true };
      else if (plain !== undefined) set[k] = { value: plain, secret: false };
      else remove.push(k);
    }
    if (Object.keys(set).length)
      await stack.ok(["config", "set-all", "--json", JSON.stringify(set)]);
    if (remove.length) await stack.ok(["config", "rm-all", ...remove]);
  }

  /**
   * Leaves the stacks ready for the next row: the adopt program on a stack that has adopted
   * nothing (after a successful adoption, a new stack with the base config: cheaper than a
   * destroy), the refresh and update stacks holding every instance again when a row dropped some.
   */
  private async tidy(op: Operation, stack: E2eStack, after: Snapshot): Promise<void> {
    if (op === "adopt") {
      if (after.size > 0) {
        const name = `adopt-${++this.adoptStacks}`;
        await stack.ok(["stack", "init", name, "--copy-config-from", stack.name]);
      }
      return;
    }
    const expected = op === "refresh" ? FLEET.length + 1 : RENAMED.length;
    if (after.size < expected) await this.resync(stack);
  }

  /**
   * A clean `pulumi up` (no fault, base config): adopts any instance a row dropped, applies a
   * rename a failed update left declared, and records the base provider config again.
   */
  private async resync(stack: E2eStack): Promise<void> {
    await stack.up();
    this.snapshots.delete(stack);
    if (stack === this.s.fleet) this.providerConfigStale = false;
  }
}

/**
 * A problem unless the failure names the suspicion: every KMS instance that reported an error
 * must match `pattern` (an operator reads the error of the resource in front of them), or, when
 * no instance reported one, the output as a whole.
 */
export function suspicionProblem(output: string, pattern: RegExp): string | undefined {
  const failed = parseDiagnostics(output).filter(
    (b) => /KmsInstance$/.test(b.type) && b.errors.length > 0,
  );
  if (failed.length === 0) {
    return pattern.test(output) ? undefined : `no message matching ${pattern}`;
  }
  const silent = failed.filter((b) => !b.errors.some((e) => pattern.test(e))).map((b) => b.name);
  return silent.length === 0 ? undefined : `${silent.join(", ")}: no message matching ${pattern}`;
}

/**
 * A problem unless at least `atLeast` KMS instances reported an error and all reported one and
 * the same message (what differs between resources taken out).
 */
export function sameMessageProblem(output: string, atLeast = 2): string | undefined {
  const names = [...FLEET, REFERENCE, ...RENAMED, ...NEWCOMERS].map((m) => m.name);
  const failed = parseDiagnostics(output).filter(
    (b) => /KmsInstance$/.test(b.type) && b.errors.length > 0,
  );
  if (failed.length < atLeast) {
    return `expected ${atLeast} or more resources to report the error, ${failed.length} did`;
  }
  const distinct = new Set(failed.map((b) => genericMessage(b.errors[0] ?? "", names)));
  return distinct.size === 1
    ? undefined
    : `resources reported ${distinct.size} different messages: ${[...distinct].join(" / ")}`;
}

function adoptedNote(after: Snapshot): string | undefined {
  const ids = [...after.values()].map((s) => s.id).sort();
  const expected = NEWCOMERS.map((m) => m.kmsInstanceId).sort();
  return JSON.stringify(ids) === JSON.stringify(expected)
    ? undefined
    : `adopted ${ids.join(", ") || "nothing"}`;
}

function createdNote(after: Snapshot): string | undefined {
  return after.size === 0
    ? undefined
    : `created ${[...after.values()].map((s) => s.id).join(", ")}`;
}
