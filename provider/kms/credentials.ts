/**
 * The credentials of a session (`session.ts`) whose settings carry no static keys, or assume a
 * role:
 * - the `@alicloud/credentials` default chain, or — for `alicloud:profile` — that library's two
 *   profile providers (the CLI's `~/.aliyun/config.json` and the INI `~/.alibabacloud/credentials`)
 *   asked for that profile by name. Naming the profile on the providers, rather than setting
 *   `ALIBABA_CLOUD_PROFILE`, keeps process.env untouched and lets two stacks use two profiles.
 * - with `assumeRole`: the library's `RAMRoleARNCredentialsProvider` on top of the source
 *   credentials (static keys, the named profile or the default chain), calling STS `AssumeRole` at
 *   the settings' STS endpoint and refreshing the session before it ends. The role's temporary
 *   keys live only inside that provider (and the openapi client's signing): no settings object,
 *   message or log line holds them.
 *
 * What the library does is used as it is: the chain, the profile providers, and the whole STS
 * `AssumeRole` call (request, signature, parameters, refresh) of the RAM-role provider. What stays
 * here, and why (`@alicloud/credentials` 2.4.7, `dist/src/providers/`):
 * - `SharedCredentials`: one resolution per session that concurrent callers share, and a kept
 *   failure. `DefaultCredentialsProvider` is not safe to ask concurrently (`default.js:80` records
 *   the provider it is *trying* as `lastUsedProvider`, so a parallel caller asks that one alone and
 *   reports its particular failure: `ENOENT … .alibabacloud/credentials`, `getaddrinfo ENOTFOUND
 *   undefined`), and the RAM-role provider's `SessionCredentialProvider` shares nothing before its
 *   first session (`session.js:95`, `getSession`: every caller that finds none calls `refresher`,
 *   one `AssumeRole` each). It is also where a retry of `AssumeRole` can wrap `getCredentials`: the
 *   library sends it once (`http.js:134`, `doRequest`).
 * - the failure sentences. The chain's reasons differ per caller and may echo a config file's
 *   content: one described state replaces them (`noCredentialsMessage`). The RAM-role provider's
 *   errors are the raw STS body (`ram_role_arn.js:219`, "refresh session token failed: <body>"),
 *   whose `SignatureDoesNotMatch` message holds the server's string to sign, naming the access key
 *   id (`ram_role_arn.js:212`), or echo a non-JSON body (`ram_role_arn.js:226`); and a failure of
 *   the source credentials arrives unmarked (`ram_role_arn.js:153`). So `WatchedSource` marks the
 *   source's failures and notes every credential string it hands out, `stsFailureDetail` keeps
 *   only the service's code, message and request id, and the sentence is redacted of them all.
 *
 * STS `GetCallerIdentity` has no counterpart in the library: `sts-client.ts` signs it like the
 * KMS calls.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import Credential, {
  CLIProfileCredentialsProvider,
  CredentialsProvider,
  DefaultCredentialsProvider,
  ProfileCredentialsProvider,
  RAMRoleARNCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
} from "@alicloud/credentials";
import { assumeRoleStsHost } from "./assume-role";
import { KmsError, redact } from "./errors";
import { KmsSettings, secretsOf, staticKeysOf } from "./settings";

type Credentials = Awaited<ReturnType<CredentialsProvider["getCredentials"]>>;

/** Tries the CLI profile, then the INI profile, of one name; remembers which one worked. */
class NamedProfileProvider implements CredentialsProvider {
  private readonly providers: CredentialsProvider[] = [];
  private lastGood?: CredentialsProvider;

  constructor(private readonly profile: string) {
    try {
      // Throws when ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true: then only the INI file is asked.
      this.providers.push(CLIProfileCredentialsProvider.builder().withProfileName(profile).build());
    } catch {
      // disabled
    }
    this.providers.push(ProfileCredentialsProvider.builder().withProfileName(profile).build());
  }

  getCredentials = async (): Promise<Credentials> => {
    if (this.lastGood) return this.lastGood.getCredentials();
    for (const p of this.providers) {
      try {
        const c = await p.getCredentials();
        this.lastGood = p;
        return c;
      } catch {
        // the next one; the failure is described by `noCredentialsMessage`
      }
    }
    throw new Error(`unable to get credentials for profile "${this.profile}"`);
  };

