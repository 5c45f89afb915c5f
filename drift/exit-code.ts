/**
 * Results and exit codes: 0 clean, 2 drift, 1 error. An error always wins, so a check that
 * could not finish is never reported as clean.
 */
import type { CheckResult, InstanceReport, StackReport } from "./report";

/** The process exit code of each result. */
export const EXIT_CODES: Readonly<Record<CheckResult, 0 | 1 | 2>> = {
  clean: 0,
  drift: 2,
  error: 1,
};

const RANK: Readonly<Record<CheckResult, number>> = { clean: 0, drift: 1, error: 2 };

/** The worst of several results (`error` over `drift` over `clean`); `clean` for none. */
export function worstResult(results: Iterable<CheckResult>): CheckResult {
  let worst: CheckResult = "clean";
  for (const r of results) if (RANK[r] > RANK[worst]) worst = r;
  return worst;
}

/** A stack's result from its instances: any instance not clean means drift. */
export function resultOfInstances(instances: readonly InstanceReport[]): CheckResult {
  return instances.every((i) => i.status === "clean") ? "clean" : "drift";
}

/** The exit code of a run over `stacks`; no stack at all is an error (nothing was checked). */
export function exitCodeOf(stacks: readonly Pick<StackReport, "result">[]): 0 | 1 | 2 {
  if (stacks.length === 0) return EXIT_CODES.error;
  return EXIT_CODES[worstResult(stacks.map((s) => s.result))];
}
