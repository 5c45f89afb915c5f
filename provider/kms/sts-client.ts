/**
 * STS `GetCallerIdentity` (API version 2015-04-01, RPC): which Alibaba Cloud account the
 * provider's credentials belong to. No request parameters and no RAM permission are needed; the
 * response carries `AccountId`, `UserId`, `Arn`, `IdentityType`, `PrincipalId`, `RequestId`
 * (STS API reference, "GetCallerIdentity": https://help.aliyun.com/document_detail/43767.html,
 * English: https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-getcalleridentity).
 * Signed exactly like the KMS calls, through the same `SignedCaller` (credentials, limiter,
 * retries, timeouts), to `settings.stsEndpoint`.
 * The provider asks it once per credential identity and STS endpoint (`callerIdentity`,
 * `session.ts`).
 */
import { ownParts } from "./credentials";
import type { KmsSettings } from "./settings";
import { SignedCaller, type ClientOptions } from "./signed-caller";

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

function optionalString(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** A client of STS `GetCallerIdentity` with the credentials and timeouts of `settings`. */
export class StsClient {
  // Private: the caller holds the credentials, like KmsClient's.
  readonly #caller: SignedCaller;
  readonly #settings: KmsSettings;

  constructor(settings: KmsSettings, options: ClientOptions = {}) {
    this.#settings = settings;
    this.#caller = new SignedCaller(settings, "stsEndpoint", {
      ...options,
      shared: options.shared ?? ownParts(settings),
    });
  }

  /**
   * The caller's identity; retried like the KMS calls. An answer without a digit-string
   * `AccountId` is an `unexpected` `KmsError` (the endpoint may not be STS).
   */
  async getCallerIdentity(): Promise<CallerIdentity> {
    const site = { action: "GetCallerIdentity", region: this.#settings.region };
    const { body: b } = await this.#caller.call(
      site,
      {},
      // A read: the caller's identity, no state changed.
      { idempotent: true },
    );
    const accountId = b.AccountId;
    if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) {
      throw this.#caller.unexpected(
        site,
        "without an AccountId of digits",
        optionalString(b.RequestId),
      );
    }
    const identity: CallerIdentity = { accountId };
    const put = (key: Exclude<keyof CallerIdentity, "accountId">, v: unknown): void => {
      const s = optionalString(v);
      if (s !== undefined) identity[key] = s;
    };
    put("identityType", b.IdentityType);
    put("arn", b.Arn);
    put("userId", b.UserId);
    put("principalId", b.PrincipalId);
    put("requestId", b.RequestId);
    return identity;
  }

  /** A secret-free description. */
  toJSON(): Record<string, unknown> {
    return {
      endpoint: this.#caller.endpointUrl,
      credentialSource: this.#settings.credentialSource,
    };
  }
}
