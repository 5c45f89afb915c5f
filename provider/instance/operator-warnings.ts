import type { Renewal } from "../kms/types";
import type { KmsInstanceOutputs } from "./model";

const DAY_MS = 24 * 60 * 60 * 1000;

/** What each non-Connected status means for clients of the instance. */
const STATUS_MEANING: Record<string, string> = {
  Uninitialized:
    "it has not been connected to a VPC yet, so no client can reach its keys and secrets until it is connected (ConnectKmsInstance or the console)",
  Connecting:
    "it is still connecting to its VPC; clients cannot use it until the status becomes Connected",
  Disconnected:
    "it is disconnected from its VPC; clients inside the VPC cannot reach its keys and secrets",
  Error:
    "it is in an error state; clients may fail to reach its keys and secrets — check the KMS console",
};

/**
 * Days until the end date, rounded up, 0 once passed; undefined without a parsable end date. The
 * expiry messages and the policy pack's `kms-expiry-window` both count with it, so they agree.
 */
export function daysLeft(
  outputs: Pick<KmsInstanceOutputs, "endDate">,
  now: Date,
): number | undefined {
  if (outputs.endDate === undefined) return undefined;
  const end = Date.parse(outputs.endDate);
  if (Number.isNaN(end)) return undefined;
  const left = end - now.getTime();
  return left <= 0 ? 0 : Math.ceil(left / DAY_MS);
}

/**
 * Whether the end date is past or within `expiryWarningDays`: then a read must know whether the
 * instance renews itself (`provider/core/lifecycle.ts` asks BSS).
 */
export function nearEndDate(
  outputs: Pick<KmsInstanceOutputs, "endDate">,
  now: Date,
  expiryWarningDays: number,
): boolean {
  const days = daysLeft(outputs, now);
  return days !== undefined && days <= expiryWarningDays;
}

/** `1 year`, `6 months`: an auto-renewal period in words. */
function periodWords(renewal: Renewal): string {
  if (renewal.period === undefined || renewal.periodUnit === undefined) return "";
  const unit = renewal.periodUnit === "Y" ? "year" : "month";
  return ` for ${renewal.period} ${unit}${renewal.period === 1 ? "" : "s"} at a time`;
}

/** How a renewal status reads after "and": what the operator must know of it. */
const HOW_IT_RENEWS: Record<Renewal["status"], string> = {
  AutoRenewal: "renews automatically",
  ManualRenewal: "renews manually (ManualRenewal)",
  NotRenewal: "is set not to renew (NotRenewal)",
};

/**
 * What a read tells an operator from output-only fields, which a refresh must not turn into
 * diffs: a status other than `Connected` and what it means for clients, and an end date past or
 * within `expiryWarningDays`. An instance that renews automatically and has not passed its end
 * date gets an info saying when and for how long; else the warning says how it renews, if
 * `renewal` was read. An unparsable end date is ignored, not guessed at.
 */
export function operatorMessages(
  outputs: KmsInstanceOutputs,
  now: Date,
  expiryWarningDays: number,
): { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  const who = `KMS instance ${outputs.kmsInstanceId} (${outputs.region})`;

  const status = outputs.status;
  if (status !== undefined && status !== "Connected") {
    const meaning =
      STATUS_MEANING[status] ??
      "it is not Connected, so clients may not be able to reach its keys and secrets";
    warnings.push(`${who} is in status ${status}, not Connected: ${meaning}.`);
  }

  const days = daysLeft(outputs, now);
  if (days === undefined || days > expiryWarningDays) return { warnings, infos };
  const end = outputs.endDate as string;
  const renewal = outputs.renewal;
  if (days === 0) {
    const but =
      renewal?.status === "AutoRenewal"
        ? " although it renews automatically: check the account's balance and the renewal order in the billing console"
        : renewal !== undefined
          ? ` and ${HOW_IT_RENEWS[renewal.status]}: renew it`
          : ": renew it";
    warnings.push(`${who} expired on ${end}${but}, or its keys and secrets stop being served.`);
    return { warnings, infos };
  }
  const inDays = `${days} day${days === 1 ? "" : "s"}`;
  if (renewal?.status === "AutoRenewal") {
    infos.push(
      `${who} ends in ${inDays}, on ${end}, and renews automatically then${periodWords(renewal)} (AutoRenewal).`,
    );
  } else {
    const how = renewal !== undefined ? ` and ${HOW_IT_RENEWS[renewal.status]}` : "";
    warnings.push(`${who} expires in ${inDays}, on ${end}${how}: renew it before then.`);
  }
  return { warnings, infos };
}
