/** The type tokens of the KMS instance resource: the dynamic class and the provider-plugin class. */
import { PLUGIN_RESOURCE_TYPE } from "../provider/package/identity";
import { KMS_INSTANCE_TYPE } from "../sdk/kms-instance";

/** Every type token a KMS instance resource can have. */
export const KMS_INSTANCE_TYPES: readonly string[] = [KMS_INSTANCE_TYPE, PLUGIN_RESOURCE_TYPE];

/** True for a KMS instance resource's type token. */
export function isKmsInstanceType(type: string | undefined): boolean {
  return type !== undefined && KMS_INSTANCE_TYPES.includes(type);
}
