/**
 * The typed client of the KMS instance API (version 2016-01-20). `@alicloud/kms20160120` has no
 * instance APIs, so each method calls `@alicloud/openapi-client`'s generic `callApi` as the
 * generated SDKs do (RPC, form body, JSON response, every field in the query), through
 * `SignedCaller`.
 *
 * A subscription instance's renewal goes through the BSS OpenAPI (`BssOpenApi` 2017-12-14, RPC):
 * `QueryAvailableInstances` reads it, `SetRenewal` sets it, through the same `SignedCaller`.
 * `@alicloud/bssopenapi20171214` is not used: it is built on `@alicloud/openapi-core`, a second
 * transport with its own retries and credentials; its models (4.1.1:
 * `QueryAvailableInstancesRequest.ts`, `SetRenewalRequest.ts` and their response bodies) are the
 * source of the fields here.
 *
 * What is sent follows Terraform (aliyun/terraform-provider-alicloud at 81c43b672:
 * `service_alicloud_kms_v2.go` `DescribeInstanceQueryAvailableInstances`,
 * `resource_alicloud_kms_instance.go` `SetRenewal`): `ProductCode=kms`, `ProductType`
 * `kms_ddi_public_cn` (subscription) or `kms_ppi_public_cn` (pay-as-you-go), `_intl` for
 * international accounts. Calls start at the domestic endpoint; on `NotApplicable` they are sent
 * once more to the international endpoint and product types, which the client keeps from then on.
 * With an `alicloud-kms:bssEndpoint` override, the move changes only the product types.
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
 * Every KMS action sent, and whether it is idempotent (see `RetryOptions.idempotent`). Sources:
 * shared/reference/kms-instance-api.md ("Related instance APIs"), terraform-provider-alicloud
 * resource_alicloud_kms_instance.go.
 */
export const KMS_ACTION_TRAITS = {
  // Reads.
  GetKmsInstance: true,
  ListKmsInstances: true,
  ListTagResources: true,
  GetKmsInstanceQuotaInfos: true,
  // Replaces the whole list of bound VPCs (reference: "Each call replaces the whole list").
  UpdateKmsInstanceBindVpc: true,
  UpdateKmsInstance: true,
  SetDeletionProtection: true,
  // Adds or overwrites the tags sent.
  TagResources: true,
  // The common tag API and the emulator answer success for a key already gone.
  UntagResources: true,
  // Uninitialized → Connecting → Connected, with no request token (the reference's parameters are
  // KmsInstanceId, VpcId, ZoneIds, VSwitchIds, KMProvider; no ClientToken, unlike BSS
  // CreateInstance). A connect re-sent after it was taken is refused with 403
  // `Forbidden.DKMSInstanceStateInvalid` (reference, error table; contract/kms-actions.ts) although
  // the instance is connecting; `provider/core/connect-instance.ts` reads the status instead.
  ConnectKmsInstance: false,
} as const satisfies Record<string, boolean>;

/** The BSS actions sent, and whether each is idempotent. */
export const BSS_ACTION_TRAITS = {
  QueryAvailableInstances: true,
  // Sets the renewal status and period sent.
  SetRenewal: true,
} as const satisfies Record<string, boolean>;

/** BSS's answer to a domestic call of an international account (and the reverse). */
const NOT_APPLICABLE_CODE = "NotApplicable";

/**
 * The renewal of a `QueryAvailableInstances` row, or what is wrong with it. Only `AutoRenewal`
 * has a period: none when `RenewalDuration` and `RenewalDurationUnit` are both absent, else a whole
 * number and `M`/`Y`.
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
 * The `BindVpcs` JSON string of `UpdateKmsInstanceBindVpc`:
 * `[{"VpcId":"…","VSwitchId":"…","RegionId":"…","VpcOwnerId":120708975881…},…]`. `VpcOwnerId` is
 * an unquoted JSON number (API reference; SDK model alibabacloud-go/kms-20160120
 * UpdateKmsInstanceBindVpcRequest; Terraform's resource_alicloud_kms_instance.go sends an int64
 * via `strconv.ParseInt`). A 16- or 19-digit account id does not survive `Number()`, so its digits
 * are written as they are; the key is left out when absent or `""`.
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

/** A response body as received; callers decode it (instance/quota.ts, core/gone-evidence.ts). */
type Body = Record<string, unknown>;

/**
 * A client of the KMS instance API of one region. The provider gets it from
 * `sessionFor(settings).client(settings)` (session.ts), sharing the session's credentials and
 * limiter; without `options.shared` it has its own.
 */
export class KmsClient {
  readonly region: string;
  /** The settings this client was made from (secret-free). */
  readonly settings: KmsSettings;
  // Private: the callers hold the credentials.
  readonly #caller: SignedCaller;
  /** At the domestic (or configured) BSS endpoint. */
  readonly #bss: SignedCaller;
  /** Where BSS calls move after `NotApplicable` (`#bss` when the endpoint is set). */
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

