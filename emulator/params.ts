/**
 * Reading request parameters the way the gateway validates them: a missing required parameter is
 * `Missing<Name>`, a malformed one `InvalidParameter`, unknown parameters are ignored.
 */
import { errors } from "./api-error";
import type { ParamMap } from "./canonical";

/** A required, non-empty parameter. */
export function required(params: ParamMap, name: string): string {
  const v = params[name];
  if (v === undefined || v === "") throw errors.missingParameter(name);
  return v;
}

/** An optional integer parameter within [min, max]. */
export function intParam(
  params: ParamMap,
  name: string,
  dflt: number,
  min: number,
  max: number,
): number {
  const v = params[name];
  if (v === undefined || v === "") return dflt;
  if (!/^\d{1,9}$/.test(v))
    throw errors.invalidParameter(name, `It must be an integer from ${min} to ${max}.`);
  const n = Number(v);
  if (n < min || n > max)
    throw errors.invalidParameter(name, `It must be an integer from ${min} to ${max}.`);
  return n;
}

/** A `"true"`/`"false"` parameter. */
export function boolParam(params: ParamMap, name: string): boolean | undefined {
  const v = params[name];
  if (v === undefined || v === "") return undefined;
  if (v === "true") return true;
  if (v === "false") return false;
  throw errors.invalidParameter(name, 'It must be "true" or "false".');
}

/** A repeated parameter `Name.1`, `Name.2`, … (stops at the first gap). */
export function listParam(params: ParamMap, name: string, max = 100): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const v = params[`${name}.${i}`];
    if (v === undefined) break;
    if (i > max) throw errors.invalidParameter(name, `At most ${max} values are allowed.`);
    out.push(v);
  }
  return out;
}

/** Parses a JSON-valued parameter; malformed JSON is `InvalidParameter`. */
export function jsonParam(name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.invalidParameter(name, "It is not valid JSON.");
  }
}

/** A comma-separated list parameter, blanks dropped. */
export function commaList(params: ParamMap, name: string): string[] {
  return required(params, name)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Whether a value is a plain JSON object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
