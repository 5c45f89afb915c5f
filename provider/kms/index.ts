/**
 * The KMS instance API client: typed calls over `@alicloud/openapi-client`, settings and
 * endpoint resolution, error classification and bounded retry. Plain TypeScript, no Pulumi.
 */
export * from "./types";
export {
  KmsClient,
  KMS_API_VERSION,
  INSTANCE_RESOURCE_TYPE,
  DEFAULT_LIST_PAGE_SIZE,
  TAGS_PER_CALL,
} from "./client";
export type {
  ListKmsInstancesOptions,
  ListAllKmsInstancesOptions,
  UpdateKmsInstanceOptions,
  SetDeletionProtectionOptions,
  ConnectKmsInstanceOptions,
  QuotaResourceType,
  KmsClientOptions,
} from "./client";
export {
  resolveEndpoint,
  resolveStsEndpoint,
  endpointPinsRegion,
  endpointRegionConflict,
  endpointUrl,
  regionNamedByEndpoint,
  REGION_PLACEHOLDER,
  DEFAULT_STS_ENDPOINT,
} from "./endpoint";
export type { KmsEndpoint } from "./endpoint";
export { isValidRegion } from "./region";
export {
  KmsError,
  classifyError,
  isNotFound,
  notKmsApiDetail,
  INSTANCE_NOT_FOUND_CODE,
  toKmsError,
  parseError,
  formatKmsErrorMessage,
  redact,
  RETRYABLE_KINDS,
} from "./errors";
export type { KmsErrorKind, KmsErrorInit, CallContext, ParsedError } from "./errors";
export {
  withRetry,
  isRetryable,
  backoffDelay,
  DEFAULT_MAX_ELAPSED_MS,
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_MAX_ATTEMPTS,
} from "./retry";
export type { RetryOptions, RetryInfo } from "./retry";
export {
  resolveKmsSettings,
  resolveRegion,
  settingsForRegion,
  CONFIG_KEYS,
  ENV_KEYS,
  NO_REGION_MESSAGE,
  DEFAULT_RETRY_TIMEOUT_SECONDS,
  DEFAULT_EXPIRY_WARNING_DAYS,
  DEFAULT_READ_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
} from "./settings";
export type {
  KmsSettings,
  KmsSettingsInput,
  RegionSource,
  RegionResolution,
  CredentialSource,
} from "./settings";
export { StsClient, STS_API_VERSION } from "./sts-client";
export type { CallerIdentity, StsClientOptions } from "./sts-client";
export { getKmsClient, poolKey, kmsClientPoolSize, clearKmsClientPool } from "./pool";
export {
  RateController,
  processLimiter,
  resetProcessLimiter,
  DEFAULT_LIMITER_POLICY,
} from "./limiter";
export type { CallLimiter, LimiterPolicy } from "./limiter";
export { collectCallStats, recordRetry } from "./call-stats";
export type { CallStats } from "./call-stats";
export {
  CredentialsUnavailableError,
  noCredentialsMessage,
  credentialResolutions,
  clearSharedCredentials,
} from "./credentials";
export type { ChainSurroundings } from "./credentials";
export { timeoutDetail } from "./timeouts";
export { flattenQuery } from "./query";
export type { QueryValue } from "./query";
