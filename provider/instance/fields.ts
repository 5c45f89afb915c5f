/**
 * The table of a KMS instance's outputs: schema type, description and, for a `GetKmsInstance`
 * field, API name and decoder. `toOutputs`, the package schema, the SDK's output registration and
 * `KmsInstanceOutputs` (API fields' names, types, TSDoc) derive from it: a new output is a row
 * here, its wire type in `provider/kms/types.ts` and a line in the README's list (test-compared).
 */
import type { ApiBindVpc, ApiKmsInstance, Renewal } from "../kms/types";
import {
  BIND_VPC_TYPE,
  CONNECTION_TYPE,
  QUOTA_FIGURE_TYPE,
  QUOTA_USAGE_TYPE,
  RENEWAL_TYPE,
} from "../package/identity";
import { bindVpcOf, type BindVpc } from "./properties/bind-vpcs";
import type { KmsConnection } from "./properties/connection";
import type { ManagedProperty } from "./properties";
import { isPlainObject } from "./properties/property-module";
import type { QuotaFigure, QuotaUsage } from "./quota";

/** A type in Pulumi package-schema syntax (the subset this package uses). */
export type SchemaType =
  | { type: "string" | "number" | "integer" | "boolean" }
  | { type: "array"; items: SchemaType }
  | { type: "object"; additionalProperties: SchemaType }
  | { $ref: string };

/** One property as the package schema and the docs show it. */
export interface PropertyRow {
  type: SchemaType;
  description: string;
}

/** The schema types the field tables use. */
export const SCHEMA = {
  string: { type: "string" },
  number: { type: "number" },
  integer: { type: "integer" },
  boolean: { type: "boolean" },
  stringList: { type: "array", items: { type: "string" } },
  stringMap: { type: "object", additionalProperties: { type: "string" } },
} as const satisfies Record<string, SchemaType>;

/** The outputs the provider sets itself (the rows of `OUTPUT_FIELDS` without an API source). */
export interface ProviderSetOutputs {
  /** The adopted instance id (`kst-…`), as declared. */
  kmsInstanceId: string;
  /** Region of the instance. */
  region: string;
  /** Which properties the program declared: `read()` needs it, since read gets only outputs. */
  managedProperties: ManagedProperty[];
  /** The network the instance is enabled in; absent while it is not enabled. */
  connection?: KmsConnection;
  /** Live user tags (system tags filtered); present only when the program manages tags. */
  tags?: Record<string, string>;
  /**
   * The account the instance was adopted and read in (STS `GetCallerIdentity`), a string of
   * digits: a later "not found" from another account's credentials is refused, not read as
   * deleted. Absent when STS could not be asked.
   */
  ownerAccountId?: string;
  /** `true` when the program declares `watchQuota: true` (a read needs it); absent otherwise. */
  watchQuota?: boolean;
  /** Quota usage from `GetKmsInstanceQuotaInfos`; present only with `watchQuota: true`. */
  quota?: QuotaUsage;
  /**
   * How a subscription instance renews (BSS `QueryAvailableInstances`): present when `renewal` is
   * managed or the end date is within `expiryWarningDays`; never for pay-as-you-go.
   */
  renewal?: Renewal;
}

/** One output row; `from` is absent for the `ProviderSetOutputs`. */
export interface OutputField<T = unknown> extends PropertyRow {
  from?: {
    /** The field of the `GetKmsInstance` body (types and JSON forms: `provider/kms/types.ts`). */
    api: keyof ApiKmsInstance;
    /** The raw JSON value to the output value; undefined when unusable (the output is absent). */
    decode: (v: unknown) => T | undefined;
  };
}

/** A row without API source for each `ProviderSetOutputs` key, and any number of API rows. */
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

