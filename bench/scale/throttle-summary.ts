/**
 * What one refresh under the emulator's request quota did, from the emulator's request log and
 * counters: how many instances were read, how many calls were throttled, how long the API
 * traffic lasted from the first request to the last answer, and how much of the CLI's wall time
 * fell before the first request and after the last answer (work no client can pace).
 */
import type { EmulatorStats, RequestLogEntry } from "../../emulator";

/** One throttled refresh, summarised. */
export interface ThrottleSummary {
  /** Instances with a successful (HTTP 200) `GetKmsInstance` during the refresh. */
  read: number;
  /** Instances of the stack that were not read, or 1 when the CLI failed with all of them read. */
  failures: number;
  /** Answers `Throttling.User` (each one a call the provider had to retry). */
  throttled: number;
  /** Every signed request of the refresh. */
  requests: number;
  /** From the first request's arrival to the last answer, in milliseconds (0 with no requests). */
  apiSpanMs: number;
  /**
   * From the CLI's start to the first request, in milliseconds: the CLI, the provider process
   * and its first call setting up (0 with no requests).
   */
  beforeFirstRequestMs: number;
  /** From the last answer to the CLI's exit, in milliseconds (0 with no requests). */
  afterLastAnswerMs: number;
  /** True when the emulator's log (its most recent 1000 requests) did not hold the whole refresh. */
  logOverflowed: boolean;
}

/** When a CLI run started and ended (epoch milliseconds, the clock of the log's times). */
export interface CliSpan {
  /** When the CLI was started. */
  startedAtMs: number;
  /** When it exited. */
  endedAtMs: number;
}

/**
 * Milliseconds from the CLI's start to the first request in `log` (0 with no requests): the
 * CLI, its plugins and the provider starting, before any client could make a call.
 */
export function beforeFirstRequestMs(log: readonly RequestLogEntry[], cli: CliSpan): number {
  if (log.length === 0) return 0;
  const first = Math.min(...log.map((e) => Date.parse(e.time)));
  return Math.max(0, first - cli.startedAtMs);
}

function count(stats: EmulatorStats, action: string, status: string): number {
  return stats.byAction[action]?.[status] ?? 0;
}

/**
 * Summarises one refresh of the instances `ids`, given the emulator's log and counters reset
 * just before it. A refresh that exited non-zero counts at least one failure even if every
 * instance was read, since the CLI said it failed. When the log overflowed, the counters' 200s
 * stand in for the per-instance count and their 400s for the throttled answers (the quota is
 * the only fault set, and the quota answers 400 `Throttling.User`).
 */
export function summarizeThrottledRefresh(input: {
  log: readonly RequestLogEntry[];
  stats: EmulatorStats;
  ids: readonly string[];
  exitCode: number;
  /** When the CLI run started and ended. */
  cli: CliSpan;
}): ThrottleSummary {
  const { log, stats } = input;
  const wanted = new Set(input.ids);
  const readIds = new Set<string>();
  let throttled = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const e of log) {
    if (e.action === "GetKmsInstance" && e.status === 200 && e.instanceId !== undefined) {
      if (wanted.has(e.instanceId)) readIds.add(e.instanceId);
    }
    if (e.code === "Throttling.User") throttled++;
    const start = Date.parse(e.time);
    first = Math.min(first, start);
    last = Math.max(last, start + e.ms);
  }
  const logOverflowed = stats.total > log.length;
  const read = logOverflowed
    ? Math.min(wanted.size, count(stats, "GetKmsInstance", "200"))
    : readIds.size;
  let failures = wanted.size - read;
  if (input.exitCode !== 0 && failures === 0) failures = 1;
  return {
    read,
    failures,
    throttled: logOverflowed ? count(stats, "GetKmsInstance", "400") : throttled,
    requests: stats.total,
    apiSpanMs: log.length === 0 ? 0 : last - first,
    beforeFirstRequestMs: beforeFirstRequestMs(log, input.cli),
    afterLastAnswerMs: log.length === 0 ? 0 : Math.max(0, input.cli.endedAtMs - last),
    logOverflowed,
  };
}
