/**
 * The setting of the assume-role scenario: an emulator with an HTTPS listener (STS `AssumeRole`
 * through `@alicloud/credentials` speaks only HTTPS), long-term keys of an account that owns no
 * instance, and `alicloud:assumeRole` naming the emulator's role in the account that owns the
 * seed instances — so adoption works only if every call is signed with the role's keys.
 */
import {
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
  emulatorRoleArn,
  startEmulator,
  type RunningEmulator,
  type SeedInstance,
} from "../../../emulator";
import { TEST_TLS_CERT_PATH, testTls } from "../../support/tls";
import { adoptConfig } from "./fixture";

/** The role the stack assumes. */
export const ROLE_ARN = emulatorRoleArn(EMULATOR_ACCOUNT_ID);

/** The session name the stack asks for (it shows in the role account's audit trail). */
export const SESSION_NAME = "pulumi-e2e";

/** An emulator serving HTTP (KMS) and HTTPS (STS) with the test certificate. */
export function startTlsEmulator(): Promise<RunningEmulator> {
  return startEmulator({ tls: testTls() });
}

/**
 * Stack config adopting `inst` through the role: KMS over the emulator's HTTP endpoint, STS over
 * its HTTPS one; the long-term keys are the other account's (both set as secrets, see
 * {@link ASSUME_ROLE_SECRETS}).
 */
export function assumeRoleConfig(
  emu: RunningEmulator,
  inst: SeedInstance,
): Record<string, unknown> {
  if (!emu.tls) throw new Error("the emulator has no HTTPS listener");
  const config = adoptConfig(emu, inst);
  delete config["alicloud:accessKey"];
  return {
    ...config,
    "alicloud-kms:stsEndpoint": emu.tls.url,
    "alicloud-kms:bssEndpoint": emu.tls.url,
    "alicloud:assumeRole": { roleArn: ROLE_ARN, sessionName: SESSION_NAME },
  };
}

/** The long-term keys, as Pulumi secrets. */
export const ASSUME_ROLE_SECRETS: Record<string, string> = {
  "alicloud:accessKey": OTHER_ACCOUNT_KEY.accessKeyId,
  "alicloud:secretKey": OTHER_ACCOUNT_KEY.accessKeySecret,
};

/**
 * The long-term keys in the environment instead (Terraform's variable names): the engine never
 * sees them, so not even its `-v=9` log of the provider's Configure inputs can show them.
 */
export const ASSUME_ROLE_ENV_KEYS: Record<string, string> = {
  ALICLOUD_ACCESS_KEY: OTHER_ACCOUNT_KEY.accessKeyId,
  ALICLOUD_SECRET_KEY: OTHER_ACCOUNT_KEY.accessKeySecret,
};

/** The variable that makes the provider processes trust the test certificate (read at start). */
export const TRUST_TEST_CERT = { NODE_EXTRA_CA_CERTS: TEST_TLS_CERT_PATH };
