import type { ApiKmsInstance } from "../kms/types";
import { OUTPUT_FIELDS, OUTPUT_NAMES, type OutputField } from "./fields";
import { canonicalManaged } from "./managed-of";
import type { KmsInstanceOutputs } from "./model";
import type { ManagedProperty } from "./properties";
import { userTags } from "./properties/tags";

/** What `toOutputs` needs besides the API body. */
export interface OutputContext {
  /** The declared instance id. */
  kmsInstanceId: string;
  /** The region the instance was read in. */
  region: string;
  /** The properties the program declares (any order; stored in the fixed order). */
  managed: readonly ManagedProperty[];
  /** Live tags from ListTagResources, when tags are managed (system tags are dropped here). */
  tags?: Record<string, string>;
}

/**
 * Maps a `GetKmsInstance` body to outputs: every row of `OUTPUT_FIELDS` with an API source
 * appears when its decoder finds a usable value (see the decoders in `fields.ts` for what each accepts), and
 * is an absent key otherwise — never `""` filled in, `null`, `undefined` or `NaN`; an empty
 * value the API sends (`""`, `[""]`, as for an instance not enabled yet) is absent too.
 * `connection` gathers `vpcId`, `zoneIds` and `vswitchIds` when managed and `vpcId` is present.
 * `tags` is present exactly when "tags" is managed: the live user tags, `{}` when none were read.
 */
export function toOutputs(api: ApiKmsInstance, ctx: OutputContext): KmsInstanceOutputs {
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
  // The network as one value (the `connection` input's form), when managed and the instance has one.
  if (managed.includes("connection") && out.vpcId !== undefined) {
    out.connection = {
      vpcId: out.vpcId,
      zoneIds: out.zoneIds ?? [],
      vswitchIds: out.vswitchIds ?? [],
    };
  }
  if (managed.includes("tags")) out.tags = userTags(ctx.tags ?? {});
  return out;
}
