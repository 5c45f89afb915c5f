/**
 * The typed client of the KMS instance API (version 2016-01-20). `@alicloud/kms20160120` has no
 * instance APIs, so each method calls `@alicloud/openapi-client`'s generic `callApi` exactly as
 * the generated SDKs do (RPC style, form body type, JSON response), with every field in the query.
 * Every call starts in a slot of the process-wide adaptive limiter and is retried on throttling
 * and transient failures (see `retry.ts`, `limiter.ts`), within the connect and read timeouts
 * (`timeouts.ts`); chain credentials are resolved once per process (`credentials.ts`); every
 * failure surfaces as a classified, secret-free `KmsError`.
 */
import OpenApi, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import { recordRetry } from "./call-stats";
import { SharedCredentials, sharedCredentials } from "./credentials";
import { KmsError, toKmsError } from "./errors";
import { processLimiter } from "./limiter";
import { flattenQuery, QueryValue } from "./query";
import { RetryOptions, withRetry } from "./retry";
import { KmsSettings, secretsOf, staticKeysOf } from "./settings";
import {
  CallTimeoutError,
  CallTimeouts,
  httpxTimeouts,
  timeoutDetail,
  withTimeouts,
} from "./timeouts";
import type {
  ApiBindVpcRequest,
  ApiKmsInstance,
  ApiKmsInstanceRef,
  ApiListFilter,
  GetKmsInstanceQuotaInfosResponse,
  GetKmsInstanceResponse,
  ListKmsInstancesResponse,
  ListTagResourcesResponse,
  RequestIdResponse,
} from "./types";

/** API version of every KMS instance API. */
export const KMS_API_VERSION = "2016-01-20";
/** The `ResourceType` of KMS instances in the tag APIs. */
export const INSTANCE_RESOURCE_TYPE = "instance";
/** Page size `listAllKmsInstances` uses unless told otherwise (Terraform's choice). */
export const DEFAULT_LIST_PAGE_SIZE = 50;
/** Tags per `TagResources`/`UntagResources` call: the tag API's per-request limit. */
export const TAGS_PER_CALL = 20;

/** Options of `ListKmsInstances`. */
export interface ListKmsInstancesOptions {
  /** @default 1 */
  pageNumber?: number;
  /** 1–100. @default 20 (the service's default) */
  pageSize?: number;
  /** Sent as the `Filters` JSON string. */
  filters?: ApiListFilter[];
}

/** Options of `listAllKmsInstances`. */
export interface ListAllKmsInstancesOptions {
  filters?: ApiListFilter[];
  /** @default 50 */
  pageSize?: number;
}

/** Options of `UpdateKmsInstance`. */
export interface UpdateKmsInstanceOptions {
  instanceName: string;
}

/** Options of `SetDeletionProtection`. */
export interface SetDeletionProtectionOptions {
  enabled: boolean;
  /** Sent as `DeletionProtectionDescription` when given. */
  description?: string;
}

/** Options of `ConnectKmsInstance`. */
export interface ConnectKmsInstanceOptions {
  vpcId: string;
  /** Usually two zones; sent as a comma list. */
  zoneIds: string[];
  /** Sent as a comma list. */
  vSwitchIds: string[];
}

/** Quota resource types of `GetKmsInstanceQuotaInfos`. */
export type QuotaResourceType = "key" | "secret" | "qps" | "vpc";

/** Per-client tuning beyond the settings (mostly for tests). */
export interface KmsClientOptions {
  /**
   * Overrides of the retry policy; `maxElapsedMs` defaults to `settings.retryTimeoutMs` and
   * `limiter` to the process-wide one (`processLimiter()`).
   */
  retry?: RetryOptions;
}