/**
 * Decoders of `GetKmsInstance` body fields: undefined for an unusable value, so the output is an
 * absent key, never `""`, `null` or `NaN`. They also accept plainly meant forms the documentation
 * does not promise: a guessed value is worse than none, but a meant one should not be lost.
 *
 * `""` means no value: the reference's example response shows `"ZoneIds": [""]`, and an instance
 * not enabled yet has no VPC, zones or vSwitches (shared/reference/kms-instance-api.md, "Empty
 * values"). So `""` and `""` list elements are dropped, and an emptied list is absent: no output
 * feeds `""` into another resource.
 */

/** A non-empty string; `""` and anything else is absent. */
function decodeString(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * A finite JSON number as sent, or a string of decimal digits within the safe-integer range
 * (that is how `SecretNum` always arrives); anything else is absent.
 */
function decodeNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && /^-?[0-9]+$/.test(v.trim())) {
    const n = Number(v.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/** A boolean, or its string form `"true"` / `"false"`. */
function decodeBoolean(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

/**
 * An array of strings, or a comma-separated string (an old doc page says so), without empty
 * elements and non-strings; absent when none is left.
 */
function decodeStringList(v: unknown): string[] | undefined {
  const items = Array.isArray(v)
    ? v.filter((x): x is string => typeof x === "string" && x !== "")
    : typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "")
      : undefined;
  return items !== undefined && items.length > 0 ? items : undefined;
}

/**
 * `{ BindVpc: [...] }` (the documented shape) or a bare array. A missing member becomes `""` (a
 * partial binding must show as drift, not vanish); an entry with every member `""` is dropped.
 */
function decodeBindVpcs(v: unknown): BindVpc[] | undefined {
  const list = Array.isArray(v)
    ? v
    : isPlainObject(v) && Array.isArray(v.BindVpc)
      ? (v.BindVpc as unknown[])
      : isPlainObject(v)
        ? []
        : undefined;
  if (list === undefined) return undefined;
  return list
    .filter(isPlainObject)
    .map((e: Readonly<Partial<Record<keyof ApiBindVpc, unknown>>>) =>
      bindVpcOf({
        vpcId: e.VpcId,
        vSwitchId: e.VSwitchId,
        regionId: e.RegionId,
        vpcOwnerId: ownerIdString(e.VpcOwnerId),
      }),
    )
    .filter((b) => Object.values(b).some((x) => x !== ""));
}

/**
 * An account id as a string. An unsafe number has already lost digits in JSON parsing: it is
 * written as the exact integer it became (never in exponent form), so the loss shows as drift.
 */
function ownerIdString(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) {
    return Number.isSafeInteger(v) ? String(v) : BigInt(Math.trunc(v)).toString();
  }
  return "";
}

/** A row builder pairing a decoder with the schema type of its values. */
const apiRow =
  <T, S extends SchemaType>(type: S, decode: (v: unknown) => T | undefined) =>
  (api: keyof ApiKmsInstance, description: string) => ({
    type,
    description,
    from: { api, decode } satisfies OutputField<T>["from"],
  });

const text = apiRow(SCHEMA.string, decodeString);
const integer = apiRow(SCHEMA.integer, decodeNumber);
const list = apiRow(SCHEMA.stringList, decodeStringList);

/**
 * Every output, in schema and outputs order. `integer` where the API sends a JSON integer (`Spec`,
 * `KeyNum`, `VpcNum`, `Log`, `LogStorage`: shared/reference/kms-instance-api.md); `SecretNum`
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
  instanceId: text("InstanceId", "`InstanceId` as the API returns it."),
  /** The instance name (managed when set). */
  instanceName: text("InstanceName", "The instance name (managed when set)."),
  /** `Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`. */
  status: text("Status", "`Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`."),
  /** Creation time, ISO-8601 UTC. */
  createTime: text("CreateTime", "Creation time, ISO-8601 UTC."),
  /** When the instance was enabled (connected to its VPC), ISO-8601 UTC. */
  startDate: text(
    "StartDate",
    // The API reference: "the time when the KMS instance was enabled".
    "When the instance was enabled (connected to its VPC), ISO-8601 UTC.",
  ),
  /**
   * When the instance expires, ISO-8601 UTC; pay-as-you-go (`POSTPAY`) instances have one too:
   * feed it to renewal alarms.
   */
  endDate: text(
    "EndDate",
    // The API reference: "the expiration time of the KMS instance", whatever the charge type.
    "When the instance expires, ISO-8601 UTC; pay-as-you-go (`POSTPAY`) instances have one " +
      "too: feed it to renewal alarms.",
  ),
  /** Computing performance specification. */
  spec: integer("Spec", "Computing performance specification."),
  /** Key quota. */
  keyNum: integer("KeyNum", "Key quota."),
  /** Secret quota (a number, though the API sends a string). */
  secretNum: apiRow(SCHEMA.number, decodeNumber)(
    "SecretNum",
    "Secret quota (a number, though the API sends a string).",
  ),
  /** Quota of VPCs that can access the instance. */
  vpcNum: integer("VpcNum", "Quota of VPCs that can access the instance."),
  /** The VPC the instance is connected to: feeds security groups and vSwitches. */
  vpcId: text(
    "VpcId",
    "The VPC the instance is connected to: feeds security groups and vSwitches.",
  ),
  /** Zones the instance runs in. */
  zoneIds: list("ZoneIds", "Zones the instance runs in."),
  /** vSwitches the instance is connected through. */
  vswitchIds: list("VswitchIds", "vSwitches the instance is connected through."),
  /** CA chain (PEM) clients must trust for the instance endpoint. */
  caCertificateChainPem: text(
    "CaCertificateChainPem",
    "CA chain (PEM) clients must trust for the instance endpoint.",
  ),
  /** The bound VPCs (managed when set): a set, so their order never makes a diff. */
  bindVpcs: apiRow({ type: "array", items: { $ref: `#/types/${BIND_VPC_TYPE}` } }, decodeBindVpcs)(
    "BindVpcs",
    "The bound VPCs (managed when set): a set, so their order never makes a diff.",
  ),
  /** `PREPAY` (subscription) or `POSTPAY` (pay-as-you-go). */
  chargeType: text("ChargeType", "`PREPAY` (subscription) or `POSTPAY` (pay-as-you-go)."),
  /** Product version, e.g. `"3"`. */
  productVersion: text("ProductVersion", 'Product version, e.g. `"3"`.'),
  /** Product type, e.g. `kms_ddi_public_cn`. */
  productType: text("ProductType", "Product type, e.g. `kms_ddi_public_cn`."),
  /** Sale status, e.g. `Normal`. */
  saleStatus: text("SaleStatus", "Sale status, e.g. `Normal`."),
  /** 1 when logging is enabled, 0 when not. */
  log: integer("Log", "1 when logging is enabled, 0 when not."),
  /** Log storage in GB. */
  logStorage: integer("LogStorage", "Log storage in GB."),
  /** Deletion protection (managed when set). */
  deletionProtection: apiRow(SCHEMA.boolean, decodeBoolean)(
    "DeletionProtection",
    "Deletion protection (managed when set).",
  ),
  /** Why deletion protection is on (managed when set). */
  deletionProtectionDescription: text(
    "DeletionProtectionDescription",
    "Why deletion protection is on (managed when set).",
  ),
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
type Decoded<R> = R extends { readonly from: { decode: (v: unknown) => infer T } }
  ? Exclude<T, undefined>
  : never;

/**
 * The outputs decoded from the `GetKmsInstance` body, typed by each API row's decoder and
 * documented by its comment; absent when the API omits the field or sends an unusable value.
 */
export type ApiOutputs = {
  -readonly [K in keyof Pick<Rows, ApiOutputName>]?: Decoded<Rows[K]>;
};

/** The output names, in table order. */
export const OUTPUT_NAMES = Object.keys(OUTPUT_FIELDS) as readonly (keyof Rows)[];
