/**
 * Credentials of clients whose settings carry no static keys: the `@alicloud/credentials` default
 * chain, or — for `alicloud:profile` — that library's two profile providers (the CLI's
 * `~/.aliyun/config.json` and the INI `~/.alibabacloud/credentials`) asked for that profile by
 * name. Naming the profile on the providers, rather than setting `ALIBABA_CLOUD_PROFILE`, keeps
 * process.env untouched and lets two stacks use two profiles.
 *
 * Resolved once per provider process and credential identity, and shared by every client and
 * resource: the library's `DefaultCredentialsProvider` is not safe to ask concurrently (it records
 * the provider it is *trying* as the one that worked, so a parallel caller asks that one alone and
 * reports its particular failure: `ENOENT … .alibabacloud/credentials`, `getaddrinfo ENOTFOUND
 * undefined`). Here concurrent callers share one resolution, and a failure is remembered and
 * reported to everyone as the same sentence, naming the chain that was tried and how to fix it.
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
import { KmsError } from "./errors";
export { CHAIN_ENV_KEYS } from "./chain-env";
import type { KmsSettings } from "./settings";

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

/**
 * A failure to find credentials: an `auth` `KmsError` whose message is the same sentence for
 * every resource (it names no action or instance, which the fields still carry).
 */
export class CredentialsUnavailableError extends KmsError {
  constructor(message: string, ctx: { action: string; region: string; instanceId?: string }) {
    super({ kind: "auth", ...ctx, detail: message });
    this.name = "CredentialsUnavailableError";
    this.message = message;
    // The stack would repeat the longer formatted message: one line is enough.
    this.stack = `${this.name}: ${message}`;
  }
}

let resolutions = 0;

/**
 * One chain of one credential identity, shared by every client of it: concurrent callers share
 * one resolution; a failure is kept and answered to every later caller without asking again.
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
   * Resolves (or reuses) the credentials; throws a `CredentialsUnavailableError` naming the
   * chain when there are none. `ctx` only fills the error's fields.
   */
  async ready(ctx: { action: string; region: string; instanceId?: string }): Promise<void> {
    try {
      await this.getCredentials();
    } catch (err) {
      throw new CredentialsUnavailableError((err as Error).message, ctx);
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

const byIdentity = new Map<string, SharedCredentials>();

/**
 * A new (unshared) resolution of the chain of chain settings: the default chain, or the named
 * profile's providers for `alicloud:profile`. Failures are the one described sentence.
 */
export function chainCredentials(settings: KmsSettings): SharedCredentials {
  const profile = settings.credentialSource === "profile" ? settings.profile : undefined;
  const inner =
    profile !== undefined
      ? new NamedProfileProvider(profile)
      : DefaultCredentialsProvider.builder().build();
  const describe = (): string =>
    noCredentialsMessage({ env: process.env, home: homedir(), exists: existsSync }, profile);
  return new SharedCredentials(inner, describe);
}

/** The shared credentials of chain settings (`credentialType: "chain"`), made on first use. */
export function sharedCredentials(settings: KmsSettings): SharedCredentials {
  let shared = byIdentity.get(settings.credentialIdentity);
  if (!shared) {
    shared = chainCredentials(settings);
    byIdentity.set(settings.credentialIdentity, shared);
  }
  return shared;
}

/**
 * How many times a chain was searched from scratch in this process (before its first success or
 * its failure): one per credential identity when all is well (diagnostics, tests).
 */
export function credentialResolutions(): number {
  return resolutions;
}

const clearHooks: (() => void)[] = [];

/** Registers what else `clearSharedCredentials` forgets (the assumed-role sessions). */
export function onClearSharedCredentials(hook: () => void): void {
  clearHooks.push(hook);
}

/** Forgets every shared chain and its outcome (tests; or after credentials changed in-process). */
export function clearSharedCredentials(): void {
  byIdentity.clear();
  for (const hook of clearHooks) hook();
}
