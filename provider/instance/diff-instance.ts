import type { CheckOptions } from "./check-inputs";
import { REPLACE_PROPERTIES, type KmsInstanceInputs, type KmsInstanceOutputs } from "./model";
import { MANAGED_PROPERTIES, UPDATE_ORDER, moduleOf, type PlannedCall } from "./properties";
import {
  change,
  containsUnknown,
  storedString,
  type PropertyDiff,
} from "./properties/property-module";

/** The result of `diffInstance`, shaped like a dynamic provider's `DiffResult` plus detail. */
export interface InstanceDiff {
  /** True when an `up` would call the provider (update or replace). */
  changes: boolean;
  /** Properties whose change forces a replace. */
  replaces: string[];
  /** Every difference, in input order. */
  diffs: PropertyDiff[];
}

/**
 * Compares the declared inputs (`news`, after `checkInputs`) with the stored outputs (`olds`).
 * Only declared properties are compared, so a refresh that changed only the status or end date
 * shows no diff; each module compares its own. An unknown value is always a change.
 *
 * (Un)declaring a property whose live value equals the declaration is no change, though
 * `managedProperties` then goes stale until the next update. A read fetches only tags and renewal
 * through that list, and neither is in the outputs while not managed, so declaring one is always
 * an "add" that runs an update and stores the list; a stale list still naming one costs at most
 * one extra `ListTagResources` or BSS `QueryAvailableInstances` call per refresh.
 */
export function diffInstance(
  olds: Record<string, unknown>,
  news: KmsInstanceInputs,
  opts: Pick<CheckOptions, "isUnknown">,
): InstanceDiff {
  const diffs: PropertyDiff[] = [];
  const unknown = opts.isUnknown;
  const n = news as unknown as Record<string, unknown>;
  const declared = (key: string): boolean => n[key] !== undefined && n[key] !== null;

  for (const property of REPLACE_PROPERTIES) {
    if (!declared(property)) continue;
    const v = n[property];
    const old = storedString(olds[property]);
    if (unknown(v) || v !== old) {
      diffs.push({ property, kind: old === undefined ? "add" : "update", replace: true });
    }
  }

  for (const name of MANAGED_PROPERTIES) {
    if (!declared(name)) continue;
    const v = n[name];
    const m = moduleOf(name);
    const isUnknown =
      unknown(v) || (typeof v === "object" && v !== null && containsUnknown(v, unknown));
    if (m.diff !== undefined) {
      diffs.push(...m.diff(name, olds, v, isUnknown));
    } else if (m.plan(olds, { [name]: v }).length > 0 || isUnknown) {
      diffs.push(change(name, m.readBack(name, olds) === undefined ? "add" : "update"));
    }
  }

  // watchQuota against what was stored, never the API: an update that makes no call.
  const watch = n.watchQuota;
  const watched = olds.watchQuota === true;
  if (unknown(watch) || (watch === true) !== watched) {
    diffs.push({
      property: "watchQuota",
      kind: watched ? (declared("watchQuota") ? "update" : "delete") : "add",
      replace: false,
    });
  }

  const replaces = [...new Set(diffs.filter((d) => d.replace).map((d) => d.property))];
  return { changes: diffs.length > 0, replaces, diffs };
}

/**
 * The API calls that bring the instance from `olds` (stored or freshly read outputs) to the
 * resolved `news`, in `PropertyModule.updateStep` order.
 *
 * An absent `olds.tags` (tags not managed, so never read) untags nothing: an adapter that wants
 * the declared map exact in one update reads the live tags and passes `{ ...olds, tags }`.
 */
export function planUpdate(olds: KmsInstanceOutputs, news: KmsInstanceInputs): PlannedCall[] {
  const stored = olds as unknown as Readonly<Record<string, unknown>>;
  return UPDATE_ORDER.flatMap((m): PlannedCall[] => m.plan(stored, news));
}
