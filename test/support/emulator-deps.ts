/**
 * The provider core pointed at a running emulator, as the core tests build it: the emulator's
 * test key, its KMS endpoint and its STS, through the real `KmsCore` (settings, credential
 * chain, client pool), so every request is signed and verified.
 */
import {
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  startEmulator,
  type RunningEmulator,
} from "../../emulator";
import { KmsCore } from "../../provider/core/kms-core";

/**
 * Provider config (core keys) for `emu`: test key, KMS endpoint template, STS at the emulator;
 * `over` adds keys or, with `undefined`, removes one.
 */
export function emulatorConfig(
  emu: RunningEmulator,
  over: Record<string, string | undefined> = {},
): Record<string, string> {
  const config: Record<string, string | undefined> = {
    "alicloud:accessKey": TEST_ACCESS_KEY_ID,
    "alicloud:secretKey": TEST_ACCESS_KEY_SECRET,
    "alicloud-kms:endpoint": emu.endpointTemplate,
    "alicloud-kms:stsEndpoint": emu.url,
    "alicloud-kms:bssEndpoint": emu.url,
    ...over,
  };
  return Object.fromEntries(
    Object.entries(config).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

/** Where the core's warnings and notices go (dropped unless given), and its environment. */
export interface DepsOptions {
  /** Environment the settings read besides the config (ECS metadata is always off). */
  env?: NodeJS.ProcessEnv;
  /** Receives warnings. */
  warn?: (message: string) => void;
  /** Receives notices. */
  info?: (message: string) => void;
}

/** A `KmsCore` over a fixed config table. */
export function coreFor(config: Record<string, string>, opts: DepsOptions = {}): KmsCore {
  return new KmsCore({
    config: (key) => config[key],
    env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ...opts.env },
    warn: opts.warn ?? (() => undefined),
    info: opts.info ?? (() => undefined),
  });
}

/** The emulator of one test file, as `emulatorPerSuite` hands it out. */
export interface SuiteEmulator {
  /** The running emulator (from the suite's `beforeAll` on). */
  readonly emu: RunningEmulator;
}

/**
 * Registers the hooks every emulator-backed core suite repeats: start one emulator before the
 * suite, close it after, and reset its instances and call statistics before each test (before
 * the suite's own `beforeEach`, which is registered later).
 */
export function emulatorPerSuite(): SuiteEmulator {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator();
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(() => {
    running?.control.reset();
    running?.control.resetStats();
  });
  return {
    get emu(): RunningEmulator {
      if (running === undefined) throw new Error("the suite's emulator has not started yet");
      return running;
    },
  };
}

/**
 * A read through the core as the engine asks for it with `stored` as the resource's state: a
 * refresh when `stored.managedProperties` is a list, else a reference's first read.
 */
export function readStored(
  core: KmsCore,
  kmsInstanceId: string,
  stored: Readonly<Record<string, unknown>>,
): ReturnType<KmsCore["read"]> {
  return core.read({ kmsInstanceId, stored, firstRead: "none", noRegion: {} });
}
