/**
 * Reading the emulator from tests: an instance as it is now, its bound VPCs as a program declares
 * them, and how many calls that change something it has served.
 */
import type { RunningEmulator, SeedInstance } from "../../emulator";

/** Actions that change nothing (STS `GetCallerIdentity` and BSS `QueryAvailableInstances` included). */
export const READ_ACTIONS: ReadonlySet<string> = new Set([
  "GetKmsInstance",
  "ListKmsInstances",
  "ListTagResources",
  "GetKmsInstanceQuotaInfos",
  "GetCallerIdentity",
  "QueryAvailableInstances",
]);

/** The instance `id` as it is in the emulator now; throws when it is not there. */
export function current(emu: RunningEmulator, id: string): SeedInstance {
  const inst = emu.control.getInstance(id);
  if (!inst) throw new Error(`${id} is not in the emulator`);
  return inst;
}

/** The instance's bound VPCs in the shape a program declares (`vpcOwnerId` a string). */
export function declaredBindVpcs(inst: SeedInstance): Record<string, string>[] {
  const raw = inst.KmsInstance.BindVpcs as { BindVpc: Record<string, string>[] };
  return raw.BindVpc.map((v) => ({
    vpcId: v.VpcId,
    vSwitchId: v.VSwitchId,
    regionId: v.RegionId,
    vpcOwnerId: String(v.VpcOwnerId),
  }));
}

/** How many calls that change something the emulator has served since its last stats reset. */
export function mutatingCalls(emu: RunningEmulator): number {
  let n = 0;
  for (const [action, byStatus] of Object.entries(emu.control.stats().byAction)) {
    if (READ_ACTIONS.has(action)) continue;
    for (const c of Object.values(byStatus)) n += c;
  }
  return n;
}
