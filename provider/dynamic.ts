/**
 * The dynamic-provider adapter. This module's only export is the provider object, so Pulumi
 * serializes it into state as one `require("pulumi-alicloud-kms/dist/provider/dynamic.js")`
 * line (a few hundred bytes, no captured values, no credentials): refresh and delete of old
 * resources run the installed code, not a frozen copy. Every method only translates between
 * the engine's shapes and `provider/core` + `provider/instance`.
 *
 * Inside the dynamic-provider server process (`@pulumi/pulumi/cmd/dynamic-provider`), the first
 * method call also connects to the engine's log service (warnings show as warnings, info as
 * info), starts the watchdog that ends the process when the engine goes away, and makes errors
 * show once, without a stack (see `engine/`).
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import {
  adoptInstance,
  configDeps,
  isUnknown,
  readForAdapter,
  releaseInstance,
  updateInstance,
  withEndpointCheck,
} from "./core";
import type { ConfigDeps, ConfigSource } from "./core";
import { withRetryNotice } from "./core/retry-notice";
import { engineAddressFrom } from "./engine/address";
import { engineLog, type EngineLog } from "./engine/log";
import { installConsoleFilter, reportOnce } from "./engine/report-once";
import { watchEngine } from "./engine/watchdog";
import { checkInputs, diffInstance } from "./instance";
import type { KmsInstanceInputs, KmsInstanceOutputs } from "./instance";

/** Stack config as `configure` received it; empty until then (e.g. in unit tests). */
let stackConfig: (key: string) => string | undefined = () => undefined;

/** The engine's log, once connected; undefined outside the dynamic-provider server. */
let engine: EngineLog | undefined;
let hosted: boolean | undefined;

/**
 * Whether this process is Pulumi's dynamic-provider server (the module is also loaded by
 * programs, which pass the provider object to the engine, and by tests).
 */
function inProviderServer(): boolean {
  hosted ??= /[\\/]cmd[\\/]dynamic-provider[\\/]index\.js$/.test(require.main?.filename ?? "");
  return hosted;
}

/** Connects to the engine and installs the process-wide guards, once, in the server only. */
function attach(): void {
  if (engine !== undefined || !inProviderServer()) return;
  engine = engineLog(engineAddressFrom(process.argv.slice(2)));
  installConsoleFilter();
  watchEngine();
}

function source(): ConfigSource {
  return {
    config: (key) => stackConfig(key),
    env: process.env,
    // Outside the server (tests calling the methods in-process) stderr is the only channel.
    warn: (message) =>
      engine ? engine.warn(message) : void process.stderr.write(`warning: ${message}\n`),
    info: (message) => (engine ? engine.info(message) : void process.stderr.write(`${message}\n`)),
  };
}

function deps(): ConfigDeps {
  return configDeps(source());
}

/**
 * Runs one method: messages delivered before the answer, errors thrown once without a stack.
 * `printedByServer`: the server also prints the error of check, diff, read and delete.
 */
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
  },

  check(_olds: KmsInstanceInputs, news: KmsInstanceInputs): Promise<dynamic.CheckResult> {
    return run(true, async () => {
      const d = deps();
      const result = checkInputs(news as unknown as Record<string, unknown>, {
        defaultRegion: d.defaultRegion(),
        isUnknown,
      });
      return { inputs: result.inputs, failures: withEndpointCheck(d, result) };
    });
  },

  diff(
    _id: string,
    olds: KmsInstanceOutputs,
    news: KmsInstanceInputs,
  ): Promise<dynamic.DiffResult> {
    return run(true, async () => {
      const d = diffInstance(olds as unknown as Record<string, unknown>, news, { isUnknown });
      return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: false };
    });
  },

  create(inputs: KmsInstanceInputs): Promise<dynamic.CreateResult<KmsInstanceOutputs>> {
    return run(false, async () => {
      const d = deps();
      const outs = await withRetryNotice(d, "create", inputs.kmsInstanceId, () =>
        adoptInstance(d, inputs),
      );
      return { id: inputs.kmsInstanceId, outs };
    });
  },

  read(id: string, props?: KmsInstanceOutputs): Promise<dynamic.ReadResult<KmsInstanceOutputs>> {
    return run(true, async () => {
      // A `KmsInstance.get` reference's first read carries no managed list: it reads none.
      const outcome = await readForAdapter(deps(), {
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
    return run(false, async () => {
      const d = deps();
      return {
        outs: await withRetryNotice(d, "update", id, () =>
          updateInstance(d, id, news, { ownerAccountId: olds.ownerAccountId }),
        ),
      };
    });
  },

  delete(id: string, props: KmsInstanceOutputs): Promise<void> {
    return run(true, async () => {
      releaseInstance(deps(), id, props.region);
    });
  },
};

export = provider;
