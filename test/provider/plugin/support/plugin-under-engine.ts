/**
 * What the plugin gRPC suites share: the wire form of a secret, and a plugin process started
 * under a real engine log service with an environment that holds no region, endpoint or key, so
 * everything it needs must arrive through Configure.
 */
import * as path from "node:path";
import { TEST_STS, type RunningEmulator } from "../../../../emulator";
import { REPO_ROOT } from "../../../support/installed-package";
import {
  startProviderProcess,
  type ProviderClient,
  type Props,
} from "../../../support/provider-client";
import { startFakeEngine, type FakeEngine } from "./fake-engine";

/** The secret signature key and value of Pulumi's wire form (pinned in core/sentinels.test.ts). */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

/** The plugin's launcher in this repository, as the engine starts it. */
export const PLUGIN_LAUNCHER = path.join(REPO_ROOT, "bin", "pulumi-resource-alicloud-kms");

/** The plugin's environment: a PATH and no region, endpoint or key (those come by Configure). */
export const BARE_PLUGIN_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
};

/** `value` as the engine sends a secret. */
export const secret = (value: unknown): Props => ({ [SIG]: SECRET, value });

/** A running plugin and the engine it reports to. */
export interface PluginUnderEngine {
  /** The engine's log service. */
  engine: FakeEngine;
  /** The plugin, as a gRPC client. */
  plugin: ProviderClient;
  /** Stops the plugin, then the engine. */
  close(): Promise<void>;
}

/** How the plugin is configured for the emulator. */
export interface PluginConfigOptions {
  /** `retryTimeoutSeconds` of the provider config. */
  retryTimeoutSeconds: number;
  /** True to point STS (`GetCallerIdentity`) at the emulator too. */
  stsAtEmulator?: boolean;
  /** Configure variables besides the args. */
  variables?: Record<string, string>;
}

/** Starts `executable` under a fake engine and configures it for `emu` with the STS test key. */
export async function startPluginUnderEngine(
  executable: string,
  emu: RunningEmulator,
  opts: PluginConfigOptions,
): Promise<PluginUnderEngine> {
  const engine = await startFakeEngine();
  const plugin = await startProviderProcess(executable, [engine.address], BARE_PLUGIN_ENV);
  await plugin.configure(
    {
      region: "cn-hangzhou",
      endpoint: emu.endpointTemplate,
      // BSS (renewal) always at the emulator; STS only when the test wants it answered.
      bssEndpoint: emu.url,
      ...(opts.stsAtEmulator ? { stsEndpoint: emu.url } : {}),
      accessKey: secret(TEST_STS.accessKeyId),
      secretKey: secret(TEST_STS.accessKeySecret),
      securityToken: secret(TEST_STS.securityToken),
      retryTimeoutSeconds: opts.retryTimeoutSeconds,
    },
    opts.variables,
  );
  return {
    engine,
    plugin,
    close: async () => {
      await plugin.close();
      await engine.close();
    },
  };
}
