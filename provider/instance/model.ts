/**
 * The resource model of a KMS instance under Pulumi: what a program declares (inputs) and what
 * the provider records (outputs). Every other file in this folder is a pure function over these.
 */
import type { ApiOutputs } from "./fields";
import { MANAGED_PROPERTIES, type ManagedInputs, type ManagedProperty } from "./properties";
import type { QuotaUsage } from "./quota";

/** A VPC bound to the instance, as programs declare it and outputs show it. */
export interface BindVpc {
  /** The bound VPC (`vpc-…`). */
  vpcId: string;
  /** The vSwitch in that VPC (`vsw-…`). */
  vSwitchId: string;
  /** Region of the VPC, e.g. `cn-hangzhou`. */
  regionId: string;
  /** Owner account id of the VPC: up to 20 digits, always a string (16-digit ids overflow JS numbers). */
  vpcOwnerId: string;
}

/** The network an instance is enabled in, as programs declare it and outputs show it. */
export interface KmsConnection {
  /** The VPC (`vpc-…`). */
  vpcId: string;
  /** The two zones the instance runs in, e.g. `["cn-hangzhou-k", "cn-hangzhou-j"]` (a set). */
  zoneIds: string[];
  /** The vSwitches it connects through, one in each zone (`vsw-…`; a set). */
  vswitchIds: string[];
}

/**
 * Declared inputs (plain values after the engine resolved them): the instance and its region,
 * and the managed properties as their modules declare them (`provider/instance/properties/`).
 */
export interface KmsInstanceInputs extends Partial<ManagedInputs> {
  /** The existing instance to adopt (`kst-…`). A change means another instance: replace. */
  kmsInstanceId: string;
  /**
   * Region of the instance. A change means replace.
   * @default the `alicloud:region` config, else `ALIBABA_CLOUD_REGION`, else `ALICLOUD_REGION`
   */
  region?: string;
  /**
   * Also read the quota usage into `quota` on every read (four more calls) and warn when a
   * resource type's used share reaches `alicloud-kms:quotaWarningPercent` (default 90). Not a
   * property of the instance: changing it makes no API call and no replace.
   * @default false
   */
  watchQuota?: boolean;
}

export { MANAGED_PROPERTIES, type ManagedInputs, type ManagedProperty } from "./properties";

/** Inputs whose change means another cloud object: the engine replaces the resource. */
const REPLACE_PROPERTIES = ["kmsInstanceId", "region"] as const;

/**
 * Inputs that change what the provider does, not the instance: compared with the stored value
 * only (an update with no call, never a replace), never with the API.
 */
export const OPTION_PROPERTIES = ["watchQuota"] as const;

/** Every input name a program may set, in a fixed order (used in "accepted names" messages). */
export const INPUT_PROPERTIES = [
  ...REPLACE_PROPERTIES,
  ...MANAGED_PROPERTIES,
  ...OPTION_PROPERTIES,
] as const;

/**
 * The outputs the provider sets itself rather than decoding from the `GetKmsInstance` body (the
 * rows of `OUTPUT_FIELDS` without an API source).
 */
export interface ProviderSetOutputs {
  /** The adopted instance id (`kst-…`), as declared. */
  kmsInstanceId: string;
  /** Region of the instance. */
  region: string;
  /** Which properties the program declared: `read()` needs it, since read gets only outputs. */
  managedProperties: ManagedProperty[];
  /**
   * The network the instance is enabled in (`vpcId`, `zoneIds`, `vswitchIds` together); absent
   * while it is not enabled.
   */
  connection?: KmsConnection;
  /** Live user tags (system tags filtered); present only when the program manages tags. */
  tags?: Record<string, string>;
  /**
   * The account the instance was adopted and read in (STS `GetCallerIdentity` of the provider's
   * credentials), a string of digits. A later "not found" from credentials of another account
   * is refused rather than read as deleted. Absent when STS could not be asked.
   */
  ownerAccountId?: string;
  /** `true` when the program declares `watchQuota: true` (a read needs it); absent otherwise. */
  watchQuota?: boolean;
  /** Quota usage from `GetKmsInstanceQuotaInfos`; present only with `watchQuota: true`. */
  quota?: QuotaUsage;
}

/**
 * Outputs: every GetKmsInstance field camelCased and typed for what it means (`ApiOutputs`, from
 * the rows of `OUTPUT_FIELDS`), plus the outputs the provider sets. Absent API fields are absent
 * keys, never `""` or `null`; the object is plain JSON.
 */
export interface KmsInstanceOutputs extends ProviderSetOutputs, ApiOutputs {}
