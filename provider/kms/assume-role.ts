/**
 * Assume-role settings: `@pulumi/alicloud`'s `alicloud:assumeRole` object, or the environment
 * variables Terraform's provider reads for its `assume_role` block. Pure: parsed from config text
 * and env. Sources:
 * - `@pulumi/alicloud` `types/output.d.ts` `config.AssumeRole` (the fields and their meaning);
 * - aliyun/terraform-provider-alicloud `alicloud/provider.go` at 81c43b6727 (`assumeRoleSchema`:
 *   `role_arn` defaults from `ALICLOUD_ASSUME_ROLE_ARN` then `ALIBABA_CLOUD_ROLE_ARN`,
 *   `session_name` from `ALICLOUD_ASSUME_ROLE_SESSION_NAME` then `ALIBABA_CLOUD_ROLE_SESSION_NAME`,
 *   `session_expiration` validated to 900–43200 and, when 0, read from
 *   `ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION`, else 3600; `policy` and `external_id` have no
 *   environment variable);
 * - the STS `AssumeRole` reference (`DurationSeconds` from 900 up to the role's maximum session
 *   duration, at most 43200; `RoleSessionName` of letters, digits, `.`, `@`, `-`, `_`).
 */
import type { KmsEndpoint } from "./endpoint";

/** The STS `AssumeRole` parameters of a provider's credentials (no secret among them). */
export interface AssumeRoleSettings {
  /** `acs:ram::<account id>:role/<role name>`. */
  readonly roleArn: string;
  /** `RoleSessionName`: shows in the role account's audit trail. */
  readonly sessionName: string;
  /** `DurationSeconds` of each session. */
  readonly durationSeconds: number;
  /** A policy document (JSON text) that narrows the session's permissions. */
  readonly policy?: string;
  /** What the role's trust policy may require. */
  readonly externalId?: string;
  /** The config key or environment variable the role ARN came from. */
  readonly source: string;
}

/** Terraform's is `terraform`. */
export const DEFAULT_ROLE_SESSION_NAME = "pulumi-alicloud-kms";

/** In seconds, as Terraform's and the library's. */
export const DEFAULT_SESSION_EXPIRATION_SECONDS = 3600;

/**
 * In seconds, as Terraform's provider validates. Past 3600 the role's maximum session duration
 * must have been raised, or STS refuses the call.
 */
export const SESSION_EXPIRATION_RANGE = { min: 900, max: 43_200 } as const;

/** First match wins: Terraform's names, then the Alibaba SDKs'. */
export const ASSUME_ROLE_ENV_KEYS = {
  roleArn: ["ALICLOUD_ASSUME_ROLE_ARN", "ALIBABA_CLOUD_ROLE_ARN"],
  sessionName: ["ALICLOUD_ASSUME_ROLE_SESSION_NAME", "ALIBABA_CLOUD_ROLE_SESSION_NAME"],
  sessionExpiration: ["ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"],
} as const;

/**
 * With this set, `ALIBABA_CLOUD_ROLE_ARN` belongs to the default chain's OIDC provider, which
 * assumes the role with an OIDC token: reading it as assume-role too would assume it twice.
 */
export const OIDC_PROVIDER_ENV = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";

const FIELDS = ["roleArn", "sessionName", "externalId", "sessionExpiration", "policy"] as const;

/** A role ARN (RAM role names: 1–64 letters, digits, `.`, `-`), and what a message expects. */
const ROLE_ARN = [
  /^acs:ram::\d{1,20}:role\/[A-Za-z0-9.-]{1,64}$/,
  "expected a RAM role ARN, acs:ram::<account id>:role/<role name>",
] as const;

/** A `RoleSessionName`, and what a message expects. */
const SESSION_NAME = [
  /^[A-Za-z0-9.@_-]{2,64}$/,
  'expected 2–64 letters, digits, ".", "@", "-" or "_"',
] as const;

/** A config or environment value, trimmed; undefined when unset or blank. */
export function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

function firstEnv(
  env: NodeJS.ProcessEnv,
  names: readonly string[],
): { value: string; name: string } | undefined {
  for (const name of names) {
    const value = nonEmpty(env[name]);
    if (value !== undefined) return { value, name };
  }
  return undefined;
}

/** An example of the config object `key`, for messages. */
const example = (key: string): string =>
  '{"roleArn":"acs:ram::<account id>:role/<role name>"} (e.g. `pulumi config set --path ' +
  `${key}.roleArn acs:ram::<account id>:role/<role name>\`)`;

