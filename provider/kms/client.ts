/**
 * The typed client of the KMS instance API (version 2016-01-20). `@alicloud/kms20160120` has no
 * instance APIs, so each method calls `@alicloud/openapi-client`'s generic `callApi` exactly as
 * the generated SDKs do (RPC style, form body type, JSON response), with every field in the query.
 * Every call starts in a slot of its session's adaptive limiter and is retried on throttling
 * and transient failures (see `retry.ts`, `limiter.ts`), within the connect and read timeouts
 * (`timeouts.ts`); credentials are resolved once per credential identity (`session.ts`); every
 * failure surfaces as a classified, secret-free `KmsError`.
 */
import { BssClient } from "./bss-client";
import { ownParts } from "./credentials";
import { INSTANCE_NOT_FOUND_CODE, KmsError, isUninitializedRejection } from "./errors";
import type { KmsSettings } from "./settings";
import {
  SignedCaller,
  type ActionTraits,
  type ClientOptions,
  type QueryValue,
} from "./signed-caller";
import type {
  ApiBindVpcRequest,
  ApiKmsInstance,
  ApiListFilter,
  GetKmsInstanceQuotaInfosResponse,
  ListKmsInstancesResponse,
  ListTagResourcesResponse,
  Renewal,
  RequestIdResponse,
} from "./types";

/** The `ResourceType` of KMS instances in the tag APIs. */
export const INSTANCE_RESOURCE_TYPE = "instance";
/** Tags per `TagResources`/`UntagResources` call: the tag API's per-request limit. */
export const TAGS_PER_CALL = 20;

/**
 * Every action this client sends, and what the retry policy must know of it: the one place where
 * idempotency is marked (`retry.ts` re-sends a non-idempotent write only when the service
 * certainly did not take it). Sources for each write are shared/reference/kms-instance-api.md
 * ("Related instance APIs") and terraform-provider-alicloud resource_alicloud_kms_instance.go.
 */
export const KMS_ACTION_TRAITS = {
  // Reads: nothing changes, however often they are sent.
  GetKmsInstance: { idempotent: true },
  ListKmsInstances: { idempotent: true },
  ListTagResources: { idempotent: true },
  GetKmsInstanceQuotaInfos: { idempotent: true },
  // Each call replaces the whole list of bound VPCs with the one sent (reference: "Each call
  // replaces the whole list"): sent twice, the list is the same.
  UpdateKmsInstanceBindVpc: { idempotent: true },
  // Sets the name to the value sent.
  UpdateKmsInstance: { idempotent: true },
  // Sets deletion protection on or off, as sent.
  SetDeletionProtection: { idempotent: true },
  // Adds or overwrites the tags sent with their values: sent twice, the same tags.
  TagResources: { idempotent: true },
  // Removes the keys sent; a key already gone stays gone (the common tag API and the emulator
  // answer success for it).
  UntagResources: { idempotent: true },
  // A state change, Uninitialized → Connecting → Connected, without a request token (the API
  // reference's ConnectKmsInstance parameters are KmsInstanceId, VpcId, ZoneIds, VSwitchIds,
  // KMProvider; no ClientToken, unlike BSS CreateInstance, which Terraform sends with one). The
  // service refuses it for an instance that is no longer Uninitialized with 403
  // `Forbidden.DKMSInstanceStateInvalid` (reference, error table; contract/kms-actions.ts), so a
  // blind re-send of a connect that was taken fails the operation although the instance is
  // connecting. `provider/core/connect-instance.ts` reads the status instead.
  ConnectKmsInstance: { idempotent: false },
} as const satisfies Record<string, ActionTraits>;

/** The name of an action this client sends. */
export type KmsAction = keyof typeof KMS_ACTION_TRAITS;

/** A JSON integer as the grammar allows it: no sign, no leading zero, no fraction. */
const JSON_INTEGER = /^(0|[1-9][0-9]*)$/;

