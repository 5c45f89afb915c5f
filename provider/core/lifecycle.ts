/**
 * The calls behind the core's create, read and update and the SDK's reads, for one region:
 * read live (or confirm gone), plan against what was read, apply, re-read, record the owner,
 * read the quota, warn; and the notice of an operation that had to retry. The semantics live in
 * `provider/instance`, the wire in `provider/kms`; `kms-core.ts` says why it loads this module late.
 */
import {
  applyCall,
  assertStatusAllows,
  decodeQuotaInfos,
  isPayAsYouGo,
  managedOf,
  nearEndDate,
  operatorMessages,
  planUpdate,
  QUOTA_RESOURCE_TYPES,
  quotaWarnings,
  readResult,
  storedAccountId,
  toOutputs,
  userTags,
  withOwnerAccount,
  type KmsInstanceInputs,
  type KmsInstanceOutputs,
  type ManagedProperty,
  type QuotaFigure,
  type QuotaResourceKind,
  type QuotaUsage,
} from "../instance";
import { endpointPinsRegion, endpointUrl, regionNamedByEndpoint } from "../kms/endpoint";
import { isNotFound, isUninitializedRejection, KmsError, notKmsApiDetail } from "../kms/errors";
import { collectCallStats, type CallStats } from "../kms/retry";
import { sessionFor } from "../kms/session";
import { endpointSetting, resolveKmsSettings } from "../kms/settings";
import { isRefusal, Refusal } from "../refusal";
import {
  CONNECTING,
  connectAndWait,
  waitWhileConnecting,
  type ConnectTiming,
} from "./connect-instance";
import { confirmGone, readListing, type GoneEvidence, type ListedInstance } from "./gone-evidence";
import type { Host, Log, RegionContext } from "./region-context";

/** The context of `region` over the host's config: settings resolved, client from the session. */
export function regionContext(host: Host, region: string): RegionContext {
  const settings = resolveKmsSettings({ region, config: host.config, env: host.env });
  const session = sessionFor(settings);
  const namesRegion = regionNamedByEndpoint(settings.endpointOverride);
  return {
    region,
    api: session.client(settings),
    expiryWarningDays: settings.expiryWarningDays,
    quotaWarningPercent: settings.quotaWarningPercent,
    endpoint: {
      url: endpointUrl(settings.endpoint),
      setting: endpointSetting(settings, "endpoint"),
      pinsRegion: endpointPinsRegion(settings.region, settings.endpointOverride),
      ...(namesRegion !== undefined ? { namesRegion } : {}),
      stsUrl: endpointUrl(settings.stsEndpoint),
      stsSetting: endpointSetting(settings, "stsEndpoint"),
    },
    callerAccount: async () => (await session.callerIdentity(settings)).accountId,
    ownerToRecord: async (log, recorded) =>
      (await session.ownerToRecord(settings, log.warn)) ?? recorded,
  };
}

/**
 * One notice per operation that had to retry: "kst-…: 62 throttled calls retried (limiter at
 * 18 req/s); read took 6.1 s". Retries are otherwise silent — a throttled refresh would only look
 * slow — and one line per retry would flood the display. The counts come from the KMS client
 * through `collectCallStats`.
 * @param limiterRate the limiter's rate when it paces, for the reader to see why it took long.
 * @returns undefined when nothing was retried.
 */
export function retryNoticeMessage(
  kmsInstanceId: string,
  operation: "create" | "read" | "update",
  stats: CallStats,
  elapsedMs: number,
  limiterRate: number | undefined,
): string | undefined {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts: string[] = [];
  if (stats.throttledRetries > 0) {
    parts.push(plural(stats.throttledRetries, "throttled call", "throttled calls"));
  }
  if (stats.transientRetries > 0) {
    parts.push(plural(stats.transientRetries, "transient failure", "transient failures"));
  }
  if (parts.length === 0) return undefined;
  const limiter =
    stats.throttledRetries > 0 && limiterRate !== undefined
      ? ` (limiter at ${Math.round(limiterRate)} req/s)`
      : "";
  return (
    `${kmsInstanceId}: ${parts.join(" and ")} retried${limiter}; ` +
    `${operation} took ${(elapsedMs / 1000).toFixed(1)} s`
  );
}

