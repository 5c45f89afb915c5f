/**
 * One notice per operation that had to retry: "kst-…: 62 throttled calls retried (limiter at
 * 18 req/s); read took 6.1 s". Retries are otherwise silent — a throttled refresh would only look
 * slow — and one line per retry would flood the display. The core (`kms-core.ts`) wraps create, read and
 * update in `withRetryNotice`; the counts come from the KMS client through `collectCallStats`.
 */
import { collectCallStats, type CallStats } from "../kms/retry";
import type { Log } from "./region-context";

/** The operations that call the KMS API. */
export type RetriedOperation = "create" | "read" | "update";

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The notice for one operation, or undefined when nothing was retried.
 * @param limiterRate the limiter's rate when it paces, for the reader to see why it took long.
 */
export function retryNoticeMessage(
  kmsInstanceId: string,
  operation: RetriedOperation,
  stats: CallStats,
  elapsedMs: number,
  limiterRate: number | undefined,
): string | undefined {
  const parts: string[] = [];
  if (stats.throttledRetries > 0) {
    parts.push(plural(stats.throttledRetries, "throttled call", "throttled calls"));
  }
  if (stats.transientRetries > 0) {
    parts.push(plural(stats.transientRetries, "transient failure", "transient failures"));
  }
  if (parts.length === 0) return undefined;
  const limiter =
    stats.throttledRetries > 0 && limiterRate !== undefined
      ? ` (limiter at ${Math.round(limiterRate)} req/s)`
      : "";
  return (
    `${kmsInstanceId}: ${parts.join(" and ")} retried${limiter}; ` +
    `${operation} took ${(elapsedMs / 1000).toFixed(1)} s`
  );
}

/**
 * Runs one operation and, when its API calls were retried, shows exactly one info message saying
 * so (whether the operation then succeeded or failed).
 */
export async function withRetryNotice<T>(
  log: Pick<Log, "info">,
  operation: RetriedOperation,
  kmsInstanceId: string,
  fn: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  const started = now();
  const { stats, result } = collectCallStats(fn);
  try {
    return await result;
  } finally {
    const message = retryNoticeMessage(
      kmsInstanceId,
      operation,
      stats,
      now() - started,
      stats.limiter?.rate(),
    );
    if (message !== undefined) log.info(message);
  }
}