/**
 * The `BindVpcs` parameter of `UpdateKmsInstanceBindVpc` for `vpcs`: a JSON string
 * `[{"VpcId":"…","VSwitchId":"…","RegionId":"…","VpcOwnerId":120708975881…},…]`. The API
 * reference and the SDK model (alibabacloud-go/kms-20160120, UpdateKmsInstanceBindVpcRequest)
 * give `VpcOwnerId` as an unquoted JSON number, and Terraform's provider sends it as an int64
 * (resource_alicloud_kms_instance.go, `strconv.ParseInt`), leaving the key out when there is no
 * owner. A 16- or 19-digit account id does not survive `Number()`, so its digits are written
 * into the JSON text as they are; the key is left out when absent or `""`.
 * @throws TypeError when a `VpcOwnerId` is not a plain decimal integer (it would not be JSON).
 */
export function encodeBindVpcs(vpcs: readonly ApiBindVpcRequest[]): string {
  const entries = vpcs.map((v) => {
    const head = `"VpcId":${JSON.stringify(v.VpcId)},"VSwitchId":${JSON.stringify(v.VSwitchId)},"RegionId":${JSON.stringify(v.RegionId)}`;
    const owner = v.VpcOwnerId;
    if (owner === undefined || owner === "") return `{${head}}`;
    if (!JSON_INTEGER.test(owner)) {
      throw new TypeError(
        `VpcOwnerId must be an account id of digits without a leading zero; got ${JSON.stringify(owner)}.`,
      );
    }
    return `{${head},"VpcOwnerId":${owner}}`;
  });
  return `[${entries.join(",")}]`;
}

/** Options of `ListKmsInstances`. */
export interface ListKmsInstancesOptions {
  /** @default 1 */
  pageNumber?: number;
  /** 1–100. @default 20 (the service's default) */
  pageSize?: number;
  /** Sent as the `Filters` JSON string. */
  filters?: ApiListFilter[];
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

/**
 * A client of the KMS instance API of one region. The provider gets each through
 * `sessionFor(settings).client(settings)` (`session.ts`), which shares it and its session's
 * credentials and limiter; one constructed without `options.shared` has its own (tests, special
 * clients).
 */
export class KmsClient {
  /** The region every call goes to. */
  readonly region: string;
  /** The settings this client was made from (secret-free). */
  readonly settings: KmsSettings;
  // Private: the caller holds the credentials, so it must not be enumerable or inspectable.
  readonly #caller: SignedCaller;
  /** The BSS renewal calls of this region's instances, on the same session. */
  readonly #bss: BssClient;

  constructor(settings: KmsSettings, options: ClientOptions = {}) {
    this.region = settings.region;
    this.settings = settings;
    const parts = { ...options, shared: options.shared ?? ownParts(settings) };
    this.#caller = new SignedCaller(settings, "endpoint", parts);
    this.#bss = new BssClient(settings, parts);
  }

  /**
   * A subscription instance's renewal (BSS `QueryAvailableInstances`, `bss-client.ts`); undefined
   * when BSS does not list the instance.
   */
  queryRenewal(kmsInstanceId: string): Promise<Renewal | undefined> {
    return this.#bss.queryRenewal(kmsInstanceId);
  }

  /** Sets a subscription instance's renewal (BSS `SetRenewal`). */
  setRenewal(kmsInstanceId: string, renewal: Renewal): Promise<void> {
    return this.#bss.setRenewal(kmsInstanceId, renewal);
  }

