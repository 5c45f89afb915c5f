/**
 * The credentials of a session (session.ts) without static keys, or assuming a role:
 * - the `@alicloud/credentials` default chain, or for `alicloud:profile` that library's two profile
 *   providers (CLI `~/.aliyun/config.json`, INI `~/.alibabacloud/credentials`) asked for it by
 *   name. Naming it there, not in `ALIBABA_CLOUD_PROFILE`, keeps process.env untouched and lets
 *   two stacks use two profiles.
 * - with `assumeRole`: `AssumedRoleSession`, the only holder of the temporary keys (besides the
 *   openapi client's signing): no settings object, message or log line holds them.
 *
 * The library's (`@alicloud/credentials` 2.4.7, `dist/src/providers/`) RAM-role provider is not
 * used: it sends `AssumeRole` once without retry (`http.js:134`, `doRequest`), over HTTPS only,
 * reports STS's answer as raw body text without the HTTP status (`ram_role_arn.js:219`), and
 * swallows a failed refresh, handing out the old session even past its end (`session.js:87`,
 * `refreshSession`'s catch). Its refresh rule is kept, bounded by half the session's life
 * (`renewalTime`): the library re-assumes on every call once a session is shorter than 15 minutes
 * (`session.js:62-63`), which a 900-second session always is.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import Credential, {
  CLIProfileCredentialsProvider,
  CredentialsProvider,
  DefaultCredentialsProvider,
  ProfileCredentialsProvider,
} from "@alicloud/credentials";
import type { AssumeRoleSettings } from "./assume-role";
import { gaveUpAfter, KmsError, redact } from "./errors";
import { RateController } from "./limiter";
import { KmsSettings, secretsOf, staticKeysOf } from "./settings";
import {
  SignedCaller,
  type CallerCredentials,
  type CallSite,
  type SharedParts,
} from "./signed-caller";

type Credentials = Awaited<ReturnType<CredentialsProvider["getCredentials"]>>;

/** Tries the CLI, then the INI profile of one name; remembers which one worked. */
class NamedProfileProvider implements CredentialsProvider {
  private readonly providers: CredentialsProvider[] = [];
  private lastGood?: CredentialsProvider;

  constructor(private readonly profile: string) {
    try {
      // Throws when ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true.
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
        // the next one; `noCredentialsMessage` describes the failure
      }
    }
    throw new Error(`unable to get credentials for profile "${this.profile}"`);
  };

  getProviderName = (): string => "profile";
}

/** What `noCredentialsMessage` needs to know about the machine. */
export interface ChainSurroundings {
  /** `process.env`. */
  env: NodeJS.ProcessEnv;
  home: string;
  exists(path: string): boolean;
}

const FIX =
  "Set keys with `pulumi config set alicloud:accessKey <AccessKeyId>` and " +
  "`pulumi config set --secret alicloud:secretKey <AccessKeySecret>` " +
  "(the provider plugin reads alicloud-kms:accessKey and alicloud-kms:secretKey)";

function isTrue(v: string | undefined): boolean {
  return v?.toLowerCase() === "true";
}

/** The state of environment variables the chain reads together. */
function envState(env: NodeJS.ProcessEnv, names: readonly string[]): string {
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
 * The sentence reported when no credentials are found: each source tried with its state (never a
 * value), then the config keys that would fix it.
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
      `(${envState(env, ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"])})`,
    `OIDC: ALIBABA_CLOUD_ROLE_ARN + ALIBABA_CLOUD_OIDC_PROVIDER_ARN + ALIBABA_CLOUD_OIDC_TOKEN_FILE ` +
      `(${envState(env, ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"])})`,
    `the CLI profile file ${cliProfileFile(s, env.ALIBABA_CLOUD_PROFILE || undefined)}`,
    `the credentials file ${credentialsFile(s, env.ALIBABA_CLOUD_PROFILE || "default")}`,
    isTrue(env.ALIBABA_CLOUD_ECS_METADATA_DISABLED)
      ? "the ECS RAM role (disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)"
      : "the ECS RAM role (the metadata service at 100.100.100.200 gave no role credentials)",
    `ALIBABA_CLOUD_CREDENTIALS_URI (${envState(env, ["ALIBABA_CLOUD_CREDENTIALS_URI"])})`,
  ];
  return `no Alibaba Cloud credentials: tried ${tried.join("; ")}. ${FIX}.`;
}

let resolutions = 0;

/**
 * The credentials of one session, shared by its clients. Concurrent callers share one resolution:
 * `DefaultCredentialsProvider` is not safe to ask concurrently (`default.js:80` records the
 * provider it is *trying* as `lastUsedProvider`, so a parallel caller asks that one alone and
 * reports its failure: `ENOENT … .alibabacloud/credentials`, `getaddrinfo ENOTFOUND undefined`).
 * A failure is kept and answered to every later caller as one described state
 * (`noCredentialsMessage`), not the chain's reasons, which differ per caller and may echo a config
 * file. Members are documented on `CallerCredentials` (signed-caller.ts).
 */