/** What one `callApi` round trip returned. */
interface RawResponse {
  body: unknown;
  statusCode: number;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

/**
 * A client of the KMS instance API of one region. Get one through `getKmsClient(settings)` to
 * share it (and its connections); construct directly for special settings.
 */
export class KmsClient {
  /** The region every call goes to. */
  readonly region: string;
  /** The settings this client was made from (secret-free). */
  readonly settings: KmsSettings;
  // Private fields: the openapi client holds the credentials, so it must not be enumerable
  // or reachable by util.inspect.
  readonly #api: OpenApi;
  readonly #retry: RetryOptions;
  readonly #secrets: readonly string[];
  readonly #credentials: SharedCredentials | undefined;

  constructor(settings: KmsSettings, options: KmsClientOptions = {}) {
    this.region = settings.region;
    this.settings = settings;
    const keys = staticKeysOf(settings);
    const config = new Config({
      endpoint: settings.endpoint.endpoint,
      protocol: settings.endpoint.protocol,
      regionId: settings.region,
      // Backstops only: `call()` enforces the configured bounds itself (see timeouts.ts).
      ...httpxTimeouts(settings),
      userAgent: "pulumi-alicloud-kms",
    });
    if (keys) {
      config.accessKeyId = keys.accessKeyId;
      config.accessKeySecret = keys.accessKeySecret;
      if (keys.securityToken) config.securityToken = keys.securityToken;
    } else {
      this.#credentials = sharedCredentials(settings);
      config.credential = this.#credentials.credential;
    }
    this.#api = new OpenApi(config);
    this.#retry = {
      maxElapsedMs: settings.retryTimeoutMs,
      limiter: processLimiter(),
      ...options.retry,
      onRetry: (info) => {
        recordRetry(info.kind);
        options.retry?.onRetry?.(info);
      },
    };
    this.#secrets = secretsOf(settings);
  }

  /** Reads one instance. A 200 without `KmsInstance.InstanceId` is a not-found `KmsError`. */
  async getKmsInstance(kmsInstanceId: string): Promise<ApiKmsInstance> {
    const action = "GetKmsInstance";
    const { body, statusCode } = await this.call<GetKmsInstanceResponse>(
      action,
      { KmsInstanceId: kmsInstanceId },
      kmsInstanceId,
    );
    const instance = body.KmsInstance;
    if (!instance || typeof instance.InstanceId !== "string" || instance.InstanceId === "") {
      throw new KmsError({
        kind: "not-found",
        action,
        region: this.region,
        instanceId: kmsInstanceId,
        statusCode,
        requestId: body.RequestId,
        detail: "the response has no KmsInstance.InstanceId (the instance does not exist)",
      });
    }
    return instance;
  }

  /** One page of `ListKmsInstances`. */
  async listKmsInstances(options: ListKmsInstancesOptions = {}): Promise<ListKmsInstancesResponse> {
    const { body } = await this.call<ListKmsInstancesResponse>("ListKmsInstances", {
      PageNumber: options.pageNumber,
      PageSize: options.pageSize,
      Filters: options.filters ? JSON.stringify(options.filters) : undefined,
    });
    return body;
  }

  /** Every instance of the region: pages until `TotalCount` are collected or a page is short. */
  async listAllKmsInstances(
    options: ListAllKmsInstancesOptions = {},
  ): Promise<ApiKmsInstanceRef[]> {
    const pageSize = options.pageSize ?? DEFAULT_LIST_PAGE_SIZE;
    const all: ApiKmsInstanceRef[] = [];
    // A bound on pages guards against a server that keeps reporting a larger TotalCount.
    for (let pageNumber = 1; pageNumber <= 10_000; pageNumber++) {
      const page = await this.listKmsInstances({ pageNumber, pageSize, filters: options.filters });
      const items = page.KmsInstances?.KmsInstance ?? [];
      all.push(...items);
      const total = page.TotalCount;
      if (items.length < pageSize) break;
      if (typeof total === "number" && all.length >= total) break;
    }
    return all;
  }

