/**
 * The read path: a `GetKmsInstance` body to outputs, the owner account added, and the outputs
 * split into the engine's read result.
 */
import type { ApiKmsInstance } from "../kms/types";
import { OUTPUT_FIELDS, OUTPUT_NAMES, type OutputField } from "./fields";
import { canonicalManaged, type KmsInstanceInputs, type KmsInstanceOutputs } from "./model";
import { moduleOf, type ManagedProperty } from "./properties";
import { liveConnection } from "./properties/connection";
import { userTags } from "./properties/tags";

/**
 * Maps a `GetKmsInstance` body, read in `ctx.region` for the declared `ctx.kmsInstanceId`, to
 * outputs: every row of `OUTPUT_FIELDS` with an API source appears when its decoder finds a
 * usable value, and is an absent key otherwise (never `""`,
 * `null`, `undefined` or `NaN`: the decoders in `fields.ts` say what each accepts and why an
 * empty value the API sends is absent too). `connection` gathers `vpcId`, `zoneIds` and
 * `vswitchIds` when managed and `vpcId` is present. `tags` is present exactly when "tags" is
 * managed: the live user tags of `ctx.tags` (from ListTagResources; system tags are dropped here),
 * `{}` when none were read. `ctx.managed` lists the declared properties in any order; they are
 * stored in the fixed order.
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

/**
 * The outputs with `ownerAccountId` set to `accountId`, or unchanged when it is undefined (STS
 * could not be asked: an absent key, never `""`).
 */
export function withOwnerAccount(
  outputs: KmsInstanceOutputs,
  accountId: string | undefined,
): KmsInstanceOutputs {
  return accountId === undefined ? outputs : { ...outputs, ownerAccountId: accountId };
}

/**
 * Splits freshly read outputs into the engine's read result: the live outputs, unchanged, and the
 * inputs refresh stores with them (`kmsInstanceId`, `region` and the live values of exactly the
 * managed properties). The inputs hold only what a program can declare — never output-only fields such as status or end date, which would show as a diff
 * on every run. For a managed property the API did not return, the inputs carry the API's
 * default where it has one (each module's `readBack` says which), else leaves it out.
 * `watchQuota: true` is carried over from the outputs.
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
  // The provider's own option, as stored: refresh must keep it, or it would diff next time.
  if (live.watchQuota === true) inputs.watchQuota = true;
  return { outputs: live, inputs };
}
