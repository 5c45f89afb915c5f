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
} from "./operations";
export type { ReadOutcome } from "./operations";
export { fetchLive } from "./fetch-live";
export { configDeps } from "./config-deps";
export { UNKNOWN_VALUE, isUnknown } from "./unknown";
export type { ConfigSource } from "./config-deps";
export { notFoundForAdoptMessage, notFoundForGetMessage, releasedMessage } from "./messages";