/** The config object: parsed JSON, or an error naming the key. */
function parseObject(raw: string, key: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`invalid ${key}: not JSON; expected an object such as ${example(key)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`invalid ${key}: expected an object such as ${example(key)}`);
  }
  const obj = parsed as Record<string, unknown>;
  for (const field of Object.keys(obj)) {
    if (!(FIELDS as readonly string[]).includes(field)) {
      throw new Error(`invalid ${key}: unknown field "${field}" (known: ${FIELDS.join(", ")})`);
    }
  }
  return obj;
}

function optionalString(
  obj: Record<string, unknown>,
  field: string,
  key: string,
): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new Error(`invalid ${key}.${field}: expected a string`);
  return nonEmpty(v);
}

/** `value` when it matches `pattern`; else an error naming `setting` and what is `expected`. */
function checked(
  value: string,
  setting: string,
  [pattern, expected]: readonly [RegExp, string],
): string {
  if (!pattern.test(value)) throw new Error(`invalid ${setting} "${value}": ${expected}`);
  return value;
}

/** A session length; 0 (Terraform's "unset") means undefined. */
function expirationOf(value: unknown, setting: string): number | undefined {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (n === 0) return undefined;
  const { min, max } = SESSION_EXPIRATION_RANGE;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(
      `invalid ${setting} ${JSON.stringify(value)}: expected whole seconds from ${min} to ${max}`,
    );
  }
  return n;
}

/** A policy: JSON text (or an object, written as JSON) of a JSON object. */
function policyOf(value: unknown, setting: string): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`invalid ${setting}: not JSON; expected a RAM policy document`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`invalid ${setting}: expected a RAM policy document (a JSON object)`);
  }
  return text;
}

/**
 * The assume-role settings from the config object `raw` (JSON text of `key`), each unset field
 * falling back to the environment as Terraform's provider does (without `raw`, the environment
 * alone); undefined when no role is to be assumed.
 * @throws Error naming the key or variable for bad input (never echoing a secret: none is read).
 */
export function parseAssumeRole(
  raw: string | undefined,
  key: string,
  env: NodeJS.ProcessEnv,
): AssumeRoleSettings | undefined {
  const text = nonEmpty(raw);
  const obj = text !== undefined ? parseObject(text, key) : undefined;
  const oidc = nonEmpty(env[OIDC_PROVIDER_ENV]) !== undefined;
  // See OIDC_PROVIDER_ENV.
  const arnEnv = oidc ? ASSUME_ROLE_ENV_KEYS.roleArn.slice(0, 1) : ASSUME_ROLE_ENV_KEYS.roleArn;

  const pick = (field: "roleArn" | "sessionName", names: readonly string[]) => {
    const fromConfig = obj ? optionalString(obj, field, key) : undefined;
    if (fromConfig === undefined) return firstEnv(env, names);
    return { value: fromConfig, name: `${key}.${field}` };
  };
  const arn = pick("roleArn", arnEnv);
  if (arn === undefined) {
    if (obj) {
      throw new Error(
        `${key}.roleArn is required (or set ${ASSUME_ROLE_ENV_KEYS.roleArn[0]}): ` +
          `expected an object such as ${example(key)}`,
      );
    }
    return undefined;
  }
  const roleArn = checked(arn.value, arn.name, ROLE_ARN);
  const source = arn.name === `${key}.roleArn` ? key : arn.name;
  const name = pick("sessionName", ASSUME_ROLE_ENV_KEYS.sessionName);
  const sessionName = name
    ? checked(name.value, name.name, SESSION_NAME)
    : DEFAULT_ROLE_SESSION_NAME;

  const expConfig = obj?.sessionExpiration;
  const expEnv = firstEnv(env, ASSUME_ROLE_ENV_KEYS.sessionExpiration);
  const durationSeconds =
    (expConfig !== undefined && expConfig !== null
      ? expirationOf(expConfig, `${key}.sessionExpiration`)
      : undefined) ??
    (expEnv !== undefined ? expirationOf(expEnv.value, expEnv.name) : undefined) ??
    DEFAULT_SESSION_EXPIRATION_SECONDS;

  const policy = obj ? policyOf(obj.policy, `${key}.policy`) : undefined;
  const externalId = obj ? optionalString(obj, "externalId", key) : undefined;
  return Object.freeze({
    roleArn,
    sessionName,
    durationSeconds,
    ...(policy !== undefined ? { policy } : {}),
    ...(externalId !== undefined ? { externalId } : {}),
    source,
  });
}

/** A loopback host, optional port: traffic to it never leaves the machine. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/**
 * The `host[:port]` STS `AssumeRole` goes to. Its answer carries the role's secret keys, so the
 * endpoint must be HTTPS (HTTP only to a loopback address), and without a path (STS is called
 * at `/`).
 * @param setting the config key or variable that chose the STS endpoint, for the message.
 * @throws Error naming the setting otherwise.
 */
export function assumeRoleStsHost(sts: KmsEndpoint, setting: string): string {
  if (sts.protocol !== "HTTPS" && !LOOPBACK_HOST.test(sts.endpoint)) {
    throw new Error(
      `${setting} must be an https:// URL with assume-role credentials: STS AssumeRole answers ` +
        `the role's secret keys, which must not cross a network in clear (http:// is accepted ` +
        `for a loopback address only, such as a local emulator)`,
    );
  }
  if (sts.pathname !== "/") {
    throw new Error(
      `${setting} must not have a path with assume-role credentials: STS AssumeRole is called at /`,
    );
  }
  return sts.endpoint;
}
