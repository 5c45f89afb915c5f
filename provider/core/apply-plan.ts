import { applyCall, type PlannedCall } from "../instance";
import type { InstanceApi } from "./deps";

/**
 * Makes the planned calls one after another, in the plan's order (rename, bind VPCs, deletion
 * protection, untag, tag), each through the property module that planned it. A failure stops
 * the sequence and propagates: the caller re-reads on the next refresh, so a half-applied plan
 * shows as drift rather than being hidden.
 */
export async function applyPlan(
  api: InstanceApi,
  kmsInstanceId: string,
  calls: readonly PlannedCall[],
): Promise<void> {
  for (const call of calls) await applyCall(api, kmsInstanceId, call);
}
