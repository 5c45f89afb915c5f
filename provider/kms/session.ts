/**
 * One session per credential identity per provider process: everything that is made once for
 * those credentials and shared by every client, resource and region — the credentials provider,
 * the adaptive limiter, the caller identity (STS `GetCallerIdentity`) and the KMS clients. It is
 * the one cache of the KMS layer, with one key and one `clearSessions()`. With `assumeRole`, its
 * credentials provider owns the role's sessions (`credentials.ts`, `AssumedRoleSession`).
 *
 * The key is `settings.credentialIdentity` (`fingerprint` in settings.ts: everything the
 * credentials are made from, and the role). Two settings with the same identity sign with the same
 * credentials whatever their region, endpoint or timeouts; `credentialSource` is left out, since
 * the same keys from config or from the environment are the same account.
 *
 * The limiter is per identity, not per process: Alibaba Cloud throttles per account (and API),
 * and one identity is one account, while one process may hold the identities of several accounts
 * (two providers, or an assumed role in another account), which a shared limiter would slow down
 * for each other's throttling. Two identities of one account (two RAM users) pace apart, and each
 * still adapts to the throttling it sees (AIMD: they settle on shares of the quota). Regions share
 * the session's limiter, as they shared the process one.
 *
 * Connection reuse needs nothing here: `@alicloud/tea-typescript`'s `doAction` passes no agent
 * unless a runtime sets `keepAlive` (openapi-client never does), so `httpx` uses its module-wide
 * `new http(s).Agent({ keepAlive: true })` — every client in the process shares those sockets.
 */
import { KmsClient } from "./client";
import { credentialsFor, ownParts, type SharedCredentials } from "./credentials";
import { endpointUrl } from "./endpoint";
import { RateController } from "./limiter";
import { endpointSetting, type KmsSettings } from "./settings";
import { SignedCaller, type ClientOptions, type SharedParts } from "./signed-caller";

/** Who the credentials are (the fields of `GetCallerIdentity` this provider reads). */
export interface CallerIdentity {
  /** The account the credentials belong to: digits, always a string. */
  accountId: string;
  /** `Account`, `RAMUser` or `AssumedRoleUser`. */
  identityType?: string;
  /** The caller's ARN, e.g. `acs:ram::<account>:user/<name>`. */
  arn?: string;
  /** The RAM user (or account) id, when the caller is one. */
  userId?: string;
  /** The principal id. */
  principalId?: string;
  /** The request id, for support tickets. */
  requestId?: string;
}

/** An account id as STS sends it: a string of digits (16-digit ids overflow JS numbers). */
const ACCOUNT_ID = /^\d{1,20}$/;

/**
 * STS `GetCallerIdentity` (API version 2015-04-01, RPC): which Alibaba Cloud account the
 * credentials of `settings` belong to. No request parameters and no RAM permission are needed; the
 * response carries `AccountId`, `UserId`, `Arn`, `IdentityType`, `PrincipalId`, `RequestId`
 * (STS API reference, "GetCallerIdentity": https://help.aliyun.com/document_detail/43767.html,
 * English: https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-getcalleridentity).
 * Signed exactly like the KMS calls, through the same `SignedCaller` (credentials, limiter,
 * retries, timeouts), to `settings.stsEndpoint`. The provider asks it once per credential
 * identity and STS endpoint (`Session.callerIdentity`). An answer without a digit-string
 * `AccountId` is an `unexpected` `KmsError` (the endpoint may not be STS).
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
  // Idempotent: a read of the caller's identity, no state changed.
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
  /** KMS clients by region endpoint and timeouts (nothing in the key is a secret). */
  readonly #clients = new Map<string, KmsClient>();
  /**
   * The caller identity by STS endpoint URL, asked once; a failure is kept too, so a refresh of
   * many instances does not ask a failing STS once per instance.
   */
  readonly #callers = new Map<string, Promise<CallerIdentity>>();
  /** STS endpoint URLs whose failure has been warned about. */
  readonly #warned = new Set<string>();

  constructor(settings: KmsSettings) {
    // The role's AssumeRole calls are paced with the rest of the identity's calls.
    this.credentials = credentialsFor(settings, this.limiter);
  }

  /** The session's KMS client for `settings` (of this identity), made on first use. */
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
   * The caller's identity (STS `GetCallerIdentity`) at the STS endpoint of `settings`, asked
   * once; parallel resources share the one call. It is recorded as `ownerAccountId` and is the
   * first evidence `provider/core/gone-evidence.ts` weighs.
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
   * The caller's account to record as `ownerAccountId`, or undefined when STS fails — then a
   * warning (once per session and STS endpoint) says what is not recorded and why.
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
/** How many KMS clients the sessions hold. */
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

/** How many KMS clients the sessions hold (tests and diagnostics). */
export function kmsClientCount(): number {
  return clientsHeld;
}

/**
 * Forgets every session: credentials and their outcome, limiters, caller identities and their
 * warnings, clients (tests; or after credentials were rotated in-process).
 */
export function clearSessions(): void {
  sessions.clear();
  clientsHeld = 0;
}
