/**
 * The renewal of a subscription KMS instance through the BSS OpenAPI (API `BssOpenApi`, version
 * 2017-12-14, RPC): `QueryAvailableInstances` reads it, `SetRenewal` sets it. The calls go through
 * the same `SignedCaller` as the KMS and STS calls (credentials, the session's limiter, retries,
 * timeouts, secret-free `KmsError`s): one transport path. The official `@alicloud/bssopenapi20171214`
 * client is not used because it is built on `@alicloud/openapi-core`, a second transport with its
 * own retries and credentials; its models are the source of the request and response fields here
 * (`QueryAvailableInstancesRequest.ts`, `SetRenewalRequest.ts` and their response bodies, 4.1.1).
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
import { INTERNATIONAL_BSS_ENDPOINT, resolveEndpoint } from "./endpoint";
import { KmsError, toKmsError } from "./errors";
import type { KmsSettings } from "./settings";
import {
  SignedCaller,
  type ActionTraits,
  type CallSite,
  type ClientOptions,
  type QueryValue,
  type SharedParts,
} from "./signed-caller";
import {
  RENEW_STATUSES,
  RENEWAL_PERIOD_UNITS,
  type ApiAvailableInstance,
  type QueryAvailableInstancesResponse,
  type Renewal,
  type RenewalPeriodUnit,
  type RenewStatus,
} from "./types";

/** The BSS actions this client sends, and what the retry policy must know of them. */
export const BSS_ACTION_TRAITS = {
  // A read.
  QueryAvailableInstances: { idempotent: true },
  // Sets the renewal status and period to the values sent: sent twice, the same renewal.
  SetRenewal: { idempotent: true },
} as const satisfies Record<string, ActionTraits>;

/** The name of a BSS action this client sends. */
export type BssAction = keyof typeof BSS_ACTION_TRAITS;

/**
 * The code BSS answers a domestic call of an international account (and the reverse) with:
 * Terraform moves to the international endpoint and product types on it.
 */
export const NOT_APPLICABLE_CODE = "NotApplicable";

/**
 * The `ProductType` of a subscription KMS instance: `kms_ddi_public_cn`, or `kms_ddi_public_intl`
 * for an international account. (Pay-as-you-go instances are `kms_ppi_public_*` and have no
 * renewal, so this client never asks for them.)
 */
export function subscriptionProductType(international: boolean): string {
  return `kms_ddi_public_${international ? "intl" : "cn"}`;
}

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

/** The BSS renewal calls of one region's instances, with the credentials of `settings`. */
export class BssClient {
  /** The region the instances are in (BSS's `Region`, and the region messages name). */
  readonly region: string;
  // Private: the callers hold the credentials.
  readonly #domestic: SignedCaller;
  /** Where the calls move after `NotApplicable` (the same caller when the endpoint is set). */
  readonly #international: SignedCaller;
  /** Whether `NotApplicable` showed the account to be international. */
  #intl = false;

  constructor(settings: KmsSettings, options: ClientOptions & { shared: SharedParts }) {
    this.region = settings.region;
    this.#domestic = new SignedCaller(settings, "bssEndpoint", options);
    this.#international =
      settings.bssEndpointOverride !== undefined
        ? this.#domestic
        : new SignedCaller(
            settings,
            "bssEndpoint",
            options,
            resolveEndpoint(
              "bssEndpoint",
              settings.region,
              INTERNATIONAL_BSS_ENDPOINT,
              "the international BSS endpoint",
            ),
          );
  }

  /** Where the calls go: the domestic (or configured) endpoint, and the international one. */
  get endpoints(): { readonly domestic: string; readonly international: string } {
    return {
      domestic: this.#domestic.endpointUrl,
      international: this.#international.endpointUrl,
    };
  }

  /**
   * The renewal of a subscription instance, or undefined when BSS does not list it (no row with
   * its `InstanceID`). A row that is not a renewal BSS sends is an `unexpected` `KmsError`.
   */
  async queryRenewal(kmsInstanceId: string): Promise<Renewal | undefined> {
    const site = this.site("QueryAvailableInstances", kmsInstanceId);
    const raw = await this.send(site, { InstanceIDs: kmsInstanceId, Region: this.region });
    const list = (raw as QueryAvailableInstancesResponse).Data?.InstanceList;
    if (!Array.isArray(list)) throw this.unexpected(site, "without Data.InstanceList", raw);
    const row = list.find(
      (r) => typeof r === "object" && r !== null && r.InstanceID === kmsInstanceId,
    );
    if (row === undefined) return undefined;
    const renewal = decodeRenewal(row);
    if ("problem" in renewal) throw this.unexpected(site, renewal.problem, raw);
    return renewal;
  }

  /**
   * Sets a subscription instance's renewal: `RenewalStatus`, and for `AutoRenewal` the
   * `RenewalPeriod` and `RenewalPeriodUnit` (required with it: `SetRenewalRequest.ts`).
   */
  async setRenewal(kmsInstanceId: string, renewal: Renewal): Promise<void> {
    const auto = renewal.status === "AutoRenewal";
    await this.send(this.site("SetRenewal", kmsInstanceId), {
      InstanceIDs: kmsInstanceId,
      SubscriptionType: "Subscription",
      RenewalStatus: renewal.status,
      RenewalPeriod: auto ? renewal.period : undefined,
      RenewalPeriodUnit: auto ? renewal.periodUnit : undefined,
    });
  }

  private site(action: BssAction, instanceId: string): CallSite & { action: BssAction } {
    return { action, region: this.region, instanceId };
  }

  /**
   * One call with `ProductCode=kms` and the subscription product type of the account's site;
   * on `NotApplicable` from the domestic site, once more on the international one. An answer
   * with `Success: false` is the service's refusal, a `KmsError` with its code.
   */
  private async send(
    site: CallSite & { action: BssAction },
    fields: Record<string, QueryValue>,
  ): Promise<Record<string, unknown>> {
    const attempt = async (intl: boolean): Promise<Record<string, unknown>> => {
      const caller = intl ? this.#international : this.#domestic;
      const query = { ...fields, ProductCode: "kms", ProductType: subscriptionProductType(intl) };
      const { body, statusCode } = await caller.call(site, query, BSS_ACTION_TRAITS[site.action]);
      if (body.Success === true) return body;
      if (body.Success === false) {
        throw toKmsError({ statusCode, data: body }, caller.context(site));
      }
      throw this.unexpected(site, "without Success", body);
    };
    try {
      return await attempt(this.#intl);
    } catch (err) {
      if (this.#intl || !(err instanceof KmsError) || err.code !== NOT_APPLICABLE_CODE) throw err;
      this.#intl = true;
      return attempt(true);
    }
  }

  /** An answer the BSS OpenAPI does not give, naming the endpoint (of the current site) that gave it. */
  private unexpected(site: CallSite, what: string, body: Record<string, unknown>): KmsError {
    const caller = this.#intl ? this.#international : this.#domestic;
    const requestId = typeof body.RequestId === "string" ? body.RequestId : undefined;
    return caller.unexpected(site, `HTTP 200 ${what}`, requestId);
  }
}