  /**
   * Replaces the instance's bound VPCs with `vpcs` (an empty list unbinds all). `VpcOwnerId`
   * goes into the JSON exactly as the string held: a 16-digit id does not survive `Number()`.
   */
  async updateKmsInstanceBindVpc(
    kmsInstanceId: string,
    vpcs: readonly ApiBindVpcRequest[],
  ): Promise<RequestIdResponse> {
    const bindVpcs = vpcs.map((v) => ({
      VpcId: v.VpcId,
      VSwitchId: v.VSwitchId,
      RegionId: v.RegionId,
      VpcOwnerId: v.VpcOwnerId,
    }));
    const { body } = await this.call<RequestIdResponse>(
      "UpdateKmsInstanceBindVpc",
      { KmsInstanceId: kmsInstanceId, BindVpcs: JSON.stringify(bindVpcs) },
      kmsInstanceId,
    );
    return body;
  }

  /** Renames the instance. */
  async updateKmsInstance(
    kmsInstanceId: string,
    options: UpdateKmsInstanceOptions,
  ): Promise<RequestIdResponse> {
    const { body } = await this.call<RequestIdResponse>(
      "UpdateKmsInstance",
      { KmsInstanceId: kmsInstanceId, InstanceName: options.instanceName },
      kmsInstanceId,
    );
    return body;
  }

  /** Turns deletion protection on or off. */
  async setDeletionProtection(
    kmsInstanceId: string,
    options: SetDeletionProtectionOptions,
  ): Promise<RequestIdResponse> {
    const { body } = await this.call<RequestIdResponse>(
      "SetDeletionProtection",
      {
        KmsInstanceId: kmsInstanceId,
        EnableDeletionProtection: options.enabled,
        DeletionProtectionDescription: options.description,
      },
      kmsInstanceId,
    );
    return body;
  }

