/**
 * The one table of a KMS instance's outputs. Each row gives the output's schema type and
 * description and, for a `GetKmsInstance` field, the API name and the decoder of its value.
 * `toOutputs`, the plugin's package schema and the SDK's output registration all derive from it,
 * and `KmsInstanceOutputs` takes its API fields' names, types and TSDoc from the rows, so adding
 * an output field is one row here plus the wire type in `provider/kms/types.ts` (and the README's
 * list, which a test compares with this table).
 */
import type { ApiKmsInstance, Renewal } from "../kms/types";
import {
  BIND_VPC_TYPE,
  CONNECTION_TYPE,
  QUOTA_FIGURE_TYPE,
  QUOTA_USAGE_TYPE,
  RENEWAL_TYPE,
} from "../package/identity";
import {
  decodeBindVpcs,
  decodeBoolean,
  decodeNumber,
  decodeString,
  decodeStringList,
} from "./decoders";
import type { BindVpc } from "./properties/bind-vpcs";
import type { KmsConnection } from "./properties/connection";
import type { ManagedProperty } from "./properties";
import type { QuotaFigure, QuotaUsage } from "./quota";
import { SCHEMA, type PropertyRow } from "./schema-type";

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
  /**
   * How a subscription instance renews (BSS `QueryAvailableInstances`): present when `renewal` is
   * managed, or when the read found the instance within `expiryWarningDays` of its end date;
   * never for a pay-as-you-go instance.
   */
  renewal?: Renewal;
}

/** Where an output comes from in the `GetKmsInstance` body, and how its value is read. */
export interface ApiSource<T> {
  /** The field of the body (types and JSON forms: `provider/kms/types.ts`). */
  api: keyof ApiKmsInstance;
  /** The raw JSON value to the output value; undefined when unusable (the output is then absent). */
  decode: (v: unknown) => T | undefined;
}

/** One output: schema type, description, and — for an API field — its source. */
export interface OutputField<T = unknown> extends PropertyRow {
  /**
   * The API field the output is decoded from. Absent for the outputs the provider sets itself:
   * `kmsInstanceId`, `region`, `managedProperties`, `tags`, `ownerAccountId`, `watchQuota`,
   * `quota` and `renewal`.
   */
  from?: ApiSource<T>;
}

/**
 * What the table must hold: a row (without an API source) for each output the provider sets
 * itself, and any number of rows decoded from the API body.
 */
export type OutputFieldTable = {
  readonly [K in keyof ProviderSetOutputs]-?: PropertyRow & { from?: never };
} & Readonly<Record<string, OutputField>>;

/** The fields of a bound VPC, all required strings. */
export const BIND_VPC_FIELDS: Readonly<Record<keyof BindVpc, PropertyRow>> = {
  vpcId: { type: SCHEMA.string, description: "The bound VPC (`vpc-…`)." },
  vSwitchId: { type: SCHEMA.string, description: "The vSwitch in that VPC (`vsw-…`)." },
  regionId: { type: SCHEMA.string, description: "Region of the VPC, e.g. `cn-hangzhou`." },
  vpcOwnerId: {
    type: SCHEMA.string,
    description:
      "Owner account id of the VPC, as a string: a 16-digit account id does not fit a double-precision (JSON) number.",
  },
};

/** The fields of an instance's network (`connection`), all required. */
export const CONNECTION_FIELDS: Readonly<Record<keyof KmsConnection, PropertyRow>> = {
  vpcId: { type: SCHEMA.string, description: "The VPC (`vpc-…`)." },
  zoneIds: {
    type: SCHEMA.stringList,
    description: "The two zones the instance runs in, e.g. `cn-hangzhou-k` (a set).",
  },
  vswitchIds: {
    type: SCHEMA.stringList,
    description: "The vSwitches it connects through, one in each zone (`vsw-…`; a set).",
  },
};

/** The fields of a renewal (`renewal`): the status, and the period of `AutoRenewal`. */
export const RENEWAL_FIELDS: Readonly<Record<keyof Renewal, PropertyRow>> = {
  status: {
    type: SCHEMA.string,
    description:
      "`AutoRenewal`, `ManualRenewal` or `NotRenewal` (read only: a program declares one of the first two).",
  },
  period: {
    type: SCHEMA.integer,
    description: "With `AutoRenewal`: how many `periodUnit`s each renewal adds, 1–36.",
  },
  periodUnit: {
    type: SCHEMA.string,
    description: "With `AutoRenewal`: `M` (months) or `Y` (years).",
  },
};

/** One resource type's figures, both required integers. */
export const QUOTA_FIGURE_FIELDS: Readonly<Record<keyof QuotaFigure, PropertyRow>> = {
  quota: { type: SCHEMA.integer, description: "The quota (`ResourceQuota`)." },
  used: { type: SCHEMA.integer, description: "How much of it is used (`UsedQuantity`)." },
};

const figure = { $ref: `#/types/${QUOTA_FIGURE_TYPE}` } as const;

