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
import { current as currentInstance, declaredBindVpcs } from "../../support/emulator-state";

/** The seeded, connected instance this suite adopts. */
export const INSTANCE_ID = DEFAULT_SEED_IDS.connected;

/** Stack config (non-secret part) that adopts `inst` as seeded, through the emulator. */
export function adoptConfig(emu: RunningEmulator, inst: SeedInstance): Record<string, unknown> {
  return {
    ...emulatorConfig(emu, inst.RegionId),
    kmsInstanceId: inst.KmsInstance.InstanceId as string,
    instanceName: inst.KmsInstance.InstanceName as string,
    deletionProtection: String(inst.KmsInstance.DeletionProtection === true),
    bindVpcs: declaredBindVpcs(inst),
    tags: { ...(inst.Tags ?? {}) },
  };
}

/** Provider config that reaches the emulator (the secret half is `SECRET_CONFIG`). */
export function emulatorConfig(emu: RunningEmulator, region: string): Record<string, string> {
  return {
    "alicloud:region": region,
    "alicloud:accessKey": TEST_STS.accessKeyId,
    "alicloud-kms:endpoint": emu.endpointTemplate,
    // The emulator answers STS GetCallerIdentity too: nothing tries the public STS endpoint.
    "alicloud-kms:stsEndpoint": emu.url,
    "alicloud-kms:bssEndpoint": emu.url,
    "alicloud-kms:retryTimeoutSeconds": "4",
  };
}

/** The credential config, set as Pulumi secrets (an STS triple: key, secret and token). */
export const SECRET_CONFIG: Record<string, string> = {
  "alicloud:secretKey": TEST_STS.accessKeySecret,
  "alicloud:securityToken": TEST_STS.securityToken,
};

export { mutatingCalls } from "../../support/emulator-state";

/** An instance (by default the adopted one) as it is in the emulator now. */
export function current(emu: RunningEmulator, id: string = INSTANCE_ID): SeedInstance {
  return currentInstance(emu, id);
}

/** An API date (to the second) `days` from now. */
export function apiDateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
