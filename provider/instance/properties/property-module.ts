import type { KmsClient } from "../../kms/client";

/** One difference between what the program declares and what the stored outputs hold. */
export interface PropertyDiff {
  /** The top-level input property (`bindVpcs`, `tags`, …). */
  property: string;
  /** `add`: declared, absent live; `delete`: live, not declared; `update`: both, different. */
  kind: "add" | "delete" | "update";
  replace: boolean;
  /** Finer path for the plugin's detailed diff (`bindVpcs[0]`, `tags.team`); absent: the whole. */
  path?: string;
}

export interface CheckContext {
  /** True for a value the engine does not know yet (preview): never rejected. */
  isUnknown: (v: unknown) => boolean;
  /** Records one rejected input: its property path and the sentence after the path. */
  fail: (property: string, reason: string) => void;
}

/** The KMS calls that change managed properties (the core's `InstanceApi` extends it). */
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
 * and its description). `C` is the union of its planned calls; `V` declares the inputs it owns,
 * with value types and TSDoc (`KmsInstanceInputs`, `MANAGED_PROPERTIES` and the SDK's
 * `KmsInstanceArgs` derive from these). Outputs reach a module as plain records, read through the
 * `stored…` readers: `KmsInstanceOutputs` derives from the modules, so naming it would make an
 * import cycle.
 */
export interface PropertyModule<C extends { action: string }, V extends object> {
  /** The inputs the module owns, in the order `MANAGED_PROPERTIES` lists them. */
  readonly names: readonly (keyof V & string)[];
  readonly actions: readonly C["action"][];
  /** Instance statuses in which the service refuses the module's calls (`status-gate.ts`). */
  readonly refusedInStatus?: readonly string[];
  /**
   * Where the module's calls go in an update, ascending: connect 0, rename 1, bind VPCs 2,
   * deletion protection 3, tags 4, renewal 5.
   */
  readonly updateStep: number;
  /** Checks a declared (non-null) value of one owned input that the engine knows. */
  check(name: keyof V & string, value: unknown, ctx: CheckContext): void;
  /**
   * The differences between a declared (non-null) value of one owned input and the stored outputs
   * `olds`. `unknown`: the value is or holds a value the engine does not know yet, always a
   * change. Absent: `diffInstance` reports a change when `plan` makes a call or the value is
   * unknown, an `add` when `readBack` finds no live value, else an `update`.
   */
  diff?(
    name: keyof V & string,
    olds: Readonly<Record<string, unknown>>,
    value: unknown,
    unknown: boolean,
  ): PropertyDiff[];
  /**
   * The input refresh stores for one owned, managed input: the live value, else the API's default
   * if it has one, else undefined (left out).
   */
  readBack(name: keyof V & string, live: Readonly<Record<string, unknown>>): unknown;
  /** The calls that bring the owned inputs from `olds` to `news`: none for undeclared or equal. */
  plan(olds: Readonly<Record<string, unknown>>, news: Readonly<Partial<V>>): C[];
  apply(api: PropertyApi, kmsInstanceId: string, call: C): Promise<unknown>;
}

export type CallOf<M> = M extends PropertyModule<infer C, infer _V> ? C : never;

export type InputsOf<M> = M extends PropertyModule<infer _C, infer V> ? V : never;

/** One difference of a managed property (never a replace); `path` narrows it (`tags.team`). */
export function change(property: string, kind: PropertyDiff["kind"], path?: string): PropertyDiff {
  return path === undefined
    ? { property, kind, replace: false }
    : { property, kind, replace: false, path };
}

/** True when anything one or two levels inside the value is unknown. */
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
 * Checks that the value at `at` is an object (else `mustBe`, with what it got; false) whose keys
 * are all `fields` (else `notAField`, with the accepted list).
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
 * Readers of stored outputs: state is JSON written by any earlier version, so a value is narrowed,
 * not trusted; a malformed one reads as absent.
 */

export function storedString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** A stored account id (a string of 1–20 digits), or undefined. */
export function storedAccountId(v: unknown): string | undefined {
  return typeof v === "string" && /^\d{1,20}$/.test(v) ? v : undefined;
}
