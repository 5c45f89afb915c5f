/**
 * A signed RPC call over `@alicloud/openapi-client`'s `callApi`, shared by the KMS and BSS calls
 * and STS (`GetCallerIdentity`, `AssumeRole`): the credentials and adaptive limiter of the
 * credential identity's session (session.ts), bounded retries (retry.ts), separate connect and
 * read timeouts (timeouts.ts), and every failure a classified, secret-free `KmsError`.
 */
import type Credential from "@alicloud/credentials";
import OpenApi, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import { APIS, endpointUrl, type EndpointKey, type KmsEndpoint } from "./endpoint";
import { CallContext, KmsError, notKmsApiDetail, toKmsError } from "./errors";
import type { RateController } from "./limiter";
import { RetryOptions, withRetry } from "./retry";
import { endpointSetting, KmsSettings, secretsOf, staticKeysOf } from "./settings";
import { CallTimeouts, httpxTimeouts, timeoutDetail, withTimeouts } from "./timeouts";

/** What a successful call answered. */
export interface SignedResponse {
  /** The parsed JSON body (`{}` when it was not an object). */
  body: Record<string, unknown>;
  statusCode: number;
}

/**
 * The gateway's answer to a request signed with an expired STS token ("Specified SecurityToken is
 * expired."), common to every Alibaba Cloud API (the error center's "Public" product;
 * aliyun/terraform-provider-alicloud's `ERR_INVALID_SECURITY_TOKEN_EXPIRED`). Only this exact code
 * renews an assumed role's session.
 */
export const EXPIRED_TOKEN_CODE = "InvalidSecurityToken.Expired";

/** Credentials resolved per call (`SharedCredentials`: the chain, a profile or an assumed role). */
export interface CallerCredentials {
  /** The object `@alicloud/openapi-client` takes as `Config.credential`. */
  readonly credential: Credential;
  /**
   * Resolves (or reuses) them before a call; the number of the assumed role's session that signs
   * now (from 1), else undefined. Without credentials, throws an `auth` `KmsError` whose message is
   * the same sentence for every resource (no action or instance; `ctx` fills only the fields).
   */
  ready(ctx: CallSite): Promise<number | undefined>;
  /**
   * Drops session `n` after its token expired, so the next call assumes the role again; false when
   * there is no session to renew (or `n` is undefined).
   */
  expireSession(n: number | undefined): boolean;
}

/** What every client of one credential identity shares: its session's (session.ts). */
export interface SharedParts {
  /** Undefined for static keys, which the settings carry. */
  readonly credentials: CallerCredentials | undefined;
  /** Paces every call signed with these credentials. */
  readonly limiter: RateController;
}

/** What a KMS client or an STS call is made with beyond its settings. */
export interface ClientOptions {
  /** The session's (`sessionFor(settings)`); without, the client makes its own (`ownParts`). */
  shared?: SharedParts;
  /**
   * Overrides of the retry policy; `maxElapsedMs` defaults to `settings.retryTimeoutMs` and
   * `limiter` to the shared one.
   */
  retry?: RetryOptions;
}

/** The context a failed call's `KmsError` names. */
export type CallSite = Omit<CallContext, "secrets" | "endpoint" | "endpointSetting" | "api">;

/**
 * A request field, flattened into the RPC query as the generated Alibaba SDKs do: arrays become
 * `Name.1`, `Name.2`; objects inside arrays `Tag.1.Key`; absent values are left out.
 */
export type QueryValue =
  | string
  | number
  | boolean
  | undefined
  | null
  | readonly QueryValue[]
  | { readonly [key: string]: QueryValue };

/** Flattens `fields` into the string map `OpenApiRequest.query` takes. */
export function flattenQuery(fields: Record<string, QueryValue>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: QueryValue): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item: QueryValue, i: number) => put(`${key}.${i + 1}`, item));
    } else if (typeof value === "object") {
      for (const [k, v] of Object.entries(value)) put(`${key}.${k}`, v);
    } else {
      out[key] = String(value);
    }
  };
  for (const [k, v] of Object.entries(fields)) put(k, v);
  return out;
}

/**
 * Empty: `call()` enforces the timeouts and retries itself. openapi-client only reads them, so one
 * instance serves all calls.
 */
const RUNTIME = new RuntimeOptions({});

/** Signs and sends RPC calls with the credentials, timeouts and retry policy of `settings`. */
export class SignedCaller {
  /** For messages, e.g. `https://kms.cn-hangzhou.aliyuncs.com`. */
  readonly endpointUrl: string;
  /** The config key or environment variable that chose the endpoint, for messages. */
  readonly endpointSetting: string;
  // Private: the openapi client holds the credentials, so it must not be enumerable or reachable
  // by util.inspect.
  readonly #api: OpenApi;
  readonly #retry: RetryOptions;
  readonly #secrets: readonly string[];
  readonly #credentials: CallerCredentials | undefined;
  readonly #settings: KmsSettings;
  readonly #spec: (typeof APIS)[EndpointKey];
  readonly #endpoint: KmsEndpoint;
  /** Each action's `Params`, built on its first call. */
  readonly #params = new Map<string, Params>();

