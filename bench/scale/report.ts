/**
 * The scale benchmark's results: raw timings in, a table of medians and ratios out, plus one
 * machine-readable line (`SCALE_RESULT {json}`) that `npm test` and the docs check against.
 * Pure, so the table's arithmetic and shape are unit-tested.
 */
import { median, pairedRatio } from "./stats";

/**
 * The operations measured, as the CLI is invoked for each. `refresh --yes` includes its preview,
 * as users run it, so it reads every resource twice; `preview --refresh` reads once.
 */
export const OPERATIONS = {
  up: ["up", "--yes", "--skip-preview"],
  refresh: ["refresh", "--yes", "--expect-no-changes"],
  "preview-refresh": ["preview", "--refresh", "--expect-no-changes"],
} as const;

/** One of the measured operations. */
export type Operation = keyof typeof OPERATIONS;

/** Wall times (seconds) of one operation at one size, per kind, one entry per round. */
export interface Timings {
  /** Fleet size N. */
  size: number;
  /** The operation. */
  op: Operation;
  /** The subject: N adopted KmsInstances. */
  kms: number[];
  /** Baseline 1: N trivial dynamic resources. */
  trivial: number[];
  /** Baseline 2: N trivial dynamic resources with a KmsInstance's outputs. */
  wide: number[];
  /**
   * Baseline 3, the floor of any adopting provider: the wide baseline plus one bare signed
   * `GetKmsInstance` per create and read.
   */
  call: number[];
  /** CPU seconds per round: each kind's CLI run (with program and plugins), and the emulator's. */
  cpu: {
    kms: number[];
    trivial: number[];
    wide: number[];
    call: number[];
    /** The in-process emulator during the subject's run: work the two first baselines do not cause. */
    emulator: number[];
    /** The in-process emulator during the call baseline's run. */
    callEmulator: number[];
  };
}

/** One row of the table. */
export interface Row {
  /** Fleet size N. */
  size: number;
  /** The operation. */
  op: Operation;
  /** Rounds measured. */
  rounds: number;
  /** Median wall time of each kind, seconds. */
  medianSeconds: { kms: number; trivial: number; wide: number; call: number };
  /**
   * Median CPU seconds of each kind's CLI run, and of the emulator (in the bench's process, on
   * the same cores as the CLI) answering the subject's calls and the call baseline's.
   */
  medianCpuSeconds: {
    kms: number;
    trivial: number;
    wide: number;
    call: number;
    emulator: number;
    callEmulator: number;
  };
  /**
   * Median over rounds of (kms CLI CPU + emulator CPU) / wide CLI CPU: the cost ratio in CPU,
   * which the machine's load hardly moves, as a cross-check of the wall-time ratio.
   */
  cpuKmsToWide: number;
  /** Median over rounds of (call CLI CPU + its emulator CPU) / wide CLI CPU: the floor's ratio. */
  cpuCallToWide: number;
  /**
   * Median over rounds of (kms + emulator) / (call + its emulator) CPU: what the provider costs
   * beyond the one signed call each create and read makes.
   */
  cpuKmsToCall: number;
  /** Median over rounds of kms/wide, each pair from the same round. */
  kmsToWide: number;
  /** Median over rounds of trivial/wide (what the outputs' width costs, inverted). */
  trivialToWide: number;
  /** Median over rounds of call/wide wall time: the floor's ratio. */
  callToWide: number;
  /** Median over rounds of kms/call wall time. */
  kmsToCall: number;
}

/** The throttled refresh, over its rounds. */
export interface ThrottleResult {
  /** Instances refreshed. */
  instances: number;
  /** The emulator's quota, requests per second. */
  rps: number;
  /** Rounds measured. */
  rounds: number;
  /** instances / rps: no client can refresh faster under the quota. */
  floorSeconds: number;
  /** Median wall time of the throttled `pulumi refresh`. */
  medianSeconds: number;
  /** Median wall time of the same refresh without the quota, run beside it each round. */
  medianUnthrottledSeconds: number;
  /** Median time from the first API request to the last answer of the throttled refreshes. */
  medianApiSpanSeconds: number;
  /** Median time from the CLI's start to the first request (no client can pace it). */
  medianBeforeFirstRequestSeconds: number;
  /** Median time from the last answer to the CLI's exit. */
  medianAfterLastAnswerSeconds: number;
  /** Median time from the CLI's start to the first request in the refresh without the quota. */
  medianUnthrottledBeforeFirstRequestSeconds: number;
  /** The same for the call baseline's refresh of the same instances (nothing of the provider's). */
  medianCallBeforeFirstRequestSeconds: number;
  /** Median count of `Throttling.User` answers per throttled refresh. */
  medianThrottled: number;
  /** Instances not read, summed over every throttled round (0 is the only acceptable value). */
  failures: number;
}

