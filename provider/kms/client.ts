/**
 * The typed client of the KMS instance API (version 2016-01-20). `@alicloud/kms20160120` has no
 * instance APIs, so each method calls `@alicloud/openapi-client`'s generic `callApi` exactly as
 * the generated SDKs do (RPC style, form body type, JSON response), with every field in the query,
 * through `SignedCaller` (signed-caller.ts: the session's credentials and limiter, retries,
 * timeouts, every failure a classified, secret-free `KmsError`).
 *
 * The renewal of a subscription instance goes through the BSS OpenAPI (API `BssOpenApi`, version
 * 2017-12-14, RPC): `QueryAvailableInstances` reads it, `SetRenewal` sets it. The calls go through
 * the same `SignedCaller` as the KMS and STS calls: one transport path. The official
 * `@alicloud/bssopenapi20171214` client is not used because it is built on
 * `@alicloud/openapi-core`, a second transport with its own retries and credentials; its models
 * are the source of the request and response fields here (`QueryAvailableInstancesRequest.ts`,
 * `SetRenewalRequest.ts` and their response bodies, 4.1.1).
 *
 * What is sent follows Terraform's provider, which reads and sets a KMS instance's renewal this way
 * in production (aliyun/terraform-provider-alicloud at 81c43b672: `service_alicloud_kms_v2.go`
 * `DescribeInstanceQueryAvailableInstances`, `resource_alicloud_kms_instance.go` `SetRenewal`):
 * `ProductCode=kms` and `ProductType` `kms_ddi_public_cn` (subscription) or `kms_ppi_public_cn`
 * (pay-as-you-go), `_intl` instead of `_cn` for international accounts. Calls start at the
 * domestic endpoint; on `NotApplicable` they move to the international endpoint and product types
 * and are sent once more, as Terraform does, and the client keeps to them from then on. With an
 * `alicloud-kms:bssEndpoint` override every call goes to the override, and the move changes only
 * the product types.
 */
import { ownParts } from "./credentials";
import { INTERNATIONAL_BSS_ENDPOINT, resolveEndpoint } from "./endpoint";
import {
  INSTANCE_NOT_FOUND_CODE,
  KmsError,
  isUninitializedRejection,
  redact,
  toKmsError,
} from "./errors";
import type { KmsSettings } from "./settings";
import { SignedCaller, type CallSite, type ClientOptions, type QueryValue } from "./signed-caller";
import {
  RENEW_STATUSES,
  RENEWAL_PERIOD_UNITS,
  type ApiAvailableInstance,
  type ApiBindVpcRequest,
  type ApiKmsInstance,
  type Renewal,
  type RenewalPeriodUnit,
  type RenewStatus,
} from "./types";

/** Tags per `TagResources`/`UntagResources` call: the tag API's per-request limit. */
export const TAGS_PER_CALL = 20;

/**
 * Every action this client sends, and whether it is idempotent (what that means to the retry
 * policy: `RetryOptions.idempotent`, retry.ts). Sources for each write are
 * shared/reference/kms-instance-api.md ("Related instance APIs") and terraform-provider-alicloud
 * resource_alicloud_kms_instance.go.
 */
export const KMS_ACTION_TRAITS = {
  // Reads: nothing changes, however often they are sent.
  GetKmsInstance: true,
  ListKmsInstances: true,
  ListTagResources: true,
  GetKmsInstanceQuotaInfos: true,
  // Each call replaces the whole list of bound VPCs with the one sent (reference: "Each call
  // replaces the whole list"): sent twice, the list is the same.
  UpdateKmsInstanceBindVpc: true,
  // Sets the name to the value sent.
  UpdateKmsInstance: true,
  // Sets deletion protection on or off, as sent.
  SetDeletionProtection: true,
  // Adds or overwrites the tags sent with their values: sent twice, the same tags.
  TagResources: true,
  // Removes the keys sent; a key already gone stays gone (the common tag API and the emulator
  // answer success for it).
  UntagResources: true,
  // A state change, Uninitialized → Connecting → Connected, without a request token (the API
  // reference's ConnectKmsInstance parameters are KmsInstanceId, VpcId, ZoneIds, VSwitchIds,
  // KMProvider; no ClientToken, unlike BSS CreateInstance, which Terraform sends with one). The
  // service refuses it for an instance that is no longer Uninitialized with 403
  // `Forbidden.DKMSInstanceStateInvalid` (reference, error table; contract/kms-actions.ts), so a
  // blind re-send of a connect that was taken fails the operation although the instance is
  // connecting. `provider/core/connect-instance.ts` reads the status instead.
  ConnectKmsInstance: false,
} as const satisfies Record<string, boolean>;

