/**
 * Stack config as a program sees it (`pulumi.runtime.setConfig`), pointed at an emulator: the
 * SDK's read functions then sign with the emulator's test key and confirm a missing instance
 * with STS GetCallerIdentity, which the emulator answers too.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RunningEmulator } from "../../../emulator";
import { emulatorConfig } from "../../support/emulator-deps";

/** The default region of the SDK suites' programs. */
export const PROGRAM_REGION = "cn-hangzhou";

/** Sets the program's config to reach `emu` (test key, KMS and STS endpoints, region). */
export function setEmulatorProgramConfig(emu: RunningEmulator): void {
  const config = emulatorConfig(emu, { "alicloud:region": PROGRAM_REGION });
  for (const [key, value] of Object.entries(config)) pulumi.runtime.setConfig(key, value);
}
