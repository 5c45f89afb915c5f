/**
 * The public contracts of the KMS instance API emulator: options, the running handle, the seed
 * format, the control surface and fault injection. Other parts of the project code against these.
 */
/** An access key pair the emulator accepts. */
export interface AccessKeyPair {
  /** The AccessKeyId the client sends in `Credential=` (ACS3) or `AccessKeyId` (v2). */
  accessKeyId: string;
  /** The secret the signature is computed with; never logged. */
  accessKeySecret: string;
  /** The account the key belongs to (what STS `GetCallerIdentity` answers). @default EMULATOR_ACCOUNT_ID */
  accountId?: string;
}

/** An STS credential triple: the key is only valid together with its security token. */
export interface StsCredential extends AccessKeyPair {
  /** The token the client sends in `x-acs-security-token` (ACS3) or `SecurityToken` (v2). */
  securityToken: string;
}

/** Temporary credentials minted by STS `AssumeRole` (kept so tests can look for leaks). */
export interface IssuedSession extends Required<StsCredential> {
  /** The role assumed. */
  roleArn: string;
  /** The `RoleSessionName` asked for. */
  sessionName: string;
  /** When the session ends, as STS writes it (`2015-04-09T11:52:19Z`). */
  expiration: string;
}

/** How to start an emulator; every field is optional. */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
  /** Seed data: an object or the path of a JSON seed file. @default the built-in default seed */
  seed?: SeedFile | string;
  /**
   * When set, every mutation is written here atomically and the file is reloaded at start; the
   * signature nonces of the last 15 minutes are kept beside it in `<statePath>.nonces`.
   */
  statePath?: string;
  /** Accepted static keys. @default [the documented test key] */
  accessKeys?: AccessKeyPair[];
  /** Accepted STS triples, in addition to the documented test triple. */
  stsTokens?: StsCredential[];
  /** Region served by `POST /`. @default "cn-hangzhou" */
  defaultRegion?: string;
  /** How long an instance stays `Connecting` after `ConnectKmsInstance`. @default 2000 */
  connectDelayMs?: number;
  /** Receives one line per request; unset means silent. */
  log?: (line: string) => void;
  /**
   * RAM role ARNs STS `AssumeRole` can assume. @default the role `emulator-role` in the account
   * of every accepted key (`acs:ram::<account>:role/emulator-role`)
   */
  roles?: string[];
  /**
   * A second, HTTPS listener serving the same API and state (STS `AssumeRole` through
   * `@alicloud/credentials` speaks only HTTPS). Unset: HTTP only.
   */
  tls?: EmulatorTlsOptions;
}

/** The HTTPS listener of an emulator. */
export interface EmulatorTlsOptions {
  /** PEM certificate (chain) the listener presents. */
  cert: string | Buffer;
  /** PEM private key of the certificate. */
  key: string | Buffer;
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
}