/** The BSS actions this client sends, and whether each is idempotent. */
export const BSS_ACTION_TRAITS = {
  // A read.
  QueryAvailableInstances: true,
  // Sets the renewal status and period to the values sent: sent twice, the same renewal.
  SetRenewal: true,
} as const satisfies Record<string, boolean>;

/**
 * The code BSS answers a domestic call of an international account (and the reverse) with:
 * Terraform moves to the international endpoint and product types on it.
 */
const NOT_APPLICABLE_CODE = "NotApplicable";

/**
 * The renewal of a `QueryAvailableInstances` row, or a sentence saying what is wrong with it.
 * The period is kept only for `AutoRenewal`, and only when both `RenewalDuration` (a whole number)
 * and `RenewalDurationUnit` (`M`/`Y`) are there.
 */
export function decodeRenewal(row: ApiAvailableInstance): Renewal | { problem: string } {
  const status = row.RenewStatus as RenewStatus;
  if (!(RENEW_STATUSES as readonly unknown[]).includes(status)) {
    return {
      problem: `RenewStatus ${JSON.stringify(row.RenewStatus)} is not one of ${RENEW_STATUSES.join(", ")}`,
    };
  }
  if (status !== "AutoRenewal") return { status };
  const period = row.RenewalDuration;
  const unit = row.RenewalDurationUnit as RenewalPeriodUnit;
  if (period === undefined && row.RenewalDurationUnit === undefined) return { status };
  if (typeof period !== "number" || !Number.isInteger(period) || period < 0) {
    return { problem: `RenewalDuration ${JSON.stringify(period)} is not a whole number` };
  }
  if (!(RENEWAL_PERIOD_UNITS as readonly unknown[]).includes(unit)) {
    return {
      problem: `RenewalDurationUnit ${JSON.stringify(row.RenewalDurationUnit)} is not M or Y`,
    };
  }
  return { status, period, periodUnit: unit };
}

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

/**
 * A response body as received (the callers decode what they read: `provider/instance/quota.ts`,
 * `core/gone-evidence.ts`).
 */
