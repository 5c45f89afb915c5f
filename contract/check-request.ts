/**
 * Checks a request's parameters against an action's row of the contract table: the first
 * parameter that is missing or breaks its wire form. Pure; the emulator answers the result as
 * `Missing<Name>` / `InvalidParameter`, the contract tests assert the provider never earns one.
 * Parameters the table does not name are ignored, as the gateway ignores them, except for an
 * action whose row refuses them (`unknownParams`).
 */
import type {
  ActionContract,
  JsonShape,
  ParamContract,
  StringForm,
  WireForm,
} from "./contract-types";
import { isExactObject, JsonNumberText, parseExactJson, type ExactJson } from "./json-exact";

/** Request parameters as the server decoded them (query and form body merged). */
export type RequestParams = Readonly<Record<string, string | undefined>>;

/** Why a request breaks the contract. */
export interface Violation {
  /** `missing`: a required parameter is absent or empty; `invalid`: it breaks its form. */
  kind: "missing" | "invalid";
  /** The parameter's wire name (`KmsInstanceId`, `BindVpcs`, `Tag.3.Key`). */
  param: string;
  /** What is wrong, naming the accepted form. */
  why: string;
}

/** The first violation of `params` against `contract`, or undefined when the request conforms. */
export function checkRequest(
  contract: ActionContract,
  params: RequestParams,
): Violation | undefined {
  if (contract.unknownParams?.refused) {
    const unknown = Object.keys(params).find(
      (key) =>
        params[key] !== undefined &&
        !RPC_COMMON_PARAMS.has(key) &&
        !contract.params.some((p) => namesKey(p, key)),
    );
    if (unknown !== undefined) {
      return {
        kind: "invalid",
        param: unknown,
        why: `It is not a parameter of ${contract.action}.`,
      };
    }
  }
  for (const p of contract.params) {
    const v = checkParam(p, params);
    if (v) return v;
  }
  return undefined;
}

/**
 * The parameters of the old RPC signature (HMAC-SHA1) that travel beside an action's own, as
 * `@alicloud/openapi-client`'s `doRPCRequest` writes them: never "unknown" to an action.
 */
export const RPC_COMMON_PARAMS: ReadonlySet<string> = new Set([
  "Action",
  "Version",
  "Format",
  "Timestamp",
  "SignatureNonce",
  "SignatureMethod",
  "SignatureVersion",
  "AccessKeyId",
  "SecurityToken",
  "Signature",
]);

/** Whether the wire key `key` belongs to parameter `p` (`Tag.3.Key` belongs to `Tag`). */
function namesKey(p: ParamContract, key: string): boolean {
  if (p.form.type === "flat-list" || p.form.type === "flat-pairs") {
    return key.startsWith(`${p.name}.`);
  }
  return key === p.name;
}

/** The violation of one parameter, if any. */
export function checkParam(p: ParamContract, params: RequestParams): Violation | undefined {
  const { form } = p;
  if (form.type === "flat-list" || form.type === "flat-pairs") return checkFlat(p, form, params);
  const raw = params[p.name];
  // An optional parameter sent empty counts as absent, except a string that may be empty.
  const emptyIsValue = form.type === "string" && (form.minLength ?? 1) === 0;
  if (raw === undefined || (raw === "" && !emptyIsValue)) {
    return p.required ? { kind: "missing", param: p.name, why: "It is required." } : undefined;
  }
  const why = checkValue(form, raw);
  return why === undefined ? undefined : { kind: "invalid", param: p.name, why };
}

function checkValue(form: WireForm, raw: string): string | undefined {
  switch (form.type) {
    case "string":
      return checkString(form, raw);
    case "integer": {
      if (!/^[0-9]{1,10}$/.test(raw) || Number(raw) < form.min || Number(raw) > form.max) {
        return `It must be a decimal integer from ${form.min} to ${form.max}.`;
      }
      return undefined;
    }
    case "boolean":
      return raw === "true" || raw === "false" ? undefined : 'It must be "true" or "false".';
    case "comma-list": {
      const items = raw.split(",");
      const count =
        form.minItems === form.maxItems ? `${form.minItems}` : `${form.minItems}–${form.maxItems}`;
      if (items.length < form.minItems || items.length > form.maxItems) {
        return `It must be a comma-separated list of ${count} values.`;
      }
      for (const [i, item] of items.entries()) {
        const why = checkString(form.item, item);
        if (why !== undefined) return `Item ${i + 1}: ${why}`;
      }
      if (form.distinct && new Set(items).size !== items.length) {
        return "Its values must be different.";
      }
      return undefined;
    }
    case "json": {
      let doc: ExactJson;
      try {
        doc = parseExactJson(raw);
      } catch {
        return "It is not valid JSON.";
      }
      return checkShape(form.shape, doc, "");
    }
    default:
      return "It has a form this check does not know.";
  }
}

