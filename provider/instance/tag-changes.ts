/** What differs between a live and a desired tag map, as sorted key lists. */
export interface TagChanges {
  /** Keys desired but not live. */
  added: string[];
  /** Keys live but not desired. */
  removed: string[];
  /** Keys on both sides with different values. */
  changed: string[];
}

/**
 * The difference of two tag maps (both already free of system tags). Empty lists on all three
 * sides exactly when the maps are equal; key order never matters.
 */
export function tagChanges(
  live: Readonly<Record<string, string>>,
  desired: Readonly<Record<string, string>>,
): TagChanges {
  const has = (map: Readonly<Record<string, string>>, key: string): boolean =>
    Object.prototype.hasOwnProperty.call(map, key);
  const desiredKeys = Object.keys(desired).sort();
  return {
    added: desiredKeys.filter((k) => !has(live, k)),
    removed: Object.keys(live)
      .sort()
      .filter((k) => !has(desired, k)),
    changed: desiredKeys.filter((k) => has(live, k) && live[k] !== desired[k]),
  };
}

/** True when two tag maps hold the same keys with the same values. */
export function sameTags(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const c = tagChanges(a, b);
  return c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0;
}