  getProviderName = (): string => "profile";
}

/** What `noCredentialsMessage` needs to know about the machine. */
export interface ChainSurroundings {
  /** The environment the chain read (`process.env`). */
  env: NodeJS.ProcessEnv;
  /** The home directory the chain looked in. */
  home: string;
  /** Whether a file exists. */
  exists(path: string): boolean;
}

const FIX =
  "Set keys with `pulumi config set alicloud:accessKey <AccessKeyId>` and " +
  "`pulumi config set --secret alicloud:secretKey <AccessKeySecret>` " +
  "(the provider plugin reads alicloud-kms:accessKey and alicloud-kms:secretKey)";

function isTrue(v: string | undefined): boolean {
  return v?.toLowerCase() === "true";
}

function envPair(env: NodeJS.ProcessEnv, names: readonly string[]): string {
  const set = names.filter((n) => (env[n] ?? "") !== "");
  if (set.length === 0) return "not set";
  if (set.length < names.length) return `only ${set.join(", ")} set`;
  return "set, but gave no credentials";
}

function cliProfileFile(s: ChainSurroundings, profile: string | undefined): string {
  const path = join(s.home, ".aliyun", "config.json");
  if (isTrue(s.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED)) {
    return `${path} (disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true)`;
  }
  if (!s.exists(path)) return `${path} (not found)`;
  const which = profile ? `profile "${profile}"` : "its current profile";
  return `${path} (present, but ${which} gave no credentials)`;
}

function credentialsFile(s: ChainSurroundings, profile: string): string {
  const fromEnv = s.env.ALIBABA_CLOUD_CREDENTIALS_FILE;
  const path = fromEnv ? fromEnv : join(s.home, ".alibabacloud", "credentials");
  const via = fromEnv ? " (ALIBABA_CLOUD_CREDENTIALS_FILE)" : "";
  if (!s.exists(path)) return `${path}${via} (not found)`;
  return `${path}${via} (present, but profile "${profile}" gave no credentials)`;
}

/**
 * The one sentence every resource reports when no credentials could be found: each source that
 * was tried with its state (never a value), then the config keys that would fix it.
 * @param profile the `alicloud:profile` asked for, if any.
 */
export function noCredentialsMessage(s: ChainSurroundings, profile?: string): string {
  if (profile !== undefined) {
    return (
      `no Alibaba Cloud credentials for profile "${profile}" (alicloud:profile): tried ` +
      `${cliProfileFile(s, profile)} and ${credentialsFile(s, profile)}. ${FIX}, or fix the profile.`
    );
  }
  const env = s.env;
  const tried = [
    "the stack config alicloud:accessKey + alicloud:secretKey (not set) and alicloud:profile (not set)",
    `the environment variables ALICLOUD_ACCESS_KEY + ALICLOUD_SECRET_KEY (not set) and ` +
      `ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET ` +
      `(${envPair(env, ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"])})`,
    `OIDC: ALIBABA_CLOUD_ROLE_ARN + ALIBABA_CLOUD_OIDC_PROVIDER_ARN + ALIBABA_CLOUD_OIDC_TOKEN_FILE ` +
      `(${envPair(env, ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"])})`,
    `the CLI profile file ${cliProfileFile(s, env.ALIBABA_CLOUD_PROFILE || undefined)}`,
    `the credentials file ${credentialsFile(s, env.ALIBABA_CLOUD_PROFILE || "default")}`,
    isTrue(env.ALIBABA_CLOUD_ECS_METADATA_DISABLED)
      ? "the ECS RAM role (disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)"
      : "the ECS RAM role (the metadata service at 100.100.100.200 gave no role credentials)",
    `ALIBABA_CLOUD_CREDENTIALS_URI (${env.ALIBABA_CLOUD_CREDENTIALS_URI ? "set, but gave no credentials" : "not set"})`,
  ];
  return `no Alibaba Cloud credentials: tried ${tried.join("; ")}. ${FIX}.`;
}

let resolutions = 0;

/**
 * The credentials of one session (`session.ts`), shared by every client of it: concurrent
 * callers share one resolution; a failure is kept and answered to every later caller without
 * asking again.
 */
