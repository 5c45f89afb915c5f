/**
 * A KMS client's region, endpoints, credentials and timeouts from Pulumi config and the
 * environment, under the keys `@pulumi/alicloud` and the Alibaba tools already use, so nothing is
 * configured twice. Pure: config and env are passed in.
 *
 * Secrets (secret key, STS token, access key id) are kept in a module-private WeakMap, not in the
 * settings object, so `JSON.stringify`, `util.inspect` (even with `showHidden`) and error messages
 * cannot reveal them.
 */
import { createHmac, randomBytes } from "crypto";
import { AssumeRoleSettings, assumeRoleStsHost, nonEmpty, parseAssumeRole } from "./assume-role";
import { EndpointKey, KmsEndpoint, resolveEndpoint } from "./endpoint";
import { noRegionMessage, REGION_ID } from "./region";

/** Config keys read by `resolveKmsSettings`. */
export const CONFIG_KEYS = {
  region: "alicloud:region",
  accessKey: "alicloud:accessKey",
  secretKey: "alicloud:secretKey",
  securityToken: "alicloud:securityToken",
  profile: "alicloud:profile",
  endpoint: "alicloud-kms:endpoint",
  stsEndpoint: "alicloud-kms:stsEndpoint",
  bssEndpoint: "alicloud-kms:bssEndpoint",
  retryTimeoutSeconds: "alicloud-kms:retryTimeoutSeconds",
  expiryWarningDays: "alicloud-kms:expiryWarningDays",
  quotaWarningPercent: "alicloud-kms:quotaWarningPercent",
  readTimeoutMs: "alicloud-kms:readTimeoutMs",
  connectTimeoutMs: "alicloud-kms:connectTimeoutMs",
  assumeRole: "alicloud:assumeRole",
} as const;

/** Environment variables read by `resolveKmsSettings`. */
export const ENV_KEYS = {
  region: "ALIBABA_CLOUD_REGION",
  legacyRegion: "ALICLOUD_REGION",
  endpoint: "ALIBABA_CLOUD_KMS_ENDPOINT",
  stsEndpoint: "ALIBABA_CLOUD_STS_ENDPOINT",
  bssEndpoint: "ALIBABA_CLOUD_BSS_ENDPOINT",
  accessKey: "ALICLOUD_ACCESS_KEY",
  secretKey: "ALICLOUD_SECRET_KEY",
  securityToken: "ALICLOUD_SECURITY_TOKEN",
  profile: "ALIBABA_CLOUD_PROFILE",
} as const;

/**
 * The environment variables the `@alicloud/credentials` chain reads: processes that differ in any
 * of them may resolve different credentials.
 */
export const CHAIN_ENV_KEYS = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_ROLE_ARN",
  "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
  "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
  "ALIBABA_CLOUD_PROFILE",
  "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
  "ALIBABA_CLOUD_CREDENTIALS_FILE",
  "ALIBABA_CLOUD_ECS_METADATA",
  "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
  "ALIBABA_CLOUD_CREDENTIALS_URI",
  "HOME",
] as const;

/** Budget of a retried call, in seconds. */
export const DEFAULT_RETRY_TIMEOUT_SECONDS = 60;
/** Window, in days, in which a near end date is warned about. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 30;
/** Share of a quota used (percent) from which a read with `watchQuota` warns. */
export const DEFAULT_QUOTA_WARNING_PERCENT = 90;
/** Default read timeout (openapi-client's own 3 s is short for a loaded gateway). */
export const DEFAULT_READ_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** What `resolveKmsSettings` reads. */
export interface KmsSettingsInput {
  /** A resource's `region` input: wins over config and env. */
  region?: string;
  /** A Pulumi config value by full key (`alicloud:region`). */
  config: (key: string) => string | undefined;
  env: NodeJS.ProcessEnv;
}

/** Where the region came from. */
export type RegionSource = "input" | "alicloud:region" | "ALIBABA_CLOUD_REGION" | "ALICLOUD_REGION";