  /** The domestic (or configured) and international BSS endpoints. */
  get bssEndpoints(): { readonly domestic: string; readonly international: string } {
    return { domestic: this.#bss.endpointUrl, international: this.#bssIntl.endpointUrl };
  }

  /**
   * A subscription instance's renewal (BSS `QueryAvailableInstances`), undefined when no row has
   * its `InstanceID`. An undecodable row is an `unexpected` `KmsError`.
   */
  async queryRenewal(kmsInstanceId: string): Promise<Renewal | undefined> {
    const site = {
      action: "QueryAvailableInstances" as const,
      region: this.region,
      instanceId: kmsInstanceId,
    };
    const raw = await this.bssSend(site, { InstanceIDs: kmsInstanceId, Region: this.region });
    // Named by the site that answered.
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
   * Sets a subscription instance's renewal (BSS `SetRenewal`); `AutoRenewal` requires
   * `RenewalPeriod` and `RenewalPeriodUnit` (`SetRenewalRequest.ts`).
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
   * Reads one instance. A 200 whose `KmsInstance.InstanceId` is `""` (Terraform's rule) or with
   * the code `Forbidden.DKMSInstanceNotFound` is a not-found `KmsError`. A 200 without a
   * `KmsInstance` object, without a string `InstanceId`, or with another instance's `InstanceId`
   * (the model's `KmsInstance.InstanceId` is the instance read: aliyun/alibabacloud-csharp-sdk
   * kms-20160120 `GetKmsInstanceResponseBody.cs`) is `unexpected`, never "not found".
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
    // openapi-client throws only on 4xx/5xx, so a 200 not-found is still in the body.
    if (instance === undefined && body.Code === INSTANCE_NOT_FOUND_CODE) {
      const message = typeof body.Message === "string" ? body.Message : "(no message)";
      // Masked like every other answer (`toKmsError`).
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
   * @param options.pageNumber default 1; `pageSize` 1–100, service default 20; `filters` sent as
   * the `Filters` JSON string.
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

  /** Replaces the instance's bound VPCs (an empty list unbinds all; see `encodeBindVpcs`). */
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

  /** `description` is sent as `DeletionProtectionDescription` when given. */
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
   * The instance's tags across every `NextToken` page; `{}` for an instance not enabled yet, which
   * the service answers with `Rejected.Uninitialized` (as Terraform reads it:
   * shared/reference/kms-instance-api.md). A tag change on such an instance still fails.
   * @param options.pageSize `MaxResults` per page; service default 20.
   */
  async listTagResources(
    kmsInstanceId: string,
    options: { pageSize?: number } = {},
  ): Promise<Record<string, string>> {
    // A Map, not `tags[key] = …`: assigning `__proto__` (a legal tag key) would set the prototype.
    const tags = new Map<string, string>();
    const seen = new Set<string>();
    let nextToken: string | undefined;
    do {
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
      if (nextToken !== undefined) {
        // The listing would never end; the pages read so far are not all the tags.
        if (seen.has(nextToken)) {
          throw this.#caller.unexpected(
            { action: "ListTagResources", region: this.region, instanceId: kmsInstanceId },
            `HTTP 200 with a NextToken it answered before (${JSON.stringify(nextToken)})`,
            body,
          );
        }
        seen.add(nextToken);
      }
    } while (nextToken !== undefined);
    return Object.fromEntries(tags);
  }

  /** Connects an `Uninitialized` instance to a VPC; zones (usually two) and vSwitches as comma lists. */
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

  private async call(
    action: keyof typeof KMS_ACTION_TRAITS,
    fields: Record<string, QueryValue>,
    instanceId?: string,
  ): Promise<Body> {
    const site = { action, region: this.region, instanceId };
    return (await this.#caller.call(site, fields, KMS_ACTION_TRAITS[action])).body;
  }

  /**
   * One BSS call (see the header for the product type and `NotApplicable`). BSS answers business
   * failures with HTTP 200, `Success: false` and a `Code` (terraform-provider-alicloud at
   * 81c43b672, `service_alicloud_kms_v2.go`, `ListKmsValueAddedServiceInstancesByPrefix`): a
   * `KmsError` with its code.
   */
  private async bssSend(
    site: CallSite & { action: keyof typeof BSS_ACTION_TRAITS },
    fields: Record<string, QueryValue>,
  ): Promise<Record<string, unknown>> {
    const attempt = async (intl: boolean): Promise<Record<string, unknown>> => {
      const caller = intl ? this.#bssIntl : this.#bss;
      // Pay-as-you-go instances (`kms_ppi_public_*`) have no renewal: never asked for.
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

/** The instance a tag call is about. */
function tagTarget(kmsInstanceId: string, region: string): Record<string, QueryValue> {
  return { RegionId: region, ResourceType: "instance", ResourceId: [kmsInstanceId] };
}