export class SharedCredentials implements CredentialsProvider {
  private inFlight?: Promise<Credentials>;
  private failure?: string;
  private succeeded = false;
  /** The object `@alicloud/openapi-client` takes as `Config.credential`. */
  readonly credential: Credential;

  /**
   * @param describeFailure the one sentence a failure is reported as (given the inner error).
   * @param rememberFailure whether a source that never worked is given up on after one failure
   * (the chain: yes; an assumed role, whose STS call may fail transiently: no).
   */
  constructor(
    private readonly inner: CredentialsProvider,
    private readonly describeFailure: (err: unknown) => string,
    private readonly rememberFailure = true,
  ) {
    this.credential = new Credential(null, this);
  }

  getCredentials = (): Promise<Credentials> => {
    if (this.failure !== undefined) return Promise.reject(new Error(this.failure));
    this.inFlight ??= this.resolve();
    return this.inFlight;
  };

  getProviderName = (): string => this.inner.getProviderName();

  /**
   * Resolves (or reuses) the credentials; without them, throws an `auth` `KmsError` whose
   * message is the one described sentence, the same for every resource (it names no action or
   * instance, which the fields still carry). `ctx` only fills the error's fields.
   */
  async ready(ctx: { action: string; region: string; instanceId?: string }): Promise<void> {
    try {
      await this.getCredentials();
    } catch (err) {
      const message = (err as Error).message;
      const e = new KmsError({ kind: "auth", ...ctx, detail: message });
      e.message = message;
      // The stack would repeat the longer formatted message: one line is enough.
      e.stack = `${e.name}: ${message}`;
      throw e;
    }
  }

  private async resolve(): Promise<Credentials> {
    // After a first success the inner provider knows its source and refreshes it itself.
    if (!this.succeeded) resolutions++;
    try {
      const credentials = await this.inner.getCredentials();
      this.succeeded = true;
      return credentials;
    } catch (err) {
      // The library's reasons are per provider, may echo a config file's content, and differ
      // between parallel callers: one described state replaces them all. Only a chain that never
      // worked is given up on; a refresh that failed once may work on the next call.
      const message = this.describeFailure(err);
      if (!this.succeeded && this.rememberFailure) this.failure = message;
      throw new Error(message);
    } finally {
      this.inFlight = undefined;
    }
  }
}

/**
 * A new resolution of the chain of chain settings: the default chain, or the named profile's
 * providers for `alicloud:profile`. Failures are the one described sentence.
 */
function chainCredentials(settings: KmsSettings): SharedCredentials {
  const profile = settings.credentialSource === "profile" ? settings.profile : undefined;
  const inner =
    profile !== undefined
      ? new NamedProfileProvider(profile)
      : DefaultCredentialsProvider.builder().build();
  const describe = (): string =>
    noCredentialsMessage({ env: process.env, home: homedir(), exists: existsSync }, profile);
  return new SharedCredentials(inner, describe);
}

/**
 * The credentials provider of `settings`: the assumed role, else the chain (or profile) when the
 * settings carry no static keys; undefined for static keys, which the clients sign with directly.
 */
export function credentialsFor(settings: KmsSettings): SharedCredentials | undefined {
  if (settings.assumeRole) return assumedRoleCredentials(settings);
  return staticKeysOf(settings) ? undefined : chainCredentials(settings);
}

/**
 * How many times a chain was searched from scratch in this process (before its first success or
 * its failure): one per credential identity when all is well (diagnostics, tests).
 */
export function credentialResolutions(): number {
  return resolutions;
}

/**
 * The source credentials, noting every string it hands out (for redaction), its failures marked
 * as `auth` `KmsError`s of `AssumeRole` (the call they were to sign) so they are told from STS's.
 */
class WatchedSource implements CredentialsProvider {
  /** Credential strings handed out so far: never to appear in a message. */
  readonly seen = new Set<string>();

  constructor(
    private readonly inner: CredentialsProvider,
    private readonly region: string,
  ) {}

  getCredentials = async (): Promise<Credentials> => {
    let c: Credentials;
    try {
      c = await this.inner.getCredentials();
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new KmsError({ kind: "auth", action: "AssumeRole", region: this.region, detail });
    }
    for (const s of [c.accessKeyId, c.accessKeySecret, c.securityToken]) {
      if (typeof s === "string" && s.length > 0) this.seen.add(s);
    }
    return c;
  };