export class SharedCredentials implements CredentialsProvider, CallerCredentials {
  private inFlight?: Promise<Credentials>;
  private failure?: string;
  private succeeded = false;
  readonly credential: Credential;

  /**
   * @param describeFailure the sentence a failure (the inner error) is reported as.
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

  expireSession(n: number | undefined): boolean {
    return this.inner instanceof AssumedRoleSession && n !== undefined && this.inner.expire(n);
  }

  async ready(ctx: CallSite): Promise<number | undefined> {
    try {
      await this.getCredentials();
      return this.inner instanceof AssumedRoleSession ? this.inner.current : undefined;
    } catch (err) {
      const message = (err as Error).message;
      const e = new KmsError({ kind: "auth", ...ctx, detail: message });
      e.message = message;
      // The stack would repeat the longer formatted message.
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
      // A refresh that failed once may work on the next call.
      const message = this.describeFailure(err);
      if (!this.succeeded && this.rememberFailure) this.failure = message;
      throw new Error(message);
    } finally {
      this.inFlight = undefined;
    }
  }
}

/** Credentials and a limiter of a client's own, for one made without its session's. */
export function ownParts(settings: KmsSettings): SharedParts {
  const limiter = new RateController();
  return { credentials: credentialsFor(settings, limiter), limiter };
}

/**
 * How many times a chain was searched from scratch in this process (before its first success or
 * failure): one per credential identity when all is well.
 */
export function credentialResolutions(): number {
  return resolutions;
}

/**
 * When a session is renewed: 15 minutes before its end (the library's `STALE_TIME`,
 * `@alicloud/credentials` `dist/src/providers/session.js:10`), or half-way through when it lasts
 * less than 30 minutes, so a short session is not re-assumed on every call.
 */
export function renewalTime(obtainedAtMs: number, expiresAtMs: number): number {
  const life = Math.max(0, expiresAtMs - obtainedAtMs);
  return expiresAtMs - Math.min(15 * 60_000, life / 2);
}

/**
 * A session that fails to renew is kept while it has at least this long left, and renewal is tried
 * again after `RENEW_AGAIN_MS`. Past that, the failure is the call's.
 */
const KEEP_OLD_SESSION_MS = 60_000;
const RENEW_AGAIN_MS = 30_000;

/** The library's name of a RAM role's credentials (`Credentials.providerName`). */
const ROLE_PROVIDER_NAME = "ram_role_arn";

/**
 * The assumed role's sessions: owner of their temporary keys and renewal. `getCredentials`
 * assumes the role when there is no session or it is due (`renewalTime`); `SharedCredentials` in
 * front makes concurrent callers share one `AssumeRole`. Sessions are numbered (`current`), so a
 * call refused with an expired token drops only the session that signed it (`expire`).
 */
class AssumedRoleSession implements CredentialsProvider {
  /** Credential strings handed out or used so far, to redact from messages. */
  readonly seen = new Set<string>();
  /** The number of the current session (0 before the first). */
  current = 0;
  #held?: { credentials: Credentials; expiresAtMs: number; renewAtMs: number };

  constructor(
    private readonly settings: KmsSettings,
    private readonly role: AssumeRoleSettings,
    private readonly caller: SignedCaller,
    private readonly source: SharedCredentials | undefined,
    private readonly now: () => number,
  ) {}

  getCredentials = async (): Promise<Credentials> => {
    const held = this.#held;
    const now = this.now();
    if (held && now < held.renewAtMs) return held.credentials;
    try {
      return await this.assume(now);
    } catch (err) {
      if (held && held === this.#held && now + KEEP_OLD_SESSION_MS < held.expiresAtMs) {
        held.renewAtMs = now + RENEW_AGAIN_MS;
        return held.credentials;
      }
      throw err;
    }
  };

  getProviderName = (): string => ROLE_PROVIDER_NAME;

  /** Forgets session `n` if it is still the current one; true when the role can be assumed. */
  expire(n: number): boolean {
    if (n === this.current) this.#held = undefined;
    return true;
  }

  private remember(c: Credentials): void {
    for (const s of [c.accessKeyId, c.accessKeySecret, c.securityToken]) {
      if (typeof s === "string" && s.length > 0) this.seen.add(s);
    }
  }

