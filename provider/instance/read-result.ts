import { canonicalManaged } from "./managed-of";
import type { KmsInstanceInputs, KmsInstanceOutputs } from "./model";
import { storedBindVpcs, storedBoolean, storedString, storedTags } from "./stored-outputs";

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
 * default where it has one: deletion protection absent → `false`, bound VPCs absent → `[]`,
 * tags absent → `{}`; an absent name or description is left out (there is no default to claim).
 */
export function readResult(live: KmsInstanceOutputs): InstanceReadResult {
  const inputs: KmsInstanceInputs = { kmsInstanceId: live.kmsInstanceId, region: live.region };
  for (const property of canonicalManaged(live.managedProperties ?? [])) {
    switch (property) {
      case "instanceName": {
        const v = storedString(live.instanceName);
        if (v !== undefined) inputs.instanceName = v;
        break;
      }
      case "bindVpcs":
        inputs.bindVpcs = storedBindVpcs(live.bindVpcs) ?? [];
        break;
      case "tags":
        inputs.tags = storedTags(live.tags) ?? {};
        break;
      case "deletionProtection":
        inputs.deletionProtection = storedBoolean(live.deletionProtection) ?? false;
        break;
      case "deletionProtectionDescription": {
        const v = storedString(live.deletionProtectionDescription);
        if (v !== undefined) inputs.deletionProtectionDescription = v;
        break;
      }
    }
  }
  return { outputs: live, inputs };
}
