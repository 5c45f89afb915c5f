import type { ApiBindVpc } from "../kms/types";
import type { BindVpc } from "./properties/bind-vpcs";
import { isPlainObject } from "./properties/property-module";

/**
 * Decoders of `GetKmsInstance` body fields into output values: each takes the raw JSON value and
 * returns the output value, or undefined when the value is not usable (the output is then an
 * absent key — never `""`, `null` or `NaN`). They accept what the documentation does not promise
 * too, because a guessed value is worse than none but a plainly meant one should not be lost.
 *
 * Empty strings mean "no value": the GetKmsInstance reference's example response shows
 * `"ZoneIds": [""]` and `"VswitchIds": [""]`, and an instance that is not enabled yet has no VPC,
 * zones or vSwitches (shared/reference/kms-instance-api.md, "Empty values"). So `""` decodes to
 * absent, `""` elements are dropped from lists, and a list left with nothing is absent: no output
 * ever feeds `""` into another resource.
 */

/** A non-empty string; `""` and anything else is absent. */
export function decodeString(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * A finite JSON number as sent, or a string of decimal digits within the safe-integer range
 * (that is how `SecretNum` always arrives); anything else is absent.
 */
export function decodeNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && /^-?[0-9]+$/.test(v.trim())) {
    const n = Number(v.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/** A boolean, or its string form `"true"` / `"false"`. */
export function decodeBoolean(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

/**
 * An array of strings, or a comma-separated string (an old doc page says so), without empty
 * elements (and non-strings); absent when no element is left (`[""]`, `[]`, `""`).
 */
export function decodeStringList(v: unknown): string[] | undefined {
  const items = Array.isArray(v)
    ? v.filter((x): x is string => typeof x === "string" && x !== "")
    : typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "")
      : undefined;
  return items !== undefined && items.length > 0 ? items : undefined;
}

/**
 * `{ BindVpc: [...] }` (the documented shape) or a bare array, to bindings. A member missing
 * from an entry becomes `""` so the entry keeps its shape (a partial binding must show as drift,
 * not vanish); an entry with no member at all (`{}`, or every member `""`) is no binding and is
 * dropped. `vpcOwnerId` as `ownerIdString` says.
 */
export function decodeBindVpcs(v: unknown): BindVpc[] | undefined {
  const list = Array.isArray(v)
    ? v
    : isPlainObject(v) && Array.isArray(v.BindVpc)
      ? (v.BindVpc as unknown[])
      : isPlainObject(v)
        ? []
        : undefined;
  if (list === undefined) return undefined;
  return list
    .filter(isPlainObject)
    .map((entry) => {
      const e = entry as Record<keyof ApiBindVpc, unknown>;
      const s = (x: unknown): string => (typeof x === "string" ? x : "");
      return {
        vpcId: s(e.VpcId),
        vSwitchId: s(e.VSwitchId),
        regionId: s(e.RegionId),
        vpcOwnerId: ownerIdString(e.VpcOwnerId),
      };
    })
    .filter((b) => Object.values(b).some((x) => x !== ""));
}

/**
 * An account id as a string: kept if a string; a safe-integer number written in decimal; an
 * unsafe number has already lost digits in JSON parsing and is written as the exact integer it
 * became (never in exponent form), so the loss shows as drift, not silence.
 */
function ownerIdString(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) {
    return Number.isSafeInteger(v) ? String(v) : BigInt(Math.trunc(v)).toString();
  }
  return "";
}
