/**
 * The instances the matrix works on, seeded into the emulator as copies of the connected seed
 * instance (Connected, bound VPCs, tags, a CA chain), all in cn-hangzhou: three adopted and one
 * read-only reference on the refresh stack, two on the update stack, two for the adopt stack.
 */
import { DEFAULT_SEED_IDS, type RunningEmulator, type SeedInstance } from "../../../emulator";
import { current } from "../../support/emulator-state";

/** The region of every instance of the matrix. */
export const FLEET_REGION = "cn-hangzhou";

/** One instance a stack adopts: its resource name, id and declared (= seeded) name. */
export interface FleetMember {
  /** The Pulumi resource name. */
  name: string;
  /** The `kst-…` id. */
  kmsInstanceId: string;
  /** The name declared by the program (seeded equal, so adoption makes no call). */
  instanceName: string;
}

/** The instances adopted by the refresh/update stack. */
export const FLEET: readonly FleetMember[] = [
  { name: "kms-a", kmsInstanceId: "kst-hzzrelfleeta01xxxx", instanceName: "reliability-a" },
  { name: "kms-b", kmsInstanceId: "kst-hzzrelfleetb02xxxx", instanceName: "reliability-b" },
  { name: "kms-c", kmsInstanceId: "kst-hzzrelfleetc03xxxx", instanceName: "reliability-c" },
];

/** The read-only reference (`KmsInstance.get`) of the refresh/update stack. */
export const REFERENCE: Readonly<FleetMember> = {
  name: "shared",
  kmsInstanceId: "kst-hzzrelsharedr04xxxx",
  instanceName: "reliability-shared",
};

/** The instances adopted by the update stack; the first is renamed by every update row. */
export const RENAMED: readonly FleetMember[] = [
  { name: "upd-a", kmsInstanceId: "kst-hzzrelupdatea07xxxx", instanceName: "reliability-upd-a" },
  { name: "upd-b", kmsInstanceId: "kst-hzzrelupdateb08xxxx", instanceName: "reliability-upd-b" },
];

/** The instances adopted by the adopt stack. */
export const NEWCOMERS: readonly FleetMember[] = [
  { name: "new-a", kmsInstanceId: "kst-hzzrelnewaaa05xxxx", instanceName: "reliability-new-a" },
  { name: "new-b", kmsInstanceId: "kst-hzzrelnewbbb06xxxx", instanceName: "reliability-new-b" },
];

/** A copy of the connected seed instance with another id and name. */
function cloneAs(template: SeedInstance, m: FleetMember): SeedInstance {
  const copy = structuredClone(template);
  copy.RegionId = FLEET_REGION;
  copy.KmsInstance.InstanceId = m.kmsInstanceId;
  copy.KmsInstance.InstanceName = m.instanceName;
  return copy;
}

/** Adds (or puts back) every instance of the matrix to the emulator. */
export function seedFleet(emu: RunningEmulator): void {
  const template = current(emu, DEFAULT_SEED_IDS.connected);
  for (const m of [...FLEET, REFERENCE, ...RENAMED, ...NEWCOMERS]) {
    emu.control.putInstance(cloneAs(template, m));
  }
}

/** Project config of the fleet program: the adopted instances and, optionally, the reference. */
export function programConfig(
  members: readonly FleetMember[],
  reference?: FleetMember,
): Record<string, unknown> {
  return {
    instances: members.map((m) => ({ ...m })),
    ...(reference
      ? { reference: { name: reference.name, kmsInstanceId: reference.kmsInstanceId } }
      : {}),
  };
}