/** The machine and tools a run measured on. */
export interface MachineNotes {
  /** ISO time the run started. */
  date: string;
  /** CPUs available to Node (`os.availableParallelism()`, what `nproc` prints). */
  nproc: number;
  /** Load averages (1, 5, 15 min) when measuring started. */
  loadBefore: number[];
  /** Load averages (1, 5, 15 min) when it ended. */
  loadAfter: number[];
  /** Node.js version. */
  node: string;
  /** `pulumi version`. */
  pulumi: string;
}

/** Everything one run measured. */
export interface ScaleResult {
  /** Where and when. */
  machine: MachineNotes;
  /** The table, in measurement order. */
  rows: Row[];
  /** The throttled refresh. */
  throttle: ThrottleResult;
}

/** The table rows from raw timings. */
export function toRows(timings: readonly Timings[]): Row[] {
  return timings.map((t) => {
    const kmsCpu = t.cpu.kms.map((k, i) => k + t.cpu.emulator[i]);
    const callCpu = t.cpu.call.map((c, i) => c + t.cpu.callEmulator[i]);
    return {
      size: t.size,
      op: t.op,
      rounds: t.wide.length,
      medianSeconds: {
        kms: median(t.kms),
        trivial: median(t.trivial),
        wide: median(t.wide),
        call: median(t.call),
      },
      medianCpuSeconds: {
        kms: median(t.cpu.kms),
        trivial: median(t.cpu.trivial),
        wide: median(t.cpu.wide),
        call: median(t.cpu.call),
        emulator: median(t.cpu.emulator),
        callEmulator: median(t.cpu.callEmulator),
      },
      cpuKmsToWide: pairedRatio(kmsCpu, t.cpu.wide),
      cpuCallToWide: pairedRatio(callCpu, t.cpu.wide),
      cpuKmsToCall: pairedRatio(kmsCpu, callCpu),
      kmsToWide: pairedRatio(t.kms, t.wide),
      trivialToWide: pairedRatio(t.trivial, t.wide),
      callToWide: pairedRatio(t.call, t.wide),
      kmsToCall: pairedRatio(t.kms, t.call),
    };
  });
}

/** Summarises the throttled rounds. */
export function toThrottleResult(input: {
  instances: number;
  rps: number;
  rounds: readonly {
    seconds: number;
    unthrottledSeconds: number;
    apiSpanMs: number;
    beforeFirstRequestMs: number;
    afterLastAnswerMs: number;
    unthrottledBeforeFirstRequestMs: number;
    callBeforeFirstRequestMs: number;
    throttled: number;
    failures: number;
  }[];
}): ThrottleResult {
  const r = input.rounds;
  return {
    instances: input.instances,
    rps: input.rps,
    rounds: r.length,
    floorSeconds: input.instances / input.rps,
    medianSeconds: median(r.map((x) => x.seconds)),
    medianUnthrottledSeconds: median(r.map((x) => x.unthrottledSeconds)),
    medianApiSpanSeconds: median(r.map((x) => x.apiSpanMs / 1000)),
    medianBeforeFirstRequestSeconds: median(r.map((x) => x.beforeFirstRequestMs / 1000)),
    medianAfterLastAnswerSeconds: median(r.map((x) => x.afterLastAnswerMs / 1000)),
    medianUnthrottledBeforeFirstRequestSeconds: median(
      r.map((x) => x.unthrottledBeforeFirstRequestMs / 1000),
    ),
    medianCallBeforeFirstRequestSeconds: median(r.map((x) => x.callBeforeFirstRequestMs / 1000)),
    medianThrottled: median(r.map((x) => x.throttled)),
    failures: r.reduce((sum, x) => sum + x.failures, 0),
  };
}

