/**
 * One session per credential identity per process: the credentials provider, adaptive limiter,
 * caller identity (STS `GetCallerIdentity`) and KMS clients, shared by every client, resource and
 * region. It is the KMS layer's only cache, cleared by `clearSessions()`.
 *
 * The key is `settings.credentialIdentity` (`fingerprint`, settings.ts); `credentialSource` is
 * left out of it, since the same keys from config or the environment are the same account.
 *
 * The limiter is per identity, not per process: Alibaba Cloud throttles per account (and API), and
 * a process may hold several accounts' identities (two providers, or a role in another account),
 * which a shared limiter would slow for each other's throttling. Two identities of one account
 * (two RAM users) pace apart, each adapting to the throttling it sees (AIMD: they settle on shares
 * of the quota).
 *
 * Connection reuse needs nothing here: `@alicloud/tea-typescript`'s `doAction` passes no agent
 * unless a runtime sets `keepAlive` (openapi-client never does), so `httpx` uses its module-wide
 * `new http(s).Agent({ keepAlive: true })`, shared by every client in the process.
 */
import { KmsClient } from "./client";
import { credentialsFor, ownParts, type SharedCredentials } from "./credentials";
import { endpointUrl } from "./endpoint";
import { RateController } from "./limiter";
import { endpointSetting, type KmsSettings } from "./settings";
import { SignedCaller, type ClientOptions, type SharedParts } from "./signed-caller";

/** Who the credentials are (the fields of `GetCallerIdentity` read). */
export interface CallerIdentity {
  /** Digits, always a string. */
  accountId: string;
  /** `Account`, `RAMUser` or `AssumedRoleUser`. */
  identityType?: string;
  /** E.g. `acs:ram::<account>:user/<name>`. */
  arn?: string;
  /** The RAM user (or account) id. */
  userId?: string;
  principalId?: string;
  /** For support tickets. */
  requestId?: string;
}

/** An account id as STS sends it: a string of digits (16-digit ids overflow JS numbers). */
const ACCOUNT_ID = /^\d{1,20}$/;

/**
 * STS `GetCallerIdentity` (2015-04-01, RPC) at `settings.stsEndpoint`: the account the credentials
 * belong to. It needs no parameters and no RAM permission; the response carries `AccountId`,
 * `UserId`, `Arn`, `IdentityType`, `PrincipalId`, `RequestId` (STS API reference:
 * https://help.aliyun.com/document_detail/43767.html, English:
 * https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-getcalleridentity).
 * An answer without a digit-string `AccountId` is an `unexpected` `KmsError`.
 */
export async function getCallerIdentity(
  settings: KmsSettings,
  options: ClientOptions = {},
): Promise<CallerIdentity> {
  const caller = new SignedCaller(settings, "stsEndpoint", {
    ...options,
    shared: options.shared ?? ownParts(settings),
  });
  const site = { action: "GetCallerIdentity", region: settings.region };
  // Idempotent: a read.
  const { body } = await caller.call(site, {}, true);
  const optional = (v: unknown): string | undefined =>
    typeof v === "string" && v !== "" ? v : undefined;
  const accountId = body.AccountId;
  if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) {
    throw caller.unexpected(site, "without an AccountId of digits", body);
  }
  const identity: CallerIdentity = { accountId };
  const put = (key: Exclude<keyof CallerIdentity, "accountId">, v: unknown): void => {
    const s = optional(v);
    if (s !== undefined) identity[key] = s;
  };
  put("identityType", body.IdentityType);
  put("arn", body.Arn);
  put("userId", body.UserId);
  put("principalId", body.PrincipalId);
  put("requestId", body.RequestId);
  return identity;
}

/** What one credential identity shares across its clients and resources. */
export class Session implements SharedParts {
  readonly limiter = new RateController();
  readonly credentials: SharedCredentials | undefined;
  /** KMS clients by region, endpoint and timeouts (nothing in the key is a secret). */
  readonly #clients = new Map<string, KmsClient>();
  /**
   * The caller identity by STS endpoint URL; a failure is kept too, so a refresh of many instances
   * does not ask a failing STS once per instance.
   */
  readonly #callers = new Map<string, Promise<CallerIdentity>>();
  /** STS endpoint URLs whose failure has been warned about. */
  readonly #warned = new Set<string>();

  constructor(settings: KmsSettings) {
    // The role's AssumeRole calls are paced with the rest of the identity's calls.
    this.credentials = credentialsFor(settings, this.limiter);
  }

  /** The KMS client for `settings` (of this identity), made on first use. */
  client(settings: KmsSettings): KmsClient {
    const key = [
      settings.region,
      endpointUrl(settings.endpoint),
      settings.readTimeoutMs,
      settings.connectTimeoutMs,
      settings.retryTimeoutMs,
    ].join("\0");
    let client = this.#clients.get(key);
    if (!client) {
      client = new KmsClient(settings, { shared: this });
      this.#clients.set(key, client);
      clientsHeld++;
    }
    return client;
  }

  /**
   * The caller's identity at the STS endpoint of `settings`, asked once for all resources; recorded
   * as `ownerAccountId`, the first evidence `provider/core/gone-evidence.ts` weighs.
   */
  callerIdentity(settings: KmsSettings): Promise<CallerIdentity> {
    const key = endpointUrl(settings.stsEndpoint);
    let pending = this.#callers.get(key);
    if (!pending) {
      pending = getCallerIdentity(settings, { shared: this });
      // Handled here so a failure nobody awaits yet is not an unhandled rejection.
      pending.catch(() => undefined);
      this.#callers.set(key, pending);
    }
    return pending;
  }

  /**
   * The account to record as `ownerAccountId`; undefined when STS fails, warned once per session
   * and STS endpoint.
   */
  async ownerToRecord(
    settings: KmsSettings,
    warn: (message: string) => void,
  ): Promise<string | undefined> {
    try {
      return (await this.callerIdentity(settings)).accountId;
    } catch (err) {
      const url = endpointUrl(settings.stsEndpoint);
      if (this.#warned.has(url)) return undefined;
      this.#warned.add(url);
      const setting = endpointSetting(settings, "stsEndpoint");
      const why = err instanceof Error ? err.message : String(err);
      warn(
        `the owning account of KMS instances is not recorded (ownerAccountId): STS GetCallerIdentity ` +
          `at ${url} failed: ${why}. Until STS answers, an instance ` +
          `that is not found cannot be confirmed gone and stays in state. Set ${setting} (or ` +
          `ALIBABA_CLOUD_STS_ENDPOINT) to an STS endpoint this machine reaches, e.g. ` +
          `https://sts-vpc.{region}.aliyuncs.com`,
      );
      return undefined;
    }
  }
}

const sessions = new Map<string, Session>();
let clientsHeld = 0;

/** The session of `settings`' credential identity, made on first use. */
export function sessionFor(settings: KmsSettings): Session {
  let session = sessions.get(settings.credentialIdentity);
  if (!session) {
    session = new Session(settings);
    sessions.set(settings.credentialIdentity, session);
  }
  return session;
}

/** How many KMS clients the sessions hold. */
export function kmsClientCount(): number {
  return clientsHeld;
}

/** Forgets every session (tests; or after credentials were rotated in-process). */
export function clearSessions(): void {
  sessions.clear();
  clientsHeld = 0;
}
