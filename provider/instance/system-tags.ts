import { putEntry } from "./put-entry";

/** Prefixes Alibaba Cloud reserves for its own tags; users can neither set nor remove them. */
const SYSTEM_TAG_PREFIXES = ["aliyun", "acs:"];

/** True when `key` is a system tag key (prefix `aliyun` or `acs:`, any case). */
export function isSystemTagKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SYSTEM_TAG_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The user tags of a live tag map: system tags dropped, because a program can never manage them
 * and keeping them would make every declared map look drifted.
 */
export function userTags(tags: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of Object.keys(tags).sort()) {
    if (!isSystemTagKey(key)) putEntry(result, key, tags[key]);
  }
  return result;
}
