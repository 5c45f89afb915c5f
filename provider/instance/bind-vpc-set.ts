import type { BindVpc } from "./network";

/**
 * The identity of a binding: region, VPC and vSwitch. Two entries with the same key are the same
 * binding (a declared list may not hold both); the owner id is an attribute of that binding.
 */
export function bindVpcKey(v: BindVpc): string {
  return JSON.stringify([v.regionId, v.vpcId, v.vSwitchId]);
}

/** Key and owner together: what set equality of bound VPCs compares. */
function fullKey(v: BindVpc): string {
  return JSON.stringify([v.regionId, v.vpcId, v.vSwitchId, v.vpcOwnerId]);
}

/**
 * A list of bindings as a set: only the four fields, duplicates dropped, sorted by key then
 * owner. The API returns bindings in any order, so every comparison goes through this.
 */
export function canonicalBindVpcs(list: readonly BindVpc[]): BindVpc[] {
  const byFullKey = new Map<string, BindVpc>();
  for (const v of list) {
    const entry = {
      vpcId: v.vpcId,
      vSwitchId: v.vSwitchId,
      regionId: v.regionId,
      vpcOwnerId: v.vpcOwnerId,
    };
    byFullKey.set(fullKey(entry), entry);
  }
  return [...byFullKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, v]) => v);
}

/** True when two lists hold the same bindings, in any order. */
export function sameBindVpcs(a: readonly BindVpc[], b: readonly BindVpc[]): boolean {
  return JSON.stringify(canonicalBindVpcs(a)) === JSON.stringify(canonicalBindVpcs(b));
}

/** What differs between the live and the desired bindings, by index into each list. */
export interface BindVpcChanges {
  /** Indexes into `desired` of bindings that are not live at all. */
  added: number[];
  /** Indexes into `live` of bindings that are not desired at all. */
  removed: number[];
  /** Indexes into `desired` of bindings that are live under another owner id. */
  ownerChanged: number[];
}

/**
 * The set difference of two binding lists, empty exactly when `sameBindVpcs(live, desired)`.
 * A binding whose key is on both sides but whose owner differs is an owner change, not an
 * add plus a remove, so a diff can point at `bindVpcs[i].vpcOwnerId`.
 */
export function bindVpcChanges(
  live: readonly BindVpc[],
  desired: readonly BindVpc[],
): BindVpcChanges {
  const liveFull = new Set(live.map(fullKey));
  const desiredFull = new Set(desired.map(fullKey));
  // Only the first of several identical entries counts, so duplicates never report twice.
  const firstIndexes = (list: readonly BindVpc[], others: Set<string>): number[] => {
    const seen = new Set<string>();
    const result: number[] = [];
    list.forEach((v, i) => {
      const k = fullKey(v);
      if (!others.has(k) && !seen.has(k)) result.push(i);
      seen.add(k);
    });
    return result;
  };
  const desiredOnly = firstIndexes(desired, liveFull);
  const liveOnly = firstIndexes(live, desiredFull);
  const liveOnlyKeys = new Set(liveOnly.map((i) => bindVpcKey(live[i])));
  const desiredOnlyKeys = new Set(desiredOnly.map((i) => bindVpcKey(desired[i])));
  return {
    added: desiredOnly.filter((i) => !liveOnlyKeys.has(bindVpcKey(desired[i]))),
    removed: liveOnly.filter((i) => !desiredOnlyKeys.has(bindVpcKey(live[i]))),
    ownerChanged: desiredOnly.filter((i) => liveOnlyKeys.has(bindVpcKey(desired[i]))),
  };
}
