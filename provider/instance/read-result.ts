import { canonicalManaged } from "./managed-of";
import type { KmsInstanceInputs, KmsInstanceOutputs } from "./model";
import { moduleOf } from "./properties";

/** What a read returns to the engine: new outputs, and the inputs refresh stores with them. */
export interface InstanceReadResult {
  /** The live outputs, unchanged. */
  outputs: KmsInstanceOutputs;
  /** `kmsInstanceId`, `region` and the live values of exactly the managed properties. */
  inputs: KmsInstanceInputs;
}

/**
 * Splits freshly read outputs into the engine's read result. The inputs hold only what a program
 * can declare — never output-only fields such as status or end date, which would show as a diff
 * on every run. For a managed property the API did not return, the inputs carry the API's
 * default where it has one (each module's `readBack`: deletion protection `false`, bound VPCs
 * `[]`, tags `{}`); an absent name or description is left out (there is no default to claim).
 * `watchQuota: true` is carried over from the outputs.
 */
export function readResult(live: KmsInstanceOutputs): InstanceReadResult {
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