/** Where the credentials come from: the first that is set. */
export type CredentialSource =
  | "config" // alicloud:accessKey / alicloud:secretKey [/ alicloud:securityToken]
  | "env" // ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY [/ ALICLOUD_SECURITY_TOKEN]
  | "profile" // alicloud:profile through @alicloud/credentials' profile providers
  | "default-chain"; // @alicloud/credentials' default chain

/**
 * Where the KMS (`endpoint`), STS and BSS calls go (endpoint.ts), the override as configured
 * (`{region}` not substituted), and the setting it came from.
 */
type Endpoints = { readonly [K in EndpointKey]: KmsEndpoint } & {
  readonly [K in EndpointKey as `${K}Override`]?: string;
} & {
  readonly [K in EndpointKey as `${K}Source`]?: (typeof CONFIG_KEYS)[K] | (typeof ENV_KEYS)[K];
};

/** Resolved, secret-free settings of a KMS client. */
export interface KmsSettings extends Endpoints {
  readonly region: string;
  readonly regionSource: RegionSource;
  readonly credentialSource: CredentialSource;
  /** `access_key` or `sts` (keys with a security token) for keys, `chain` otherwise. */
  readonly credentialType: "access_key" | "sts" | "chain";
  /** The profile name for `credentialSource: "profile"`. */
  readonly profile?: string;
  /**
   * An opaque per-process fingerprint of the credentials (HMAC with a random process key), so
   * settings with the same keys share a session (session.ts).
   */
  readonly credentialIdentity: string;
  readonly retryTimeoutMs: number;
  readonly expiryWarningDays: number;
  /** An integer from 1 to 100. */
  readonly quotaWarningPercent: number;
  readonly readTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** The RAM role the credentials assume (at `stsEndpoint`); calls sign with its keys. */
  readonly assumeRole?: AssumeRoleSettings;
}

