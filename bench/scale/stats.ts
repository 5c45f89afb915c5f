/**
 * The arithmetic of the scale benchmark, kept pure so it is tested without a CLI: medians of
 * repeated timings and ratios of paired (same-round) timings.
 */

/**
 * The median of `xs` (the mean of the two middle values for an even count). Medians, not
 * means: on a shared machine one round disturbed by another process must not decide a result.
 * Throws on an empty list, which would mean a bench measured nothing.
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error("median of no values");
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The median of the per-round ratios `subject[i] / baseline[i]`. Pairing by round means both
 * timings of a ratio saw the same machine load (they run back to back, interleaved), so load
 * that drifts between rounds cancels out of the ratio.
 */
export function pairedRatio(subject: readonly number[], baseline: readonly number[]): number {
  if (subject.length !== baseline.length) {
    throw new Error(`unpaired timings: ${subject.length} against ${baseline.length}`);
  }
  if (baseline.some((b) => !(b > 0))) throw new Error("a baseline timing is not positive");
  return median(subject.map((s, i) => s / baseline[i]));
}

/**
 * The order in which the kinds run in round `round`: the list rotated by one per round, so no
 * kind always runs first (right after the previous N's stacks were removed) or last.
 */
export function rotation<T>(kinds: readonly T[], round: number): T[] {
  if (kinds.length === 0) return [];
  const k = ((round % kinds.length) + kinds.length) % kinds.length;
  return [...kinds.slice(k), ...kinds.slice(0, k)];
}
