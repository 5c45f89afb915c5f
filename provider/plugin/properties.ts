/**
 * The one table the plugin's package schema is generated from: every property of a KMS instance
 * (inputs and outputs) and every provider config key, each with its type and description. Keyed
 * by `KmsInstanceOutputs`, so TypeScript rejects a missing or extra property at compile time.
 */
import { INPUT_PROPERTIES, type KmsInstanceOutputs } from "../instance";

/** A type in Pulumi package-schema syntax (the subset this package uses). */
export type SchemaType =
  | { type: "string" | "number" | "integer" | "boolean" }
  | { type: "array"; items: SchemaType }
  | { type: "object"; additionalProperties: SchemaType }
  | { $ref: string };

/** One property: its schema type and the sentence shown in docs and generated code. */
export interface PropertyRow {
  /** The property's type. */
  type: SchemaType;
  /** What the property is, for people. */
  description: string;
}

/** The package name: resource tokens, config keys and the plugin name all start with it. */
export const PACKAGE_NAME = "alicloud-kms";

/** The plugin resource's type token. */
export const PLUGIN_RESOURCE_TYPE = `${PACKAGE_NAME}:index:KmsInstance`;

/** The object type token of a bound VPC. */
export const BIND_VPC_TYPE = `${PACKAGE_NAME}:index/BindVpc:BindVpc`;

const string = { type: "string" } as const;
const number = { type: "number" } as const;
const integer = { type: "integer" } as const;
const boolean = { type: "boolean" } as const;
const stringList = { type: "array", items: string } as const;

/** The fields of a bound VPC, all required. */
export const BIND_VPC_PROPERTIES: Record<
  "vpcId" | "vSwitchId" | "regionId" | "vpcOwnerId",
  PropertyRow
> = {
  vpcId: { type: string, description: "The bound VPC (`vpc-…`)." },
  vSwitchId: { type: string, description: "The vSwitch in that VPC (`vsw-…`)." },
  regionId: { type: string, description: "Region of the VPC, e.g. `cn-hangzhou`." },
  vpcOwnerId: {
    type: string,
    description:
      "Owner account id of the VPC, as a string: 16-digit account ids overflow JavaScript numbers.",
  },
};

/** Every property of the resource; the inputs are the `INPUT_PROPERTIES` among them. */
export const KMS_INSTANCE_PROPERTIES: Record<keyof KmsInstanceOutputs, PropertyRow> = {
  kmsInstanceId: {
    type: string,
    description:
      "The existing instance to adopt (`kst-…`). A change means another instance: replace.",
  },
  region: {
    type: string,
    description:
      "Region of the instance; defaults to the provider's `region` config (`alicloud-kms:region`), " +
      "else `ALIBABA_CLOUD_REGION`, else `ALICLOUD_REGION`. A change means replace.",
  },
  managedProperties: {
    type: stringList,
    description: "The properties this resource manages (those the program declares).",
  },
  instanceId: { type: string, description: "`InstanceId` as the API returns it." },
  instanceName: { type: string, description: "The instance name (managed when set)." },
  status: {
    type: string,
    description: "`Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`.",
  },
  createTime: { type: string, description: "Creation time, ISO-8601 UTC." },
  startDate: { type: string, description: "Start of the subscription, ISO-8601 UTC." },
  endDate: {
    type: string,
    description: "End of the subscription, ISO-8601 UTC: feed it to renewal alarms.",
  },
  spec: { type: number, description: "Computing performance specification." },
  keyNum: { type: number, description: "Key quota." },
  secretNum: {
    type: number,
    description: "Secret quota (a number, though the API sends a string).",
  },
  vpcNum: { type: number, description: "Quota of VPCs that can access the instance." },
  vpcId: {
    type: string,
    description: "The VPC the instance is connected to: feeds security groups and vSwitches.",
  },
  zoneIds: { type: stringList, description: "Zones the instance runs in." },
  vswitchIds: { type: stringList, description: "vSwitches the instance is connected through." },
  caCertificateChainPem: {
    type: string,
    description: "CA chain (PEM) clients must trust for the instance endpoint.",
  },
  bindVpcs: {
    type: { type: "array", items: { $ref: `#/types/${BIND_VPC_TYPE}` } },
    description: "The bound VPCs (managed when set): a set, so their order never makes a diff.",
  },
  chargeType: {
    type: string,
    description: "`PREPAY` (subscription) or `POSTPAY` (pay-as-you-go).",
  },
  productVersion: { type: string, description: 'Product version, e.g. `"3"`.' },
  productType: { type: string, description: "Product type, e.g. `kms_ddi_public_cn`." },
  saleStatus: { type: string, description: "Sale status, e.g. `Normal`." },
  log: { type: integer, description: "1 when logging is enabled, 0 when not." },
  logStorage: { type: number, description: "Log storage in GB." },
  deletionProtection: {
    type: boolean,
    description: "Deletion protection (managed when set).",
  },
  deletionProtectionDescription: {
    type: string,
    description: "Why deletion protection is on (managed when set).",
  },
  tags: {
    type: { type: "object", additionalProperties: string },
    description:
      "User tags (managed when set): the whole map, system tags (`aliyun…`, `acs:…`) excepted; " +
      "in the outputs only when managed.",
  },
  ownerAccountId: {
    type: string,
    description:
      "The account the instance was adopted in (STS `GetCallerIdentity` of the provider's " +
      'credentials): a later "not found" from another account\'s credentials is refused, not ' +
      "read as deleted. Absent when STS could not be asked.",
  },
};

