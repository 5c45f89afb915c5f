import type { ApiKmsInstance } from "../kms/types";
import { OUTPUT_FIELDS, OUTPUT_NAMES, type OutputField } from "./fields";
import { canonicalManaged, type KmsInstanceInputs, type KmsInstanceOutputs } from "./model";
import { moduleOf, type ManagedProperty } from "./properties";
import { liveConnection } from "./properties/connection";
import { userTags } from "./properties/tags";

/**
 * Maps a `GetKmsInstance` body to outputs: each API row of `OUTPUT_FIELDS` is its decoder's value
 * or an absent key (`fields.ts` says why). `connection` when managed and `vpcId` is present. `tags`
 * exactly when managed: the user tags of `ctx.tags` (ListTagResources), `{}` when none were read.
 * `ctx.managed` may be in any order.
 */
export function toOutputs(
  api: ApiKmsInstance,
  ctx: {
    kmsInstanceId: string;
    region: string;
    managed: readonly ManagedProperty[];
    tags?: Record<string, string>;
  },
): KmsInstanceOutputs {
  const body = api as Record<string, unknown>;
  const managed = canonicalManaged(ctx.managed);
  const out: KmsInstanceOutputs = {
    kmsInstanceId: ctx.kmsInstanceId,
    region: ctx.region,
    managedProperties: managed,
  };
  const decodeInto = <K extends keyof KmsInstanceOutputs>(key: K): void => {
    const from = (OUTPUT_FIELDS[key] as OutputField<KmsInstanceOutputs[K]>).from;
    if (from === undefined) return;
    const value = from.decode(body[from.api]);
    if (value !== undefined) out[key] = value;
  };
  for (const key of OUTPUT_NAMES) decodeInto(key);
  const connection = liveConnection(out as unknown as Readonly<Record<string, unknown>>);
  if (managed.includes("connection") && connection !== undefined) out.connection = connection;
  if (managed.includes("tags")) out.tags = userTags(ctx.tags ?? {});
  return out;
}

/** The outputs with `ownerAccountId: accountId`; unchanged when STS could not be asked. */
export function withOwnerAccount(
  outputs: KmsInstanceOutputs,
  accountId: string | undefined,
): KmsInstanceOutputs {
  return accountId === undefined ? outputs : { ...outputs, ownerAccountId: accountId };
}

/**
 * Splits freshly read outputs into the engine's read result: the outputs, unchanged, and the
 * inputs refresh stores (`kmsInstanceId`, `region`, each managed property's `readBack`,
 * `watchQuota`). Never output-only fields such as status or end date: they would diff on every run.
 */
export function readResult(live: KmsInstanceOutputs): {
  outputs: KmsInstanceOutputs;
  inputs: KmsInstanceInputs;
} {
  const inputs: KmsInstanceInputs = { kmsInstanceId: live.kmsInstanceId, region: live.region };
  const record = inputs as unknown as Record<string, unknown>;
  const stored = live as unknown as Readonly<Record<string, unknown>>;
  for (const property of canonicalManaged(live.managedProperties ?? [])) {
    const value = moduleOf(property).readBack(property, stored);
    if (value !== undefined) record[property] = value;
  }
  // Refresh must keep it, or it would diff next time.
  if (live.watchQuota === true) inputs.watchQuota = true;
  return { outputs: live, inputs };
}