/** Where the HTTPS listener of a running emulator is. */
export interface EmulatorTlsEndpoint {
  /** Base URL, e.g. `https://127.0.0.1:PORT`. */
  url: string;
  /** `host:port`, what `@alicloud/credentials` `withStsEndpoint` takes. */
  endpoint: string;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** `host:port`, what `@alicloud/openapi-client` `Config.endpoint` takes. */
  endpoint: string;
  /** The URL that serves one region, e.g. `http://127.0.0.1:PORT/cn-shanghai`. */
  regionUrl(region: string): string;
  /** `http://127.0.0.1:PORT/{region}`: the provider substitutes the region. */
  endpointTemplate: string;
  /** Out-of-band control: instances, faults, counters. */
  control: EmulatorControl;
  /** The HTTPS listener, when `tls` was given. */
  tls?: EmulatorTlsEndpoint;
  /** Every temporary credential STS `AssumeRole` minted, oldest first (tests search for leaks). */
  issuedSessions(): readonly IssuedSession[];
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** One instance of a seed or state file. */
export interface SeedInstance {
  /** The region the instance lives in; it is only reachable through this region's path. */
  RegionId: string;
  /** Fields exactly as `GetKmsInstance` returns them (`InstanceId` is required). */
  KmsInstance: Record<string, unknown>;
  /** Instance tags, key → value. */
  Tags?: Record<string, string>;
  /**
   * The account that owns the instance: only its keys see it (another account's get
   * `Forbidden.DKMSInstanceNotFound`, and an empty listing). @default EMULATOR_ACCOUNT_ID
   */
  OwnerId?: string;
  /**
   * What `GetKmsInstanceQuotaInfos` answers as `UsedQuantity`, per resource type (`key`,
   * `secret`, `qps`, `vpc`): the emulator holds no keys or secrets to count. An absent type
   * answers 0, except `vpc`, which then counts the bound VPCs.
   */
  QuotaUsed?: Partial<Record<"key" | "secret" | "qps" | "vpc", number>>;
  /**
   * Its renewal state, as BssOpenApi `QueryAvailableInstances` answers it and `SetRenewal`
   * changes it. @default { RenewStatus: "ManualRenewal" } (no period)
   */
  Renewal?: SeedRenewal;
}

/** An instance's renewal state (the BSS field names). */
export interface SeedRenewal {
  /**
   * `AutoRenewal`: renewed for the period at the end date; `ManualRenewal`: the owner renews;
   * `NotRenewal`: left to expire.
   */
  RenewStatus: "AutoRenewal" | "ManualRenewal" | "NotRenewal";
  /** The auto-renewal period, 1–36 units; present exactly when `RenewStatus` is `AutoRenewal`. */
  RenewalDuration?: number;
  /** `M` months or `Y` years; present exactly with `RenewalDuration`. */
  RenewalDurationUnit?: "M" | "Y";
}

/**
 * The Alibaba Cloud site an account is registered on. BSS answers an international account's
 * `_cn` product types, and a domestic account's `_intl` ones, with `NotApplicable`.
 */
export type AccountSite = "domestic" | "intl";

/** An account of a seed: what the emulator knows of it beyond its keys. */
export interface SeedAccount {
  /** The account id, 1–20 digits (what its keys' `accountId` and an instance's `OwnerId` hold). */
  AccountId: string;
  /** Its site. @default "domestic" */
  Site?: AccountSite;
}

/** The seed file format. */
export interface SeedFile {
  /** Every instance the emulator starts with. */
  instances: SeedInstance[];
  /** Accounts that are not domestic (an account not listed is domestic). */
  accounts?: SeedAccount[];
}

/** A patch for {@link EmulatorControl.patchInstance}. */
export interface InstancePatch {
  /** Shallow-merged into `KmsInstance`; a field set to `null` is removed. */
  KmsInstance?: Record<string, unknown>;
  /** Replaces all tags; `null` removes them. */
  Tags?: Record<string, string> | null;
  /** Moves the instance to another region. */
  RegionId?: string;
  /** Replaces the used counts of `GetKmsInstanceQuotaInfos`; `null` removes them. */
  QuotaUsed?: SeedInstance["QuotaUsed"] | null;
  /** Replaces the renewal state; `null` removes it (back to `ManualRenewal`). */
  Renewal?: SeedRenewal | null;
}

/** One answered (or dropped) request of the signed API. */
export interface RequestLogEntry {
  /** ISO time the request arrived. */
  time: string;
  /** The action requested, `""` when it could not be read. */
  action: string;
  /** The region the path selected (`""` when the path was invalid). */
  region: string;
  /**
   * `KmsInstanceId` (or the first `ResourceId.1`, or BSS's first `InstanceIDs` id) when the
   * request named one.
   */
  instanceId?: string;
  /** HTTP status; 0 when the connection was reset by a fault. */
  status: number;
  /** Error code of a failed request; `InjectedOkBody` for a 200 from the `okBody` fault. */
  code?: string;
  /**
   * The request's parameters (query and form body merged) as the server decoded them, without
   * the old signature's credential and signature parameters: what the contract tests compare
   * with the contract table.
   */
  params?: Record<string, string>;
  /** Time spent, in milliseconds. */
  ms: number;
}

/** Counters by action and HTTP status. */
export interface EmulatorStats {
  /** Every request of the signed API counted so far. */
  total: number;
  /** action → HTTP status (as a string) → count; action `""` when unknown. */
  byAction: Record<string, Record<string, number>>;
}

/** An injected error: the code, HTTP status and optional message to answer with. */
export interface InjectedError {
  /** Error code, e.g. `ServiceUnavailableTemporary`. */
  code: string;
  /** HTTP status, e.g. 503. */
  status: number;
  /** Message; defaults to a generic one. */
  message?: string;
}

/** Faults applied to the signed API. Setting faults replaces the previous set. */
export interface FaultSpec {
  /** Limit every fault to these actions. @default all signed API actions */
  actions?: string[];
  /** More than N requests in one second answer `Throttling.User` with HTTP 400. */
  throttleRps?: number;
  /** The next `count` requests fail with the given error. */
  failNext?: InjectedError & { count: number };
  /** This fraction (0–1) of requests fails with the given error. */
  failRatio?: InjectedError & { ratio: number };
  /** Added delay before every answer, in milliseconds. */
  latencyMs?: number;
  /** Destroy the socket without a response for the next N requests. */
  resetNext?: number;
  /**
   * Added delay after the action ran, before its answer, in milliseconds: the service took the
   * request and answers slowly (a client whose read timeout expires meanwhile was not told).
   */
  answerLatencyMs?: number;
  /**
   * Run the action, then destroy the socket without its answer, for the next N requests that
   * succeed: the service took the request and the answer was lost (a reset after sending).
   */
  resetAfterNext?: number;
  /** The next N requests answer 502 with an HTML body. */
  nonJson5xxNext?: number;
  /**
   * Requests answer HTTP 200 with exactly this JSON body, as a proxy or a misrouted endpoint
   * would: the next `count` requests, or every request until the faults are cleared.
   */
  okBody?: OkBodyFault;
}

/** An HTTP 200 that is not the service's answer (see {@link FaultSpec.okBody}). */
export interface OkBodyFault {
  /** The JSON object sent as the body, e.g. `{ "RequestId": "x" }`. */
  body: Record<string, unknown>;
  /** How many requests get it; absent means every request until the faults are cleared. */
  count?: number;
}

/** The control surface, in process; the HTTP routes under `/_emulator/` mirror it. */
export interface EmulatorControl {
  /** Every instance, in insertion order. */
  listInstances(): SeedInstance[];
  /** One instance by id, or undefined. */
  getInstance(id: string): SeedInstance | undefined;
  /** Adds or replaces an instance (validated like a seed entry). */
  putInstance(instance: SeedInstance): void;
  /** Shallow-merges `KmsInstance` fields, replaces `Tags`, moves `RegionId`; throws when absent. */
  patchInstance(id: string, patch: InstancePatch): SeedInstance;
  /** Removes an instance; false when it did not exist. */
  deleteInstance(id: string): boolean;
  /** An account's site as BSS sees it (`domestic` unless the seed or {@link putAccount} said otherwise). */
  getAccount(accountId: string): Required<SeedAccount>;
  /** Sets an account's site (validated like a seed entry; an absent `Site` means domestic). */
  putAccount(account: SeedAccount): void;
  /** Replaces the current faults. */
  setFaults(faults: FaultSpec): void;
  /** Removes every fault. */
  clearFaults(): void;
  /** The current faults (what remains of the counted ones). */
  faults(): FaultSpec;
  /** Counters by action and status. */
  stats(): EmulatorStats;
  /** The most recent requests (up to 1000), oldest first. */
  requests(): RequestLogEntry[];
  /** Clears counters and the request log. */
  resetStats(): void;
  /** Back to the seed (instances and accounts), no faults, counters cleared. */
  reset(): void;
}
