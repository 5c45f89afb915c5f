import { sameBindVpcs } from "./bind-vpc-set";
import type { BindVpc, KmsInstanceInputs, KmsInstanceOutputs } from "./model";
import { putEntry } from "./put-entry";
import { storedBindVpcs, storedBoolean, storedString, storedTags } from "./stored-outputs";
import { isSystemTagKey } from "./system-tags";
import { tagChanges } from "./tag-changes";

/** Rename the instance (`UpdateKmsInstance`). */
export interface UpdateKmsInstanceCall {
  action: "UpdateKmsInstance";
  /** The new name. */
  instanceName: string;
}

/** Replace the whole list of bound VPCs (`UpdateKmsInstanceBindVpc`; each call replaces the list). */
export interface UpdateKmsInstanceBindVpcCall {
  action: "UpdateKmsInstanceBindVpc";
  /** The full desired list, as declared. */
  bindVpcs: BindVpc[];
}

/** Turn deletion protection on or off (`SetDeletionProtection`). */
export interface SetDeletionProtectionCall {
  action: "SetDeletionProtection";
  /** The desired state: as declared, else the live state (when only the description changes). */
  enabled: boolean;
  /** The description, only when declared. */
  description?: string;
}

/** Remove user tags (`UntagResources`). */
export interface UntagResourcesCall {
  action: "UntagResources";
  /** Keys to remove, sorted. */
  keys: string[];
}

/** Add or overwrite user tags (`TagResources`). */
export interface TagResourcesCall {
  action: "TagResources";
  /** Tags to add or whose value changes. */
  tags: Record<string, string>;
}

/** One KMS API call an update makes; a union discriminated on `action`. */
export type PlannedCall =
  | UpdateKmsInstanceCall
  | UpdateKmsInstanceBindVpcCall
  | SetDeletionProtectionCall
  | UntagResourcesCall
  | TagResourcesCall;

/**
 * The API calls that bring the instance from `olds` (stored or freshly read outputs) to the
 * declared `news` (resolved values): only calls for declared properties that differ, in the fixed
 * order rename, bind VPCs, deletion protection, untag, tag. Untag comes before tag so a key
 * whose value changes is simply overwritten and a removed key never races an added one.
 *
 * `olds.tags`, when present, is taken as the live user tags. When it is absent (tags were not
 * managed, so never read) nothing is untagged: an adapter that wants the declared map to be exact
 * in one update reads the live tags first and passes `{ ...olds, tags }`.
 */
export function planUpdate(olds: KmsInstanceOutputs, news: KmsInstanceInputs): PlannedCall[] {
  const calls: PlannedCall[] = [];

  if (news.instanceName !== undefined && news.instanceName !== storedString(olds.instanceName)) {
    calls.push({ action: "UpdateKmsInstance", instanceName: news.instanceName });
  }

  if (news.bindVpcs !== undefined) {
    const live = storedBindVpcs(olds.bindVpcs) ?? [];
    if (!sameBindVpcs(live, news.bindVpcs)) {
      const bindVpcs = news.bindVpcs.map((v) => ({
        vpcId: v.vpcId,
        vSwitchId: v.vSwitchId,
        regionId: v.regionId,
        vpcOwnerId: v.vpcOwnerId,
      }));
      calls.push({ action: "UpdateKmsInstanceBindVpc", bindVpcs });
    }
  }

  const liveProtection = storedBoolean(olds.deletionProtection) ?? false;
  const liveDescription = storedString(olds.deletionProtectionDescription) ?? "";
  const protectionChanged =
    news.deletionProtection !== undefined && news.deletionProtection !== liveProtection;
  const descriptionChanged =
    news.deletionProtectionDescription !== undefined &&
    news.deletionProtectionDescription !== liveDescription;
  if (protectionChanged || descriptionChanged) {
    const call: SetDeletionProtectionCall = {
      action: "SetDeletionProtection",
      enabled: news.deletionProtection ?? liveProtection,
    };
    if (news.deletionProtectionDescription !== undefined) {
      call.description = news.deletionProtectionDescription;
    }
    calls.push(call);
  }

  if (news.tags !== undefined) {
    const live = storedTags(olds.tags) ?? {};
    const liveUser: Record<string, string> = {};
    for (const [k, v] of Object.entries(live)) if (!isSystemTagKey(k)) putEntry(liveUser, k, v);
    const c = tagChanges(liveUser, news.tags);
    if (c.removed.length > 0) calls.push({ action: "UntagResources", keys: c.removed });
    const toSet = [...c.added, ...c.changed].sort();
    if (toSet.length > 0) {
      const tags: Record<string, string> = {};
      for (const k of toSet) putEntry(tags, k, news.tags[k]);
      calls.push({ action: "TagResources", tags });
    }
  }

  return calls;
}
