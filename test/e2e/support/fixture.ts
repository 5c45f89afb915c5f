/**
 * The shared setting of the end-to-end scenarios: the emulator with its default seed, and the
 * stack config that adopts the connected seed instance exactly as it is seeded (so adoption
 * starts without drift).
 */
import {
  DEFAULT_SEED_IDS,
  TEST_STS,
  type RunningEmulator,
  type SeedInstance,
} from "../../../emulator";

/** The seeded, connected instance this suite adopts. */
export const INSTANCE_ID = DEFAULT_SEED_IDS.connected;

/** Actions that change nothing. */
const READ_ACTIONS = new Set(["GetKmsInstance", "ListKmsInstances", "ListTagResources"]);

/** Stack config (non-secret part) that adopts `inst` as seeded, through the emulator. */
export function adoptConfig(emu: RunningEmulator, inst: SeedInstance): Record<string, unknown> {
  const vpcs = (inst.KmsInstance.BindVpcs as { BindVpc: Record<string, string>[] }).BindVpc;
  return {
    ...emulatorConfig(emu, inst.RegionId),
    kmsInstanceId: inst.KmsInstance.InstanceId as string,
    instanceName: inst.KmsInstance.InstanceName as string,
    deletionProtection: String(inst.KmsInstance.DeletionProtection === true),
    bindVpcs: vpcs.map((v) => ({
      vpcId: v.VpcId,
      vSwitchId: v.VSwitchId,
      regionId: v.RegionId,
      vpcOwnerId: String(v.VpcOwnerId),
    })),
    tags: { ...(inst.Tags ?? {}) },
  };
}

/** Provider config that reaches the emulator (the secret half is `SECRET_CONFIG`). */
export function emulatorConfig(emu: RunningEmulator, region: string): Record<string, string> {
  return {
    "alicloud:region": region,
    "alicloud:accessKey": TEST_STS.accessKeyId,
    "alicloud-kms:endpoint": emu.endpointTemplate,
    "alicloud-kms:retryTimeoutSeconds": "4",
  };
}

/** The credential config, set as Pulumi secrets (an STS triple: key, secret and token). */
export const SECRET_CONFIG: Record<string, string> = {
  "alicloud:secretKey": TEST_STS.accessKeySecret,
  "alicloud:securityToken": TEST_STS.securityToken,
};

/** How many calls that change something the emulator has served since its last stats reset. */
export function mutatingCalls(emu: RunningEmulator): number {
  let n = 0;
  for (const [action, byStatus] of Object.entries(emu.control.stats().byAction)) {
    if (READ_ACTIONS.has(action)) continue;
    for (const c of Object.values(byStatus)) n += c;
  }
  return n;
}

/** The seeded instance as it is in the emulator now. */
export function current(emu: RunningEmulator, id: string = INSTANCE_ID): SeedInstance {
  const inst = emu.control.getInstance(id);
  if (!inst) throw new Error(`${id} is not in the emulator`);
  return inst;
}

/** An API date (to the second) `days` from now. */
export function apiDateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
