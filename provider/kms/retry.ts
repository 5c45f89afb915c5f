/**
 * Bounded retry with exponential backoff and full jitter. `@alicloud/openapi-client` never
 * retries on the `callApi` path, so this is the only retry between the provider and the API.
 * Clock, sleep and randomness are injectable so the policy is tested with a fake clock.
 */
import { classifyError, KmsError, RETRYABLE_KINDS } from "./errors";

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
}

/** What `onRetry` is told. */
export interface RetryInfo {
  /** The attempt that just failed, from 1. */
  attempt: number;
  /** The wait before the next attempt. */
  delayMs: number;
  /** Why the attempt failed. */
  error: unknown;
}

/** Default budget of a retried call. */
export const DEFAULT_MAX_ELAPSED_MS = 60_000;
/** Default cap of the first wait. */
export const DEFAULT_BASE_DELAY_MS = 250;
/** Default largest wait. */
export const DEFAULT_MAX_DELAY_MS = 8_000;
/** Default most attempts. */
export const DEFAULT_MAX_ATTEMPTS = 100;

/** Whether a failure is worth another attempt (throttled or transient). */
export function isRetryable(err: unknown): boolean {
  return RETRYABLE_KINDS.has(classifyError(err));
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
 * wait would end past `maxElapsedMs` (or `maxAttempts` were made) — then the last error is thrown, saying how many attempts
 * were made over how long (a `KmsError` gets `attempts`/`elapsedMs` and a longer message).
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxElapsedMs = options.maxElapsedMs ?? DEFAULT_MAX_ELAPSED_MS;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;

  const start = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!isRetryable(err)) throw err;
      const delayMs = backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
      const elapsed = now() - start;
      if (elapsed + delayMs > maxElapsedMs || attempt >= maxAttempts) {
        throw gaveUp(err, attempt, elapsed);
      }
      options.onRetry?.({ attempt, delayMs, error: err });
      await sleep(delayMs);
    }
  }
}

function gaveUp(err: unknown, attempts: number, elapsedMs: number): unknown {
  if (err instanceof KmsError) return err.withAttempts(attempts, elapsedMs);
  if (err instanceof Error) {
    err.message += ` (gave up after ${attempts} attempts over ${(elapsedMs / 1000).toFixed(1)} s)`;
  }
  return err;
}
