/**
 * Wire models of the KMS instance API (2016-01-20) as the service sends them. `@alicloud/kms20160120`
 * has no instance APIs; names and JSON types follow the generated models of the Go SDK
 * (github.com/alibabacloud-go/kms-20160120, v4.1.0, `client/client.go`) and the TypeScript SDK
 * (github.com/aliyun/alibabacloud-typescript-sdk, `kms-20160120`). Every response field is
 * optional: older and uninitialized instances omit many.
 */

/** One VPC bound to an instance, as `GetKmsInstance` returns it. */
export interface ApiBindVpc {
  RegionId?: string;
  /** `vpc-…` */
  VpcId?: string;
  /** `vsw-…` */
  VSwitchId?: string;
  /** 16 digits, so a string, never a JS number. */
  VpcOwnerId?: string;
}

/** The `KmsInstance` object of a `GetKmsInstance` response. */
export interface ApiKmsInstance {
  /** `kst-` + region tag + lowercase alphanumerics; empty or absent means not found. */
  InstanceId?: string;
  /** Often equal to the id. */
  InstanceName?: string;
  /** `Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`. */
  Status?: string;
  /** ISO-8601 UTC to the second, e.g. `2023-09-05T12:44:20Z`. */
  CreateTime?: string;
  /** When enabled (ISO-8601 UTC; API reference). */
  StartDate?: string;
  /** Expiry, whatever the charge type (ISO-8601 UTC; API reference). */
  EndDate?: string;
  /** Computing performance specification. */
  Spec?: number;
  KeyNum?: number;
  /** A string on the wire (`"10"`), unlike `KeyNum`. */
  SecretNum?: string;
  /** Quota of VPCs that can access it. */
  VpcNum?: number;
  /** The VPC it was connected to. */
  VpcId?: string;
  /** Zones, a plain array (an old doc page says string: it is wrong). */
  ZoneIds?: string[];
  /** A plain array. */
  VswitchIds?: string[];
  /** PEM, lines joined with `\r\n`. */
  CaCertificateChainPem?: string;
  /** Wrapped in `BindVpc`. */
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
  DeletionProtection?: boolean;
  DeletionProtectionDescription?: string;
}

/** A VPC binding as `UpdateKmsInstanceBindVpc` takes it (inside the `BindVpcs` JSON string). */
export interface ApiBindVpcRequest {
  VpcId: string;
  VSwitchId: string;
  RegionId: string;
  /** Decimal digits (see `encodeBindVpcs`); absent for the caller's own account. */
  VpcOwnerId?: string;
}

/**
 * How an instance renews (BSS `QueryAvailableInstances` `RenewStatus`): automatically, by hand, or
 * not (`@alicloud/bssopenapi20171214` 4.1.1, `QueryAvailableInstancesRequest.ts`, `renewStatus`).
 */
export const RENEW_STATUSES = ["AutoRenewal", "ManualRenewal", "NotRenewal"] as const;

/** One of {@link RENEW_STATUSES}. */
export type RenewStatus = (typeof RENEW_STATUSES)[number];

/** The units of a renewal period: `M` months, `Y` years (the same models, `RenewalPeriodUnit`). */
export const RENEWAL_PERIOD_UNITS = ["M", "Y"] as const;

/** One of {@link RENEWAL_PERIOD_UNITS}. */
export type RenewalPeriodUnit = (typeof RENEWAL_PERIOD_UNITS)[number];

/**
 * An instance's renewal as read from BSS. The period (`RenewalDuration`, `RenewalDurationUnit`)
 * is absent for statuses other than `AutoRenewal`, whatever the answer carries: it is not in
 * effect.
 */
export interface Renewal {
  /** One of {@link RENEW_STATUSES}. */
  status: RenewStatus;
  /** How many `periodUnit`s each automatic renewal adds; `AutoRenewal` only. */
  period?: number;
  /** `M` (months) or `Y` (years); `AutoRenewal` only. */
  periodUnit?: RenewalPeriodUnit;
}

/**
 * The fields read of a `QueryAvailableInstances` `Data.InstanceList` row
 * (`QueryAvailableInstancesResponseBodyDataInstanceList`, `@alicloud/bssopenapi20171214` 4.1.1).
 */
export interface ApiAvailableInstance {
  /** `kst-…`, checked against the id asked. */
  InstanceID?: string;
  /** One of `RENEW_STATUSES`, and with `AutoRenewal` the period (`RENEWAL_PERIOD_UNITS`). */
  RenewStatus?: string;
  RenewalDuration?: number;
  RenewalDurationUnit?: string;
}