/**
 * Runs one operation (the core wraps create, read and update) and, when its API calls were
 * retried, shows exactly one info message saying so (whether the operation then succeeded or
 * failed): {@link retryNoticeMessage}.
 */
export async function withRetryNotice<T>(
  log: Pick<Log, "info">,
  operation: "create" | "read" | "update",
  kmsInstanceId: string,
  fn: () => Promise<T>,
): Promise<T> {
  const started = Date.now();
  const { stats, result } = collectCallStats(fn);
  try {
    return await result;
  } finally {
    const message = retryNoticeMessage(
      kmsInstanceId,
      operation,
      stats,
      Date.now() - started,
      stats.limiter?.rate(),
    );
    if (message !== undefined) log.info(message);
  }
}

/**
 * Reads an instance as it is now: one `GetKmsInstance`, plus `ListTagResources` only when the
 * program manages tags and BSS `QueryAvailableInstances` only when it manages the renewal of a
 * subscription instance (after the instance is found), so a refresh costs one call per instance
 * in the common case. A missing instance surfaces as the client's not-found `KmsError`.
 */
async function fetchLive(
  ctx: RegionContext,
  kmsInstanceId: string,
  managed: readonly ManagedProperty[],
): Promise<KmsInstanceOutputs> {
  // One after the other: a missing instance must cost exactly one call and nothing else.
  const body = await ctx.api.getKmsInstance(kmsInstanceId);
  const tags = managed.includes("tags") ? await ctx.api.listTagResources(kmsInstanceId) : undefined;
  const outputs = toOutputs(body, {
    kmsInstanceId,
    region: ctx.region,
    managed,
    ...(tags !== undefined ? { tags: userTags(tags) } : {}),
  });
  // None is made up for pay-as-you-go (the plan refuses a declared one before any call). BSS not
  // listing an instance that `GetKmsInstance` just found is refused as `renewal`: its renewal can
  // be neither compared nor set, and guessing one would make a diff (or hide one).
  if (!managed.includes("renewal") || isPayAsYouGo(outputs)) return outputs;
  const renewal = await ctx.api.queryRenewal(kmsInstanceId);
  if (renewal !== undefined) return { ...outputs, renewal };
  throw new Refusal(
    "renewal",
    `the renewal of KMS instance ${kmsInstanceId} (${ctx.region}) cannot be read: BSS ` +
      `QueryAvailableInstances does not list it (ProductCode kms, a subscription product type), ` +
      `although GetKmsInstance finds it. Check that the credentials' account bought the instance ` +
      `and that alicloud-kms:bssEndpoint is the BSS OpenAPI of that account's site.`,
    { kmsInstanceId, region: ctx.region },
  );
}

/**
 * The one read path of every operation — refresh, adopt, update, `get`/import and the SDK's
 * `getKmsInstance`: the live outputs, or undefined only when a not-found answer was confirmed by
 * `confirmGone`. An unconfirmed not-found throws the `gone-not-confirmed` refusal naming the
 * suspicion, and every other error propagates, so neither a misconfiguration nor an outage can
 * drop an instance from state. This is the only place the never-drop rule is applied.
 */
export async function readLiveOrGone(
  ctx: RegionContext,
  kmsInstanceId: string,
  managed: readonly ManagedProperty[],
  gone: Pick<GoneEvidence, "stake" | "recordedOwner">,
): Promise<KmsInstanceOutputs | undefined> {
  try {
    return await fetchLive(ctx, kmsInstanceId, managed);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await confirmGone(ctx, { kmsInstanceId, region: ctx.region, ...gone });
    return undefined;
  }
}

/** What a read found: gone, or live outputs with the inputs refresh should store. */
export type ReadOutcome =
  { found: false } | { found: true; outputs: KmsInstanceOutputs; inputs: KmsInstanceInputs };