type Body = Record<string, unknown>;

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
  // Private: the callers hold the credentials, so they must not be enumerable or inspectable.
  readonly #caller: SignedCaller;
  /** The BSS calls: at the domestic (or configured) endpoint. */
  readonly #bss: SignedCaller;
  /** Where the BSS calls move after `NotApplicable` (the same caller when the endpoint is set). */
  readonly #bssIntl: SignedCaller;
  /** Whether `NotApplicable` showed the account to be international. */
  #intl = false;

  constructor(settings: KmsSettings, options: ClientOptions = {}) {
    this.region = settings.region;
    this.settings = settings;
    const parts = { ...options, shared: options.shared ?? ownParts(settings) };
    this.#caller = new SignedCaller(settings, "endpoint", parts);
    this.#bss = new SignedCaller(settings, "bssEndpoint", parts);
    this.#bssIntl =
      settings.bssEndpointOverride !== undefined
        ? this.#bss
        : new SignedCaller(
            settings,
            "bssEndpoint",
            parts,
            resolveEndpoint(
              "bssEndpoint",
              settings.region,
              INTERNATIONAL_BSS_ENDPOINT,
              "the international BSS endpoint",
            ),
          );
  }

  /** Where the BSS calls go: the domestic (or configured) endpoint, and the international one. */
  get bssEndpoints(): { readonly domestic: string; readonly international: string } {
    return { domestic: this.#bss.endpointUrl, international: this.#bssIntl.endpointUrl };
  }

  /**
   * The renewal of a subscription instance (BSS `QueryAvailableInstances`), or undefined when BSS
   * does not list it (no row with its `InstanceID`). A row that is not a renewal BSS sends is an
   * `unexpected` `KmsError`.
   */
  async queryRenewal(kmsInstanceId: string): Promise<Renewal | undefined> {
    const site = {
      action: "QueryAvailableInstances" as const,
      region: this.region,
      instanceId: kmsInstanceId,
    };
    const raw = await this.bssSend(site, { InstanceIDs: kmsInstanceId, Region: this.region });
    // Named by the endpoint of the site that answered.
    const bss = this.#intl ? this.#bssIntl : this.#bss;
    const list = (raw as { Data?: { InstanceList?: ApiAvailableInstance[] } }).Data?.InstanceList;
    if (!Array.isArray(list)) throw bss.unexpected(site, "HTTP 200 without Data.InstanceList", raw);
    const row = list.find(
      (r) => typeof r === "object" && r !== null && r.InstanceID === kmsInstanceId,
    );
    if (row === undefined) return undefined;
    const renewal = decodeRenewal(row);
    if ("problem" in renewal) throw bss.unexpected(site, `HTTP 200 ${renewal.problem}`, raw);
    return renewal;
  }

  /**
   * Sets a subscription instance's renewal (BSS `SetRenewal`): `RenewalStatus`, and for
   * `AutoRenewal` the `RenewalPeriod` and `RenewalPeriodUnit` (required with it:
   * `SetRenewalRequest.ts`).
   */
  async setRenewal(kmsInstanceId: string, renewal: Renewal): Promise<void> {
    const auto = renewal.status === "AutoRenewal";
    await this.bssSend(
      { action: "SetRenewal", region: this.region, instanceId: kmsInstanceId },
      {
        InstanceIDs: kmsInstanceId,
        SubscriptionType: "Subscription",
        RenewalStatus: renewal.status,
        RenewalPeriod: auto ? renewal.period : undefined,
        RenewalPeriodUnit: auto ? renewal.periodUnit : undefined,
      },
    );
  }

  /**
   * Reads one instance. A 200 whose `KmsInstance` has `InstanceId` `""` is a not-found
   * `KmsError` (Terraform's rule), as is a 200 with the code `Forbidden.DKMSInstanceNotFound`;
   * a 200 without a `KmsInstance` object, or with no string `InstanceId`, is `unexpected` — an
   * answer the KMS API does not give, so never "not found".
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
    const notFound = (detail: string, code?: string): KmsError =>
      new KmsError({
        kind: "not-found",
        ...site,
        ...(code !== undefined ? { code, statusCode } : {}),
        requestId: typeof body.RequestId === "string" ? body.RequestId : undefined,
        detail,
      });
    const unexpected = (what: string): KmsError => this.#caller.unexpected(site, what, body);
    // The not-found code counts at any HTTP status, 200 included (openapi-client throws only
    // on 4xx/5xx, so here it is still in the body).
    if (instance === undefined && body.Code === INSTANCE_NOT_FOUND_CODE) {
      const message = typeof body.Message === "string" ? body.Message : "(no message)";
      // The service's own text, masked like every other answer's (`toKmsError`).
      throw notFound(redact(message, this.#caller.context(site).secrets), INSTANCE_NOT_FOUND_CODE);
    }
    if (typeof instance !== "object" || instance === null || Array.isArray(instance)) {
      throw unexpected("HTTP 200 without KmsInstance");
    }
    const id = (instance as ApiKmsInstance).InstanceId;
    if (id === "") {
      throw notFound(
        "the response's KmsInstance has an empty InstanceId (the instance does not exist)",
      );
    }
    if (typeof id !== "string") throw unexpected("HTTP 200 with a KmsInstance without InstanceId");
    if (id !== kmsInstanceId) {
      throw unexpected(
        `HTTP 200 with the KmsInstance ${JSON.stringify(id)}, not the instance asked`,
      );
    }
    return instance as ApiKmsInstance;
  }

  /**
   * One page of `ListKmsInstances` (`core/gone-evidence.ts`'s `readListing` reads them all).
   * @param options.pageNumber default 1; `pageSize` 1–100, default 20 (the service's default);
   * `filters` sent as the `Filters` JSON string.
   */
  listKmsInstances(
    options: {
      pageNumber?: number;
      pageSize?: number;
      filters?: { Key: string; Values: string[] }[];
    } = {},
  ): Promise<Body> {
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
  ): Promise<Body> {
    return this.call(
      "UpdateKmsInstanceBindVpc",
      { KmsInstanceId: kmsInstanceId, BindVpcs: encodeBindVpcs(vpcs) },
      kmsInstanceId,
    );
  }

  /** Renames the instance. */
  updateKmsInstance(kmsInstanceId: string, options: { instanceName: string }): Promise<Body> {
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
  ): Promise<Body> {
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
      // The fields of the `ListTagResources` answer read here.
      let body: {
        NextToken?: string;
        TagResources?: {
          TagResource?: { ResourceId?: string; TagKey?: string; TagValue?: string }[];
        };
      };
      try {
        body = (await this.call(
          "ListTagResources",
          {
            ...tagTarget(kmsInstanceId, this.region),
            NextToken: nextToken,
            MaxResults: options.pageSize,
          },
          kmsInstanceId,
        )) as typeof body;
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

  /**
   * Connects an `Uninitialized` instance to a VPC (it then goes `Connecting` → `Connected`); the
   * zones (usually two) and vSwitches are sent as comma lists.
   */
  connectKmsInstance(
    kmsInstanceId: string,
    options: { vpcId: string; zoneIds: string[]; vSwitchIds: string[] },
  ): Promise<Body> {
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
    resourceType: "key" | "secret" | "qps" | "vpc",
  ): Promise<Body> {
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
  private async call(
    action: keyof typeof KMS_ACTION_TRAITS,
    fields: Record<string, QueryValue>,
    instanceId?: string,
  ): Promise<Body> {
    const site = { action, region: this.region, instanceId };
    return (await this.#caller.call(site, fields, KMS_ACTION_TRAITS[action])).body;
  }

  /**
   * One call with `ProductCode=kms` and the subscription product type of the account's site;
   * on `NotApplicable` from the domestic site, once more on the international one. An answer
   * with `Success: false` is the service's refusal, a `KmsError` with its code: BSS answers
   * business failures with HTTP 200, `Success: false` and a `Code` (terraform-provider-alicloud at
   * 81c43b672, `service_alicloud_kms_v2.go`, `ListKmsValueAddedServiceInstancesByPrefix`).
   */
  private async bssSend(
    site: CallSite & { action: keyof typeof BSS_ACTION_TRAITS },
    fields: Record<string, QueryValue>,
  ): Promise<Record<string, unknown>> {
    const attempt = async (intl: boolean): Promise<Record<string, unknown>> => {
      const caller = intl ? this.#bssIntl : this.#bss;
      // The `ProductType` of a subscription KMS instance, `_intl` for an international account.
      // (Pay-as-you-go instances are `kms_ppi_public_*` and have no renewal: never asked for.)
      const query = {
        ...fields,
        ProductCode: "kms",
        ProductType: `kms_ddi_public_${intl ? "intl" : "cn"}`,
      };
      const { body, statusCode } = await caller.call(site, query, BSS_ACTION_TRAITS[site.action]);
      if (body.Success === true) return body;
      if (body.Success === false) {
        throw toKmsError({ statusCode, data: body }, caller.context(site));
      }
      throw caller.unexpected(site, "HTTP 200 without Success", body);
    };
    try {
      return await attempt(this.#intl);
    } catch (err) {
      if (this.#intl || !(err instanceof KmsError) || err.code !== NOT_APPLICABLE_CODE) throw err;
      this.#intl = true;
      return attempt(true);
    }
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

/** The instance a tag call is about: `RegionId`, `ResourceType` (KMS instances), `ResourceId`. */
function tagTarget(kmsInstanceId: string, region: string): Record<string, QueryValue> {
  return { RegionId: region, ResourceType: "instance", ResourceId: [kmsInstanceId] };
}
