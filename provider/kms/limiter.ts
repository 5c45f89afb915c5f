/**
 * The adaptive rate limiter of one credential identity's session (session.ts): its calls draw on
 * one account quota, so they share one idea of how fast they may go.
 */

/** The constants of the policy. */
export interface LimiterPolicy {
  /** Calls per second. */
  minRate: number;
  /** Calls per second. */
  maxRate: number;
  /** On throttling, the rate becomes this share of the calls accepted in the last `windowMs`. */
  decreaseFactor: number;
  /** Calls per second the rate grows per second of accepted calls. */
  increasePerSecond: number;
  /** Over which accepted calls are counted, in ms. */
  windowMs: number;
}

export const DEFAULT_LIMITER_POLICY: Readonly<LimiterPolicy> = Object.freeze({
  minRate: 1,
  maxRate: 1000,
  decreaseFactor: 0.9,
  increasePerSecond: 1,
  windowMs: 1000,
});

/**
 * AIMD pacing. Times are milliseconds on any monotonic clock, passed in by the caller, so behaviour
 * is deterministic.
 *
 * - No pacing until the first throttled answer. Then the rate starts at `decreaseFactor` times the
 *   calls accepted in the last window (the observed quota, a little under). Late answers to calls
 *   sent before then that were accepted raise the starting rate to what they show.
 * - A throttled answer to a call sent after the last decrease lowers the rate to `decreaseFactor`
 *   times the lower of the current rate and the last window's accepted calls, at most once per
 *   window, since every call paced at the old rate within it reports the same overshoot.
 * - Each accepted answer raises the rate by `increasePerSecond` per second since the last change.
 */
export class RateController {
  private currentRate: number | undefined;
  private nextFreeAt = -Infinity;
  private lastDecreaseAt = -Infinity;
  private lastIncreaseAt = -Infinity;
  // When pacing started: answers to calls sent before it refine the starting rate.
  private startedAt = -Infinity;
  // Times of accepted calls in the last window; `head` skips expired entries without shifting.
  private acceptedAt: number[] = [];
  private head = 0;

  constructor(readonly policy: Readonly<LimiterPolicy> = DEFAULT_LIMITER_POLICY) {
    if (!(policy.minRate > 0 && policy.maxRate >= policy.minRate)) {
      throw new Error("limiter policy: need 0 < minRate <= maxRate");
    }
    if (!(policy.decreaseFactor > 0 && policy.decreaseFactor < 1)) {
      throw new Error("limiter policy: decreaseFactor must be in (0, 1)");
    }
    if (!(policy.increasePerSecond >= 0 && policy.windowMs > 0)) {
      throw new Error("limiter policy: need increasePerSecond >= 0 and windowMs > 0");
    }
  }

  /** The current rate in calls per second, or undefined while not pacing. */
  rate(): number | undefined {
    return this.currentRate;
  }

  /** When a call asked for at `now` could start, without reserving. */
  nextSlot(now: number): number {
    return Math.max(now, this.nextFreeAt);
  }

  /** Reserves the next slot for a call asked for at `now`; returns when it may start. */
  reserve(now: number): number {
    const at = this.nextSlot(now);
    // Not pacing: every call starts at once.
    this.nextFreeAt = this.currentRate === undefined ? at : at + 1000 / this.currentRate;
    return at;
  }

  /** A call sent at `sentAt` was throttled; told at `now`. */
  throttled(sentAt: number, now: number): void {
    const { decreaseFactor, windowMs } = this.policy;
    if (this.currentRate === undefined) {
      this.currentRate = this.bounded(decreaseFactor * this.acceptedInWindow(now));
      this.startedAt = now;
    } else if (sentAt < this.lastDecreaseAt) {
      // Sent at the old rate: it says nothing about the new one.
      this.refineStart(sentAt, now);
      return;
    } else if (now - this.lastDecreaseAt < windowMs) {
      return;
    } else {
      const basis = Math.min(this.currentRate, this.acceptedInWindow(now));
      this.currentRate = this.bounded(decreaseFactor * basis);
    }
    this.lastDecreaseAt = now;
    this.lastIncreaseAt = now;
  }

  /** A call sent at `sentAt` got an answer other than throttling. */
  accepted(sentAt: number, now: number): void {
    this.acceptedAt.push(now);
    this.prune(now);
    if (this.currentRate === undefined) return;
    if (sentAt < this.startedAt) {
      this.refineStart(sentAt, now);
      return;
    }
    const elapsedS = Math.max(0, now - this.lastIncreaseAt) / 1000;
    this.currentRate = this.bounded(this.currentRate + this.policy.increasePerSecond * elapsedS);
    this.lastIncreaseAt = now;
  }

  /** Calls accepted in the window ending at `now`. */
  acceptedInWindow(now: number): number {
    this.prune(now);
    return this.acceptedAt.length - this.head;
  }

  /** A late answer to a call of the burst that started pacing: the quota may be higher. */
  private refineStart(sentAt: number, now: number): void {
    if (this.currentRate === undefined || sentAt >= this.startedAt) return;
    if (now - this.startedAt >= this.policy.windowMs) return;
    const seen = this.policy.decreaseFactor * this.acceptedInWindow(now);
    this.currentRate = this.bounded(Math.max(this.currentRate, seen));
  }

  private bounded(rate: number): number {
    return Math.min(this.policy.maxRate, Math.max(this.policy.minRate, rate));
  }

  private prune(now: number): void {
    const from = now - this.policy.windowMs;
    while (this.head < this.acceptedAt.length && this.acceptedAt[this.head] <= from) this.head++;
    // So the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.acceptedAt.length) {
      this.acceptedAt = this.acceptedAt.slice(this.head);
      this.head = 0;
    }
  }
}
