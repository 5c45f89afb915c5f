import type { PlannedCall } from "../instance";
import type { InstanceApi } from "./deps";

/**
 * Makes the planned calls one after another, in the plan's order (rename, bind VPCs, deletion
 * protection, untag, tag). A failure stops the sequence and propagates: the caller re-reads on
 * the next refresh, so a half-applied plan shows as drift rather than being hidden.
 */
export async function applyPlan(
  api: InstanceApi,
  kmsInstanceId: string,
  calls: readonly PlannedCall[],
): Promise<void> {
  for (const call of calls) {
    switch (call.action) {
      case "UpdateKmsInstance":
        await api.updateKmsInstance(kmsInstanceId, { instanceName: call.instanceName });
        break;
      case "UpdateKmsInstanceBindVpc":
        await api.updateKmsInstanceBindVpc(
          kmsInstanceId,
          call.bindVpcs.map((v) => ({
            VpcId: v.vpcId,
            VSwitchId: v.vSwitchId,
            RegionId: v.regionId,
            VpcOwnerId: v.vpcOwnerId,
          })),
        );
        break;
      case "SetDeletionProtection":
        await api.setDeletionProtection(kmsInstanceId, {
          enabled: call.enabled,
          ...(call.description !== undefined ? { description: call.description } : {}),
        });
        break;
      case "UntagResources":
        await api.untagResources(kmsInstanceId, call.keys);
        break;
      case "TagResources":
        await api.tagResources(kmsInstanceId, call.tags);
        break;
    }
  }
}
