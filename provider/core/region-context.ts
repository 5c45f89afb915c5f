/**
 * The `Host` an adapter hands the core and the `RegionContext` built once per region and core;
 * the session below it (credentials, limiter, clients, caller account) is shared per credential
 * identity across the process (`kms/session.ts`).
 */
import type { PropertyApi } from "../instance";
import type { KmsClient } from "../kms/client";

/** Where messages to the person running Pulumi go. */
export interface Log {
  warn(message: string): void;
  info(message: string): void;
}

/** What an adapter gives the core: configuration and its default place for messages. */
export interface Host extends Log {
  /** A Pulumi config value by full key (`alicloud:region`), undefined when unset. */
  config(key: string): string | undefined;
  /** The environment (usually `process.env`). */
  env: NodeJS.ProcessEnv;
}

/**
 * The KMS API calls the lifecycle makes, a subset of `KmsClient` so tests can count or fake them
 * (`PropertyApi`: the calls that apply an update).
 */
export type InstanceApi = PropertyApi &
  Pick<
    KmsClient,
    | "getKmsInstance"
    | "listTagResources"
    | "queryRenewal"
    | "getKmsInstanceQuotaInfos"
    | "listKmsInstances"
  >;

/** Where the calls go, and what the endpoint settings say about the region they serve. */
export interface EndpointFacts {
  /** The KMS endpoint URL. */
  url: string;
  /** The setting that chose it (`alicloud-kms:endpoint` when none did). */
  setting: string;
  /** True when the endpoint can only serve the resource's region (rule 3 of `gone-evidence.ts`). */
  pinsRegion: boolean;
  /** The region the endpoint's host names, if it names one. */
  namesRegion?: string;
  /** The STS endpoint URL `GetCallerIdentity` goes to. */
  stsUrl: string;
  /** The setting that chose the STS endpoint (`alicloud-kms:stsEndpoint` when none did). */
  stsSetting: string;
}

/** Everything the lifecycle needs for one region. */
export interface RegionContext {
  region: string;
  /** The API (the pooled client in production). */
  api: InstanceApi;
  /** Days before the end date from which a read warns. */
  expiryWarningDays: number;
  /** Percent used (1–100) from which a read with `watchQuota` warns about a quota. */
  quotaWarningPercent: number;
  /** Where the calls go, for weighing a not-found (`gone-evidence.ts`). */
  endpoint: EndpointFacts;
  /** The caller's account (STS, asked once per credential identity); rejects when STS fails. */
  callerAccount(): Promise<string>;
  /**
   * The caller's account to record as `ownerAccountId`; when STS fails, `recorded` (the stored
   * one), after a warning through `log`: a failed lookup erases nothing.
   */
  ownerToRecord(log: Log, recorded: string | undefined): Promise<string | undefined>;
}
