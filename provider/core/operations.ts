/**
 * The resource's lifecycle over the KMS API: adopt, read, update, release. Both adapters (the
 * dynamic provider and the provider plugin) call these and nothing else; the semantics live in
 * `provider/instance`, the wire in `provider/kms`.
 */
import type { KmsInstanceInputs, KmsInstanceOutputs } from "../instance";
import {
  assertStatusAllows,
  canonicalManaged,
  managedOf,
  operatorWarnings,
  planUpdate,
  quotaWarnings,
  readResult,
  storedAccountId,
  withOwnerAccount,
} from "../instance";
import { isNotFound } from "../kms/errors";
import { NO_REGION_MESSAGE } from "../kms/settings";
import { applyPlan } from "./apply-plan";
import { connectAndWait, ConnectError, type ConnectTiming } from "./connect-instance";
import type { OperationDeps } from "./deps";
import { fetchLive } from "./fetch-live";
import { readQuota } from "./fetch-quota";
import { confirmGone } from "./gone-evidence";
import { goneOnUpdateMessage, notFoundForAdoptMessage, releasedMessage } from "./messages";

/**
 * Thrown when create finds no instance to adopt — a not-found confirmed by `gone-evidence.ts`;
 * no call that changes anything was made.
 */
export class InstanceNotFoundError extends Error {
  /** The instance id that was looked up. */
  readonly kmsInstanceId: string;
  /** The region it was looked up in. */
  readonly region: string;
  constructor(kmsInstanceId: string, region: string) {
    super(notFoundForAdoptMessage(kmsInstanceId, region));
    this.name = "InstanceNotFoundError";
    this.kmsInstanceId = kmsInstanceId;
    this.region = region;
  }
}

/** How a read weighs a not-found. */
export interface ReadOptions {
  /**
   * `state` when `found: false` drops the resource from state (refresh); `report` when the
   * adapter turns it into an error (the first read of a `get` reference, an import).
   * @default "state" (the strict rule)
   */
  stake?: "state" | "report";
}

/** Thrown when update finds, with confirmed evidence, that the instance no longer exists. */
export class InstanceGoneOnUpdateError extends Error {
  /** The instance id that was looked up. */
  readonly kmsInstanceId: string;
  /** The region it was looked up in. */
  readonly region: string;
  constructor(kmsInstanceId: string, region: string) {
    super(goneOnUpdateMessage(kmsInstanceId, region));
    this.name = "InstanceGoneOnUpdateError";
    this.kmsInstanceId = kmsInstanceId;
    this.region = region;
  }
}

/** What a read found: gone, or live outputs with the inputs refresh should store. */
export type ReadOutcome =
  { found: false } | { found: true; outputs: KmsInstanceOutputs; inputs: KmsInstanceInputs };

function regionOf(inputs: { region?: string }): string {
  // check() defaults the region; a read-only reference (`KmsInstance.get`) has no check.
  if (!inputs.region) throw new Error(NO_REGION_MESSAGE);
  return inputs.region;
}

/** What create and update take besides the inputs. */
export interface ChangeOptions {
  /**
   * How connecting an `Uninitialized` instance waits: its budget is the resource's custom
   * create/update timeout where the engine passes one (the plugin), else
   * `DEFAULT_CONNECT_TIMEOUT_MS`.
   */
  connect?: ConnectTiming;
}

/** Re-reads after calls when any were made, else reuses what was read. */
async function settle(
  deps: OperationDeps,
  live: KmsInstanceOutputs,
  inputs: KmsInstanceInputs,
  options: ChangeOptions,
): Promise<KmsInstanceOutputs> {
  const region = regionOf(inputs);
  const managed = managedOf(inputs);
  let calls = planUpdate(live, inputs);
  if (calls.length === 0) return live;
  // Before any call: a change the live status refuses fails whole, naming the property. The
  // gate knows a connection comes first and the rest meet a Connected instance.
  assertStatusAllows(live, inputs);
  const api = deps.forRegion(region).api;
  const id = inputs.kmsInstanceId;
  const connect = calls.find((c) => c.action === "ConnectKmsInstance");
  if (connect !== undefined) {
    await connectAndWait(api, deps, id, connect, options.connect);
    // Tags could not be read before (the service refuses them while Uninitialized): plan the
    // rest against the connected instance.
    calls = planUpdate(await fetchLive(api, id, region, managed), inputs);
  }
  await applyPlan(api, id, calls);
  return fetchLive(api, id, region, managed);
}

/**
 * Create = adopt: reads the existing instance, then applies the declared properties that
 * differ, then re-reads; records the caller's account as `ownerAccountId`. A not-found is
 * weighed by `confirmGone`: confirmed, it throws `InstanceNotFoundError`; otherwise the
 * `GoneNotConfirmedError` that names the suspicion.
 */
