/**
 * The wide baseline's answers, taken from the provider itself: the outputs and read inputs the
 * KmsInstance provider produces for a fleet instance (the same core read its dynamic
 * adapter calls), so the baseline stays as wide as the real resource whatever outputs it gains.
 */
import type { RunningEmulator } from "../../emulator";
import { KmsCore } from "../../provider/core/kms-core";
import { registeredProps } from "../../sdk/output-properties";
import { FLEET_REGION, fleetInstanceId } from "./fleet";
import type { WideTemplate } from "./workspace";

/**
 * Reads fleet instance 0 (which must be seeded) through the provider's read path with `config`
 * (the stack config the subject gets), and returns what the wide baseline answers with.
 */
export async function wideTemplate(
  emu: RunningEmulator,
  config: Record<string, string>,
): Promise<WideTemplate> {
  const core = new KmsCore({
    config: (key) => config[key],
    env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    warn: (message) => {
      throw new Error(`unexpected warning on the template instance: ${message}`);
    },
    info: () => undefined,
  });
  const id = fleetInstanceId(0);
  const read = await core.read({
    kmsInstanceId: id,
    stored: { region: FLEET_REGION, managedProperties: [] },
    firstRead: "none",
    noRegion: {},
  });
  if (!read.found) throw new Error(`fleet instance ${id} is not in the emulator (${emu.url})`);
  return {
    outputs: { ...read.outputs },
    inputs: { ...read.inputs },
    registered: Object.keys(registeredProps({})),
  };
}
