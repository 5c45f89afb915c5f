/**
 * Wire models of the KMS instance API (version 2016-01-20), exactly as the service sends them.
 * `@alicloud/kms20160120` on npm has no instance APIs, so these are our own; field names and JSON
 * types follow the generated models of that version in the Alibaba Go SDK
 * (github.com/alibabacloud-go/kms-20160120, v4.1.0, `client/client.go`) and the TypeScript SDK
 * (github.com/aliyun/alibabacloud-typescript-sdk, `kms-20160120`). Every response field is
 * optional: older and uninitialized instances omit many of them.
 */

/** One VPC bound to an instance, as `GetKmsInstance` returns it (all four are strings). */
export interface ApiBindVpc {
  /** Region of the bound VPC, e.g. `cn-hangzhou`. */
  RegionId?: string;
  /** The bound VPC id (`vpc-…`). */
  VpcId?: string;
  /** The vSwitch in that VPC (`vsw-…`). */
  VSwitchId?: string;
  /** Owner account id of the VPC: 16 digits, so always a string, never a JS number. */
  VpcOwnerId?: string;
}

/** The `KmsInstance` object of a `GetKmsInstance` response. */
export interface ApiKmsInstance {
  /** `kst-` + region tag + lowercase alphanumerics; empty or absent means not found. */
  InstanceId?: string;
  /** The name; often equal to the id. */
  InstanceName?: string;
  /** `Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`. */
  Status?: string;
  /** ISO-8601 UTC to the second, e.g. `2023-09-05T12:44:20Z`. */
  CreateTime?: string;
  /** When the instance was enabled (ISO-8601 UTC; API reference). */
  StartDate?: string;
  /** When the instance expires, whatever its charge type (ISO-8601 UTC; API reference). */
  EndDate?: string;
  /** Computing performance specification. */
  Spec?: number;
  /** Key quota. */
  KeyNum?: number;
  /** A string on the wire (`"10"`), unlike `KeyNum`. */
  SecretNum?: string;
  /** Quota of VPCs that can access the instance. */
  VpcNum?: number;
  /** The VPC the instance was connected to. */
  VpcId?: string;
  /** Zones, a plain array (an old doc page says string: it is wrong). */
  ZoneIds?: string[];
  /** vSwitches, a plain array. */
  VswitchIds?: string[];
  /** PEM, lines joined with `\r\n`. */
  CaCertificateChainPem?: string;
  /** Bound VPCs, wrapped in `BindVpc`. */
  BindVpcs?: { BindVpc?: ApiBindVpc[] };
  /** `PREPAY` or `POSTPAY`. */
  ChargeType?: string;
  /** e.g. `"3"`. */
  ProductVersion?: string;
  /** e.g. `kms_ddi_public_cn`. */
  ProductType?: string;
  /** e.g. `Normal`. */
  SaleStatus?: string;
  /** 1 enabled, 0 disabled. */
  Log?: number;
  /** Log storage in GB. */
  LogStorage?: number;
  /** Whether deletion protection is on (newer field). */
  DeletionProtection?: boolean;
  /** Why deletion protection is on (newer field). */
  DeletionProtectionDescription?: string;
}

/** A VPC binding as `UpdateKmsInstanceBindVpc` takes it (inside the `BindVpcs` JSON string). */
export interface ApiBindVpcRequest {
  /** The VPC to bind (`vpc-…`). */
  VpcId: string;
  /** A vSwitch of that VPC (`vsw-…`). */
  VSwitchId: string;
  /** The VPC's region. */
  RegionId: string;
  /**
   * The VPC owner's account id as its decimal digits; sent as an unquoted JSON number with
   * exactly these digits, and left out when absent (the caller's own account).
   */
  VpcOwnerId?: string;
}

/**
 * How an instance renews, as BSS `QueryAvailableInstances` reports it (`RenewStatus`): renewed
 * automatically, renewed by hand, or not renewed. The values of the response model
 * (`@alicloud/bssopenapi20171214` 4.1.1, `QueryAvailableInstancesRequest.ts`, `renewStatus`).
 */
export const RENEW_STATUSES = ["AutoRenewal", "ManualRenewal", "NotRenewal"] as const;

/** One of {@link RENEW_STATUSES}. */
export type RenewStatus = (typeof RENEW_STATUSES)[number];

/** The units of a renewal period: `M` months, `Y` years (the same models, `RenewalPeriodUnit`). */
export const RENEWAL_PERIOD_UNITS = ["M", "Y"] as const;

/** One of {@link RENEWAL_PERIOD_UNITS}. */
export type RenewalPeriodUnit = (typeof RENEWAL_PERIOD_UNITS)[number];

/**
 * An instance's renewal as read from BSS: the status and, for `AutoRenewal`, the period each
 * renewal adds (`RenewalDuration` `RenewalDurationUnit`). The period is absent for the other
 * statuses, whatever the answer carries: it is not in effect.
 */
export interface Renewal {
  /** `AutoRenewal`, `ManualRenewal` or `NotRenewal`. */
  status: RenewStatus;
  /** How many `periodUnit`s each automatic renewal adds; `AutoRenewal` only. */
  period?: number;
  /** `M` (months) or `Y` (years); `AutoRenewal` only. */
  periodUnit?: RenewalPeriodUnit;
}

/**
 * One row of `QueryAvailableInstances`' `Data.InstanceList` (the response model
 * `QueryAvailableInstancesResponseBodyDataInstanceList` of `@alicloud/bssopenapi20171214` 4.1.1;
 * the fields this provider reads, and what identifies the row).
 */
export interface ApiAvailableInstance {
  /** The instance id (`kst-…`): checked against the id asked. */
  InstanceID?: string;
  /** One of `RENEW_STATUSES`, and with `AutoRenewal` the period (`RENEWAL_PERIOD_UNITS`). */
  RenewStatus?: string;
  RenewalDuration?: number;
  RenewalDurationUnit?: string;
}