  /** Sets tags (adding or overwriting), in calls of at most 20 tags. */
  async tagResources(kmsInstanceId: string, tags: Readonly<Record<string, string>>): Promise<void> {
    const entries = Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i < entries.length; i += TAGS_PER_CALL) {
      const chunk = entries.slice(i, i + TAGS_PER_CALL);
      await this.call<RequestIdResponse>(
        "TagResources",
        {
          RegionId: this.region,
          ResourceType: INSTANCE_RESOURCE_TYPE,
          ResourceId: [kmsInstanceId],
          Tag: chunk.map(([Key, Value]) => ({ Key, Value })),
        },
        kmsInstanceId,
      );
    }
  }

  /** Removes the tags with these keys, in calls of at most 20 keys. */
  async untagResources(kmsInstanceId: string, keys: readonly string[]): Promise<void> {
    const sorted = [...new Set(keys)].sort();
    for (let i = 0; i < sorted.length; i += TAGS_PER_CALL) {
      await this.call<RequestIdResponse>(
        "UntagResources",
        {
          RegionId: this.region,
          ResourceType: INSTANCE_RESOURCE_TYPE,
          ResourceId: [kmsInstanceId],
          TagKey: sorted.slice(i, i + TAGS_PER_CALL),
        },
        kmsInstanceId,
      );
    }
  }

  /**
   * The instance's tags, across every `NextToken` page.
   * @param options.pageSize `MaxResults` per page; the service default (20) when unset.
   */
  async listTagResources(
    kmsInstanceId: string,
    options: { pageSize?: number } = {},
  ): Promise<Record<string, string>> {
    const tags: Record<string, string> = {};
    const seen = new Set<string>();
    let nextToken: string | undefined;
    do {
      const { body } = await this.call<ListTagResourcesResponse>(
        "ListTagResources",
        {
          RegionId: this.region,
          ResourceType: INSTANCE_RESOURCE_TYPE,
          ResourceId: [kmsInstanceId],
          NextToken: nextToken,
          MaxResults: options.pageSize,
        },
        kmsInstanceId,
      );
      for (const row of body.TagResources?.TagResource ?? []) {
        if (row.ResourceId !== undefined && row.ResourceId !== kmsInstanceId) continue;
        if (typeof row.TagKey === "string") tags[row.TagKey] = row.TagValue ?? "";
      }
      nextToken = body.NextToken ? body.NextToken : undefined;
      // A token seen before would loop forever.
      if (nextToken !== undefined) {
        if (seen.has(nextToken)) break;
        seen.add(nextToken);
      }
    } while (nextToken !== undefined);
    return tags;
  }

  /** Connects an `Uninitialized` instance to a VPC (it then goes `Connecting` → `Connected`). */
  async connectKmsInstance(
    kmsInstanceId: string,
    options: ConnectKmsInstanceOptions,
  ): Promise<RequestIdResponse> {
    const { body } = await this.call<RequestIdResponse>(
      "ConnectKmsInstance",
      {
        KmsInstanceId: kmsInstanceId,
        VpcId: options.vpcId,
        ZoneIds: options.zoneIds.join(","),
        VSwitchIds: options.vSwitchIds.join(","),
        KMProvider: "Aliyun",
      },
      kmsInstanceId,
    );
    return body;
  }

  /** Quota and usage of one resource type of the instance. */
  async getKmsInstanceQuotaInfos(
    kmsInstanceId: string,
    resourceType: QuotaResourceType,
  ): Promise<GetKmsInstanceQuotaInfosResponse> {
    const { body } = await this.call<GetKmsInstanceQuotaInfosResponse>(
      "GetKmsInstanceQuotaInfos",
      { KmsInstanceId: kmsInstanceId, ResourceType: resourceType },
      kmsInstanceId,
    );
    return body;
  }

  /**
   * One API call, retried, its failures turned into `KmsError`s. Chain credentials are resolved
   * first, outside the retries: without credentials no call is made, and the failure is the
   * same sentence for every caller.
   */
  private async call<T>(
    action: string,
    fields: Record<string, QueryValue>,
    instanceId?: string,
  ): Promise<{ body: T; statusCode: number }> {
    const params = new Params({
      action,
      version: KMS_API_VERSION,
      protocol: this.settings.endpoint.protocol,
      pathname: this.settings.endpoint.pathname,
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const request = new OpenApiRequest({ query: flattenQuery(fields) });
    const context = { action, region: this.region, instanceId, secrets: this.#secrets };
    await this.#credentials?.ready(context);
    return withRetry(async () => {
      const bounds: CallTimeouts = {
        connectTimeoutMs: this.settings.connectTimeoutMs,
        readTimeoutMs: this.settings.readTimeoutMs,
      };
      let raw: RawResponse;
      try {
        raw = (await withTimeouts(bounds, () =>
          this.#api.callApi(params, request, new RuntimeOptions({})),
        )) as RawResponse;
      } catch (err) {
        const expired = bounds.expired ?? (err instanceof CallTimeoutError ? err.which : undefined);
        if (expired !== undefined) throw this.timeoutError(expired, context);
        throw toKmsError(err, context);
      }
      return { body: asRecord(raw.body) as T, statusCode: raw.statusCode };
    }, this.#retry);
  }

  /** A transient `KmsError` naming the bound that expired, its value and its config key. */
  private timeoutError(
    which: "connect" | "read",
    context: { action: string; region: string; instanceId?: string },
  ): KmsError {
    const ms = which === "connect" ? this.settings.connectTimeoutMs : this.settings.readTimeoutMs;
    return new KmsError({
      kind: "transient",
      action: context.action,
      region: context.region,
      instanceId: context.instanceId,
      detail: timeoutDetail(which, ms),
    });
  }

  /** A secret-free description (the openapi client and its credentials stay hidden). */
  toJSON(): Record<string, unknown> {
    return {
      region: this.region,
      endpoint: this.settings.endpoint,
      credentialSource: this.settings.credentialSource,
    };
  }
}
