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
 * Warnings for an operator, from output-only fields that a refresh must not turn into diffs:
 * the status when present and not `Connected` (with what it means for clients), and the end
 * date when it is past or within `expiryWarningDays` of `now`. An end date that does not parse
 * is ignored rather than guessed at. Every message names the instance and its region.
 */
export function operatorWarnings(
  outputs: KmsInstanceOutputs,
  now: Date,
  expiryWarningDays: number,
): string[] {
  const warnings: string[] = [];
  const who = `KMS instance ${outputs.kmsInstanceId} (${outputs.region})`;

  const status = outputs.status;
  if (status !== undefined && status !== "Connected") {
    const meaning =
      STATUS_MEANING[status] ??
      "it is not Connected, so clients may not be able to reach its keys and secrets";
    warnings.push(`${who} is in status ${status}, not Connected: ${meaning}.`);
  }

  if (outputs.endDate !== undefined) {
    const end = Date.parse(outputs.endDate);
    if (!Number.isNaN(end)) {
      const left = end - now.getTime();
      if (left <= 0) {
        warnings.push(
          `${who} expired on ${outputs.endDate}: renew it, or its keys and secrets stop being served.`,
        );
      } else {
        const days = Math.ceil(left / DAY_MS);
        if (days <= expiryWarningDays) {
          warnings.push(
            `${who} expires in ${days} day${days === 1 ? "" : "s"}, on ${outputs.endDate}: renew it before then.`,
          );
        }
      }
    }
  }

  return warnings;
}
