/**
 * The fleet the scale benchmark adopts: N instances shaped like the emulator's connected seed
 * instance (two bound VPCs, a real CA chain, tags, every GetKmsInstance field), so each adopted
 * resource carries the full output set a real instance has.
 */
import {
  DEFAULT_SEED_IDS,
  defaultSeed,
  type RunningEmulator,
  type SeedInstance,
} from "../../emulator";

/** The region every fleet instance lives in. */
export const FLEET_REGION = "cn-hangzhou";

/** The id of fleet instance `i`: valid (`kst-` + lowercase letters and digits) and sortable. */
export function fleetInstanceId(i: number): string {
  return `kst-bench${String(i).padStart(6, "0")}xxxx`;
}

/** The ids of the first `n` fleet instances. */
export function fleetIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => fleetInstanceId(i));
}

/** Fleet instance `i`: the connected seed instance under another id and name. */
export function fleetInstance(i: number, now: Date = new Date()): SeedInstance {
  const template = defaultSeed(now).instances.find(
    (inst) => inst.KmsInstance.InstanceId === DEFAULT_SEED_IDS.connected,
  );
  if (!template) throw new Error("the default seed has no connected instance");
  return {
    RegionId: FLEET_REGION,
    KmsInstance: {
      ...template.KmsInstance,
      InstanceId: fleetInstanceId(i),
      InstanceName: `bench-${i}`,
    },
    Tags: { ...template.Tags },
  };
}

/** Seeds fleet instances `0 … n-1` into a running emulator through its control API. */
export function seedFleet(emu: RunningEmulator, n: number): void {
  const now = new Date();
  for (let i = 0; i < n; i++) emu.control.putInstance(fleetInstance(i, now));
}
