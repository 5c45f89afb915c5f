/**
 * What one run of the scale benchmark measures: the fleet sizes, the number of interleaved
 * rounds, and the throttled refresh. Parsed from the command line and the environment, the way
 * the other benches take their knobs.
 */

/** The measured settings of one run. */
export interface ScaleOptions {
  /** Fleet sizes N: each is measured for every kind and operation. @default [10, 100, 300] */
  sizes: number[];
  /** Interleaved rounds per size; the table shows medians over them. @default 3 */
  rounds: number;
  /** Instances refreshed under the emulator's request quota. @default 100 */
  throttleInstances: number;
  /** The emulator's quota, requests per second (fault `throttleRps`). @default 20 */
  throttleRps: number;
  /** Throttled refreshes (each beside an unthrottled one). @default 3 */
  throttleRounds: number;
  /** True for `--short`: the smallest run that still exercises every path (used by `npm test`). */
  short: boolean;
}

/** The full run: the sizes and quota the issue names. */
export const FULL: Readonly<ScaleOptions> = Object.freeze({
  sizes: [10, 100, 300],
  rounds: 3,
  throttleInstances: 100,
  throttleRps: 20,
  throttleRounds: 3,
  short: false,
});

/**
 * `--short`: N = 3, one round, and 10 instances under a quota of 5 requests/s (a floor of 2 s),
 * so the throttled path runs too. It checks that the bench works, not how fast anything is.
 */
export const SHORT: Readonly<ScaleOptions> = Object.freeze({
  sizes: [3],
  rounds: 1,
  throttleInstances: 10,
  throttleRps: 5,
  throttleRounds: 1,
  short: true,
});

function positiveInt(name: string, text: string): number {
  if (!/^[1-9][0-9]*$/.test(text.trim())) {
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(text)}`);
  }
  return Number(text.trim());
}

/**
 * Reads `--short` from `argv` and the overrides `BENCH_SIZES` (comma-separated), `BENCH_ROUNDS`,
 * `BENCH_THROTTLE_INSTANCES`, `BENCH_THROTTLE_RPS` and `BENCH_THROTTLE_ROUNDS` from `env`.
 * Unknown arguments and malformed numbers are errors: a typo must not run the hour-long default.
 */
export function parseScaleOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ScaleOptions {
  let base: Readonly<ScaleOptions> = FULL;
  for (const arg of argv) {
    if (arg === "--short") base = SHORT;
    else throw new Error(`unknown argument ${JSON.stringify(arg)} (accepted: --short)`);
  }
  const opts: ScaleOptions = { ...base, sizes: [...base.sizes] };
  if (env.BENCH_SIZES !== undefined) {
    opts.sizes = env.BENCH_SIZES.split(",").map((s) => positiveInt("BENCH_SIZES", s));
  }
  if (env.BENCH_ROUNDS !== undefined) opts.rounds = positiveInt("BENCH_ROUNDS", env.BENCH_ROUNDS);
  if (env.BENCH_THROTTLE_INSTANCES !== undefined) {
    opts.throttleInstances = positiveInt("BENCH_THROTTLE_INSTANCES", env.BENCH_THROTTLE_INSTANCES);
  }
  if (env.BENCH_THROTTLE_RPS !== undefined) {
    opts.throttleRps = positiveInt("BENCH_THROTTLE_RPS", env.BENCH_THROTTLE_RPS);
  }
  if (env.BENCH_THROTTLE_ROUNDS !== undefined) {
    opts.throttleRounds = positiveInt("BENCH_THROTTLE_ROUNDS", env.BENCH_THROTTLE_ROUNDS);
  }
  return opts;
}
