/** The value formats that several checks share, with the examples their messages show. */
import { REGION_EXAMPLES, REGION_ID } from "../kms/region";
import { describeValue } from "./properties/property-module";

/** A KMS instance id: `kst-` and 8–64 lowercase letters or digits. */
export const KMS_INSTANCE_ID = /^kst-[a-z0-9]{8,64}$/;
export const KMS_INSTANCE_ID_EXAMPLE = "kst-hzz65f176a0ogplgqxxxx";
export { REGION_ID, REGION_EXAMPLES as REGION_ID_EXAMPLES };
/** A VPC id: `vpc-` and lowercase letters or digits. */
export const VPC_ID = /^vpc-[a-z0-9]{1,64}$/;
export const VPC_ID_FORM =
  "a VPC id (`vpc-` and lowercase letters or digits, e.g. `vpc-bp1k4m4d0ob5mwxxxxxxx`)";
/** A vSwitch id: `vsw-` and lowercase letters or digits. */
export const VSWITCH_ID = /^vsw-[a-z0-9]{1,64}$/;

/** The failure (after the property path) of a value that is no KMS instance id, or undefined. */
export function kmsInstanceIdProblem(id: unknown): string | undefined {
  if (typeof id === "string" && KMS_INSTANCE_ID.test(id)) return undefined;
  return `must be a KMS instance id: \`kst-\` and 8–64 lowercase letters or digits, e.g. \`${KMS_INSTANCE_ID_EXAMPLE}\`; got ${describeValue(id)}.`;
}

/** The failure (after the property path) of a value that is no region id; undefined for one. */
export function regionProblem(region: unknown): string | undefined {
  if (typeof region === "string" && REGION_ID.test(region)) return undefined;
  return `must be a region id (${REGION_EXAMPLES}); got ${describeValue(region)}.`;
}

/** What a read targets; a field left out is not checked. */
export interface ReadTarget {
  kmsInstanceId?: unknown;
  /** As given or as defaulted. */
  region?: unknown;
  /** Where a defaulted region came from, for the message (e.g. "the `alicloud:region` config"). */
  regionSource?: string;
}

/**
 * Throws `<subject>: kmsInstanceId must be … No API call was made.`, one sentence per malformed
 * field. For the reads without a `check` step (`getKmsInstance`, `getKmsInstanceOutput`,
 * `listKmsInstances`, a `KmsInstance.get`'s first read): else a typo costs a call and comes back
 * as "does not exist".
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
