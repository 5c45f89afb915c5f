/**
 * The accepted formats of declared values, each with an example for error messages. Kept in one
 * place so `checkInputs` and its tests name the same rules.
 */

/** A KMS instance id: `kst-` and 8–64 lowercase letters or digits. */
export const KMS_INSTANCE_ID = /^kst-[a-z0-9]{8,64}$/;
/** An example KMS instance id for messages. */
export const KMS_INSTANCE_ID_EXAMPLE = "kst-hzz65f176a0ogplgqxxxx";
export { REGION_ID, REGION_EXAMPLES as REGION_ID_EXAMPLES } from "../kms/region";
/** A VPC id: `vpc-` and lowercase letters or digits. */
export const VPC_ID = /^vpc-[a-z0-9]{1,64}$/;
/** A vSwitch id: `vsw-` and lowercase letters or digits. */
export const VSWITCH_ID = /^vsw-[a-z0-9]{1,64}$/;
/**
 * An account id: 1–20 digits without a leading zero, as a string. `UpdateKmsInstanceBindVpc`
 * sends it as an unquoted JSON number (API reference, SDK model), and JSON has no leading zeros.
 */
export const ACCOUNT_ID = /^(0|[1-9][0-9]{0,19})$/;
/** Longest instance name accepted (a guard against mistakes, not a documented API limit). */
export const MAX_INSTANCE_NAME_LENGTH = 128;
/** Longest tag key and tag value Alibaba Cloud accepts. */
export const MAX_TAG_LENGTH = 128;
/** Most user tags one resource may carry. */
export const MAX_TAGS = 20;
