import type { KmsClient } from "../../kms/client";

/** One difference between what the program declares and what the stored outputs hold. */
export interface PropertyDiff {
  /** The top-level input property (`bindVpcs`, `tags`, …). */
  property: string;
  /** `add`: declared, absent live; `delete`: live, not declared; `update`: both, different. */
  kind: "add" | "delete" | "update";
  /** True when this difference forces a replace. */
  replace: boolean;
  /** Finer path for a provider plugin's detailed diff (`bindVpcs[0]`, `tags.team`); absent means the whole property. */
  path?: string;
}

/** What a module's check gets besides the value. */
export interface CheckContext {
  /** True for a value the engine does not know yet (preview): never rejected. */
  isUnknown: (v: unknown) => boolean;
  /** Records one rejected input: its property path and the sentence after the path. */
  fail: (property: string, reason: string) => void;
}

/**
 * The KMS calls that change managed properties (the core's `InstanceApi` extends it). A module
 * applies its planned calls through these.
 */
export type PropertyApi = Pick<
  KmsClient,
  | "updateKmsInstance"
  | "updateKmsInstanceBindVpc"
  | "setDeletionProtection"
  | "tagResources"
  | "connectKmsInstance"
  | "untagResources"
  | "setRenewal"
>;

/**
 * Everything about one managed property (or a pair set by one call, such as deletion protection
 * and its description): how a declared value is checked, how it differs from the stored outputs,
 * the value read back when the API omits it, the calls an update plans, and how they are made.
 * `C` is the union of the planned calls the module makes; `V` declares the inputs it owns, each
 * with its value type and TSDoc (`KmsInstanceInputs`, `MANAGED_PROPERTIES` and the SDK's
 * `KmsInstanceArgs` derive from these). Outputs reach a module as plain records, read through
 * the `stored…` readers below: `KmsInstanceOutputs` derives from the modules, so naming it here would
 * make an import cycle. The helpers the modules share follow the types.
 */
export interface PropertyModule<C extends { action: string }, V extends object> {
  /** The inputs the module owns, in the order `MANAGED_PROPERTIES` lists them. */
  readonly names: readonly (keyof V & string)[];
  /** The `action` of every call the module plans. */
  readonly actions: readonly C["action"][];
  /**
   * Instance statuses in which the service refuses the module's calls, checked before any call
   * (`status-gate.ts` says why). Absent: any status.
   */
  readonly refusedInStatus?: readonly string[];
  /**
   * Where the module's calls go in an update, ascending: rename 1, bind VPCs 2, deletion
   * protection 3, tags 4, renewal 5, after connecting 0 (the order `planUpdate` returns).
   */
  readonly updateStep: number;
  /** Checks a declared (non-null) value of one owned input that the engine knows. */
  check(name: keyof V & string, value: unknown, ctx: CheckContext): void;
  /**
   * The differences between a declared (non-null) value of one owned input and the stored
   * outputs `olds`; empty when equal. `unknown` is true when the value is or holds a value the
   * engine does not know yet (preview): always a change. Absent: the input differs when `plan`
   * makes a call for the declared value, or it is unknown (`diffInstance`): an `add` when
   * `readBack` finds no live value, else an `update`.
   */
  diff?(
    name: keyof V & string,
    olds: Readonly<Record<string, unknown>>,
    value: unknown,
    unknown: boolean,
  ): PropertyDiff[];
  /**
   * The input refresh stores for one owned, managed input: the live value, the API's default
   * when the API omits the field and has one, else undefined (the input is left out).
   */
  readBack(name: keyof V & string, live: Readonly<Record<string, unknown>>): unknown;
  /** The calls that bring the owned inputs from `olds` to `news`: none for undeclared or equal ones. */
  plan(olds: Readonly<Record<string, unknown>>, news: Readonly<Partial<V>>): C[];
  /** Makes one of the module's planned calls. */
  apply(api: PropertyApi, kmsInstanceId: string, call: C): Promise<unknown>;
}

/** The union of calls a module plans. */
export type CallOf<M> = M extends PropertyModule<infer C, infer _V> ? C : never;

/** The inputs a module owns, with their value types. */
export type InputsOf<M> = M extends PropertyModule<infer _C, infer V> ? V : never;

/** One difference of a managed property (never a replace); `path` narrows it (`tags.team`). */
export function change(property: string, kind: PropertyDiff["kind"], path?: string): PropertyDiff {
  return path === undefined
    ? { property, kind, replace: false }
    : { property, kind, replace: false, path };
}

/** True when the value or anything inside it (one or two levels down) is unknown. */
export function containsUnknown(value: object, unknown: (v: unknown) => boolean): boolean {
  return Object.values(value).some(
    (v: unknown) =>
      unknown(v) ||
      (typeof v === "object" && v !== null && Object.values(v).some((x: unknown) => unknown(x))),
  );
}

/** A short, safe rendering of a rejected value for messages (long strings by length only). */
export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === "object") return "an object";
  if (typeof v === "string") {
    return v.length > 80 ? `a string of ${v.length} characters` : JSON.stringify(v);
  }
  return `${typeof v} ${String(v)}`;
}

/**
 * Checks that a declared value at path `at` is an object (else `mustBe`, with what it got) whose
 * keys are all `fields` (else `notAField`, with the accepted list); false, with nothing more to
 * check, when it is none.
 */
export function checkFields(
  value: unknown,
  at: string,
  mustBe: string,
  notAField: string,
  fields: readonly string[],
  fail: CheckContext["fail"],
): value is Record<string, unknown> {
  if (!isPlainObject(value)) {
    fail(at, `${mustBe}; got ${describeValue(value)}.`);
    return false;
  }
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) fail(`${at}.${key}`, `${notAField} ${fields.join(", ")}.`);
  }
  return true;
}

/** True for an object that is neither null nor an array (a map or a record as declared). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Sets `record[key] = value` as an own, enumerable property. Plain assignment to a key such as
 * `__proto__` (a legal tag key) would change the prototype instead and silently drop the entry.
 */
export function putEntry<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/*
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