  getProviderName = (): string => this.inner.getProviderName();
}

/** The source credentials of `settings`, as a provider. */
function sourceOf(settings: KmsSettings): CredentialsProvider {
  const keys = staticKeysOf(settings);
  if (!keys) return chainCredentials(settings);
  return keys.securityToken
    ? StaticSTSCredentialsProvider.builder()
        .withAccessKeyId(keys.accessKeyId)
        .withAccessKeySecret(keys.accessKeySecret)
        .withSecurityToken(keys.securityToken)
        .build()
    : StaticAKCredentialsProvider.builder()
        .withAccessKeyId(keys.accessKeyId)
        .withAccessKeySecret(keys.accessKeySecret)
        .build();
}

/**
 * What went wrong with STS, from the library's error: the service's `Code`, `Message` (without
 * the "server string to sign", which names the access key id) and `RequestId` when it answered
 * JSON; else the library's or the network's own words.
 */
export function stsFailureDetail(message: string): string {
  const body = /^refresh session token failed: ([\s\S]*)$/.exec(message)?.[1];
  if (body !== undefined) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const code = typeof parsed.Code === "string" ? parsed.Code : "an error";
      const text =
        typeof parsed.Message === "string" ? parsed.Message.split(" server string")[0] : "";
      const id = typeof parsed.RequestId === "string" ? ` (request id ${parsed.RequestId})` : "";
      return `STS answered ${code}${text ? `: ${text}` : ""}${id}`;
    } catch {
      return "STS answered an error that is not JSON (is the STS endpoint right?)";
    }
  }
  if (/unmarshal fail/.test(message)) {
    return "STS answered a body that is not JSON (is the STS endpoint right?)";
  }
  if (/fail to get credentials/.test(message)) {
    return "STS answered without Credentials (is the STS endpoint right?)";
  }
  // httpx appends the whole request URL (signature, access key id, nonce): keep only the reason.
  const network = /^(?:\w*Error: )?([\s\S]*?)(?:POST|GET) https?:\/\/\S* failed\.?$/.exec(message);
  if (network) return network[1].trim() || "the request failed";
  return message;
}

/**
 * The assumed-role credentials of `settings` (which must have `assumeRole`): one STS session,
 * refreshed by the library; the session of the credential identity (which includes the role and
 * the STS host) keeps it.
 */
function assumedRoleCredentials(settings: KmsSettings): SharedCredentials {
  const role = settings.assumeRole;
  if (!role) throw new Error("assumedRoleCredentials needs settings with assumeRole");
  const stsSetting = settings.stsEndpointSource ?? "alicloud-kms:stsEndpoint";
  const host = assumeRoleStsHost(settings.stsEndpoint, stsSetting);
  const source = new WatchedSource(sourceOf(settings), settings.region);
  const builder = RAMRoleARNCredentialsProvider.builder()
    .withCredentialsProvider(source)
    .withRoleArn(role.roleArn)
    .withRoleSessionName(role.sessionName)
    .withDurationSeconds(role.durationSeconds)
    .withStsEndpoint(host)
    .withReadTimeout(settings.readTimeoutMs)
    .withConnectTimeout(settings.connectTimeoutMs);
  if (role.policy !== undefined) builder.withPolicy(role.policy);
  if (role.externalId !== undefined) builder.withExternalId(role.externalId);
  const provider = builder.build();

  const staticSecrets = secretsOf(settings);
  const describe = (err: unknown): string => {
    const what = `could not assume RAM role ${role.roleArn} (${role.source})`;
    const detail =
      err instanceof KmsError
        ? `the credentials that call AssumeRole failed: ${err.detail}`
        : `STS AssumeRole at https://${host} (${stsSetting}) failed: ` +
          stsFailureDetail(err instanceof Error ? err.message : String(err));
    return redact(`${what}: ${detail}`, [...staticSecrets, ...source.seen]);
  };
  // A failed AssumeRole is not remembered: STS may fail transiently, and the next call asks again.
  return new SharedCredentials(provider, describe, false);
}