/** The input properties, in `INPUT_PROPERTIES` order. */
export const PLUGIN_INPUT_NAMES: readonly (keyof KmsInstanceOutputs)[] = INPUT_PROPERTIES;

/** One provider config key: its type, description and whether it is a secret. */
export interface ConfigRow extends PropertyRow {
  /** True for credentials: the engine keeps them encrypted in state. */
  secret?: boolean;
  /** The key `provider/core` reads it under (`alicloud:region`, `alicloud-kms:endpoint`). */
  coreKey: string;
}

/**
 * The provider config (`alicloud-kms:<key>` in stack config). The credential and region keys are
 * read by the core under the `alicloud:` names `@pulumi/alicloud` uses; the plugin maps them.
 */
export const PLUGIN_CONFIG: Record<string, ConfigRow> = {
  region: {
    type: string,
    coreKey: "alicloud:region",
    description:
      "Default region of instances that declare none. Also read from `ALIBABA_CLOUD_REGION` or `ALICLOUD_REGION`.",
  },
  endpoint: {
    type: string,
    coreKey: "alicloud-kms:endpoint",
    description:
      "KMS API endpoint override (`http://127.0.0.1:PORT`, `{region}` is substituted): for the emulator or a VPC endpoint. Also read from `ALIBABA_CLOUD_KMS_ENDPOINT`.",
  },
  stsEndpoint: {
    type: string,
    coreKey: "alicloud-kms:stsEndpoint",
    description:
      "STS endpoint for `GetCallerIdentity` (default `https://sts.aliyuncs.com`; `{region}` is substituted, e.g. `https://sts-vpc.{region}.aliyuncs.com`). Also read from `ALIBABA_CLOUD_STS_ENDPOINT`.",
  },
  accessKey: {
    type: string,
    secret: true,
    coreKey: "alicloud:accessKey",
    description: "Access key id. Also read from `ALICLOUD_ACCESS_KEY`, else the credential chain.",
  },
  secretKey: {
    type: string,
    secret: true,
    coreKey: "alicloud:secretKey",
    description: "Access key secret. Also read from `ALICLOUD_SECRET_KEY`.",
  },
  securityToken: {
    type: string,
    secret: true,
    coreKey: "alicloud:securityToken",
    description: "STS security token for temporary keys. Also read from `ALICLOUD_SECURITY_TOKEN`.",
  },
  profile: {
    type: string,
    coreKey: "alicloud:profile",
    description: "Profile of the Alibaba Cloud CLI config to take credentials from.",
  },
  retryTimeoutSeconds: {
    type: number,
    coreKey: "alicloud-kms:retryTimeoutSeconds",
    description: "Budget of a retried API call, in seconds (default 60).",
  },
  expiryWarningDays: {
    type: integer,
    coreKey: "alicloud-kms:expiryWarningDays",
    description: "Warn when an instance's end date is within this many days (default 30).",
  },
  readTimeoutMs: {
    type: integer,
    coreKey: "alicloud-kms:readTimeoutMs",
    description: "Read timeout of an API call, in milliseconds (default 10000).",
  },
  connectTimeoutMs: {
    type: integer,
    coreKey: "alicloud-kms:connectTimeoutMs",
    description: "Connect timeout of an API call, in milliseconds (default 5000).",
  },
};
