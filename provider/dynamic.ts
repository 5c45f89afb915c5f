/**
 * The dynamic-provider adapter. This module's only export is the provider object, so Pulumi
 * serializes it into state as one `require("pulumi-alicloud-kms/dist/provider/dynamic.js")`
 * line (a few hundred bytes, no captured values, no credentials): refresh and delete of old
 * resources run the installed code, not a frozen copy. Every method only translates between
 * the engine's shapes and `provider/core` + `provider/instance`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import {
  adoptInstance,
  configDeps,
  isUnknown,
  notFoundForGetMessage,
  readInstance,
  releaseInstance,
  updateInstance,
  withEndpointCheck,
} from "./core";
import type { ConfigSource } from "./core";
import { checkInputs, diffInstance } from "./instance";
import type { KmsInstanceInputs, KmsInstanceOutputs } from "./instance";

/** Stack config as `configure` received it; empty until then (e.g. in unit tests). */
let stackConfig: (key: string) => string | undefined = () => undefined;

function source(): ConfigSource {
  return {
    config: (key) => stackConfig(key),
    env: process.env,
    // The engine shows a dynamic provider's stderr lines in the CLI output (Pulumi ≥ 3.146).
    warn: (message) => console.error(`warning: ${message}`),
    info: (message) => console.error(message),
  };
}

function deps(): ReturnType<typeof configDeps> {
  return configDeps(source());
}

const provider: dynamic.ResourceProvider<KmsInstanceInputs, KmsInstanceOutputs> = {
  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    stackConfig = (key) => req.config.get(key);
  },

  async check(_olds: KmsInstanceInputs, news: KmsInstanceInputs): Promise<dynamic.CheckResult> {
    const d = deps();
    const result = checkInputs(news as unknown as Record<string, unknown>, {
      defaultRegion: d.defaultRegion(),
      isUnknown,
    });
    return { inputs: result.inputs, failures: withEndpointCheck(d, result) };
  },

  async diff(
    _id: string,
    olds: KmsInstanceOutputs,
    news: KmsInstanceInputs,
  ): Promise<dynamic.DiffResult> {
    const d = diffInstance(olds as unknown as Record<string, unknown>, news, { isUnknown });
    return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: false };
  },

  async create(inputs: KmsInstanceInputs): Promise<dynamic.CreateResult<KmsInstanceOutputs>> {
    const outs = await adoptInstance(deps(), inputs);
    return { id: inputs.kmsInstanceId, outs };
  },

  async read(
    id: string,
    props?: KmsInstanceOutputs,
  ): Promise<dynamic.ReadResult<KmsInstanceOutputs>> {
    const d = deps();
    const stored = props ?? ({} as Partial<KmsInstanceOutputs>);
    const region = stored.region ?? d.defaultRegion();
    // A reference's first read has no managed list: a not-found becomes an error, not a drop.
    const stake = stored.managedProperties === undefined ? "report" : "state";
    const outcome = await readInstance(
      d,
      id,
      {
        region,
        managedProperties: stored.managedProperties,
        ownerAccountId: stored.ownerAccountId,
      },
      { stake },
    );
    if (!outcome.found) {
      // A read-only reference (`KmsInstance.get`) has never been read: its props carry no
      // managed list. The engine would take an empty id there as success, so say it plainly.
      if (stored.managedProperties === undefined) {
        throw new Error(notFoundForGetMessage(id, region ?? "(no region)"));
      }
      return { id: "" };
    }
    return { id, props: outcome.outputs, inputs: outcome.inputs as KmsInstanceOutputs };
  },

  async update(
    id: string,
    _olds: KmsInstanceOutputs,
    news: KmsInstanceInputs,
  ): Promise<dynamic.UpdateResult<KmsInstanceOutputs>> {
    return { outs: await updateInstance(deps(), id, news) };
  },

  async delete(id: string, props: KmsInstanceOutputs): Promise<void> {
    releaseInstance(deps(), id, props.region);
  },
};

export = provider;
