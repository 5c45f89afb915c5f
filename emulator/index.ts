/**
 * A local, signature-verifying emulator of the Alibaba Cloud KMS instance API (2016-01-20), with
 * the STS and BssOpenApi (renewal) actions the provider calls beside it: the embedded default for
 * tests, the demo and anyone without an Alibaba Cloud account.
 */
export { startEmulator, DEFAULT_REGION, DEFAULT_CONNECT_DELAY_MS } from "./server";
export type {
  AccessKeyPair,
  AccountSite,
  EmulatorControl,
  EmulatorOptions,
  EmulatorStats,
  EmulatorTlsEndpoint,
  EmulatorTlsOptions,
  FaultSpec,
  InjectedError,
  InstancePatch,
  IssuedSession,
  OkBodyFault,
  RequestLogEntry,
  RunningEmulator,
  SeedAccount,
  SeedFile,
  SeedInstance,
  SeedRenewal,
  StsCredential,
} from "./types";
export {
  OTHER_ACCOUNT_KEY,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  TEST_EXPIRED_STS,
  TEST_STS,
} from "./credentials";
export {
  EMULATOR_ROLE_NAME,
  ROLE_DURATION_RANGE,
  STS_API_VERSION,
  emulatorRoleArn,
} from "./sts-actions";
export {
  DEFAULT_CA_CERTIFICATE_CHAIN_PEM,
  DEFAULT_SEED_IDS,
  DEFAULT_SEED_REGIONS,
  EMULATOR_ACCOUNT_ID,
  EXPIRING_IN_DAYS,
  OTHER_ACCOUNT_ID,
  defaultSeed,
} from "./default-seed";
export { API_VERSION } from "./actions";
export { BSS_API_VERSION } from "./bss-actions";
export { SeedFileError } from "./seed";
export { EmulatorStartError, type EmulatorStartErrorKind } from "./start-error";
export { StateFileError } from "./state-file";
export { signAcs3, type Acs3SignInput, type SignedRequest } from "./signer";
export { CONTROL_HEADER, CONTROL_HEADERS } from "./control-guard";
export {
  connectNow,
  REFUSED_WHEN_UNINITIALIZED,
  REJECTED_UNINITIALIZED,
  REJECTED_UNINITIALIZED_STATUS,
  type ConnectNowOptions,
} from "./uninitialized";
