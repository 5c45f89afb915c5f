import type { KmsInstanceOutputs, ManagedProperty } from "../instance";
import { toOutputs, userTags } from "../instance";
import type { InstanceApi } from "./deps";

/**
 * Reads an instance as it is now: one `GetKmsInstance`, plus `ListTagResources` only when the
 * program manages tags (after the instance is found), so a refresh costs one call per instance
 * in the common case.
 * A missing instance surfaces as the client's not-found `KmsError`.
 */
export async function fetchLive(
  api: InstanceApi,
  kmsInstanceId: string,
  region: string,
  managed: readonly ManagedProperty[],
): Promise<KmsInstanceOutputs> {
  // One after the other: a missing instance must cost exactly one call and nothing else.
  const body = await api.getKmsInstance(kmsInstanceId);
  const tags = managed.includes("tags") ? await api.listTagResources(kmsInstanceId) : undefined;
  return toOutputs(body, {
    kmsInstanceId,
    region,
    managed,
    ...(tags !== undefined ? { tags: userTags(tags) } : {}),
  });
}
