/**
 * Remembers signature nonces for the replay window. Entries expire in insertion order, so pruning
 * only ever looks at the oldest ones and costs nothing per request in the steady state.
 */

/** The window within which a nonce may not be reused, and dates must fall (15 minutes). */
export const REPLAY_WINDOW_MS = 15 * 60 * 1000;

/** Upper bound on remembered nonces; beyond it the oldest are forgotten first. */
const MAX_ENTRIES = 1_000_000;

/** A set of nonces seen within the replay window. */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  /** Records the nonce; false when it was already used within the window. */
  use(nonce: string, nowMs: number): boolean {
    this.prune(nowMs);
    const expires = this.seen.get(nonce);
    if (expires !== undefined && expires > nowMs) return false;
    this.seen.delete(nonce);
    this.seen.set(nonce, nowMs + REPLAY_WINDOW_MS);
    return true;
  }

  /** Forgets every nonce. */
  clear(): void {
    this.seen.clear();
  }

  private prune(nowMs: number): void {
    for (const [nonce, expires] of this.seen) {
      if (expires > nowMs && this.seen.size <= MAX_ENTRIES) break;
      this.seen.delete(nonce);
    }
  }
}