  /**
   * STS `AssumeRole` (https://www.alibabacloud.com/help/doc-detail/28763.html), its fields in the
   * RPC query as `@alicloud/sts20150401` `assumeRoleWithOptions` sends them, answered with
   * `Credentials { AccessKeyId, AccessKeySecret, SecurityToken, Expiration }`.
   */
  private async assume(now: number): Promise<Credentials> {
    const role = this.role;
    const site = { action: "AssumeRole", region: this.settings.region };
    if (this.source) {
      let c: Credentials;
      try {
        c = await this.source.getCredentials();
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        const failure = new KmsError({ kind: "auth", ...site, detail });
        sourceFailures.add(failure);
        throw failure;
      }
      this.remember(c);
    }
    const { body } = await this.caller.call(
      site,
      {
        RoleArn: role.roleArn,
        RoleSessionName: role.sessionName,
        DurationSeconds: role.durationSeconds,
        Policy: role.policy,
        ExternalId: role.externalId,
      },
      // Idempotent: each AssumeRole mints an independent session and changes nothing in the
      // account, so a lost answer only leaves an unused session to expire.
      true,
    );
    const answered = typeof body.Credentials === "object" ? (body.Credentials ?? {}) : {};
    const {
      AccessKeyId: id,
      AccessKeySecret: secret,
      SecurityToken: token,
      Expiration: exp,
    } = answered as Record<string, unknown>;
    const given = (v: unknown): v is string => typeof v === "string" && v !== "";
    if (!given(id) || !given(secret) || !given(token)) {
      throw this.caller.unexpected(site, "HTTP 200 without Credentials");
    }
    const credentials: Credentials = {
      accessKeyId: id,
      accessKeySecret: secret,
      securityToken: token,
      providerName: ROLE_PROVIDER_NAME,
    };
    // The earlier of STS's end and the asked-for length on this machine's clock (a clock behind
    // STS's would otherwise use the session past its end).
    const stated = typeof exp === "string" ? Date.parse(exp) : NaN;
    const asked = now + role.durationSeconds * 1000;
    const expiresAtMs = Number.isFinite(stated) ? Math.min(stated, asked) : asked;
    this.remember(credentials);
    this.current++;
    this.#held = { credentials, expiresAtMs, renewAtMs: renewalTime(now, expiresAtMs) };
    return credentials;
  }
}

/** Failures of the source credentials, told apart from STS's in the sentence. */
const sourceFailures = new WeakSet<KmsError>();

/**
 * What went wrong with a failed `AssumeRole`: STS's code, message (without the "server string to
 * sign", which names the access key id) and request id when it answered; else what failed on the
 * way (connection reset, non-JSON gateway page, timeout, certificate); and the attempts if retried.
 */
export function stsFailureDetail(err: KmsError): string {
  let text: string;
  if (err.code !== undefined && err.statusCode !== undefined) {
    const message = err.detail.split(" server string")[0];
    text = `STS answered ${err.code}${message ? `: ${message}` : ""}`;
    if (err.requestId) text += ` (request id ${err.requestId})`;
  } else {
    // httpx appends the request URL to a network failure: keep only the reason.
    const network = /^(?:\w*Error: )?([\s\S]*?)(?:POST|GET) https?:\/\/\S* failed\.?$/.exec(
      err.detail,
    );
    text = network ? network[1].trim() || "the request failed" : err.detail;
    if (err.statusCode !== undefined) text = `HTTP ${err.statusCode}: ${text}`;
  }
  if (err.attempts !== undefined && err.elapsedMs !== undefined && err.attempts > 1) {
    text += ` ${gaveUpAfter(err.attempts, err.elapsedMs)}`;
  }
  return text;
}

/**
 * The credentials provider of `settings` (see the header), made once per credential identity's
 * session; undefined for static keys without a role, which clients sign with directly. A role is
 * assumed at the STS endpoint, signed with the chain's credentials or the static keys.
 * @param limiter the session's, pacing the `AssumeRole` calls.
 * @param now milliseconds since the epoch, for the role's session renewal.
 */
export function credentialsFor(
  settings: KmsSettings,
  limiter: RateController,
  now: () => number = Date.now,
): SharedCredentials | undefined {
  let source: SharedCredentials | undefined;
  if (!staticKeysOf(settings)) {
    const profile = settings.credentialSource === "profile" ? settings.profile : undefined;
    const inner =
      profile !== undefined
        ? new NamedProfileProvider(profile)
        : DefaultCredentialsProvider.builder().build();
    const describe = (): string =>
      noCredentialsMessage({ env: process.env, home: homedir(), exists: existsSync }, profile);
    source = new SharedCredentials(inner, describe);
  }
  const role = settings.assumeRole;
  if (!role) return source;
  const caller = new SignedCaller(settings, "stsEndpoint", {
    shared: { credentials: source, limiter },
  });
  const sessions = new AssumedRoleSession(settings, role, caller, source, now);

  const staticSecrets = secretsOf(settings);
  const describe = (err: unknown): string => {
    const what = `could not assume RAM role ${role.roleArn} (${role.source})`;
    const where = `STS AssumeRole at ${caller.endpointUrl} (${caller.endpointSetting}) failed`;
    let detail: string;
    if (err instanceof KmsError && sourceFailures.has(err)) {
      detail = `the credentials that call AssumeRole failed: ${err.detail}`;
    } else if (err instanceof KmsError) {
      detail = `${where}: ${stsFailureDetail(err)}`;
    } else {
      detail = `${where}: ${err instanceof Error ? err.message : String(err)}`;
    }
    return redact(`${what}: ${detail}`, [...staticSecrets, ...sessions.seen]);
  };
  return new SharedCredentials(sessions, describe, false);
}
