/**
 * The dynamic-provider adapter: its methods only translate between the engine's shapes and
 * `provider/core` + `provider/instance`. The provider object is the module's only export, so
 * Pulumi serializes it into state as one `require("pulumi-alicloud-kms/dist/provider/dynamic.js")`
 * line (a few hundred bytes, no captured values or credentials): refresh and delete of old
 * resources run the installed code, not a frozen copy.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { KmsCore } from "./core/kms-core";
import { engineAddressFrom, engineLog, type EngineLog } from "./engine/log";
import { installConsoleFilter, reportOnce } from "./engine/report-once";
import { startWatchdog } from "./engine/watchdog";
import type { KmsInstanceInputs, KmsInstanceOutputs } from "./instance";

/** The engine's log, once connected; undefined outside the dynamic-provider server. */
let engine: EngineLog | undefined;

/** Whether this is the dynamic-provider server's process (programs and tests load this too). */
const IN_PROVIDER_SERVER = /[\\/]cmd[\\/]dynamic-provider[\\/]index\.js$/.test(
  require.main?.filename ?? "",
);

/** Once, in the server only: logs through the engine, starts the watchdog, shows errors once. */
function attach(): void {
  if (engine !== undefined || !IN_PROVIDER_SERVER) return;
  engine = engineLog(engineAddressFrom(process.argv.slice(2)));
  installConsoleFilter();
  startWatchdog();
}

/** Stack config as `configure` received it; empty until then (e.g. in unit tests). */
let stackConfig: (key: string) => string | undefined = () => undefined;

/**
 * The core of the current configuration, built on first use after `configure`: never at load, so
 * the provider object Pulumi serializes captures no core, environment or config. Shared by every
 * call, so per-region settings and pooled clients are reused.
 */
let configured: KmsCore | undefined;

function core(): KmsCore {
  // Outside the server (in-process tests) stderr is the only channel.
  const log = engine ?? engineLog(undefined);
  configured ??= new KmsCore({
    config: (key) => stackConfig(key),
    env: process.env,
    warn: log.warn,
    info: log.info,
  });
  return configured;
}

/** Runs one method: messages delivered before the answer, errors through `reportOnce`. */
async function run<T>(printedByServer: boolean, fn: () => Promise<T>): Promise<T> {
  attach();
  try {
    return await fn();
  } catch (err) {
    throw reportOnce(err, printedByServer);
  } finally {
    await engine?.flush();
  }
}

const provider: dynamic.ResourceProvider<KmsInstanceInputs, KmsInstanceOutputs> = {
  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    attach();
    stackConfig = (key) => req.config.get(key);
    configured = undefined;
  },

  check(_olds: KmsInstanceInputs, news: KmsInstanceInputs): Promise<dynamic.CheckResult> {
    return run(true, async () => core().check({ ...news }));
  },

  diff(
    _id: string,
    olds: KmsInstanceOutputs,
    news: KmsInstanceInputs,
  ): Promise<dynamic.DiffResult> {
    return run(true, async () => {
      const d = core().diff({ ...olds }, news);
      return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: false };
    });
  },

  create(inputs: KmsInstanceInputs): Promise<dynamic.CreateResult<KmsInstanceOutputs>> {
    return run(false, async () => ({
      id: inputs.kmsInstanceId,
      outs: await core().create(inputs),
    }));
  },

  read(id: string, props?: KmsInstanceOutputs): Promise<dynamic.ReadResult<KmsInstanceOutputs>> {
    return run(true, async () => {
      // A `KmsInstance.get` reference's first read carries no managed list: it reads none.
      const outcome = await core().read({
        kmsInstanceId: id,
        stored: { ...props },
        firstRead: "none",
        noRegion: {},
      });
      if (!outcome.found) return { id: "" };
      return { id, props: outcome.outputs, inputs: outcome.inputs as KmsInstanceOutputs };
    });
  },

  update(
    id: string,
    olds: KmsInstanceOutputs,
    news: KmsInstanceInputs,
  ): Promise<dynamic.UpdateResult<KmsInstanceOutputs>> {
    return run(false, async () => ({
      outs: await core().update(id, news, { ...olds }),
    }));
  },

  delete(id: string, props: KmsInstanceOutputs): Promise<void> {
    return run(true, async () => {
      core().delete(id, { ...props });
    });
  },
};

export = provider;
