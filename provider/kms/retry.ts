/**
 * Bounded retry. `@alicloud/openapi-client` never retries on the `callApi` path, so this is the
 * only retry between the provider and the API. Transient failures wait an exponential backoff
 * with full jitter; throttled calls wait for a slot of the shared adaptive limiter instead (when
 * one is given), so a whole refresh slows to the quota together rather than each call guessing.
 * Every attempt — first ones included — starts in a limiter slot. Clock, sleep, randomness and
 * limiter are injectable so the policy is tested with a fake clock.
 *
 * One policy for every call, reads and writes alike, with one exception: a write that is not
 * idempotent (`idempotent: false`; which actions are is marked in `KMS_ACTION_TRAITS`, client.ts) is
 * never re-sent blind. It is retried only when the failure says the service did not take it (a
 * throttling refusal, or no connection made: `KmsError.maybeTaken` absent); a failure that may
 * have been taken (no answer within the read timeout, a reset after sending, a 5xx) is thrown at
 * once, marked `notResent`, and the caller reads the instance to learn what happened
 * (`provider/core/connect-instance.ts`).
 *
 * Each retry is also counted for the operation it belongs to: an operation (create, read, update)
 * runs inside `collectCallStats`, and every retry made within it — however deep, through any
 * client — adds to that operation's counts. AsyncLocalStorage carries the counts, so nothing has
 * to thread them through the call chain, and a call that is not retried never reads them.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { classifyError, gaveUpAfter, KmsError, parseError, RETRYABLE_KINDS } from "./errors";
import type { RateController } from "./limiter";

/** What one operation's API calls retried. */
export interface CallStats {
  /** Attempts that were throttled and retried. */
  throttledRetries: number;
  /** Attempts that failed transiently (5xx, network, timeouts) and were retried. */
  transientRetries: number;
  /** The limiter that paced the throttled retries (its session's), for its rate. */
  limiter?: RateController;
}

const currentStats = new AsyncLocalStorage<CallStats>();

/** Runs `fn` with fresh counts; `stats` fills in as it runs. */
export function collectCallStats<T>(fn: () => Promise<T>): {
  stats: CallStats;
  result: Promise<T>;
} {
  const stats: CallStats = { throttledRetries: 0, transientRetries: 0 };
  return { stats, result: currentStats.run(stats, fn) };
}

/** How `withRetry` waits and when it gives up. */
export interface RetryOptions {
  /**
   * Total time budget: no wait is started that would end after it.
   * @default 60000
   */
  maxElapsedMs?: number;
  /**
   * Cap of the first wait; doubles per attempt.
   * @default 250
   */
  baseDelayMs?: number;
  /**
   * Largest cap of any one wait.
   * @default 8000
   */
  maxDelayMs?: number;
  /**
   * Most attempts in all, a backstop for when waits and calls take no time (a fake clock, or
   * jitter drawing zeros): the time bound alone would then never be reached.
   * @default 100
   */
  maxAttempts?: number;
  /** Uniform random in [0, 1). @default Math.random */
  random?: () => number;
  /** Waits `ms` milliseconds. @default a `setTimeout` promise */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since some epoch. @default Date.now */
  now?: () => number;
  /** Told about each retry before its wait (for logs); never sees secrets beyond the error. */
  onRetry?: (info: RetryInfo) => void;
  /**
   * Paces every attempt and learns from the answers (see `limiter.ts`). With one, a throttled
   * attempt is retried in the limiter's next slot, without a backoff of its own.
   */
  limiter?: RateController;
  /**
   * Whether sending the call twice has the same effect as sending it once. When false, a
   * failure that may have been taken (`KmsError.maybeTaken`) is not retried.
   * @default true
   */
  idempotent?: boolean;
}

/** What `onRetry` is told. */
export interface RetryInfo {
  /** The attempt that just failed, from 1. */
  attempt: number;
  /** The wait before the next attempt. */
  delayMs: number;
  /** Why the attempt failed. */
  error: unknown;
  /** Whether the failure was throttling or a transient fault. */
  kind: "throttled" | "transient";
}

/**
 * The wait before attempt `attempt + 1` under full jitter: uniform in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(attempt-1)))`.
 */
export function backoffDelay(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}

const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Runs `fn` until it succeeds, fails with a non-retryable error (thrown at once), or the next
 * wait would end past `maxElapsedMs` (or `maxAttempts` were made) — then the last error is
 * thrown, saying how many attempts were made over how long (a `KmsError` gets
 * `attempts`/`elapsedMs` and a longer message). The wait for a retry's limiter slot counts
 * against the budget like a backoff.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxElapsedMs = options.maxElapsedMs ?? 60_000;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 8_000;
  const maxAttempts = options.maxAttempts ?? 100;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const limiter = options.limiter;

  const start = now();
  for (let attempt = 1; ; attempt++) {
    let sentAt = now();
    if (limiter) {
      const slot = limiter.reserve(sentAt);
      if (slot > sentAt) await sleep(slot - sentAt);
      sentAt = now();
    }
    try {
      const result = await fn(attempt);
      limiter?.accepted(sentAt, now());
      return result;
    } catch (err) {
      const kind = classifyError(err);
      // Tells the limiter what the failure says about the quota: any answer from the service
      // other than throttling counts as accepted; a network failure says nothing.
      if (limiter && kind === "throttled") {
        limiter.throttled(sentAt, now());
      } else if (limiter && parseError(err).statusCode !== undefined) {
        limiter.accepted(sentAt, now());
      }
      if (!RETRYABLE_KINDS.has(kind)) throw err;
      // Not re-sent when the service may have acted on the attempt: a `KmsError` says whether it
      // may have; anything else is assumed to have been taken.
      if (options.idempotent === false && kind !== "throttled") {
        if (!(err instanceof KmsError)) throw err;
        if (err.maybeTaken === true) throw new KmsError({ ...err.toInit(), notResent: true });
      }
      const paced = kind === "throttled" && limiter !== undefined;
      const backoff = paced ? 0 : backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
      const t = now();
      const slotWait = limiter ? Math.max(0, limiter.nextSlot(t + backoff) - (t + backoff)) : 0;
      const elapsed = t - start;
      if (elapsed + backoff + slotWait > maxElapsedMs || attempt >= maxAttempts) {
        throw gaveUp(err, attempt, elapsed);
      }
      const retried = kind === "throttled" ? "throttled" : "transient";
      // Counted for the current operation (none outside `collectCallStats`).
      const stats = currentStats.getStore();
      if (stats && retried === "throttled") {
        stats.throttledRetries++;
        if (limiter) stats.limiter = limiter;
      } else if (stats) {
        stats.transientRetries++;
      }
      options.onRetry?.({ attempt, delayMs: backoff + slotWait, error: err, kind: retried });
      // A paced retry waits for its limiter slot at the top of the loop instead.
      if (!paced) await sleep(backoff);
    }
  }
}

function gaveUp(err: unknown, attempts: number, elapsedMs: number): unknown {
  if (err instanceof KmsError) return new KmsError({ ...err.toInit(), attempts, elapsedMs });
  if (err instanceof Error) {
    err.message += ` ${gaveUpAfter(attempts, elapsedMs)}`;
  }
  return err;
}
