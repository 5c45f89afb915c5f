import {
  RENEW_STATUSES,
  RENEWAL_PERIOD_UNITS,
  type Renewal,
  type RenewalPeriodUnit,
} from "../../kms/types";
import { Refusal } from "../../refusal";
import {
  checkFields,
  describeValue,
  isPlainObject,
  storedString,
  type PropertyModule,
} from "./property-module";

/** Set the instance's renewal (BSS `SetRenewal`). */
export interface SetRenewalCall {
  action: "SetRenewal";
  renewal: Renewal;
}

/** A renewal as a program declares it. */
export interface RenewalInput {
  /** `AutoRenewal` (renewed at its end date by `period` `periodUnit`) or `ManualRenewal`. */
  status: "AutoRenewal" | "ManualRenewal";
  /** With `AutoRenewal` (required): how many `periodUnit`s each renewal adds, 1–36. */
  period?: number;
  /** With `AutoRenewal` (required): `M` (months) or `Y` (years). */
  periodUnit?: RenewalPeriodUnit;
}

export interface RenewalInputs {
  /**
   * How the instance renews (managed when set; subscription instances only): compared with BSS
   * `QueryAvailableInstances` on refresh and set with one `SetRenewal` when it differs.
   */
  renewal: RenewalInput;
}

/**
 * The statuses a program may declare, as Terraform's `renew_status`
 * (aliyun/terraform-provider-alicloud at 81c43b672, resource_alicloud_kms_instance.go line 144,
 * `StringInSlice`). `NotRenewal`, which BSS also reports, can be read but not declared.
 */
const DECLARABLE = ["AutoRenewal", "ManualRenewal"] as const;
/**
 * The period: Terraform validates `renew_period` with `IntBetween(0, 36)` (line 132) and sends it
 * only when above 0 (line 281); the SetRenewal model requires it with `AutoRenewal`
 * (`@alicloud/bssopenapi20171214` 4.1.1 `SetRenewalRequest.ts`), so 0 is refused.
 */
const RENEWAL_PERIOD = { min: 1, max: 36 } as const;
const KEYS = ["status", "period", "periodUnit"];

/** Same status and, for `AutoRenewal`, the same period and unit. */
function sameRenewal(a: Renewal, b: Renewal): boolean {
  if (a.status !== b.status) return false;
  return a.status !== "AutoRenewal" || (a.period === b.period && a.periodUnit === b.periodUnit);
}

/** A stored renewal (as `kms/client.ts` decodes it), or undefined (none read, or malformed). */
function storedRenewal(v: unknown): Renewal | undefined {
  if (!isPlainObject(v)) return undefined;
  const r = v as Partial<Renewal>;
  const status = RENEW_STATUSES.find((s) => s === r.status);
  if (status === undefined) return undefined;
  const unit = RENEWAL_PERIOD_UNITS.find((u) => u === r.periodUnit);
  if (status !== "AutoRenewal" || typeof r.period !== "number" || unit === undefined) {
    return { status };
  }
  return { status, period: r.period, periodUnit: unit };
}

/**
 * Whether outputs are those of a pay-as-you-go instance (`ChargeType` `POSTPAY`,
 * shared/reference/kms-instance-api.md), which has no renewal to read, set or make up.
 */
export const isPayAsYouGo = (outputs: { readonly chargeType?: unknown }): boolean =>
  outputs.chargeType === "POSTPAY";

/**
 * `renewal` of a subscription instance, read from BSS (`QueryAvailableInstances`) and set with one
 * `SetRenewal` (`kms/client.ts`). On a pay-as-you-go instance its plan refuses it, so at preview
 * (diff) and before any call.
 */
export const renewalProperty: PropertyModule<SetRenewalCall, RenewalInputs> = {
  names: ["renewal"],
  actions: ["SetRenewal"],
  updateStep: 5,
  check(_name, value, { isUnknown, fail }) {
    const mustBe = "must be an object { status, period?, periodUnit? }";
    if (!checkFields(value, "renewal", mustBe, "is not a renewal field; accepted:", KEYS, fail)) {
      return;
    }
    const declared = (v: unknown) => v !== undefined && v !== null;
    const status = value.status;
    if (!declared(status)) {
      fail("renewal.status", `is required: ${DECLARABLE.join(" or ")}.`);
    } else if (!isUnknown(status) && !(DECLARABLE as readonly unknown[]).includes(status)) {
      fail(
        "renewal.status",
        `must be ${DECLARABLE.join(" or ")} (NotRenewal can be read, not declared); got ${describeValue(status)}.`,
      );
    }
    const auto = status === "AutoRenewal";
    const autoField = (
      key: "period" | "periodUnit",
      ok: (v: unknown) => boolean,
      required: string,
      mustBe: string,
    ): void => {
      const v = value[key];
      if (status === "ManualRenewal") {
        if (declared(v)) {
          fail(
            `renewal.${key}`,
            `applies only to AutoRenewal: a manually renewed instance has no renewal period. Remove it.`,
          );
        }
      } else if (!declared(v)) {
        if (auto) fail(`renewal.${key}`, `is required with AutoRenewal: ${required}.`);
      } else if (!isUnknown(v) && !ok(v)) {
        fail(`renewal.${key}`, `${mustBe}${describeValue(v)}.`);
      }
    };
    const { min, max } = RENEWAL_PERIOD;
    autoField(
      "period",
      (v) => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max,
      `a whole number of months or years, ${min}–${max}`,
      `must be a whole number from ${min} to ${max}; got `,
    );
    // RENEWAL_PERIOD_UNITS: Terraform's `renewal_period_unit` accepts the same
    // (`StringInSlice([]string{"M", "Y"})`, line 155).
    autoField(
      "periodUnit",
      (v) => (RENEWAL_PERIOD_UNITS as readonly unknown[]).includes(v),
      `"M" (months) or "Y" (years)`,
      `must be "M" (months) or "Y" (years); got `,
    );
  },

  readBack: (_name, live) => storedRenewal(live.renewal),

  plan(olds, news) {
    const declared = news.renewal;
    if (declared === undefined) return [];
    if (isPayAsYouGo(olds)) {
      // A pay-as-you-go instance has no renewal (Terraform suppresses the diff of `renew_status`
      // and `renew_period` for `PayAsYouGo`, resource_alicloud_kms_instance.go lines 134 and 146).
      const id = storedString(olds.kmsInstanceId) ?? "?";
      throw new Refusal(
        "renewal",
        `renewal cannot be managed on KMS instance ${id}: it is pay-as-you-go (chargeType ` +
          `POSTPAY), and only subscription instances renew. Remove \`renewal\` from the program. ` +
          `No change was made.`,
        { kmsInstanceId: id },
      );
    }
    const live = storedRenewal(olds.renewal);
    // Not read before (newly declared): the live value is not known, so it is a change.
    if (live !== undefined && sameRenewal(live, declared)) return [];
    return [{ action: "SetRenewal", renewal: declared }];
  },

  apply: (api, id, call) => api.setRenewal(id, call.renewal),
};