export async function adoptInstance(
  deps: OperationDeps,
  inputs: KmsInstanceInputs,
  options: ChangeOptions = {},
): Promise<KmsInstanceOutputs> {
  const region = regionOf(inputs);
  const managed = managedOf(inputs);
  const r = deps.forRegion(region);
  let live: KmsInstanceOutputs;
  try {
    live = await fetchLive(r.api, inputs.kmsInstanceId, region, managed);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await confirmGone(r.probe, { kmsInstanceId: inputs.kmsInstanceId, region, stake: "report" });
    throw new InstanceNotFoundError(inputs.kmsInstanceId, region);
  }
  const owner = await r.ownerToRecord();
  let settled: KmsInstanceOutputs;
  try {
    settled = await settle(deps, live, inputs, options);
  } catch (err) {
    if (!(err instanceof ConnectError)) throw err;
    // The instance exists and is adopted, only not enabled: a partial create keeps it in state
    // (never drop an instance), and the next `up` carries on from its live status.
    const now = withOwnerAccount(
      await fetchLive(r.api, inputs.kmsInstanceId, region, managed),
      owner,
    );
    err.id = inputs.kmsInstanceId;
    err.properties = now as unknown as Record<string, unknown>;
    err.reasons = [err.message];
    throw err;
  }
  const outputs = await withQuota(
    deps,
    withOwnerAccount(settled, owner),
    inputs.watchQuota === true,
  );
  warnAbout(deps, outputs);
  return outputs;
}

/**
 * Read (refresh, or a read-only reference): the live outputs (with the caller's account as
 * `ownerAccountId`, or the stored one when STS fails) and, for the managed properties, the live
 * values as inputs. Only a not-found that `confirmGone` confirms answers `found: false`; an
 * unconfirmed one throws `GoneNotConfirmedError` and every other error propagates, so neither a
 * misconfiguration nor an outage drops an instance from state.
 */
export async function readInstance(
  deps: OperationDeps,
  kmsInstanceId: string,
  stored: {
    region?: string;
    managedProperties?: readonly string[];
    ownerAccountId?: unknown;
    watchQuota?: unknown;
  },
  options: ReadOptions = {},
): Promise<ReadOutcome> {
  const region = regionOf(stored);
  const managed = canonicalManaged(stored.managedProperties ?? []);
  const r = deps.forRegion(region);
  const recordedOwner = storedAccountId(stored.ownerAccountId);
  let live: KmsInstanceOutputs;
  try {
    live = await fetchLive(r.api, kmsInstanceId, region, managed);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    const stake = options.stake ?? "state";
    await confirmGone(r.probe, { kmsInstanceId, region, stake, recordedOwner });
    return { found: false };
  }
  // Found with these credentials: their account is the owner (the stored one if STS fails).
  const owned = withOwnerAccount(live, (await r.ownerToRecord()) ?? recordedOwner);
  const outputs = await withQuota(deps, owned, stored.watchQuota === true);
  warnAbout(deps, outputs);
  return { found: true, ...readResult(outputs) };
}

/**
 * Update: plans against the live state (read fresh, so tags and lists are exact even when
 * stored outputs are stale), applies only the calls that differ, then re-reads; records the
 * caller's account as `ownerAccountId` (absent, after a warning, when STS fails).
 */
export async function updateInstance(
  deps: OperationDeps,
  kmsInstanceId: string,
  news: KmsInstanceInputs,
  stored: { ownerAccountId?: string } = {},
  options: ChangeOptions = {},
): Promise<KmsInstanceOutputs> {
  const region = regionOf(news);
  const r = deps.forRegion(region);
  let live: KmsInstanceOutputs;
  try {
    live = await fetchLive(r.api, kmsInstanceId, region, managedOf(news));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    // The same evidence as refresh and adopt: a wrong endpoint or another account's keys must
    // be named as such, not reported as a missing instance.
    await confirmGone(r.probe, {
      kmsInstanceId,
      region,
      stake: "report",
      recordedOwner: stored.ownerAccountId,
    });
    throw new InstanceGoneOnUpdateError(kmsInstanceId, region);
  }
  const owner = await r.ownerToRecord();
  const settled = withOwnerAccount(
    await settle(deps, live, { ...news, kmsInstanceId }, options),
    owner,
  );
  const outputs = await withQuota(deps, settled, news.watchQuota === true);
  warnAbout(deps, outputs);
  return outputs;
}

/** Delete = release from management: no API call; says the instance keeps running. */
export function releaseInstance(deps: OperationDeps, kmsInstanceId: string, region: string): void {
  deps.info(releasedMessage(kmsInstanceId, region));
}

/**
 * With `watchQuota`, the outputs plus `watchQuota: true` and the quota usage (four more calls,
 * after the instance was found; none for an instance the service says is not enabled yet);
 * without it, the outputs unchanged, so a read stays one call.
 */
async function withQuota(
  deps: OperationDeps,
  outputs: KmsInstanceOutputs,
  watch: boolean,
): Promise<KmsInstanceOutputs> {
  if (!watch) return outputs;
  const api = deps.forRegion(outputs.region).api;
  const quota = await readQuota(api, outputs.kmsInstanceId, outputs.region);
  return { ...outputs, watchQuota: true, ...(quota !== undefined ? { quota } : {}) };
}

function warnAbout(deps: OperationDeps, outputs: KmsInstanceOutputs): void {
  const region = deps.forRegion(outputs.region);
  for (const w of operatorWarnings(outputs, new Date(), region.expiryWarningDays)) deps.warn(w);
  if (outputs.quota !== undefined) {
    for (const w of quotaWarnings(outputs, outputs.quota, region.quotaWarningPercent)) {
      deps.warn(w);
    }
  }
}
