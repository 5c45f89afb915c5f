/**
 * The resource model of a KMS instance under Pulumi: what a program declares (inputs) and what
 * the provider records (outputs). Every other file in this folder is a pure function over these.
 */
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

/** Declared inputs (plain values after the engine resolved them). */
export interface KmsInstanceInputs {
  /** The instance to adopt (`kst-…`); required, and a change means another instance (replace). */
  kmsInstanceId: string;
  /** Region of the instance; defaulted by `checkInputs` from settings; a change means replace. */
  region?: string;
  /** The instance name; managed when declared. */
  instanceName?: string;
  /** The bound VPCs; managed when declared; a set, so order never makes a diff. */
  bindVpcs?: BindVpc[];
  /** User tags; managed when declared; the whole map is managed, system tags excepted. */
  tags?: Record<string, string>;
  /** Deletion protection; managed when declared. */
  deletionProtection?: boolean;
  /** Why deletion protection is on; managed when declared (only meaningful with protection). */
  deletionProtectionDescription?: string;
  /**
   * Also read the quota usage on every read (four more calls) and warn when a share is used.
   * An option of the provider, not a property of the instance: it never plans a call.
   */
  watchQuota?: boolean;
}

/** The managed properties, in a fixed order (the order of diffs, plans and `managedProperties`). */
export const MANAGED_PROPERTIES = [
  "instanceName",
  "bindVpcs",
  "tags",
  "deletionProtection",
  "deletionProtectionDescription",
] as const;

/** One of the properties a program may declare to manage. */
export type ManagedProperty = (typeof MANAGED_PROPERTIES)[number];

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
 * Outputs: every GetKmsInstance field camelCased and typed for what it means, plus `region`,
 * `kmsInstanceId`, `tags` (only when managed) and `managedProperties`. Absent API fields are
 * absent keys, never `""` or `null`; the object is plain JSON.
 */
export interface KmsInstanceOutputs {
  /** The adopted instance id (`kst-…`), as declared. */
  kmsInstanceId: string;
  /** Region of the instance. */
  region: string;
  /** Which properties the program declared: `read()` needs it, since read gets only outputs. */
  managedProperties: ManagedProperty[];
  /** `InstanceId` as the API returns it. */
  instanceId?: string;
  /** The instance name. */
  instanceName?: string;
  /** `Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`. */
  status?: string;
  /** ISO-8601 UTC, e.g. `2023-09-05T12:44:20Z`. */
  createTime?: string;
  /** ISO-8601 UTC start of the subscription. */
  startDate?: string;
  /** ISO-8601 UTC end of the subscription: feed it to renewal alarms. */
  endDate?: string;
  /** Computing performance specification. */
  spec?: number;
  /** Key quota. */
  keyNum?: number;
  /** Secret quota; a string on the wire, a number here like `keyNum`. */
  secretNum?: number;
  /** Quota of VPCs that can access the instance. */
  vpcNum?: number;
  /** The VPC the instance is connected to. */
  vpcId?: string;
  /** Zones the instance runs in. */
  zoneIds?: string[];
  /** vSwitches the instance is connected through. */
  vswitchIds?: string[];
  /** CA chain clients must trust for the instance endpoint (PEM, `\r\n` line ends). */
  caCertificateChainPem?: string;
  /** The VPCs bound to the instance. */
  bindVpcs?: BindVpc[];
  /** `PREPAY` (subscription) or `POSTPAY` (pay-as-you-go). */
  chargeType?: string;
  /** Product version, e.g. `"3"`. */
  productVersion?: string;
  /** Product type, e.g. `kms_ddi_public_cn`. */
  productType?: string;
  /** Sale status, e.g. `Normal`. */
  saleStatus?: string;
  /** 1 when logging is enabled, 0 when not. */
  log?: number;
  /** Log storage in GB. */
  logStorage?: number;
  /** Whether deletion protection is on. */
  deletionProtection?: boolean;
  /** Why deletion protection is on. */
  deletionProtectionDescription?: string;
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
