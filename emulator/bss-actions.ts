/**
 * The BssOpenApi 2017-12-14 actions of an instance's renewal, served on the same port as KMS and
 * STS and signature-checked like them (the caller's account is the signing key's):
 * - `QueryAvailableInstances` lists the caller's instances that match every filter given, each
 *   with its billing method (from `ChargeType`), its dates and its renewal state;
 * - `SetRenewal` sets the renewal state of subscription instances.
 * Both answer `NotApplicable` when `ProductType`'s site suffix (`_cn`, `_intl`) is not the
 * caller account's site. Wire forms: contract/bss-actions.ts; responses as the
 * `@alicloud/bssopenapi20171214` 4.1.1 response models.
 */
import { BSS_VERSION } from "../contract/bss-actions";
import type { ActionContext, ActionHandler } from "./action-context";
import { errors } from "./api-error";
import { ownerOf } from "./instance-store";
import { commaList, intValue, optional, required } from "./params";
import type { AccountSite, SeedInstance, SeedRenewal } from "./types";

/** The BssOpenApi version; a request with this version is dispatched to {@link BSS_ACTIONS}. */
export const BSS_API_VERSION = BSS_VERSION;

/**
 * An instance's BSS billing: `ChargeType` `POSTPAY` is pay-as-you-go (`kms_ppi_…`), anything
 * else subscription (`kms_ddi_…`); the suffix is the owner's site.
 */
export function bssBilling(
  inst: SeedInstance,
  site: AccountSite,
): { SubscriptionType: "Subscription" | "PayAsYouGo"; ProductType: string } {
  const payg = inst.KmsInstance.ChargeType === "POSTPAY";
  return {
    SubscriptionType: payg ? "PayAsYouGo" : "Subscription",
    ProductType: `kms_${payg ? "ppi" : "ddi"}_public_${site === "intl" ? "intl" : "cn"}`,
  };
}

/** `NotApplicable` when the product type's site is not the caller's. */
function checkSite(ctx: ActionContext): void {
  const type = optional(ctx.params, "ProductType");
  if (type !== undefined && type.endsWith("_intl") !== (ctx.site === "intl")) {
    throw errors.notApplicable();
  }
}

/** The renewal state of an instance (manual renewal when none was set). */
function renewalOf(inst: SeedInstance): SeedRenewal {
  return inst.Renewal ?? { RenewStatus: "ManualRenewal" };
}

/** Whether `value` (an API date, or absent) lies within the inclusive bounds given. */
function within(value: unknown, from: string | undefined, to: string | undefined): boolean {
  if (from === undefined && to === undefined) return true;
  if (typeof value !== "string") return false;
  return (from === undefined || value >= from) && (to === undefined || value <= to);
}

/** `QueryAvailableInstances`: the caller's instances matching every filter, paged. */
export const queryAvailableInstances: ActionHandler = (ctx) => {
  if (optional(ctx.params, "Region") !== undefined) required(ctx.params, "ProductCode");
  checkSite(ctx);
  const ids = optional(ctx.params, "InstanceIDs")?.split(",");
  const region = optional(ctx.params, "Region");
  const type = optional(ctx.params, "ProductType");
  const subscription = optional(ctx.params, "SubscriptionType");
  const status = optional(ctx.params, "RenewStatus");
  const owner = optional(ctx.params, "OwnerId");
  const matching = ctx.store.listAll(ctx.nowMs).filter((inst) => {
    const k = inst.KmsInstance;
    const billing = bssBilling(inst, ctx.site);
    return (
      (owner === undefined || owner === ownerOf(inst)) &&
      (ids === undefined || ids.includes(String(k.InstanceId))) &&
      (region === undefined || region === inst.RegionId) &&
      (type === undefined || type === billing.ProductType) &&
      (subscription === undefined || subscription === billing.SubscriptionType) &&
      (status === undefined || status === renewalOf(inst).RenewStatus) &&
      within(
        k.StartDate,
        optional(ctx.params, "CreateTimeStart"),
        optional(ctx.params, "CreateTimeEnd"),
      ) &&
      within(k.EndDate, optional(ctx.params, "EndTimeStart"), optional(ctx.params, "EndTimeEnd"))
    );
  });
  const pageNum = intValue(ctx.params, "PageNum", 1);
  const pageSize = intValue(ctx.params, "PageSize", 20);
  const page = matching.slice((pageNum - 1) * pageSize, pageNum * pageSize);
  return {
    RequestId: ctx.requestId,
    Success: true,
    Code: "Success",
    Message: "Successful!",
    Data: {
      PageNum: pageNum,
      PageSize: pageSize,
      TotalCount: matching.length,
      InstanceList: page.map((inst) => availableInstance(inst, ctx.site)),
    },
  };
};

/** One entry of `Data.InstanceList`. */
function availableInstance(inst: SeedInstance, site: AccountSite): Record<string, unknown> {
  const k = inst.KmsInstance;
  const entry: Record<string, unknown> = {
    InstanceID: k.InstanceId,
    ProductCode: "kms",
    ...bssBilling(inst, site),
    Region: inst.RegionId,
    Status: "Normal",
  };
  if (typeof k.StartDate === "string") entry.CreateTime = k.StartDate;
  if (typeof k.EndDate === "string") entry.EndTime = k.EndDate;
  return { ...entry, ...renewalOf(inst) };
}

/**
 * `SetRenewal`: every id must be a subscription instance of the caller (of `ProductType` when
 * given) before any is changed. `AutoRenewal` takes the period and unit; the other statuses
 * clear them (a period sent with them is ignored).
 */
export const setRenewal: ActionHandler = (ctx) => {
  checkSite(ctx);
  const status = required(ctx.params, "RenewalStatus") as SeedRenewal["RenewStatus"];
  const renewal: SeedRenewal =
    status === "AutoRenewal"
      ? {
          RenewStatus: status,
          RenewalDuration: Number(required(ctx.params, "RenewalPeriod")),
          RenewalDurationUnit: required(ctx.params, "RenewalPeriodUnit") as "M" | "Y",
        }
      : { RenewStatus: status };
  const type = optional(ctx.params, "ProductType");
  const owner = optional(ctx.params, "OwnerId");
  const mine = new Map(
    ctx.store.listAll(ctx.nowMs).map((i) => [String(i.KmsInstance.InstanceId), i]),
  );
  const targets = commaList(ctx.params, "InstanceIDs").map((id) => {
    const inst = mine.get(id);
    if (!inst || (owner !== undefined && owner !== ownerOf(inst))) {
      throw errors.notRenewable(id, "is not an instance of this account");
    }
    const billing = bssBilling(inst, ctx.site);
    if (billing.SubscriptionType !== "Subscription") {
      throw errors.notRenewable(id, "is pay-as-you-go; only subscription instances renew");
    }
    if (type !== undefined && type !== billing.ProductType) {
      throw errors.notRenewable(id, `is not of product type ${type}`);
    }
    return inst;
  });
  for (const inst of targets) {
    ctx.store.commit(inst, (i) => {
      i.Renewal = { ...renewal };
    });
  }
  return { RequestId: ctx.requestId, Success: true, Code: "Success", Message: "Successful!" };
};

/** The BSS actions the emulator serves. */
export const BSS_ACTIONS: ReadonlyMap<string, ActionHandler> = new Map<string, ActionHandler>([
  ["QueryAvailableInstances", queryAvailableInstances],
  ["SetRenewal", setRenewal],
]);