/** What a string must be, or undefined when `s` is one. */
export function checkString(form: StringForm, s: string): string | undefined {
  const min = form.minLength ?? 1;
  if (s.length < min)
    return min === 1 ? "It must not be empty." : `It needs at least ${min} characters.`;
  if (form.maxLength !== undefined && s.length > form.maxLength) {
    return `It must have at most ${form.maxLength} characters.`;
  }
  if (form.oneOf && !form.oneOf.includes(s)) {
    return `It must be ${form.oneOf.map((o) => JSON.stringify(o)).join(" or ")}.`;
  }
  if (form.pattern && !form.pattern.test(s))
    return `It must be ${form.patternText ?? "well formed"}.`;
  return undefined;
}

function checkShape(shape: JsonShape, v: ExactJson, at: string): string | undefined {
  const where = at === "" ? "" : `${at}: `;
  switch (shape.json) {
    case "string":
      if (typeof v !== "string") return `${where}it must be a JSON string.`;
      return prefixed(where, checkString(shape, v));
    case "integer-digits": {
      if (!(v instanceof JsonNumberText) || !v.isDigits) {
        return `${where}it must be an unquoted JSON integer (digits only, no quotes).`;
      }
      if (v.text.length < shape.minDigits || v.text.length > shape.maxDigits) {
        return `${where}it must have ${shape.minDigits}–${shape.maxDigits} digits.`;
      }
      return undefined;
    }
    case "array": {
      if (!Array.isArray(v)) return `${where}it must be a JSON array.`;
      if (v.length < shape.minItems || v.length > shape.maxItems) {
        return `${where}it must hold ${shape.minItems}–${shape.maxItems} entries.`;
      }
      for (const [i, item] of v.entries()) {
        const why = checkShape(shape.items, item, `${at}[${i}]`);
        if (why !== undefined) return why;
      }
      return undefined;
    }
    case "object": {
      if (!isExactObject(v)) return `${where}it must be a JSON object.`;
      const known = new Set(shape.fields.map((f) => f.name));
      const extra = Object.keys(v).find((k) => !known.has(k));
      if (extra !== undefined) {
        return `${where}member ${JSON.stringify(extra)} is not one of ${[...known].join(", ")}.`;
      }
      for (const f of shape.fields) {
        const member = Object.prototype.hasOwnProperty.call(v, f.name) ? v[f.name] : undefined;
        if (member === undefined) {
          if (f.required) return `${where}member ${f.name} is required.`;
          continue;
        }
        const why = checkShape(f.shape, member, `${at}.${f.name}`);
        if (why !== undefined) return why;
      }
      return undefined;
    }
  }
}

function prefixed(where: string, why: string | undefined): string | undefined {
  if (why === undefined) return undefined;
  return where === "" ? why : `${where}${why.charAt(0).toLowerCase()}${why.slice(1)}`;
}

/** `Name.1`, `Name.2`, … (or `Name.1.Key`/`Name.1.Value`): numbered from 1, no gaps. */
function checkFlat(
  p: ParamContract,
  form: Extract<WireForm, { type: "flat-list" | "flat-pairs" }>,
  params: RequestParams,
): Violation | undefined {
  const invalid = (param: string, why: string): Violation => ({ kind: "invalid", param, why });
  const prefix = `${p.name}.`;
  const indexes = new Set<number>();
  for (const key of Object.keys(params)) {
    if (!key.startsWith(prefix) || params[key] === undefined) continue;
    const rest = key.slice(prefix.length);
    const m =
      form.type === "flat-list"
        ? /^([1-9][0-9]{0,5})$/.exec(rest)
        : /^([1-9][0-9]{0,5})\.(Key|Value)$/.exec(rest);
    if (!m) {
      const shape =
        form.type === "flat-list" ? `${p.name}.N` : `${p.name}.N.Key / ${p.name}.N.Value`;
      return invalid(key, `It must be written ${shape}, N from 1.`);
    }
    indexes.add(Number(m[1]));
  }
  const n = indexes.size;
  if (n === 0) {
    if (p.required) return { kind: "missing", param: p.name, why: "It is required." };
    return undefined;
  }
  for (let i = 1; i <= n; i++) {
    if (!indexes.has(i)) return invalid(p.name, `It must be numbered 1 to ${n} without gaps.`);
  }
  if (n < form.minItems || n > form.maxItems) {
    return invalid(p.name, `It must hold ${form.minItems}–${form.maxItems} entries.`);
  }
  for (let i = 1; i <= n; i++) {
    if (form.type === "flat-list") {
      const why = checkString(form.item, params[`${p.name}.${i}`] ?? "");
      if (why !== undefined) return invalid(`${p.name}.${i}`, why);
      continue;
    }
    const key = params[`${p.name}.${i}.Key`];
    if (key === undefined) return invalid(`${p.name}.${i}.Key`, "It is required with its Value.");
    const keyWhy = checkString(form.key, key);
    if (keyWhy !== undefined) return invalid(`${p.name}.${i}.Key`, keyWhy);
    const value = params[`${p.name}.${i}.Value`];
    if (value === undefined) {
      if (form.valueRequired) return invalid(`${p.name}.${i}.Value`, "It is required.");
      continue;
    }
    const valueWhy = checkString(form.value, value);
    if (valueWhy !== undefined) return invalid(`${p.name}.${i}.Value`, valueWhy);
  }
  return undefined;
}
