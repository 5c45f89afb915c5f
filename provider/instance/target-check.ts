/**
 * Validation of what a read names — the instance id and the region — before any API call, for
 * the paths that have no `check` step: `getKmsInstance`, `getKmsInstanceOutput`,
 * `listKmsInstances` and the first read of a `KmsInstance.get` reference. Without it a malformed
 * id costs a call and comes back as "does not exist", which hides the typo. The forms are those
 * `checkInputs` enforces (`formats.ts`).
 */
import { kmsInstanceIdProblem, regionProblem } from "./formats";

/** What a read targets; a field left out is not checked. */
export interface ReadTarget {
  /** The instance id, when the read names one. */
  kmsInstanceId?: unknown;
  /** The region, as given or as defaulted. */
  region?: unknown;
  /** Where a defaulted region came from, named in the message (e.g. "the `alicloud:region` config"). */
  regionSource?: string;
}

/**
 * Throws, before any call, when the id or the region is malformed, with one sentence per invalid
 * field (each naming the property and the accepted form):
 * `<subject>: kmsInstanceId must be … No API call was made.`
 */
export function assertReadTarget(subject: string, target: ReadTarget): void {
  const problems: string[] = [];
  const idProblem = "kmsInstanceId" in target && kmsInstanceIdProblem(target.kmsInstanceId);
  if (idProblem) problems.push(`kmsInstanceId ${idProblem}`);
  const inRegion = "region" in target && target.region !== undefined;
  const region = inRegion && regionProblem(target.region);
  if (region) {
    const from = target.regionSource ? ` (from ${target.regionSource})` : "";
    problems.push(`region${from} ${region}`);
  }
  if (problems.length > 0) {
    throw new Error(`${subject}: ${problems.join(" ")} No API call was made.`);
  }
}