/** The resource types of the quota usage, all required. */
export const QUOTA_USAGE_FIELDS: Readonly<Record<keyof QuotaUsage, PropertyRow>> = {
  key: { type: figure, description: "Keys." },
  secret: { type: figure, description: "Secrets." },
  vpc: { type: figure, description: "VPCs that can reach the instance." },
  qps: { type: figure, description: "Queries per second." },
};

const text = (api: keyof ApiKmsInstance): ApiSource<string> => ({ api, decode: decodeString });
const num = (api: keyof ApiKmsInstance): ApiSource<number> => ({ api, decode: decodeNumber });
const list = (api: keyof ApiKmsInstance): ApiSource<string[]> => ({
  api,
  decode: decodeStringList,
});

/**
 * Every output of the resource, in the order the schema and the outputs list them. Schema type
 * `integer` where the API sends a JSON integer (`Spec`, `KeyNum`, `VpcNum`, `Log`, `LogStorage`:
 * shared/reference/kms-instance-api.md, from the GetKmsInstance API reference); `SecretNum`
 * arrives as a string, decoded to a number.
 */
export const OUTPUT_FIELDS = {
  kmsInstanceId: {
    type: SCHEMA.string,
    description:
      "The existing instance to adopt (`kst-…`). A change means another instance: replace.",
  },
  region: {
    type: SCHEMA.string,
    description:
      "Region of the instance; defaults to the provider's `region` config (`alicloud-kms:region`), " +
      "else `ALIBABA_CLOUD_REGION`, else `ALICLOUD_REGION`. A change means replace.",
  },
  managedProperties: {
    type: SCHEMA.stringList,
    description: "The properties this resource manages (those the program declares).",
  },
  /** `InstanceId` as the API returns it. */
  instanceId: {
    type: SCHEMA.string,
    description: "`InstanceId` as the API returns it.",
    from: text("InstanceId"),
  },
  /** The instance name (managed when set). */
  instanceName: {
    type: SCHEMA.string,
    description: "The instance name (managed when set).",
    from: text("InstanceName"),
  },
  /** `Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`. */
  status: {
    type: SCHEMA.string,
    description: "`Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`.",
    from: text("Status"),
  },
  /** Creation time, ISO-8601 UTC. */
  createTime: {
    type: SCHEMA.string,
    description: "Creation time, ISO-8601 UTC.",
    from: text("CreateTime"),
  },
  /** When the instance was enabled (connected to its VPC), ISO-8601 UTC. */
  startDate: {
    type: SCHEMA.string,
    // The API reference: "the time when the KMS instance was enabled".
    description: "When the instance was enabled (connected to its VPC), ISO-8601 UTC.",
    from: text("StartDate"),
  },
  /**
   * When the instance expires, ISO-8601 UTC; pay-as-you-go (`POSTPAY`) instances have one too:
   * feed it to renewal alarms.
   */
  endDate: {
    type: SCHEMA.string,
    // The API reference: "the expiration time of the KMS instance", whatever the charge type.
    description:
      "When the instance expires, ISO-8601 UTC; pay-as-you-go (`POSTPAY`) instances have one " +
      "too: feed it to renewal alarms.",
    from: text("EndDate"),
  },
  /** Computing performance specification. */
  spec: {
    type: SCHEMA.integer,
    description: "Computing performance specification.",
    from: num("Spec"),
  },
  /** Key quota. */
  keyNum: { type: SCHEMA.integer, description: "Key quota.", from: num("KeyNum") },
  /** Secret quota (a number, though the API sends a string). */
  secretNum: {
    type: SCHEMA.number,
    description: "Secret quota (a number, though the API sends a string).",
    from: num("SecretNum"),
  },
  /** Quota of VPCs that can access the instance. */
  vpcNum: {
    type: SCHEMA.integer,
    description: "Quota of VPCs that can access the instance.",
    from: num("VpcNum"),
  },
  /** The VPC the instance is connected to: feeds security groups and vSwitches. */
  vpcId: {
    type: SCHEMA.string,
    description: "The VPC the instance is connected to: feeds security groups and vSwitches.",
    from: text("VpcId"),
  },
  /** Zones the instance runs in. */
  zoneIds: {
    type: SCHEMA.stringList,
    description: "Zones the instance runs in.",
    from: list("ZoneIds"),
  },
  /** vSwitches the instance is connected through. */
  vswitchIds: {
    type: SCHEMA.stringList,
    description: "vSwitches the instance is connected through.",
    from: list("VswitchIds"),
  },
  /** CA chain (PEM) clients must trust for the instance endpoint. */
  caCertificateChainPem: {
    type: SCHEMA.string,
    description: "CA chain (PEM) clients must trust for the instance endpoint.",
    from: text("CaCertificateChainPem"),
  },
  /** The bound VPCs (managed when set): a set, so their order never makes a diff. */
  bindVpcs: {
    type: { type: "array", items: { $ref: `#/types/${BIND_VPC_TYPE}` } },
    description: "The bound VPCs (managed when set): a set, so their order never makes a diff.",
    from: { api: "BindVpcs", decode: decodeBindVpcs },
  },
  /** `PREPAY` (subscription) or `POSTPAY` (pay-as-you-go). */
  chargeType: {
    type: SCHEMA.string,
    description: "`PREPAY` (subscription) or `POSTPAY` (pay-as-you-go).",
    from: text("ChargeType"),
  },
  /** Product version, e.g. `"3"`. */
  productVersion: {
    type: SCHEMA.string,
    description: 'Product version, e.g. `"3"`.',
    from: text("ProductVersion"),
  },
  /** Product type, e.g. `kms_ddi_public_cn`. */
  productType: {
    type: SCHEMA.string,
    description: "Product type, e.g. `kms_ddi_public_cn`.",
    from: text("ProductType"),
  },
  /** Sale status, e.g. `Normal`. */
  saleStatus: {
    type: SCHEMA.string,
    description: "Sale status, e.g. `Normal`.",
    from: text("SaleStatus"),
  },
  /** 1 when logging is enabled, 0 when not. */
  log: {
    type: SCHEMA.integer,
    description: "1 when logging is enabled, 0 when not.",
    from: num("Log"),
  },
  /** Log storage in GB. */
  logStorage: {
    type: SCHEMA.integer,
    description: "Log storage in GB.",
    from: num("LogStorage"),
  },
  /** Deletion protection (managed when set). */
  deletionProtection: {
    type: SCHEMA.boolean,
    description: "Deletion protection (managed when set).",
    from: { api: "DeletionProtection", decode: decodeBoolean },
  },
  /** Why deletion protection is on (managed when set). */
  deletionProtectionDescription: {
    type: SCHEMA.string,
    description: "Why deletion protection is on (managed when set).",
    from: text("DeletionProtectionDescription"),
  },
  connection: {
    type: { $ref: `#/types/${CONNECTION_TYPE}` },
    description:
      "The network the instance is enabled in (managed when set): an `Uninitialized` instance is " +
      "connected to it (`ConnectKmsInstance`) before the other declared properties are applied; " +
      "on an enabled instance it must equal the live network, which cannot change. In the outputs " +
      "only when managed and the instance has a network.",
  },
  tags: {
    type: SCHEMA.stringMap,
    description:
      "User tags (managed when set): the whole map, system tags (`aliyun…`, `acs:…`) excepted; " +
      "in the outputs only when managed.",
  },
  ownerAccountId: {
    type: SCHEMA.string,
    description:
      "The account the instance was adopted in (STS `GetCallerIdentity` of the provider's " +
      'credentials): a later "not found" from another account\'s credentials is refused, not ' +
      "read as deleted. Absent when STS could not be asked.",
  },
  watchQuota: {
    type: SCHEMA.boolean,
    description:
      "Also read the quota usage (`quota`) on every read, four more calls, and warn when a " +
      "resource type's used share reaches `alicloud-kms:quotaWarningPercent` (default 90). An " +
      "option of the provider, not of the instance: changing it makes no call and no replace.",
  },
  quota: {
    type: { $ref: `#/types/${QUOTA_USAGE_TYPE}` },
    description:
      "Quota usage (`GetKmsInstanceQuotaInfos`): for keys, secrets, VPCs and QPS, the quota " +
      "and how much is used. Present only with `watchQuota: true`.",
  },
  renewal: {
    type: { $ref: `#/types/${RENEWAL_TYPE}` },
    description:
      "How the instance renews (managed when set; subscription instances only): `status` " +
      "`AutoRenewal` with `period` and `periodUnit`, or `ManualRenewal`. Read with BSS " +
      "`QueryAvailableInstances` when managed or when the end date is within " +
      "`alicloud-kms:expiryWarningDays`; set with one `SetRenewal` when it differs. Absent for " +
      "pay-as-you-go instances.",
  },
} as const satisfies OutputFieldTable;

type Rows = typeof OUTPUT_FIELDS;

/** The names of the rows decoded from the API body. */
type ApiOutputName = {
  [K in keyof Rows]: Rows[K] extends { readonly from: object } ? K : never;
}[keyof Rows];

/** The value type a row's decoder yields. */
type Decoded<R> = R extends { readonly from: ApiSource<infer T> } ? T : never;

/**
 * The outputs decoded from the `GetKmsInstance` body, one per API row of `OUTPUT_FIELDS`, typed by
 * that row's decoder and documented by its comment; each is absent when the API omits the field or
 * sends an unusable value.
 */
export type ApiOutputs = {
  -readonly [K in keyof Pick<Rows, ApiOutputName>]?: Decoded<Rows[K]>;
};

/** The output names, in table order. */
export const OUTPUT_NAMES = Object.keys(OUTPUT_FIELDS) as readonly (keyof Rows)[];
