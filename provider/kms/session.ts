/**
 * One session per credential identity per provider process: everything that is made once for
 * those credentials and shared by every client, resource and region — the credentials provider,
 * the adaptive limiter, the caller identity (STS `GetCallerIdentity`) and the KMS clients. It is
 * the one cache of the KMS layer, with one key and one `clearSessions()`.
 *
 * The key is `settings.credentialIdentity`: an HMAC (with a random per-process key, so it reveals
 * nothing) over everything the credentials are made from — the static keys, or the chain's source,
 * profile and environment (`CHAIN_ENV_KEYS`) — plus, with `assumeRole`, the role's parameters and
 * the STS host. Two settings with the same identity sign with the same credentials whatever their
 * region, endpoint or timeouts; `credentialSource` is left out, since the same keys from config or
 * from the environment are the same account.
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
import type { KmsClient } from "./client";
import { assumedRoleCredentials, chainCredentials, SharedCredentials } from "./credentials";
import { RateController } from "./limiter";
import { KmsSettings, staticKeysOf } from "./settings";
import type { CallerIdentity } from "./sts-client";

/** What one credential identity shares across its clients and resources. */
export class Session {
  /** Paces every call signed with these credentials (see `limiter.ts`). */
  readonly limiter = new RateController();
  /**
   * The credentials provider: the default chain or profile, or the assumed role. Undefined for
   * static keys without a role, which the settings carry and the clients sign with directly.
   */
  readonly credentials: SharedCredentials | undefined;
  /** KMS clients by region endpoint and timeouts (filled by `kmsClientFor`, client.ts). */
  readonly clients = new Map<string, KmsClient>();
  /**
   * The caller identity by STS endpoint URL, asked once; a failure is kept too, so a refresh of
   * many instances does not ask a failing STS once per instance (`callerIdentity`, sts-client.ts).
   */
  readonly callers = new Map<string, Promise<CallerIdentity>>();
  /** STS endpoint URLs whose failure has been warned about (`ownerToRecord`, sts-client.ts). */
  readonly warned = new Set<string>();

  constructor(settings: KmsSettings) {
    if (settings.assumeRole) this.credentials = assumedRoleCredentials(settings);
    else if (!staticKeysOf(settings)) this.credentials = chainCredentials(settings);
  }
}

const sessions = new Map<string, Session>();

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
  let n = 0;
  for (const s of sessions.values()) n += s.clients.size;
  return n;
}

/**
 * Forgets every session: credentials and their outcome, limiters, caller identities and their
 * warnings, clients (tests; or after credentials were rotated in-process).
 */
export function clearSessions(): void {
  sessions.clear();
}
