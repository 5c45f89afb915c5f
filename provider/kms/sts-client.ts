/**
 * STS `GetCallerIdentity` (API version 2015-04-01, RPC): which Alibaba Cloud account the
 * provider's credentials belong to. No request parameters and no RAM permission are needed; the
 * response carries `AccountId`, `UserId`, `Arn`, `IdentityType`, `PrincipalId`, `RequestId`
 * (STS API reference, "GetCallerIdentity": https://help.aliyun.com/document_detail/43767.html,
 * English: https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-getcalleridentity).
 * Signed exactly like the KMS calls: the same credentials through `@alicloud/openapi-client`'s
 * `callApi`, to `settings.stsEndpoint`.
 */
import OpenApi, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import { chainCredential } from "./credentials";
import { endpointUrl } from "./endpoint";
import { KmsError, notKmsApiDetail, toKmsError } from "./errors";
import { RetryOptions, withRetry } from "./retry";
import { KmsSettings, secretsOf, staticKeysOf } from "./settings";

/** The STS API version of `GetCallerIdentity`. */
export const STS_API_VERSION = "2015-04-01";

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

/** Options of an `StsClient` (mostly for tests). */
export interface StsClientOptions {
  /** Overrides of the retry policy; `maxElapsedMs` defaults to `settings.retryTimeoutMs`. */
  retry?: RetryOptions;
}

/** A client of STS `GetCallerIdentity` with the credentials and timeouts of `settings`. */
export class StsClient {
  /** The STS endpoint as a URL, for messages. */
  readonly endpointUrl: string;
  /** The setting that chose the STS endpoint, for messages. */
  readonly endpointSetting: string;
  // The openapi client holds the credentials: private, like KmsClient's.
  readonly #api: OpenApi;
  readonly #settings: KmsSettings;
  readonly #retry: RetryOptions;
  readonly #secrets: readonly string[];

  constructor(settings: KmsSettings, options: StsClientOptions = {}) {
    this.#settings = settings;
    this.endpointUrl = endpointUrl(settings.stsEndpoint);
    this.endpointSetting = settings.stsEndpointSource ?? "alicloud-kms:stsEndpoint";
    const keys = staticKeysOf(settings);
    const config = new Config({
      endpoint: settings.stsEndpoint.endpoint,
      protocol: settings.stsEndpoint.protocol,
      regionId: settings.region,
      readTimeout: settings.readTimeoutMs,
      connectTimeout: settings.connectTimeoutMs,
      userAgent: "pulumi-alicloud-kms",
    });
    if (keys) {
      config.accessKeyId = keys.accessKeyId;
      config.accessKeySecret = keys.accessKeySecret;
      if (keys.securityToken) config.securityToken = keys.securityToken;
    } else {
      config.credential = chainCredential(settings);
    }
    this.#api = new OpenApi(config);
    this.#retry = { maxElapsedMs: settings.retryTimeoutMs, ...options.retry };
    this.#secrets = secretsOf(settings);
  }

  /**
   * The caller's identity; retried like the KMS calls. An answer without a digit-string
   * `AccountId` is an `unexpected` `KmsError` (the endpoint may not be STS).
   */
  async getCallerIdentity(): Promise<CallerIdentity> {
    const action = "GetCallerIdentity";
    const params = new Params({
      action,
      version: STS_API_VERSION,
      protocol: this.#settings.stsEndpoint.protocol,
      pathname: this.#settings.stsEndpoint.pathname,
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const context = {
      action,
      region: this.#settings.region,
      secrets: this.#secrets,
      endpoint: this.endpointUrl,
      endpointSetting: this.endpointSetting,
    };
    const body = await withRetry(async () => {
      try {
        const raw = (await this.#api.callApi(
          params,
          new OpenApiRequest({ query: {} }),
          new RuntimeOptions({}),
        )) as { body: unknown };
        return raw.body;
      } catch (err) {
        throw toKmsError(err, context);
      }
    }, this.#retry);
    const b = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    const accountId = b.AccountId;
    if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) {
      throw new KmsError({
        kind: "unexpected",
        action,
        region: this.#settings.region,
        requestId: optionalString(b.RequestId),
        detail: notKmsApiDetail(
          this.endpointUrl,
          "without an AccountId of digits",
          this.endpointSetting,
          "STS API",
        ),
      });
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
    return { endpoint: this.endpointUrl, credentialSource: this.#settings.credentialSource };
  }
}