  /**
   * @param api the settings key of the endpoint, which names the API.
   * @param endpoint where calls go instead (BSS's international one).
   */
  constructor(
    settings: KmsSettings,
    api: EndpointKey,
    options: ClientOptions & { shared: SharedParts },
    endpoint: KmsEndpoint = settings[api],
  ) {
    this.#settings = settings;
    this.#spec = APIS[api];
    this.#endpoint = endpoint;
    this.endpointUrl = endpointUrl(endpoint);
    this.endpointSetting = endpointSetting(settings, api);
    const keys = staticKeysOf(settings);
    const config = new Config({
      endpoint: endpoint.endpoint,
      protocol: endpoint.protocol,
      regionId: settings.region,
      // Backstops only: `call()` enforces the bounds itself (timeouts.ts).
      ...httpxTimeouts(settings),
      userAgent: "pulumi-alicloud-kms",
    });
    const shared = options.shared;
    // The chain's or the role's keys stay inside the credentials provider.
    this.#credentials = shared.credentials;
    if (this.#credentials) {
      config.credential = this.#credentials.credential;
    } else if (keys) {
      config.accessKeyId = keys.accessKeyId;
      config.accessKeySecret = keys.accessKeySecret;
      if (keys.securityToken) config.securityToken = keys.securityToken;
    }
    this.#api = new OpenApi(config);
    this.#retry = {
      maxElapsedMs: settings.retryTimeoutMs,
      limiter: shared.limiter,
      ...options.retry,
    };
    this.#secrets = secretsOf(settings);
  }

  /**
   * One API call, retried, its failures `KmsError`s. Credentials are resolved first, outside the
   * retries: without them no call is made. `idempotent`: see `RetryOptions`. Refused with
   * `EXPIRED_TOKEN_CODE` while an assumed role's session signed it, the call is made once more on a
   * new session, with a budget of its own: the refusal shows the service did not act on it.
   */
  async call(
    site: CallSite,
    fields: Record<string, QueryValue>,
    idempotent: boolean,
  ): Promise<SignedResponse> {
    const request = new OpenApiRequest({ query: flattenQuery(fields) });
    const context = this.context(site);
    const session = await this.#credentials?.ready(context);
    try {
      return await this.attempts(request, context, idempotent);
    } catch (err) {
      const expired = err instanceof KmsError && err.code === EXPIRED_TOKEN_CODE;
      if (!expired || !this.#credentials?.expireSession(session)) throw err;
      await this.#credentials.ready(context);
      return this.attempts(request, context, idempotent);
    }
  }

  /** What a `KmsError` of a call to `site` here is built with. */
  context(site: CallSite): CallContext {
    return {
      ...site,
      secrets: this.#secrets,
      endpoint: this.endpointUrl,
      endpointSetting: this.endpointSetting,
      api: this.#spec.name,
    };
  }

  private attempts(
    request: OpenApiRequest,
    context: CallContext,
    idempotent: boolean,
  ): Promise<SignedResponse> {
    const params = this.paramsOf(context.action);
    const retry: RetryOptions = { ...this.#retry, idempotent };
    return withRetry(async () => {
      // A session due for renewal is renewed here, not inside openapi-client's signing; its
      // failure is a refusal, not retried as the call's own (AssumeRole was already retried).
      await this.#credentials?.ready(context);
      const bounds: CallTimeouts = {
        connectTimeoutMs: this.#settings.connectTimeoutMs,
        readTimeoutMs: this.#settings.readTimeoutMs,
      };
      let raw: { body: unknown; statusCode: number };
      try {
        raw = (await withTimeouts(bounds, () =>
          this.#api.callApi(params, request, RUNTIME),
        )) as typeof raw;
      } catch (err) {
        const which = bounds.expired;
        if (which === undefined) throw toKmsError(err, context);
        // After the read timeout the request was sent and may have been taken; after the connect
        // timeout it was not (the connect timer runs only while the socket is connecting, and the
        // body is written once connected: timeouts.ts).
        const ms = which === "connect" ? bounds.connectTimeoutMs : bounds.readTimeoutMs;
        throw new KmsError({
          kind: "transient",
          ...context,
          detail: timeoutDetail(which, ms),
          ...(which === "read" ? { maybeTaken: true } : {}),
        });
      }
      const { body, statusCode } = raw;
      const isObject = typeof body === "object" && body !== null && !Array.isArray(body);
      return { body: isObject ? (body as Record<string, unknown>) : {}, statusCode };
    }, retry);
  }

  /** The RPC parameters of `action` here (openapi-client only reads them). */
  private paramsOf(action: string): Params {
    let params = this.#params.get(action);
    if (params === undefined) {
      params = new Params({
        action,
        version: this.#spec.version,
        protocol: this.#endpoint.protocol,
        pathname: this.#endpoint.pathname,
        method: "POST",
        authType: "AK",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "json",
      });
      this.#params.set(action, params);
    }
    return params;
  }

  /**
   * An answer the API does not give (`what` completes "answered …"): an `unexpected` `KmsError`
   * saying the endpoint may not be that API, with the answer's request id.
   */
  unexpected(site: CallSite, what: string, answer: Record<string, unknown> = {}): KmsError {
    const requestId = answer.RequestId;
    return new KmsError({
      kind: "unexpected",
      ...site,
      requestId: typeof requestId === "string" && requestId !== "" ? requestId : undefined,
      detail: notKmsApiDetail(this.endpointUrl, what, this.endpointSetting, this.#spec.name),
    });
  }
}
