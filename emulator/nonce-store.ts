/**
 * Remembers signature nonces for the replay window. Entries expire in insertion order, so pruning
 * only ever looks at the oldest ones and costs nothing per request in the steady state.
 */

/** The window within which a nonce may not be reused, and dates must fall (15 minutes). */
export const REPLAY_WINDOW_MS = 15 * 60 * 1000;

/** Upper bound on remembered nonces; beyond it the oldest are forgotten first. */
const MAX_ENTRIES = 1_000_000;

/** A remembered nonce and the epoch ms at which it may be used again. */
export type NonceEntry = readonly [nonce: string, expiresMs: number];

/** Receives every accepted nonce before it counts as used (the `--state` nonce journal). */
export interface NonceSink {
  /** Records the nonce durably enough to refuse its replay after a restart; may throw. */
  record(nonce: string, expiresMs: number): void;
}

/** A set of nonces seen within the replay window. */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  private sink: NonceSink | undefined;

  /** Records the nonce; false when it was already used within the window. */
  use(nonce: string, nowMs: number): boolean {
    this.prune(nowMs);
    const expires = this.seen.get(nonce);
    if (expires !== undefined && expires > nowMs) return false;
    const until = nowMs + REPLAY_WINDOW_MS;
    // The sink first: when it cannot record the nonce, the request fails and leaves no trace here.
    this.sink?.record(nonce, until);
    this.seen.delete(nonce);
    this.seen.set(nonce, until);
    return true;
  }

  /** Sends every nonce accepted from now on to `sink` as well. */
  persistTo(sink: NonceSink): void {
    this.sink = sink;
  }

  /** The nonces still inside the window, oldest first. */
  entries(nowMs: number): NonceEntry[] {
    this.prune(nowMs);
    return [...this.seen];
  }

  /** Adds saved nonces (those still inside the window), keeping the store ordered by expiry. */
  restore(saved: Iterable<NonceEntry>, nowMs: number): void {
    const merged = new Map(this.seen);
    for (const [nonce, expiresMs] of saved) {
      if (expiresMs <= nowMs) continue;
      merged.set(nonce, Math.max(expiresMs, merged.get(nonce) ?? 0));
    }
    const ordered = [...merged].sort((a, b) => a[1] - b[1]).slice(-MAX_ENTRIES);
    this.seen.clear();
    for (const [nonce, expiresMs] of ordered) this.seen.set(nonce, expiresMs);
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
