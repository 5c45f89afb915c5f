import type { KmsInstanceOutputs, ManagedProperty } from "../instance";
import { toOutputs, userTags } from "../instance";
import type { InstanceApi } from "./deps";

/**
 * Reads an instance as it is now: one `GetKmsInstance`, plus `ListTagResources` only when the
 * program manages tags, so a refresh costs one call per instance in the common case.
 * A missing instance surfaces as the client's not-found `KmsError`.
 */
export async function fetchLive(
  api: InstanceApi,
  kmsInstanceId: string,
  region: string,
  managed: readonly ManagedProperty[],
): Promise<KmsInstanceOutputs> {
  const wantsTags = managed.includes("tags");
  const [body, tags] = await Promise.all([
    api.getKmsInstance(kmsInstanceId),
    wantsTags ? api.listTagResources(kmsInstanceId) : Promise.resolve(undefined),
  ]);
  return toOutputs(body, {
    kmsInstanceId,
    region,
    managed,
    ...(tags !== undefined ? { tags: userTags(tags) } : {}),
  });
}
