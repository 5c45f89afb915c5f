/**
 * What the instance operations need from the outside world, as an interface: the adapters (the
 * dynamic provider, the plugin, the SDK functions) build it from their own configuration, and
 * the operations stay free of the engine.
 */
import type { PropertyApi } from "../instance";
import type { ApiKmsInstance } from "../kms/types";
import type { QuotaApi } from "./fetch-quota";
import type { GoneProbe } from "./gone-evidence";

/**
 * The KMS instance API calls the operations make (a subset of `KmsClient`): the reads, and the
 * calls through which the property modules apply an update (`PropertyApi`), and the quota read
 * of `watchQuota` (`QuotaApi`).
 */
export interface InstanceApi extends PropertyApi, QuotaApi {
  /** `GetKmsInstance`; throws a not-found `KmsError` for a missing instance. */
  getKmsInstance(id: string): Promise<ApiKmsInstance>;
  /** `ListTagResources`, every page, as a map. */
  listTagResources(id: string): Promise<Record<string, string>>;
}

/** What the operations need for one region. */
export interface RegionDeps {
  /** The API client (pooled by the adapter). */
  api: InstanceApi;
  /** Days before the end date from which a read warns. */
  expiryWarningDays: number;
  /** Share used (1–100) from which a read with `watchQuota` warns about a quota. */
  quotaWarningPercent: number;
  /** What a not-found is weighed with (`gone-evidence.ts`): the endpoint, STS, the listing. */
  probe: GoneProbe;
  /**
   * The caller's account to record as `ownerAccountId` (STS, asked once per process and
   * credentials); undefined, after a warning, when STS fails.
   */
  ownerToRecord(): Promise<string | undefined>;
}

/** The environment of one operation. */
export interface OperationDeps {
  /** The client and settings for a region; throws a clear error for bad configuration. */
  forRegion(region: string): RegionDeps;
  /** Shows a warning to the person running Pulumi. */
  warn(message: string): void;
  /** Shows an informational message. */
  info(message: string): void;
}
