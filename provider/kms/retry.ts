/**
 * Bounded retry: `@alicloud/openapi-client` never retries on the `callApi` path. Transient failures
 * wait an exponential backoff with full jitter; throttled calls wait for a slot of the shared
 * adaptive limiter instead (when given), so a whole refresh slows to the quota together. Every
 * attempt, the first included, starts in a limiter slot.
 *
 * A write that is not idempotent (`KMS_ACTION_TRAITS`, client.ts) is never re-sent blind: it is
 * retried after a throttling refusal or when no connection was made; a failure that may have been
 * taken (`KmsError.maybeTaken`: no answer within the read timeout, a reset after sending, a 5xx) is
 * thrown at once, marked `notResent`, and the caller reads the instance
 * (`provider/core/connect-instance.ts`).
 *
 * Retries are counted for the operation (create, read, update) whose `collectCallStats` they run
 * in, however deep; AsyncLocalStorage carries the counts, so nothing threads them through.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { classifyError, gaveUpAfter, KmsError, parseError, RETRYABLE_KINDS } from "./errors";
import type { RateController } from "./limiter";

/** What one operation's API calls retried. */
export interface CallStats {
  throttledRetries: number;
  /** 5xx, network, timeouts. */
  transientRetries: number;
  /** The limiter that paced the throttled retries, for its rate. */
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
   * A backstop for when waits and calls take no time (a fake clock, jitter drawing zeros): the
   * time bound alone would never be reached.
   * @default 100
   */
  maxAttempts?: number;
  /** Uniform random in [0, 1). @default Math.random */
  random?: () => number;
  /** @default a `setTimeout` promise */
  sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  now?: () => number;
  /** Told about each retry before its wait (for logs). */
  onRetry?: (info: RetryInfo) => void;
  /** Paces every attempt and learns from the answers; a throttled attempt waits for its slot. */
  limiter?: RateController;
  /**
   * Whether sending the call twice has the same effect as once. When false, a failure that may
   * have been taken (`KmsError.maybeTaken`) is not retried.
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
  error: unknown;
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
 * Runs `fn` until it succeeds, fails with a non-retryable error, or the next wait (backoff plus
 * limiter slot) would end past `maxElapsedMs` or `maxAttempts` were made; then the last error is
 * thrown saying how many attempts were made over how long (a `KmsError` gets `attempts` and
 * `elapsedMs`).
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
      // Any answer but throttling counts as accepted; a network failure says nothing.
      if (limiter && kind === "throttled") {
        limiter.throttled(sentAt, now());
      } else if (limiter && parseError(err).statusCode !== undefined) {
        limiter.accepted(sentAt, now());
      }
      if (!RETRYABLE_KINDS.has(kind)) throw err;
      // Anything but a `KmsError` is assumed to have been taken.
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
