import {
  change,
  describeValue,
  isPlainObject,
  putEntry,
  type PropertyModule,
} from "./property-module";

/** Longest tag key and value Alibaba Cloud accepts. */
const MAX_TAG_LENGTH = 128;
/** Most user tags one resource may carry. */
const MAX_TAGS = 20;

/** Remove user tags (`UntagResources`). */
export interface UntagResourcesCall {
  action: "UntagResources";
  /** Keys to remove, sorted. */
  keys: string[];
}

/** Add or overwrite user tags (`TagResources`). */
export interface TagResourcesCall {
  action: "TagResources";
  /** Tags to add or overwrite. */
  tags: Record<string, string>;
}

export interface TagsInput {
  /** User tags (managed when set): the whole map, system tags (`aliyun…`, `acs:…`) excepted. */
  tags: Record<string, string>;
}

/**
 * True for a system tag key (prefix `aliyun` or `acs:`, any case): Alibaba Cloud reserves them;
 * users can neither set nor remove them.
 */
export function isSystemTagKey(key: string): boolean {
  const lower = key.toLowerCase();
  return ["aliyun", "acs:"].some((prefix) => lower.startsWith(prefix));
}

/**
 * A live tag map without system tags: a program cannot manage them, and they would make every
 * declared map look drifted.
 */
export function userTags(tags: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of Object.keys(tags).sort()) {
    if (!isSystemTagKey(key)) putEntry(result, key, tags[key]);
  }
  return result;
}

/**
 * The difference of two user tag maps as sorted key lists: keys desired but not live (`added`),
 * live but not desired (`removed`), on both with different values (`changed`); all empty exactly
 * when the maps are equal.
 */
export function tagChanges(
  live: Readonly<Record<string, string>>,
  desired: Readonly<Record<string, string>>,
): { added: string[]; removed: string[]; changed: string[] } {
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

/** A stored tag map (non-string values dropped). */
function storedTags(v: unknown): Record<string, string> | undefined {
  if (!isPlainObject(v)) return undefined;
  const result: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === "string") putEntry(result, k, x);
  }
  return result;
}

/** The live user tags of stored outputs, or undefined when tags were never read. */
function liveUserTags(olds: { readonly tags?: unknown }): Record<string, string> | undefined {
  const live = storedTags(olds.tags);
  return live === undefined ? undefined : userTags(live);
}

/**
 * `tags`: the whole map of user tags, compared key by key, changed with `UntagResources` then
 * `TagResources`, so a changed value is overwritten and a removed key never races an added one.
 */
export const tagsProperty: PropertyModule<UntagResourcesCall | TagResourcesCall, TagsInput> = {
  names: ["tags"],
  actions: ["UntagResources", "TagResources"],
  // The tag APIs answer `Rejected.Uninitialized` for an instance not enabled yet
  // (terraform-provider-alicloud PR #9320; emulator/uninitialized.ts).
  refusedInStatus: ["Uninitialized"],
  updateStep: 4,
  check(_name, value, { isUnknown: unknown, fail }) {
    if (!isPlainObject(value)) {
      fail(
        "tags",
        `must be a map of string keys to string values, e.g. { team: "payments" }; got ${describeValue(value)}.`,
      );
      return;
    }
    const keys = Object.keys(value);
    if (keys.length > MAX_TAGS) {
      fail("tags", `may hold at most ${MAX_TAGS} tags; got ${keys.length}.`);
    }
    for (const key of keys) {
      const at = `tags[${JSON.stringify(key)}]`;
      if (key.length === 0 || key.length > MAX_TAG_LENGTH) {
        fail(at, `has a key of ${key.length} characters; a tag key must have 1–${MAX_TAG_LENGTH}.`);
      } else if (isSystemTagKey(key)) {
        fail(
          at,
          "uses a prefix reserved for system tags (`aliyun`, `acs:`, any case); choose another key.",
        );
      }
      const v = value[key];
      if (unknown(v)) continue;
      if (typeof v !== "string") {
        fail(at, `must be a string value; got ${describeValue(v)}.`);
      } else if (v.length > MAX_TAG_LENGTH) {
        fail(
          at,
          `has a value of ${v.length} characters; a tag value may have at most ${MAX_TAG_LENGTH}.`,
        );
      }
    }
  },

  diff(name, olds, declared, unknown) {
    const live = liveUserTags(olds);
    // Not managed before, so never read: the live map is not known, so it is a change.
    if (live === undefined) return [change(name, "add")];
    if (unknown || typeof declared !== "object" || declared === null) {
      return [change(name, "update")];
    }
    const c = tagChanges(live, declared as Record<string, string>);
    return [
      ...c.removed.map((k) => change(name, "delete", tagPath(k))),
      ...c.added.map((k) => change(name, "add", tagPath(k))),
      ...c.changed.map((k) => change(name, "update", tagPath(k))),
    ];
  },

  // Absent from managed outputs: none (`{}`), the API's empty answer.
  readBack: (_name, live) => storedTags(live.tags) ?? {},

  // Absent `olds.tags` untags nothing: `planUpdate` says why.
  plan(olds, news) {
    if (news.tags === undefined) return [];
    const calls: (UntagResourcesCall | TagResourcesCall)[] = [];
    const c = tagChanges(liveUserTags(olds) ?? {}, news.tags);
    if (c.removed.length > 0) calls.push({ action: "UntagResources", keys: c.removed });
    const toSet = [...c.added, ...c.changed].sort();
    if (toSet.length > 0) {
      const tags: Record<string, string> = {};
      for (const k of toSet) putEntry(tags, k, news.tags[k]);
      calls.push({ action: "TagResources", tags });
    }
    return calls;
  },

  apply: (api, id, call) =>
    call.action === "UntagResources"
      ? api.untagResources(id, call.keys)
      : api.tagResources(id, call.tags),
};

/** `tags.team` for a plain key, `tags["acs:x"]` otherwise (Pulumi property-path syntax). */
function tagPath(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `tags.${key}` : `tags[${JSON.stringify(key)}]`;
}
