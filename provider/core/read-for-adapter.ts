/**
 * The engine's Read, once for both adapters: a refresh (stored outputs name the managed
 * properties) or a first read with nothing stored (an import, a `KmsInstance.get` reference).
 * The adapters only translate the engine's shapes to this request and the outcome back.
 */
import { MANAGED_PROPERTIES, type KmsInstanceInputs, type KmsInstanceOutputs } from "../instance";
import { assertReadTarget } from "../instance/target-check";
import type { ConfigDeps } from "./config-deps";
import { noRegionMessage, notFoundForGetMessage, type NoRegionContext } from "./messages";
import { readInstance } from "./operations";
import { withRetryNotice } from "./retry-notice";

/** One Read as an adapter received it. */
export interface AdapterReadRequest {
  /** The bare instance id (`kst-…`). */
  kmsInstanceId: string;
  /** A region the id itself names (the plugin's `<region>/kst-…` import id), if any. */
  idRegion?: string;
  /** The stored outputs (empty for an import or a reference's first read). */
  stored: Readonly<Record<string, unknown>>;
  /**
   * What a first read (nothing stored) reads: `all` managed properties, so `pulumi import` can
   * generate code that declares them, or `none` (a dynamic-provider reference).
   */
  firstRead: "all" | "none";
  /** How the "no region" sentence names this adapter's remedies. */
  noRegion: NoRegionContext;
}

/** What an adapter answers: gone (refresh only), or live outputs and the inputs to store. */
export type AdapterReadOutcome =
  { found: false } | { found: true; outputs: KmsInstanceOutputs; inputs: KmsInstanceInputs };

/**
 * Reads for the engine. The region is the stored one, else the one the id names, else the
 * configured default; none is an error. A refresh answers a confirmed not-found as gone; a first
 * read has no state to drop, so it says plainly that the instance does not exist (the engine
 * would otherwise say only "does not exist" on import, or succeed with nothing for a reference).
 */
export async function readForAdapter(
  deps: ConfigDeps,
  request: AdapterReadRequest,
): Promise<AdapterReadOutcome> {
  const { kmsInstanceId, stored } = request;
  const refresh = Array.isArray(stored.managedProperties);
  const storedRegion =
    typeof stored.region === "string" && stored.region ? stored.region : undefined;
  const region = storedRegion ?? request.idRegion ?? deps.defaultRegion();
  if (region === undefined) throw new Error(noRegionMessage(request.noRegion));
  // A reference's id may arrive only now (an Output): a malformed one fails before any call.
  assertReadTarget(`cannot read ${JSON.stringify(kmsInstanceId)}`, { kmsInstanceId, region });
  const managedProperties = refresh
    ? (stored.managedProperties as readonly string[])
    : request.firstRead === "all"
      ? MANAGED_PROPERTIES
      : [];
  const outcome = await withRetryNotice(deps, "read", kmsInstanceId, () =>
    readInstance(
      deps,
      kmsInstanceId,
      {
        region,
        managedProperties,
        ownerAccountId: stored.ownerAccountId,
        watchQuota: stored.watchQuota,
      },
      { stake: refresh ? "state" : "report" },
    ),
  );
  if (!outcome.found && !refresh) {
    throw new Error(notFoundForGetMessage(kmsInstanceId, region));
  }
  return outcome;
}