  /**
   * Reads one instance. A 200 whose `KmsInstance` has `InstanceId` `""` is a not-found
   * `KmsError` (Terraform's rule), as is a 200 with the code `Forbidden.DKMSInstanceNotFound`; a 200 without a `KmsInstance` object, or with no string
   * `InstanceId`, is `unexpected` — an answer the KMS API does not give, so never "not found".
   * So is a `KmsInstance` whose `InstanceId` is another instance's: the answer is checked against
   * the question (the response model's `KmsInstance.InstanceId` is the instance read:
   * aliyun/alibabacloud-csharp-sdk kms-20160120 `GetKmsInstanceResponseBody.cs`).
   */
  async getKmsInstance(kmsInstanceId: string): Promise<ApiKmsInstance> {
    const site = { action: "GetKmsInstance", region: this.region, instanceId: kmsInstanceId };
    const { body, statusCode } = await this.#caller.call(
      site,
      { KmsInstanceId: kmsInstanceId },
      KMS_ACTION_TRAITS.GetKmsInstance,
    );
    const instance = body.KmsInstance;
    const requestId = typeof body.RequestId === "string" ? body.RequestId : undefined;
    const notFound = (detail: string, code?: string): KmsError =>
      new KmsError({
        kind: "not-found",
        ...site,
        ...(code !== undefined ? { code, statusCode } : {}),
        requestId,
        detail,
      });
    const unexpected = (what: string): KmsError =>
      this.#caller.unexpected(site, `HTTP 200 ${what}`, requestId);
    // The not-found code counts at any HTTP status, 200 included (openapi-client throws only
    // on 4xx/5xx, so here it is still in the body).
    if (instance === undefined && body.Code === INSTANCE_NOT_FOUND_CODE) {
      const message = typeof body.Message === "string" ? body.Message : "(no message)";
      throw notFound(message, INSTANCE_NOT_FOUND_CODE);
    }
    if (typeof instance !== "object" || instance === null || Array.isArray(instance)) {
      throw unexpected("without KmsInstance");
    }
    const id = (instance as ApiKmsInstance).InstanceId;
    if (id === "") {
      throw notFound(
        "the response's KmsInstance has an empty InstanceId (the instance does not exist)",
      );
    }
    if (typeof id !== "string") throw unexpected("with a KmsInstance without InstanceId");
    if (id !== kmsInstanceId) {
      throw unexpected(`with the KmsInstance ${JSON.stringify(id)}, not the instance asked`);
    }
    return instance as ApiKmsInstance;
  }

  /** One page of `ListKmsInstances` (`core/gone-evidence.ts`'s `readListing` reads them all). */
  listKmsInstances(options: ListKmsInstancesOptions = {}): Promise<ListKmsInstancesResponse> {
    return this.call("ListKmsInstances", {
      PageNumber: options.pageNumber,
      PageSize: options.pageSize,
      Filters: options.filters ? JSON.stringify(options.filters) : undefined,
    });
  }

  /**
   * Replaces the instance's bound VPCs with `vpcs` (an empty list unbinds all). `VpcOwnerId`
   * goes into the JSON as an unquoted number with the exact digits held (`encodeBindVpcs`).
   */
  updateKmsInstanceBindVpc(
    kmsInstanceId: string,
    vpcs: readonly ApiBindVpcRequest[],
  ): Promise<RequestIdResponse> {
    return this.call(
      "UpdateKmsInstanceBindVpc",
      { KmsInstanceId: kmsInstanceId, BindVpcs: encodeBindVpcs(vpcs) },
      kmsInstanceId,
    );
  }

  /** Renames the instance. */
  updateKmsInstance(
    kmsInstanceId: string,
    options: { instanceName: string },
  ): Promise<RequestIdResponse> {
    return this.call(
      "UpdateKmsInstance",
      { KmsInstanceId: kmsInstanceId, InstanceName: options.instanceName },
      kmsInstanceId,
    );
  }

  /**
   * Turns deletion protection on or off; `description` is sent as
   * `DeletionProtectionDescription` when given.
   */
  setDeletionProtection(
    kmsInstanceId: string,
    options: { enabled: boolean; description?: string },
  ): Promise<RequestIdResponse> {
    return this.call(
      "SetDeletionProtection",
      {
        KmsInstanceId: kmsInstanceId,
        EnableDeletionProtection: options.enabled,
        DeletionProtectionDescription: options.description,
      },
      kmsInstanceId,
    );
  }

