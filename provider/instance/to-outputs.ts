import type { ApiBindVpc, ApiKmsInstance } from "../kms/types";
import { canonicalManaged } from "./managed-of";
import type { BindVpc, KmsInstanceOutputs, ManagedProperty } from "./model";
import { userTags } from "./system-tags";

/** What `toOutputs` needs besides the API body. */
export interface OutputContext {
  /** The declared instance id. */
  kmsInstanceId: string;
  /** The region the instance was read in. */
  region: string;
  /** The properties the program declares (any order; stored in the fixed order). */
  managed: readonly ManagedProperty[];
  /** Live tags from ListTagResources, when tags are managed (system tags are dropped here). */
  tags?: Record<string, string>;
}

/**
 * Maps a `GetKmsInstance` body to outputs. Every field of the body appears camelCased when it is
 * present with a usable value, and is an absent key otherwise — never `""` filled in, `null`,
 * `undefined` or `NaN`. Decisions, for bodies the documentation does not promise:
 * - numbers (`spec`, `keyNum`, `secretNum`, `vpcNum`, `log`, `logStorage`) take a finite JSON
 *   number, or a string of decimal digits within the safe-integer range (that is how
 *   `SecretNum` always arrives); anything else is left out, since a guessed number is worse than none;
 * - lists take an array of strings, or a comma-separated string (an old doc page says so);
 * - `deletionProtection` takes a boolean, or the strings `"true"` / `"false"`;
 * - a bound VPC's `vpcOwnerId` is kept as the string it is; a safe-integer number is written in
 *   decimal; an unsafe number has already lost digits in JSON parsing and is written as the
 *   exact integer it became (never in exponent form), so the loss shows as drift, not silence;
 *   a member missing from an entry becomes `""` so the entry keeps its shape.
 * - `tags` is present exactly when "tags" is managed: the live user tags, `{}` when none were read.
 */
export function toOutputs(api: ApiKmsInstance, ctx: OutputContext): KmsInstanceOutputs {
  const body = api as Record<string, unknown>;
  const managed = canonicalManaged(ctx.managed);
  const out: KmsInstanceOutputs = {
    kmsInstanceId: ctx.kmsInstanceId,
    region: ctx.region,
    managedProperties: managed,
  };
  const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
  const set = <K extends keyof KmsInstanceOutputs>(key: K, value: KmsInstanceOutputs[K]) => {
    if (value !== undefined) out[key] = value;
  };
  set("instanceId", str(body.InstanceId));
  set("instanceName", str(body.InstanceName));
  set("status", str(body.Status));
  set("createTime", str(body.CreateTime));
  set("startDate", str(body.StartDate));
  set("endDate", str(body.EndDate));
  set("spec", toNumber(body.Spec));
  set("keyNum", toNumber(body.KeyNum));
  set("secretNum", toNumber(body.SecretNum));
  set("vpcNum", toNumber(body.VpcNum));
  set("vpcId", str(body.VpcId));
  set("zoneIds", toStringList(body.ZoneIds));
  set("vswitchIds", toStringList(body.VswitchIds));
  set("caCertificateChainPem", str(body.CaCertificateChainPem));
  set("bindVpcs", toBindVpcs(body.BindVpcs));
  set("chargeType", str(body.ChargeType));
  set("productVersion", str(body.ProductVersion));
  set("productType", str(body.ProductType));
  set("saleStatus", str(body.SaleStatus));
  set("log", toNumber(body.Log));
  set("logStorage", toNumber(body.LogStorage));
  set("deletionProtection", toBoolean(body.DeletionProtection));
  set("deletionProtectionDescription", str(body.DeletionProtectionDescription));
  if (managed.includes("tags")) out.tags = userTags(ctx.tags ?? {});
  return out;
}

/** A finite number, or a decimal-integer string within the safe range; otherwise undefined. */
function toNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && /^-?[0-9]+$/.test(v.trim())) {
    const n = Number(v.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/** A boolean, or its string form. */
function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

/** An array of strings (non-strings dropped), or a comma-separated string split into one. */
function toStringList(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  if (typeof v === "string") {
    return v
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }
  return undefined;
}

/** `{ BindVpc: [...] }` (the documented shape) or a bare array, to bindings. */
function toBindVpcs(v: unknown): BindVpc[] | undefined {
  const list = Array.isArray(v)
    ? v
    : isObject(v) && Array.isArray(v.BindVpc)
      ? (v.BindVpc as unknown[])
      : isObject(v)
        ? []
        : undefined;
  if (list === undefined) return undefined;
  return list.filter(isObject).map((entry) => {
    const e = entry as Record<keyof ApiBindVpc, unknown>;
    const s = (x: unknown): string => (typeof x === "string" ? x : "");
    return {
      vpcId: s(e.VpcId),
      vSwitchId: s(e.VSwitchId),
      regionId: s(e.RegionId),
      vpcOwnerId: ownerIdString(e.VpcOwnerId),
    };
  });
}

/** An account id as a string: kept if a string, decimal digits if a number (see `toOutputs`). */
function ownerIdString(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) {
    return Number.isSafeInteger(v) ? String(v) : BigInt(Math.trunc(v)).toString();
  }
  return "";
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
