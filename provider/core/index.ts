/**
 * The instance lifecycle shared by every adapter: adopt, read, update, release over an
 * injected API, plus the sentences shown to people.
 */
export type { InstanceApi, OperationDeps, RegionDeps } from "./deps";
export {
  adoptInstance,
  readInstance,
  updateInstance,
  releaseInstance,
  InstanceNotFoundError,
  InstanceGoneOnUpdateError,
} from "./operations";
export type { ReadOutcome, ReadOptions, ChangeOptions } from "./operations";
export {
  connectAndWait,
  ConnectError,
  DEFAULT_CONNECT_TIMEOUT_MS,
  RAM_ROLE_NOT_FOUND,
} from "./connect-instance";
export type { ConnectTiming } from "./connect-instance";
export { fetchLive } from "./fetch-live";
export { fetchQuota, readQuota } from "./fetch-quota";
export type { QuotaApi } from "./fetch-quota";
export { withEndpointCheck } from "./endpoint-check";
export {
  confirmGone,
  decideGone,
  readListing,
  parseKmsInstanceArn,
  GoneNotConfirmedError,
  LISTING_PAGE_SIZE,
  MAX_LISTING_PAGES,
} from "./gone-evidence";
export type {
  EndpointFacts,
  GoneDecision,
  GoneEvidence,
  GoneProbe,
  GoneSuspicion,
  KmsInstanceArn,
  ListedInstance,
  ListingEvidence,
  CallerEvidence,
} from "./gone-evidence";
export { callerIdentity, ownerToRecord } from "../kms/sts-client";
export { clearSessions } from "../kms/session";
export { configDeps, endpointFacts } from "./config-deps";
export { checkDeps } from "./check-deps";
export type { CheckDeps, CheckSource } from "./check-deps";
export { readForAdapter } from "./read-for-adapter";
export type { AdapterReadOutcome, AdapterReadRequest } from "./read-for-adapter";
export { UNKNOWN_VALUE, isUnknown } from "./unknown";
export type { ConfigDeps, ConfigSource } from "./config-deps";
export {
  noRegionMessage,
  notFoundForAdoptMessage,
  notFoundForGetMessage,
  releasedMessage,
} from "./messages";
export type { NoRegionContext } from "./messages";