/**
 * A refresh (`refresh`: the stored outputs name the managed properties) or a first read, with the
 * owner recorded as `apply` records it. A refresh answers a confirmed not-found as gone; a first
 * read has no state to drop, so it says plainly that the instance does not exist (the engine would
 * otherwise say only "does not exist" on import, or succeed with nothing for a reference).
 */
export async function read(
  ctx: RegionContext,
  log: Log,
  kmsInstanceId: string,
  managed: readonly ManagedProperty[],
  stored: Readonly<Record<string, unknown>>,
  refresh: boolean,
): Promise<ReadOutcome> {
  const recordedOwner = storedAccountId(stored.ownerAccountId);
  const gone = { stake: refresh ? "state" : "report", recordedOwner } as const;
  const live = await readLiveOrGone(ctx, kmsInstanceId, managed, gone);
  if (live === undefined && !refresh) {
    throw new Error(notFoundForGetMessage(kmsInstanceId, ctx.region));
  }
  if (live === undefined) return { found: false };
  const owned = withOwnerAccount(live, await ctx.ownerToRecord(log, recordedOwner));
  return { found: true, ...readResult(await finish(ctx, log, owned, stored.watchQuota === true)) };
}

/** A read-only reference (`KmsInstance.get`), an import or `getKmsInstance` whose instance is gone. */
export function notFoundForGetMessage(kmsInstanceId: string, region: string): string {
  return `KMS instance ${kmsInstanceId} does not exist in ${region} or is not visible to these credentials`;
}

/** Re-reads after calls when any were made, else reuses what was read. */
async function settle(
  ctx: RegionContext,
  log: Log,
  live: KmsInstanceOutputs,
  inputs: KmsInstanceInputs,
  managed: readonly ManagedProperty[],
  connect: ConnectTiming | undefined,
): Promise<KmsInstanceOutputs> {
  const id = inputs.kmsInstanceId;
  let current = live;
  let calls = planUpdate(current, inputs);
  if (calls.length === 0) return current;
  if (current.status === CONNECTING) {
    // A connect is under way (or one an interrupted `up` left): the service refuses changes
    // such as UpdateKmsInstanceBindVpc until it finishes; plan against the status it settles in.
    await waitWhileConnecting(ctx.api, log, current, inputs, connect);
    current = await fetchLive(ctx, id, managed);
    calls = planUpdate(current, inputs);
    if (calls.length === 0) return current;
  }
  // Before any call: a change the live status refuses fails whole, naming the property. The
  // gate knows a connection comes first and the rest meet a Connected instance.
  assertStatusAllows(current, inputs);
  const connecting = calls.find((c) => c.action === "ConnectKmsInstance");
  if (connecting !== undefined) {
    await connectAndWait(ctx.api, log, id, connecting, connect);
    // Tags could not be read before (the service refuses them while Uninitialized): plan the
    // rest against the connected instance.
    calls = planUpdate(await fetchLive(ctx, id, managed), inputs);
  }
  // One after another, in the plan's order (rename, bind VPCs, deletion protection, untag,
  // tag). A failure stops the sequence and propagates: the next refresh re-reads, so a
  // half-applied plan shows as drift rather than being hidden.
  for (const call of calls) await applyCall(ctx.api, id, call);
  return fetchLive(ctx, id, managed);
}

/**
 * Create (adopt) and update: reads the existing instance (update too reads it fresh, so tags and
 * lists are exact even when stored outputs are stale, and with the same evidence as refresh: a
 * wrong endpoint or another account's keys must be named as such, not reported as a missing
 * instance), applies only the declared properties that differ, then re-reads; records the
 * caller's account as `ownerAccountId` (when STS fails: the recorded one, after a warning; a
 * failed lookup erases nothing). A confirmed not-found is the `not-found` refusal of create,
 * `gone-on-update` of update. A failed connect of create is a partial create (the refusal
 * carries the id and the outputs read after it), so the engine keeps the adopted instance.
 */