function pad(text: string, width: number, right = true): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/**
 * The table of medians and ratios, one line per size and operation: wall seconds of each kind
 * and the wall ratios, then CPU seconds (the subject's and the call baseline's with the
 * emulator's answering them) and the CPU ratios.
 */
export function formatTable(rows: readonly Row[]): string {
  const columns: [string, number, (r: Row) => string][] = [
    ["N", 5, (r) => String(r.size)],
    ["operation", -17, (r) => (r.op === "preview-refresh" ? "preview --refresh" : r.op)],
    ["kms s", 7, (r) => r.medianSeconds.kms.toFixed(2)],
    ["trivial s", 9, (r) => r.medianSeconds.trivial.toFixed(2)],
    ["wide s", 7, (r) => r.medianSeconds.wide.toFixed(2)],
    ["call s", 7, (r) => r.medianSeconds.call.toFixed(2)],
    ["kms/wide", 8, (r) => r.kmsToWide.toFixed(2)],
    ["trivial/wide", 12, (r) => r.trivialToWide.toFixed(2)],
    ["call/wide", 9, (r) => r.callToWide.toFixed(2)],
    ["kms/call", 8, (r) => r.kmsToCall.toFixed(2)],
    ["cpu: kms+emu", 12, (r) => (r.medianCpuSeconds.kms + r.medianCpuSeconds.emulator).toFixed(2)],
    ["wide", 6, (r) => r.medianCpuSeconds.wide.toFixed(2)],
    ["call+emu", 8, (r) => (r.medianCpuSeconds.call + r.medianCpuSeconds.callEmulator).toFixed(2)],
    ["kms/wide", 8, (r) => r.cpuKmsToWide.toFixed(2)],
    ["call/wide", 9, (r) => r.cpuCallToWide.toFixed(2)],
    ["kms/call", 8, (r) => r.cpuKmsToCall.toFixed(2)],
    ["rounds", 6, (r) => String(r.rounds)],
  ];
  const cell = (text: string, width: number): string =>
    width < 0 ? pad(text, -width, false) : pad(text, width);
  const header = columns.map(([title, width]) => cell(title, width)).join(" ");
  const lines = rows.map((r) => columns.map(([, width, value]) => cell(value(r), width)).join(" "));
  return [header, ...lines].join("\n");
}

/** The throttled refresh in a few lines. */
export function formatThrottle(t: ThrottleResult): string {
  const x = (s: number): string => `${(s / t.floorSeconds).toFixed(2)}× the floor`;
  return [
    `throttled refresh (refresh --yes --skip-preview: one read per instance): ${t.instances} ` +
      `instances, quota ${t.rps} requests/s ` +
      `(floor ${t.floorSeconds.toFixed(1)} s), ${t.rounds} round(s), medians:`,
    `  pulumi refresh wall time      ${t.medianSeconds.toFixed(2)} s = ${x(t.medianSeconds)}`,
    `  CLI start → first request     ${t.medianBeforeFirstRequestSeconds.toFixed(2)} s`,
    `  first request → last answer   ${t.medianApiSpanSeconds.toFixed(2)} s = ${x(t.medianApiSpanSeconds)}`,
    `  last answer → CLI exit        ${t.medianAfterLastAnswerSeconds.toFixed(2)} s`,
    `  same refresh without quota    ${t.medianUnthrottledSeconds.toFixed(2)} s`,
    `  without quota, CLI start → first request: ` +
      `${t.medianUnthrottledBeforeFirstRequestSeconds.toFixed(2)} s; ` +
      `call baseline ${t.medianCallBeforeFirstRequestSeconds.toFixed(2)} s`,
    `  throttled answers (retried)   ${t.medianThrottled}`,
    `  failures (all rounds)         ${t.failures}`,
  ].join("\n");
}

/** The prefix of the machine-readable result line. */
export const RESULT_PREFIX = "SCALE_RESULT ";

/** The machine-readable result line. */
export function resultLine(result: ScaleResult): string {
  return RESULT_PREFIX + JSON.stringify(result);
}