/** Static keys, held outside the settings object. */
export interface StaticKeys {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

const secretStore = new WeakMap<KmsSettings, StaticKeys>();
const processKey = randomBytes(32);

/** The static keys of `settings`, for the clients and credentials only (not in the index). */
export function staticKeysOf(settings: KmsSettings): StaticKeys | undefined {
  return secretStore.get(settings);
}

/** Every secret string of `settings`, for redacting messages. */
export function secretsOf(settings: KmsSettings): string[] {
  const k = secretStore.get(settings);
  if (!k) return [];
  return [k.accessKeySecret, k.securityToken ?? "", k.accessKeyId].filter((s) => s.length > 0);
}

/** A region, or why there is none (with the value when it was set but is not a region id). */
export type RegionResolution =
  | { region: string; source: RegionSource; error?: undefined }
  | { region?: undefined; source?: undefined; error: string; malformed?: string };

export const NO_REGION_MESSAGE = noRegionMessage();

/**
 * The region: input → `alicloud:region` → `ALIBABA_CLOUD_REGION` → `ALICLOUD_REGION`. Returns an
 * `error` rather than throwing, so `check` can report it.
 */
export function resolveRegion(input: KmsSettingsInput): RegionResolution {
  const candidates: [string | undefined, RegionSource][] = [
    [nonEmpty(input.region), "input"],
    [nonEmpty(input.config(CONFIG_KEYS.region)), "alicloud:region"],
    [nonEmpty(input.env[ENV_KEYS.region]), "ALIBABA_CLOUD_REGION"],
    [nonEmpty(input.env[ENV_KEYS.legacyRegion]), "ALICLOUD_REGION"],
  ];
  for (const [value, source] of candidates) {
    if (value === undefined) continue;
    if (!REGION_ID.test(value)) {
      return {
        error: `invalid region "${value}" from ${source} (expected e.g. cn-hangzhou)`,
        malformed: value,
      };
    }
    return { region: value, source };
  }
  return { error: NO_REGION_MESSAGE };
}

/**
 * The number set by config `key`, else `fallback`.
 * @param valid by default, positive; `expected` ends the message, saying what is valid.
 */
function numberSetting(
  input: KmsSettingsInput,
  key: string,
  fallback: number,
  valid = (n: number): boolean => Number.isFinite(n) && n > 0,
  expected = ": expected a positive number",
): number {
  const t = nonEmpty(input.config(key));
  if (t === undefined) return fallback;
  const n = Number(t);
  if (!valid(n)) throw new Error(`invalid ${key} "${t}"${expected}`);
  return n;
}

interface ResolvedCredentials {
  source: CredentialSource;
  keys?: StaticKeys;
  profile?: string;
}

/** The static keys named `names` in `read` (config or environment). */
function keyPair(
  read: (key: string) => string | undefined,
  names: { accessKey: string; secretKey: string; securityToken: string },
): StaticKeys | undefined {
  const id = nonEmpty(read(names.accessKey));
  const secret = nonEmpty(read(names.secretKey));
  const token = nonEmpty(read(names.securityToken));
  if (id === undefined && secret === undefined) {
    if (token !== undefined) {
      throw new Error(
        `${names.securityToken} is set but ${names.accessKey} and ${names.secretKey} are not: set all three`,
      );
    }
    return undefined;
  }
  if (id === undefined || secret === undefined) {
    const [set, missing] =
      id === undefined ? [names.secretKey, names.accessKey] : [names.accessKey, names.secretKey];
    throw new Error(
      `${set} is set but ${missing} is not: set both (or neither, to use the credential chain)`,
    );
  }
  return token === undefined
    ? { accessKeyId: id, accessKeySecret: secret }
    : { accessKeyId: id, accessKeySecret: secret, securityToken: token };
}

function resolveCredentials(input: KmsSettingsInput): ResolvedCredentials {
  const fromConfig = keyPair(input.config, CONFIG_KEYS);
  if (fromConfig) return { source: "config", keys: fromConfig };
  const fromEnv = keyPair((key) => input.env[key], ENV_KEYS);
  if (fromEnv) return { source: "env", keys: fromEnv };
  const profile = nonEmpty(input.config(CONFIG_KEYS.profile));
  if (profile) return { source: "profile", profile };
  return { source: "default-chain" };
}

function fingerprint(
  c: ResolvedCredentials,
  env: NodeJS.ProcessEnv,
  assumeRole?: AssumeRoleSettings,
  stsHost?: string,
): string {
  // A chain's identity is everything it reads: the profile and the chain's environment, so one
  // session's resolution (session.ts) is never reused for another environment.
  const material = c.keys
    ? `keys\0${c.keys.accessKeyId}\0${c.keys.accessKeySecret}\0${c.keys.securityToken ?? ""}`
    : [c.source, c.profile ?? "", ...CHAIN_ENV_KEYS.map((k) => env[k] ?? "")].join("\0");
  // An assumed role is another identity on the same source credentials.
  const role = assumeRole ? `\0role\0${JSON.stringify(assumeRole)}\0${stsHost ?? ""}` : "";
  return createHmac("sha256", processKey)
    .update(material + role)
    .digest("hex")
    .slice(0, 32);
}

type EndpointOverrides = Pick<KmsSettings, `${EndpointKey}Override` | `${EndpointKey}Source`>;

const ENDPOINT_KEYS: readonly EndpointKey[] = ["endpoint", "stsEndpoint", "bssEndpoint"];

/** For each endpoint, the config key wins over the environment variable. */
function overridesOf(input: KmsSettingsInput): EndpointOverrides {
  const out: Record<string, string> = {};
  for (const key of ENDPOINT_KEYS) {
    const fromConfig = nonEmpty(input.config(CONFIG_KEYS[key]));
    const override = fromConfig ?? nonEmpty(input.env[ENV_KEYS[key]]);
    if (override === undefined) continue;
    out[`${key}Override`] = override;
    out[`${key}Source`] = fromConfig !== undefined ? CONFIG_KEYS[key] : ENV_KEYS[key];
  }
  return out as EndpointOverrides;
}

/** The setting that chose the endpoint `key` of `settings`: its override's, else the config key. */
export function endpointSetting(settings: EndpointOverrides, key: EndpointKey): string {
  return settings[`${key}Source`] ?? CONFIG_KEYS[key];
}

/**
 * Resolves the settings of a KMS client. Credentials: the first of `CredentialSource`, in its
 * order (the default chain reads `ALIBABA_CLOUD_ACCESS_KEY_ID`/`_SECRET`, OIDC,
 * `ALIBABA_CLOUD_PROFILE`, files, ECS RAM role). Endpoints: `alicloud-kms:endpoint`
 * (`stsEndpoint`, `bssEndpoint`), else `ALIBABA_CLOUD_KMS_ENDPOINT` (`_STS_`, `_BSS_`), else the
 * public one (endpoint.ts).
 * @throws Error (never containing a secret) for a missing region, half-set keys, a bad URL or number.
 */
export function resolveKmsSettings(input: KmsSettingsInput): KmsSettings {
  const r = resolveRegion(input);
  if (r.error !== undefined) throw new Error(r.error);
  const region = r.region;

  const overrides = overridesOf(input);
  const resolve = (key: EndpointKey): KmsEndpoint =>
    resolveEndpoint(key, region, overrides[`${key}Override`], endpointSetting(overrides, key));
  const endpoints = {
    endpoint: resolve("endpoint"),
    stsEndpoint: resolve("stsEndpoint"),
    bssEndpoint: resolve("bssEndpoint"),
  };
  const creds = resolveCredentials(input);
  const assumeRole = parseAssumeRole(
    input.config(CONFIG_KEYS.assumeRole),
    CONFIG_KEYS.assumeRole,
    input.env,
  );
  const stsHost = assumeRole
    ? assumeRoleStsHost(endpoints.stsEndpoint, endpointSetting(overrides, "stsEndpoint"))
    : undefined;
  const settings: KmsSettings = {
    region,
    regionSource: r.source,
    ...endpoints,
    ...overrides,
    credentialSource: creds.source,
    credentialType: creds.keys ? (creds.keys.securityToken ? "sts" : "access_key") : "chain",
    ...(creds.profile !== undefined ? { profile: creds.profile } : {}),
    credentialIdentity: fingerprint(creds, input.env, assumeRole, stsHost),
    retryTimeoutMs:
      numberSetting(input, CONFIG_KEYS.retryTimeoutSeconds, DEFAULT_RETRY_TIMEOUT_SECONDS) * 1000,
    expiryWarningDays: numberSetting(
      input,
      CONFIG_KEYS.expiryWarningDays,
      DEFAULT_EXPIRY_WARNING_DAYS,
      (n) => Number.isInteger(n) && n >= 0,
      ": expected a whole number of days ≥ 0",
    ),
    // A stack-wide policy like expiryWarningDays, so checked when the settings resolve.
    quotaWarningPercent: numberSetting(
      input,
      CONFIG_KEYS.quotaWarningPercent,
      DEFAULT_QUOTA_WARNING_PERCENT,
      (n) => Number.isInteger(n) && n >= 1 && n <= 100,
      `: expected a whole percentage from 1 to 100 (default ${DEFAULT_QUOTA_WARNING_PERCENT})`,
    ),
    readTimeoutMs: numberSetting(input, CONFIG_KEYS.readTimeoutMs, DEFAULT_READ_TIMEOUT_MS),
    connectTimeoutMs: numberSetting(
      input,
      CONFIG_KEYS.connectTimeoutMs,
      DEFAULT_CONNECT_TIMEOUT_MS,
    ),
    ...(assumeRole ? { assumeRole } : {}),
  };
  Object.freeze(settings);
  if (creds.keys) secretStore.set(settings, creds.keys);
  return settings;
}
