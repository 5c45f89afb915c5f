/**
 * The plugin's provider config (`alicloud-kms:<key>` in stack config): one row per key the
 * settings read (`CONFIG_KEYS` in `provider/kms/settings.ts`), with its type and description, and
 * its mapping onto the keys `provider/core` reads. The engine configures the plugin with its own
 * namespace (`alicloud-kms:region` arrives as `region`); the core reads `alicloud:region`,
 * `alicloud:accessKey`, … (the keys `@pulumi/alicloud` uses) and `alicloud-kms:endpoint`. Either
 * spelling is accepted, and the core falls back to the environment for whatever is unset.
 */
import type { Host, Log } from "../core/region-context";
import { isUnknown } from "../core/unknown";
import { SCHEMA, type CheckFailure, type PropertyRow } from "../instance";
import { PACKAGE_NAME } from "../package/identity";
import { CONFIG_KEYS, NO_REGION_MESSAGE, resolveKmsSettings, resolveRegion } from "../kms/settings";
import { unwrapSecrets } from "./secrets";

export { PACKAGE_NAME };

const { string, number, integer, stringMap } = SCHEMA;

/** One provider config key: its type, description and whether it is a secret. */
export interface ConfigRow extends PropertyRow {
  /** True for credentials: the engine keeps them encrypted in state. */
  secret?: boolean;
}

/**
 * The provider config: one row per key the settings read (`CONFIG_KEYS`), so a new setting cannot
 * be missing here. The credential and region keys are read by the core under the `alicloud:`
 * names `@pulumi/alicloud` uses; the plugin maps them (`pluginHost`).
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

/**
 * Normalizes what Configure carries: `args` (provider inputs: `region`, values possibly secret
 * or non-string) and `variables` (`alicloud-kms:config:region` → string). Args win.
 */
export function pluginConfigFrom(
  args: Record<string, unknown>,
  variables: ReadonlyMap<string, string> | Iterable<[string, string]>,
): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of variables) {
    // `alicloud-kms:config:region` → `region`; a foreign namespace keeps its full name.
    const m = /^([^:]+):(?:config:)?(.+)$/.exec(key);
    if (!m) out[key] = value;
    else out[m[1] === PACKAGE_NAME ? m[2] : `${m[1]}:${m[2]}`] = value;
  }
  for (const [key, raw] of Object.entries(unwrapSecrets(args) as Record<string, unknown>)) {
    if (key === "version" || raw === undefined || raw === null) continue;
    out[key] = typeof raw === "string" ? raw : JSON.stringify(raw);
  }
  return out;
}

const BY_CORE_KEY: ReadonlyMap<string, string> = new Map(
  Object.entries(CONFIG_KEYS).map(([key, coreKey]) => [coreKey, key]),
);

/**
 * The core's `Host` over plugin config (plain values by key as the engine named them: `region`,
 * or a full `ns:key`): a core key (`alicloud:region`) answers the plugin key (`region`) first,
 * then the same core key if the engine sent it verbatim.
 */
export function pluginHost(
  config: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
  log: Log,
): Host {
  return {
    config: (key) => {
      const own = BY_CORE_KEY.get(key);
      const v = (own !== undefined ? config[own] : undefined) ?? config[key];
      return v === undefined || v === "" ? undefined : v;
    },
    env,
    warn: (m) => log.warn(m),
    info: (m) => log.info(m),
  };
}

/**
 * The failures of a provider config: a configured region must be a region id, and when a region
 * is known the whole client configuration (endpoint, key pairs, numbers) must resolve. No region
 * is not a failure: every resource may declare its own.
 */
export function checkPluginConfig(
  news: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  log: Log,
): CheckFailure[] {
  const known = Object.fromEntries(Object.entries(news).filter(([, v]) => !hasUnknown(v)));
  const input = { config: pluginHost(pluginConfigFrom(known, []), env, log).config, env };
  const region = resolveRegion(input);
  if (region.error === NO_REGION_MESSAGE) return [];
  if (region.error !== undefined) return [{ property: "region", reason: region.error }];
  try {
    resolveKmsSettings(input);
    return [];
  } catch (err) {
    return [{ property: "", reason: (err as Error).message }];
  }
}

function hasUnknown(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (typeof v === "object" && v !== null) return Object.values(v).some(hasUnknown);
  return false;
}
