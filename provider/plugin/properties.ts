import { SCHEMA, type PropertyRow } from "../instance";
import type { CONFIG_KEYS } from "../kms/settings";

const { string, number, integer, stringMap } = SCHEMA;

/** One provider config key: its type, description and whether it is a secret. */
export interface ConfigRow extends PropertyRow {
  /** True for credentials: the engine keeps them encrypted in state. */
  secret?: boolean;
}

/**
 * The plugin's provider config (`alicloud-kms:<key>` in stack config), read by the schema, the docs
 * and `server.ts`: one row per key the settings read (`CONFIG_KEYS` in `kms/settings.ts`), so none
 * can be missing. The core reads the credential and region keys under `@pulumi/alicloud`'s
 * `alicloud:` names; `pluginHost` (`server.ts`) maps them.
 */
export const PLUGIN_CONFIG: Readonly<Record<keyof typeof CONFIG_KEYS, ConfigRow>> = {
  region: {
    type: string,
    description:
      "Default region of instances that declare none. Also read from `ALIBABA_CLOUD_REGION` or `ALICLOUD_REGION`.",
  },
  endpoint: {
    type: string,
    description:
      "KMS API endpoint override (`http://127.0.0.1:PORT`, `{region}` is substituted): for the emulator or a VPC endpoint. Also read from `ALIBABA_CLOUD_KMS_ENDPOINT`.",
  },
  stsEndpoint: {
    type: string,
    description:
      "STS endpoint for `GetCallerIdentity` and, with `assumeRole`, `AssumeRole` (HTTPS, or `http://` to a loopback address) (default `https://sts.aliyuncs.com`; `{region}` is substituted, e.g. `https://sts-vpc.{region}.aliyuncs.com`). Also read from `ALIBABA_CLOUD_STS_ENDPOINT`.",
  },
  bssEndpoint: {
    type: string,
    description:
      "BSS OpenAPI endpoint for the renewal calls `QueryAvailableInstances` and `SetRenewal` (default `https://business.aliyuncs.com`, and `https://business.ap-southeast-1.aliyuncs.com` once BSS answers `NotApplicable` for an international account; `{region}` is substituted). Also read from `ALIBABA_CLOUD_BSS_ENDPOINT`.",
  },
  accessKey: {
    type: string,
    secret: true,
    description: "Access key id. Also read from `ALICLOUD_ACCESS_KEY`, else the credential chain.",
  },
  secretKey: {
    type: string,
    secret: true,
    description: "Access key secret. Also read from `ALICLOUD_SECRET_KEY`.",
  },
  securityToken: {
    type: string,
    secret: true,
    description: "STS security token for temporary keys. Also read from `ALICLOUD_SECURITY_TOKEN`.",
  },
  profile: {
    type: string,
    description: "Profile of the Alibaba Cloud CLI config to take credentials from.",
  },
  retryTimeoutSeconds: {
    type: number,
    description: "Budget of a retried API call, in seconds (default 60).",
  },
  expiryWarningDays: {
    type: integer,
    description: "Warn when an instance's end date is within this many days (default 30).",
  },
  quotaWarningPercent: {
    type: integer,
    description:
      "With `watchQuota`, warn when a resource type's used share of its quota reaches this percentage, 1–100 (default 90).",
  },
  readTimeoutMs: {
    type: integer,
    description: "Read timeout of an API call, in milliseconds (default 10000).",
  },
  connectTimeoutMs: {
    type: integer,
    description: "Connect timeout of an API call, in milliseconds (default 5000).",
  },
  assumeRole: {
    type: stringMap,
    description:
      "A RAM role the credentials assume through STS `AssumeRole` (at `stsEndpoint`, which must be HTTPS, or `http://` to a loopback address): `roleArn` (required), `sessionName` (default `pulumi-alicloud-kms`), `sessionExpiration` (seconds, 900–43200, default 3600), `policy` (JSON), `externalId`. Set with `pulumi config set --path alicloud-kms:assumeRole.roleArn <arn>`. Also read from `ALICLOUD_ASSUME_ROLE_ARN` (or `ALIBABA_CLOUD_ROLE_ARN` without OIDC).",
  },
};
