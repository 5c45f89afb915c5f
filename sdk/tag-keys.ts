import * as pulumi from "@pulumi/pulumi";
import { programError } from "./program-error";

/**
 * Tag keys the Pulumi Node SDK cannot carry from a program to the provider, and why. Found by
 * registering a resource under `pulumi.runtime.setMocks` (`@pulumi/pulumi` 3.248) with a tag of
 * every `Object.prototype` name, `__proto__` and the engine's signature key, as a plain object and
 * as an Output (test/sdk/tag-keys.test.ts keeps this list exact). Every other key — `constructor`,
 * `valueOf`, `hasOwnProperty`, … — arrives intact and stays allowed.
 */
export const UNSENDABLE_TAG_KEYS: ReadonlyMap<string, { plainOnly: boolean; why: string }> =
  new Map([
    [
      "toString",
      {
        // runtime/rpc.ts `transferProperties` formats each input with `${value}`: an object whose
        // `toString` is a string has no primitive form. An Output is not formatted that way.
        plainOnly: true,
        why: "the SDK crashes converting the tags object to text while registering the resource",
      },
    ],
    [
      "__proto__",
      {
        plainOnly: false,
        why: "the SDK's serializer copies keys by assignment, so this one silently disappears",
      },
    ],
    [
      "4dabf18193072939515e22adb298388d",
      {
        plainOnly: false,
        why: "it is the engine's marker of special values: registration fails with 'Unrecognized signature'",
      },
    ],
  ]);

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The error for the first unsendable key among `keys`, if any: one line in a program's output. */
function unsendable(keys: readonly string[], plain: boolean): Error | undefined {
  for (const key of keys) {
    const row = UNSENDABLE_TAG_KEYS.get(key);
    if (row && (plain || !row.plainOnly)) {
      return programError(
        `tags: the key ${JSON.stringify(key)} cannot be used: ${row.why}. Rename the tag.`,
      );
    }
  }
  return undefined;
}

/**
 * Checks the declared `tags` before the resource is registered. A plain map is checked now and
 * a bad key throws from the constructor; an Output or Promise is checked when it resolves, and a
 * bad key fails the registration with the same message (a `__proto__` key never gets that far:
 * `pulumi.output()` has already dropped it). Returns what to register.
 */
export function checkedTags<T>(tags: T): T {
  if (tags === undefined || tags === null) return tags;
  if (pulumi.Output.isInstance(tags) || tags instanceof Promise) {
    const later = pulumi.output(tags as pulumi.Input<unknown>) as pulumi.Output<unknown>;
    return later.apply((resolved: unknown) => {
      const err = isPlainRecord(resolved) ? unsendable(Object.keys(resolved), false) : undefined;
      if (err) throw err;
      return resolved;
    }) as unknown as T;
  }
  if (isPlainRecord(tags)) {
    const err = unsendable(Object.keys(tags), true);
    if (err) throw err;
  }
  return tags;
}
