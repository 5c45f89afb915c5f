/**
 * Counts of what the KMS client retried, per operation: an operation (create, read, update) runs
 * inside `collectCallStats`, and every client call made within it — however deep, through any
 * pooled client — adds its retries to that operation's counts. AsyncLocalStorage carries the
 * counts, so nothing has to thread them through the call chain.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** What one operation's API calls retried. */
export interface CallStats {
  /** Attempts that were throttled and retried. */
  throttledRetries: number;
  /** Attempts that failed transiently (5xx, network, timeouts) and were retried. */
  transientRetries: number;
}

const current = new AsyncLocalStorage<CallStats>();

/** Runs `fn` with fresh counts; `stats` fills in as it runs. */
export function collectCallStats<T>(fn: () => Promise<T>): {
  stats: CallStats;
  result: Promise<T>;
} {
  const stats: CallStats = { throttledRetries: 0, transientRetries: 0 };
  return { stats, result: current.run(stats, fn) };
}

/** Counts one retry of the current operation (a no-op outside `collectCallStats`). */
export function recordRetry(kind: "throttled" | "transient"): void {
  const stats = current.getStore();
  if (!stats) return;
  if (kind === "throttled") stats.throttledRetries++;
  else stats.transientRetries++;
}
