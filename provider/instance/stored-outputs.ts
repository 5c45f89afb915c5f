import { RENEW_STATUSES, RENEWAL_PERIOD_UNITS, type Renewal } from "../kms/types";
import type { BindVpc } from "./network";
import { putEntry } from "./put-entry";

/**
 * Readers for values in stored outputs. State is JSON written by any earlier version, so a
 * stored value is narrowed here rather than trusted; a malformed value reads as absent.
 */

/** A stored string, or undefined. */
export function storedString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** A stored account id (a string of 1–20 digits), or undefined. */
export function storedAccountId(v: unknown): string | undefined {
  return typeof v === "string" && /^\d{1,20}$/.test(v) ? v : undefined;
}

/** A stored boolean, or undefined. */
export function storedBoolean(v: unknown): boolean | undefined {
  return typeof v === "boolean" ? v : undefined;
}

/** A stored list of bindings (entries that are not objects dropped, missing members `""`). */
export function storedBindVpcs(v: unknown): BindVpc[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const s = (x: unknown): string => (typeof x === "string" ? x : "");
  return v
    .filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
    .map((e) => ({
      vpcId: s(e.vpcId),
      vSwitchId: s(e.vSwitchId),
      regionId: s(e.regionId),
      vpcOwnerId: s(e.vpcOwnerId),
    }));
}

/** A stored tag map (non-string values dropped), or undefined. */
export function storedTags(v: unknown): Record<string, string> | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const result: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === "string") putEntry(result, k, x);
  }
  return result;
}

/**
 * A stored renewal (`{ status, period?, periodUnit? }` as `bss-client.ts` decodes it), or
 * undefined when none was read or the value is malformed.
 */
export function storedRenewal(v: unknown): Renewal | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const r = v as Partial<Renewal>;
  const status = RENEW_STATUSES.find((s) => s === r.status);
  if (status === undefined) return undefined;
  const unit = RENEWAL_PERIOD_UNITS.find((u) => u === r.periodUnit);
  if (status !== "AutoRenewal" || typeof r.period !== "number" || unit === undefined) {
    return { status };
  }
  return { status, period: r.period, periodUnit: unit };
}
