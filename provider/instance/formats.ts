/**
 * The accepted formats of the values several checks share, each with its example for error
 * messages. Kept in one place so `checkInputs`, the read-target check, the property modules and
 * their tests name the same rules.
 */
import { REGION_EXAMPLES, REGION_ID } from "../kms/region";
import { describeValue } from "./properties/property-module";

/** A KMS instance id: `kst-` and 8–64 lowercase letters or digits. */
export const KMS_INSTANCE_ID = /^kst-[a-z0-9]{8,64}$/;
/** An example KMS instance id for messages. */
export const KMS_INSTANCE_ID_EXAMPLE = "kst-hzz65f176a0ogplgqxxxx";
export { REGION_ID, REGION_EXAMPLES as REGION_ID_EXAMPLES };
/** A VPC id: `vpc-` and lowercase letters or digits. */
export const VPC_ID = /^vpc-[a-z0-9]{1,64}$/;
/** What `VPC_ID` accepts, for messages. */
export const VPC_ID_FORM =
  "a VPC id (`vpc-` and lowercase letters or digits, e.g. `vpc-bp1k4m4d0ob5mwxxxxxxx`)";
/** A vSwitch id: `vsw-` and lowercase letters or digits. */
export const VSWITCH_ID = /^vsw-[a-z0-9]{1,64}$/;

/** The failure (after the property path) of a value that is no KMS instance id; undefined for one. */
export function kmsInstanceIdProblem(id: unknown): string | undefined {
  if (typeof id === "string" && KMS_INSTANCE_ID.test(id)) return undefined;
  return `must be a KMS instance id: \`kst-\` and 8–64 lowercase letters or digits, e.g. \`${KMS_INSTANCE_ID_EXAMPLE}\`; got ${describeValue(id)}.`;
}

/** The failure (after the property path) of a value that is no region id; undefined for one. */
export function regionProblem(region: unknown): string | undefined {
  if (typeof region === "string" && REGION_ID.test(region)) return undefined;
  return `must be a region id (${REGION_EXAMPLES}); got ${describeValue(region)}.`;
}
