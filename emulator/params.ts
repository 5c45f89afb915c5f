/**
 * Reading request parameters after `validateRequest` (contract-validation.ts) has checked them
 * against the contract table: these helpers only read, they do not restate the table's forms or
 * limits. `required` still answers `Missing<Name>` for callers outside the table's actions.
 */
import { errors } from "./api-error";
import type { ParamMap } from "./canonical";

/** A required, non-empty parameter. */
export function required(params: ParamMap, name: string): string {
  const v = params[name];
  if (v === undefined || v === "") throw errors.missingParameter(name);
  return v;
}

/** An optional parameter: undefined when absent or empty (the contract's reading of optional). */
export function optional(params: ParamMap, name: string): string | undefined {
  const v = params[name];
  return v === undefined || v === "" ? undefined : v;
}

/** An integer parameter (already checked), or `dflt` when absent or empty. */
export function intValue(params: ParamMap, name: string, dflt: number): number {
  const v = params[name];
  return v === undefined || v === "" ? dflt : Number(v);
}

/** A `"true"`/`"false"` parameter (already checked); undefined when absent or empty. */
export function boolParam(params: ParamMap, name: string): boolean | undefined {
  const v = params[name];
  if (v === undefined || v === "") return undefined;
  return v === "true";
}

/** A flattened list `Name.1`, `Name.2`, … (numbered without gaps, as the check ensures). */
export function listParam(params: ParamMap, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const v = params[`${name}.${i}`];
    if (v === undefined) return out;
    out.push(v);
  }
}

/** A comma-separated list parameter (already checked). */
export function commaList(params: ParamMap, name: string): string[] {
  return required(params, name).split(",");
}

/** Whether a value is a plain JSON object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