export async function apply(
  ctx: RegionContext,
  log: Log,
  operation: "create" | "update",
  inputs: KmsInstanceInputs,
  recordedOwner: string | undefined,
  connect: ConnectTiming | undefined,
): Promise<KmsInstanceOutputs> {
  const id = inputs.kmsInstanceId;
  const managed = managedOf(inputs);
  const live = await readLiveOrGone(ctx, id, managed, { stake: "report", recordedOwner });
  if (live === undefined) {
    const facts = { kmsInstanceId: id, region: ctx.region };
    if (operation === "update") {
      throw new Refusal(
        "gone-on-update",
        `KMS instance ${id} no longer exists in ${ctx.region} (confirmed: the service's ` +
          `not-found answer, the caller's account and the region's listing); nothing was changed. ` +
          `Run \`pulumi refresh\` to drop it from state, or remove it from the program.`,
        facts,
      );
    }
    throw new Refusal(
      "not-found",
      `KMS instance ${id} does not exist in ${ctx.region} or is not visible to these ` +
        `credentials; this provider adopts existing instances — buy one first ` +
        `(in the console or with alicloud.kms.Instance), then declare its id here`,
      facts,
    );
  }
  const owner = await ctx.ownerToRecord(log, recordedOwner);
  let settled: KmsInstanceOutputs;
  try {
    settled = await settle(ctx, log, live, inputs, managed, connect);
  } catch (err) {
    if (operation === "update" || !isRefusal(err, "connect-failed")) throw err;
    // Adopted, only not enabled: the next `up` carries on from its live status.
    const now = withOwnerAccount(await fetchLive(ctx, id, managed), owner);
    err.id = id;
    err.properties = { ...now };
    err.reasons = [err.message];
    throw err;
  }
  return finish(ctx, log, withOwnerAccount(settled, owner), inputs.watchQuota === true);
}

/**
 * With `watch`, the outputs plus `watchQuota: true` and the quota usage (four more calls, after
 * the instance was found); without it, the outputs unchanged, so a read stays one call. A
 * subscription instance within `expiryWarningDays` of its end date also gets its renewal read
 * (one BSS call) when it was not, so the expiry line can say whether it renews itself; a failure
 * of that read is a warning, never the read's failure. Then the operator's messages (status, end
 * date, quota).
 */
async function finish(
  ctx: RegionContext,
  log: Log,
  outputs: KmsInstanceOutputs,
  watch: boolean,
): Promise<KmsInstanceOutputs> {
  let result = outputs;
  if (watch) {
    const quota = await readQuota(ctx, outputs.kmsInstanceId, outputs.status);
    result = { ...outputs, watchQuota: true, ...(quota !== undefined ? { quota } : {}) };
  }
  const now = new Date();
  if (
    result.renewal === undefined &&
    !isPayAsYouGo(result) &&
    nearEndDate(result, now, ctx.expiryWarningDays)
  ) {
    try {
      const renewal = await ctx.api.queryRenewal(result.kmsInstanceId);
      if (renewal !== undefined) result = { ...result, renewal };
    } catch (err) {
      const why = (err instanceof Error ? err.message : String(err)).replace(/\.$/, "");
      log.warn(
        `whether KMS instance ${result.kmsInstanceId} (${ctx.region}) ` +
          `renews automatically is not known: ${why}. The expiry line below does not say; grant ` +
          `bss:QueryAvailableInstances (see the RAM policy page) or set alicloud-kms:bssEndpoint.`,
      );
    }
  }
  const messages = operatorMessages(result, now, ctx.expiryWarningDays);
  for (const w of messages.warnings) log.warn(w);
  for (const i of messages.infos) log.info(i);
  if (result.quota !== undefined) {
    for (const w of quotaWarnings(result, result.quota, ctx.quotaWarningPercent)) log.warn(w);
  }
  return result;
}

