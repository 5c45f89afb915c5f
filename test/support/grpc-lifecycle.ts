/**
 * The lifecycle fixture the gRPC suites share (the dynamic provider's and the plugin's): one
 * seeded instance, the program that declares it as it is, adoption through Check + Create, and
 * the emulator reset before each test so adoption starts without drift.
 */
import { DEFAULT_SEED_IDS, type RunningEmulator, type SeedInstance } from "../../emulator";
import { current, declaredBindVpcs } from "./emulator-state";
import { checkAndCreate, type ProviderClient, type Props } from "./provider-client";

/** The seeded instance every lifecycle suite adopts (cn-hangzhou, connected). */
export const LIFECYCLE_ID = DEFAULT_SEED_IDS.connected;

/** The name the program gives the instance (patched onto the seed before each test). */
const PROGRAM_NAME = "prod-kms";

/** What a suite gets: the live seed, its program, and adoption. */
export interface Lifecycle {
  /** The seeded instance as the emulator holds it now. */
  seeded(): SeedInstance;
  /**
   * The program declaring the seeded instance as it is (name, bound VPCs, tags, protection),
   * `extra` over it.
   */
  program(extra?: Props): Props;
  /** Check + Create of `news`, expecting no failure and the seeded id. */
  adopt(news: Props): Promise<{ inputs: Props; outputs: Props }>;
  /** The pristine seed's bound VPCs, as a program declares them. */
  seedVpcs(): Props[];
  /** Records the pristine seed's bound VPCs: call once the emulator has started. */
  recordSeed(): void;
  /** Resets the emulator and names the instance as the program does: call before each test. */
  reset(): void;
}

/** Where the fixture finds the suite's parts, which exist only once its `beforeAll` ran. */
export interface LifecycleParts {
  /** The running emulator. */
  emu: () => RunningEmulator;
  /** The provider under test, as a gRPC client. */
  client: () => ProviderClient;
  /** The resource URN the suite checks and creates under. */
  urn: string;
  /** Inputs every program carries besides the declared ones (the dynamic `__provider`). */
  base?: () => Props;
}

/** The shared lifecycle of a suite. */
export function lifecycle(parts: LifecycleParts): Lifecycle {
  let seedVpcs: Props[] = [];
  const seeded = (): SeedInstance => current(parts.emu(), LIFECYCLE_ID);
  return {
    seeded,
    program: (extra = {}) => ({
      ...parts.base?.(),
      kmsInstanceId: LIFECYCLE_ID,
      instanceName: PROGRAM_NAME,
      bindVpcs: seedVpcs,
      tags: { team: "platform", env: "prod" },
      deletionProtection: true,
      ...extra,
    }),
    adopt: (news) => checkAndCreate(parts.client(), parts.urn, news, LIFECYCLE_ID),
    seedVpcs: () => seedVpcs,
    recordSeed: () => {
      seedVpcs = declaredBindVpcs(seeded());
    },
    reset: () => {
      const emu = parts.emu();
      emu.control.reset();
      emu.control.patchInstance(LIFECYCLE_ID, { KmsInstance: { InstanceName: PROGRAM_NAME } });
      emu.control.resetStats();
    },
  };
}
