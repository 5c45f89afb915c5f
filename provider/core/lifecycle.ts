/**
 * The API calls behind the core's create, read and update and the SDK's reads, for one region
 * (semantics in `provider/instance`, wire in `provider/kms`); loaded late (see `kms-core.ts`).
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

/** The context of `region`: settings resolved from the host, client from the session. */
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
 * The notice of an operation that retried: "kst-…: 62 throttled calls retried (limiter at 18
 * req/s); read took 6.1 s". Retries are otherwise silent (a throttled refresh would only look
 * slow), and one line per retry would flood the display.
 * @param limiterRate the limiter's rate when it paces, to show why it took long.
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
 * Runs one operation and, when its calls were retried (counted by `collectCallStats`), shows one
 * {@link retryNoticeMessage} as info, whether it then succeeded or failed.
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
 * The instance as it is now: `GetKmsInstance`, plus `ListTagResources` only when tags are managed
 * and BSS `QueryAvailableInstances` only when the renewal of a subscription instance is, so a
 * refresh usually costs one call. A missing instance throws the client's not-found `KmsError`.
 */
async function fetchLive(
  ctx: RegionContext,
  kmsInstanceId: string,
  managed: readonly ManagedProperty[],
): Promise<KmsInstanceOutputs> {
  // One after the other: a missing instance must cost exactly one call.
  const body = await ctx.api.getKmsInstance(kmsInstanceId);
  const tags = managed.includes("tags") ? await ctx.api.listTagResources(kmsInstanceId) : undefined;
  const outputs = toOutputs(body, {
    kmsInstanceId,
    region: ctx.region,
    managed,
    ...(tags !== undefined ? { tags: userTags(tags) } : {}),
  });
  // None is made up for pay-as-you-go (the plan refuses a declared one). BSS not listing an
  // instance `GetKmsInstance` found is refused as `renewal`: its renewal can be neither compared
  // nor set, and a guess would make (or hide) a diff.
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
 * Every operation's read: the live outputs, or undefined only for a not-found `confirmGone`
 * confirmed. Any other error propagates (`gone-not-confirmed` too), so neither a
 * misconfiguration nor an outage can drop an instance from state: the never-drop rule, only here.
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
 * A refresh answers a confirmed not-found as gone; a first read has no state to drop, so it throws
 * that the instance does not exist (else the engine says only "does not exist" on import, or
 * succeeds with nothing for a reference).
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

/** The not-found of a first read (a `KmsInstance.get` reference, an import) or `getKmsInstance`. */
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
    // A connect is under way (maybe left by an interrupted `up`): the service refuses changes
    // such as UpdateKmsInstanceBindVpc until it ends; plan against the status it settles in.
    await waitWhileConnecting(ctx.api, log, current, inputs, connect);
    current = await fetchLive(ctx, id, managed);
    calls = planUpdate(current, inputs);
    if (calls.length === 0) return current;
  }
  // Before any call, so a change the live status refuses fails whole (`status-gate.ts`).
  assertStatusAllows(current, inputs);
  const connecting = calls.find((c) => c.action === "ConnectKmsInstance");
  if (connecting !== undefined) {
    await connectAndWait(ctx.api, log, id, connecting, connect);
    // Tags could not be read before (the service refuses them while Uninitialized): plan the
    // rest against the connected instance.
    calls = planUpdate(await fetchLive(ctx, id, managed), inputs);
  }
  // In the plan's order (rename, bind VPCs, deletion protection, untag, tag). A failure stops
  // and propagates: the next refresh re-reads, so a half-applied plan shows as drift.
  for (const call of calls) await applyCall(ctx.api, id, call);
  return fetchLive(ctx, id, managed);
}

/**
 * Create (adopt) and update: reads the instance fresh (stored outputs may be stale, and a wrong
 * endpoint or another account's keys must be named as such, as on refresh), applies the declared
 * properties that differ, re-reads, and records the owner (`RegionContext.ownerToRecord`). A
 * failed connect of create is a partial create, so the engine keeps the adopted instance.
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
    // Adopted, only not enabled: the next `up` continues from the live status.
    const now = withOwnerAccount(await fetchLive(ctx, id, managed), owner);
    err.id = id;
    err.properties = { ...now };
    err.reasons = [err.message];
    throw err;
  }
  return finish(ctx, log, withOwnerAccount(settled, owner), inputs.watchQuota === true);
}

/**
 * With `watch`, adds `watchQuota: true` and the quota usage (four more calls); without it a read
 * stays one call. A subscription instance within `expiryWarningDays` of its end date gets its
 * renewal read (one BSS call) if it was not, so the expiry line can say whether it renews itself;
 * that read failing is a warning, not the read's failure. Then the operator's messages.
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
 * Statuses of an instance not enabled yet, for which the quota read's `Rejected.Uninitialized` is
 * believable ("not enabled" and "connecting" in aliyun/alibabacloud-csharp-sdk kms-20160120
 * `GetKmsInstanceResponseBody.cs`, `Status`).
 */
const NOT_ENABLED_STATUSES: ReadonlySet<string> = new Set(["Uninitialized", "Connecting"]);

/**
 * The quota usage: `GetKmsInstanceQuotaInfos` per resource type, in turn (a failure stops the
 * rest), since the request names one `ResourceType` (shared/reference/kms-instance-api.md;
 * aliyun/alibabacloud-php-sdk kms-20160120 `GetKmsInstanceQuotaInfosRequest.php` has exactly
 * `KmsInstanceId` and `ResourceType`) and no source says omitting it returns every type. An
 * answer naming no or another instance, or without exactly one decodable row of the type asked,
 * is an `unexpected` `KmsError` (`decodeQuotaInfos`): a wrong figure must never pass for a real
 * one.
 *
 * Undefined only when the service refuses with `Rejected.Uninitialized` *and* `status` (just read
 * by `GetKmsInstance`) is not enabled: the tag APIs answer so for such an instance
 * (terraform-provider-alicloud PR #9320); for quota it is undocumented, so both answers are
 * handled. That refusal for an enabled status contradicts the read: an `unexpected` `KmsError`
 * naming both answers, so the read fails and no stored quota is erased.
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
 * Every instance of the region (`readListing`); a failed page throws its error, a malformed
 * listing an `unexpected` `KmsError`.
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