/**
 * The statuses of an instance that is not enabled yet, for which `Rejected.Uninitialized` from
 * the quota read is believable: "not enabled" and "connecting" in the response model's status
 * list (aliyun/alibabacloud-csharp-sdk kms-20160120 `GetKmsInstanceResponseBody.cs`, `Status`).
 */
const NOT_ENABLED_STATUSES: ReadonlySet<string> = new Set(["Uninitialized", "Connecting"]);

/**
 * The quota usage: `GetKmsInstanceQuotaInfos` once per resource type, one after the other (a
 * failure stops the rest), because the request names one `ResourceType`
 * (shared/reference/kms-instance-api.md; the request model of aliyun/alibabacloud-php-sdk
 * kms-20160120 `GetKmsInstanceQuotaInfosRequest.php` has exactly `KmsInstanceId` and
 * `ResourceType`), and no source says that omitting it returns every type. Every answer is
 * checked against the question: one that names no instance or another one, or lacks exactly one
 * decodable row of the type asked, is an `unexpected` `KmsError` (`decodeQuotaInfos`): a wrong
 * figure must never pass for a real one.
 *
 * Undefined (no quota) only when the service refuses it with `Rejected.Uninitialized` *and*
 * `status`, the status `GetKmsInstance` just read, says the instance is not enabled yet: the
 * service answers the tag APIs so for such an instance (terraform-provider-alicloud PR #9320);
 * whether it does so for quota is not documented, so both answers are handled. The same refusal
 * for an instance read as `Connected` (or any enabled status) contradicts that read: an
 * `unexpected` `KmsError` naming both answers, so the read fails and no stored quota is erased.
 */
export async function readQuota(
  ctx: Pick<RegionContext, "api" | "region">,
  kmsInstanceId: string,
  status: string | undefined,
): Promise<QuotaUsage | undefined> {
  // No `code`: such an error must not pass for the refusal itself (`isUninitializedRejection`).
  const unexpected = (detail: string, requestId?: string) =>
    new KmsError({
      kind: "unexpected",
      action: "GetKmsInstanceQuotaInfos",
      region: ctx.region,
      instanceId: kmsInstanceId,
      ...(requestId !== undefined ? { requestId } : {}),
      detail,
    });
  const usage: Partial<Record<QuotaResourceKind, QuotaFigure>> = {};
  try {
    for (const type of QUOTA_RESOURCE_TYPES) {
      const body = await ctx.api.getKmsInstanceQuotaInfos(kmsInstanceId, type);
      const decoded = decodeQuotaInfos(body, type, kmsInstanceId);
      if ("problem" in decoded) {
        throw unexpected(`${decoded.problem}: the endpoint may not be the KMS API`);
      }
      usage[type] = decoded.figure;
    }
  } catch (err) {
    if (!isUninitializedRejection(err)) throw err;
    if (status !== undefined && NOT_ENABLED_STATUSES.has(status)) return undefined;
    throw unexpected(
      `the answers contradict each other: GetKmsInstance reads the instance as ` +
        `${status === undefined ? "having no status" : `status ${status}`}, but ` +
        `GetKmsInstanceQuotaInfos refused it with ${err.code} (not enabled yet). The read ` +
        `fails and nothing stored is changed; retry once the two agree`,
      err.requestId,
    );
  }
  return usage as QuotaUsage;
}

/**
 * Every instance of the region through the one paginator (`readListing`); a failed page throws
 * its error, and a listing that is not one is an `unexpected` `KmsError`.
 */
export async function listAll(
  ctx: Pick<RegionContext, "api" | "region" | "endpoint">,
  filters?: { Key: string; Values: string[] }[],
): Promise<ListedInstance[]> {
  const listing = await readListing(ctx.api, filters);
  if ("malformed" in listing) {
    throw new KmsError({
      kind: "unexpected",
      action: "ListKmsInstances",
      region: ctx.region,
      detail: notKmsApiDetail(ctx.endpoint.url, listing.malformed, ctx.endpoint.setting),
    });
  }
  return listing.instances;
}