  /** Sets tags (adding or overwriting), in calls of at most 20 tags. */
  async tagResources(kmsInstanceId: string, tags: Readonly<Record<string, string>>): Promise<void> {
    const entries = Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i < entries.length; i += TAGS_PER_CALL) {
      const chunk = entries.slice(i, i + TAGS_PER_CALL);
      await this.call(
        "TagResources",
        {
          ...tagTarget(kmsInstanceId, this.region),
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
      await this.call(
        "UntagResources",
        { ...tagTarget(kmsInstanceId, this.region), TagKey: sorted.slice(i, i + TAGS_PER_CALL) },
        kmsInstanceId,
      );
    }
  }

  /**
   * The instance's tags, across every `NextToken` page; none (`{}`) for an instance that is not
   * enabled yet, which the service answers with `Rejected.Uninitialized` (Terraform reads it the
   * same way: shared/reference/kms-instance-api.md). Only this read is lenient: a tag change on
   * such an instance still fails.
   * @param options.pageSize `MaxResults` per page; the service default (20) when unset.
   */
  async listTagResources(
    kmsInstanceId: string,
    options: { pageSize?: number } = {},
  ): Promise<Record<string, string>> {
    // A Map, not `tags[key] = …`: assigning to `__proto__` (a legal tag key) sets the prototype
    // and drops the tag. `Object.fromEntries` makes every key an own property.
    const tags = new Map<string, string>();
    const seen = new Set<string>();
    let nextToken: string | undefined;
    do {
      let body: ListTagResourcesResponse;
      try {
        body = await this.call(
          "ListTagResources",
          {
            ...tagTarget(kmsInstanceId, this.region),
            NextToken: nextToken,
            MaxResults: options.pageSize,
          },
          kmsInstanceId,
        );
      } catch (err) {
        if (isUninitializedRejection(err)) return {};
        throw err;
      }
      for (const row of body.TagResources?.TagResource ?? []) {
        if (row.ResourceId !== undefined && row.ResourceId !== kmsInstanceId) continue;
        if (typeof row.TagKey === "string") tags.set(row.TagKey, row.TagValue ?? "");
      }
      nextToken = body.NextToken ? body.NextToken : undefined;
      // A token seen before would loop forever.
      if (nextToken !== undefined) {
        if (seen.has(nextToken)) break;
        seen.add(nextToken);
      }
    } while (nextToken !== undefined);
    return Object.fromEntries(tags);
  }

  /** Connects an `Uninitialized` instance to a VPC (it then goes `Connecting` → `Connected`). */
  connectKmsInstance(
    kmsInstanceId: string,
    options: ConnectKmsInstanceOptions,
  ): Promise<RequestIdResponse> {
    return this.call(
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
  }

  /** Quota and usage of one resource type of the instance. */
  getKmsInstanceQuotaInfos(
    kmsInstanceId: string,
    resourceType: QuotaResourceType,
  ): Promise<GetKmsInstanceQuotaInfosResponse> {
    return this.call(
      "GetKmsInstanceQuotaInfos",
      { KmsInstanceId: kmsInstanceId, ResourceType: resourceType },
      kmsInstanceId,
    );
  }

  /**
   * One API call through the shared signed caller (limiter, retries, timeouts, credentials),
   * retried as `KMS_ACTION_TRAITS` says the action may be; its body.
   */
  private async call<T>(
    action: KmsAction,
    fields: Record<string, QueryValue>,
    instanceId?: string,
  ): Promise<T> {
    const site = { action, region: this.region, instanceId };
    return (await this.#caller.call(site, fields, KMS_ACTION_TRAITS[action])).body as T;
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

/** The instance a tag call is about: `RegionId`, `ResourceType` and `ResourceId`. */
function tagTarget(kmsInstanceId: string, region: string): Record<string, QueryValue> {
  return { RegionId: region, ResourceType: INSTANCE_RESOURCE_TYPE, ResourceId: [kmsInstanceId] };
}
