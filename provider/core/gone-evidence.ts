/**
 * Whether a "not found" from the KMS API may drop a resource from state (refresh) or be reported
 * as "does not exist" (create, `get`, import). A wrong endpoint or region, or another account's
 * keys, get "not found" for every instance, so the answer is only a *candidate*, confirmed by
 * evidence.
 *
 * **Candidate.** `GetKmsInstance` (or the tag read) answers the exact code
 * `Forbidden.DKMSInstanceNotFound` (any HTTP status), or HTTP 200 with a `KmsInstance` object
 * whose `InstanceId` is `""` (Terraform's rule). A 200 without `KmsInstance`, a 404 without that
 * code, `InvalidAction.NotFound` or an HTML page are errors (`provider/kms/errors.ts`).
 *
 * **Evidence**, asked only for a candidate (a normal refresh stays one `GetKmsInstance` per
 * instance, plus one STS call per process); the first failing rule ends the check:
 * 0. *Endpoint.* An `alicloud-kms:endpoint` whose host names another region
 *    (`kms[-vpc].<r>.aliyuncs.com`): wrong region. (No call.)
 * 1. *Account.* STS `GetCallerIdentity` (cached per process, credentials and STS endpoint)
 *    failing: cannot confirm. A recorded `ownerAccountId` other than the caller's: other account.
 * 2. *Listing.* `ListKmsInstances`, every page, unfiltered, same endpoint. A failure: cannot
 *    confirm. A malformed listing (`readListing`) or an entry without an ARN
 *    `acs:kms:<region>:<account>:keystore/<id>`: unexpected response. The instance listed:
 *    inconsistent answers. An ARN of another region: wrong region; of another account than the
 *    caller's: other account.
 * 3. *Empty listing.* It says nothing about where the endpoint points, so it confirms only when
 *    the endpoint pins the region (the default, an override with `{region}`, or a host naming
 *    the resource's region); else: cannot confirm.
 * 4. *Owner.* When state is at stake, the caller must be shown to be the owner: a recorded
 *    `ownerAccountId` (the caller's, by rule 1) is required. Without one (state written before it
 *    existed) nothing tells the adopting account from another one, whose listing, empty or not,
 *    lacks the instance too: cannot confirm. When only a message is at stake, the listing's ARNs
 *    matching the caller's account (rule 2) suffice.
 * 5. Otherwise the instance is gone.
 *
 * Every failure is a `gone-not-confirmed` {@link Refusal} naming the suspicion, the instance, its
 * region and the endpoint, saying that state was left unchanged and what to check.
 */
import { isPlainObject } from "../instance/properties/property-module";
import { KmsError, notKmsApiDetail } from "../kms/errors";
import { Refusal } from "../refusal";
import type { EndpointFacts, InstanceApi, RegionContext } from "./region-context";

/** Why a not-found was not confirmed, with the label its message gives. */
const SUSPICIONS = {
  "wrong-region": "wrong region",
  "other-account": "other account",
  "unexpected-response": "unexpected response",
  inconsistent: "inconsistent answers",
  "cannot-confirm": "cannot confirm",
} as const;
type GoneSuspicion = keyof typeof SUSPICIONS;

/** One entry of a `ListKmsInstances` page, as the wire has it. */
export interface ListedInstance {
  /** `KmsInstanceId`. */
  id?: string;
  /** `KmsInstanceArn`: `acs:kms:<region>:<account>:keystore/<id>`. */
  arn?: string;
}

/** Every instance listed, or what is wrong with an answer that is not a listing. */
type Listing = { instances: ListedInstance[] } | { malformed: string };

/** Everything known about a not-found candidate (the instance, the region and endpoint asked). */
export interface GoneEvidence {
  kmsInstanceId: string;
  region: string;
  endpoint: EndpointFacts;
  /**
   * `state` when a confirmation drops the resource (refresh; rule 4 applies), `report` when it
   * only changes an error message (create, `get`, import).
   */
  stake: "state" | "report";
  /** The account recorded at adoption (`ownerAccountId`), if any. */
  recordedOwner?: string;
  /** The caller's account, or why STS did not give it; undefined until asked. */
  caller?: { accountId: string } | { error: string };
  /**
   * The listing, or the failed call's message (`unexpected`: the endpoint may not be the KMS API);
   * undefined until asked.
   */
  listing?: Listing | { error: string; unexpected: boolean };
}

/** The next step, or the verdict. */
export type GoneDecision =
  | { verdict: "ask-caller" }
  | { verdict: "ask-listing" }
  | { verdict: "gone" }
  | { verdict: "not-confirmed"; suspicion: GoneSuspicion; message: string };

/** The parts of an instance ARN. */
export interface KmsInstanceArn {
  region: string;
  accountId: string;
  kmsInstanceId: string;
}

const ARN = /^acs:kms:([a-z0-9-]+):(\d{1,20}):keystore\/([A-Za-z0-9-]+)$/;

/** Parses `acs:kms:<region>:<account>:keystore/<id>`; undefined for anything else. */
export function parseKmsInstanceArn(arn: string | undefined): KmsInstanceArn | undefined {
  const m = arn === undefined ? null : ARN.exec(arn);
  return m ? { region: m[1], accountId: m[2], kmsInstanceId: m[3] } : undefined;
}

const REGION_HINT = "e.g. https://kms-vpc.{region}.aliyuncs.com or http://127.0.0.1:8080/{region}";

function notConfirmed(
  e: GoneEvidence,
  suspicion: GoneSuspicion,
  detail: string,
  check: string,
): GoneDecision {
  const message =
    `KMS instance ${e.kmsInstanceId} in ${e.region} was reported not found by ${e.endpoint.url}, ` +
    `but that does not show it is gone (${SUSPICIONS[suspicion]}): ${detail}. ` +
    `Pulumi state was left unchanged. ${check}`;
  return { verdict: "not-confirmed", suspicion, message };
}

const STATE_DELETE_HINT =
  " If the instance was really released, remove it from the stack with `pulumi state delete`.";

/** The rule of this module, over the evidence gathered so far. */
export function decideGone(e: GoneEvidence): GoneDecision {
  const { endpoint, region } = e;
  const released = e.stake === "state" ? STATE_DELETE_HINT : "";

  // 0. The endpoint's host names another region.
  if (endpoint.namesRegion !== undefined && endpoint.namesRegion !== region) {
    return notConfirmed(
      e,
      "wrong-region",
      `the endpoint ${endpoint.url} (${endpoint.setting}) names region ${endpoint.namesRegion}, not ${region}`,
      `Check ${endpoint.setting}: put {region} in it (${REGION_HINT}).`,
    );
  }

  // 1. The caller's account.
  if (e.caller === undefined) return { verdict: "ask-caller" };
  if ("error" in e.caller) {
    return notConfirmed(
      e,
      "cannot-confirm",
      `the caller's account could not be read from STS at ${endpoint.stsUrl}: ${e.caller.error}`,
      `Check ${endpoint.stsSetting} (or ALIBABA_CLOUD_STS_ENDPOINT) and that this machine ` +
        `reaches it (from a VPC: https://sts-vpc.{region}.aliyuncs.com).${released}`,
    );
  }
  const caller = e.caller.accountId;
  if (e.recordedOwner !== undefined && e.recordedOwner !== caller) {
    return notConfirmed(
      e,
      "other-account",
      `these credentials belong to account ${caller}; the instance was adopted in account ${e.recordedOwner}`,
      `Check the credentials (alicloud:accessKey/alicloud:secretKey, alicloud:profile or the ` +
        `environment): they must belong to account ${e.recordedOwner}.`,
    );
  }

  // 2. The listing.
  if (e.listing === undefined) return { verdict: "ask-listing" };
  if ("error" in e.listing) {
    return notConfirmed(
      e,
      e.listing.unexpected ? "unexpected-response" : "cannot-confirm",
      `the confirming listing failed: ${e.listing.error}`,
      e.listing.unexpected
        ? `Check ${endpoint.setting}.`
        : `Allow kms:ListKmsInstances to these credentials, or retry when the service answers.${released}`,
    );
  }
  if ("malformed" in e.listing) {
    return notConfirmed(
      e,
      "unexpected-response",
      notKmsApiDetail(endpoint.url, `ListKmsInstances ${e.listing.malformed}`, endpoint.setting),
      `Check ${endpoint.setting}.`,
    );
  }
  const entries = e.listing.instances;
  const arns: KmsInstanceArn[] = [];
  for (const entry of entries) {
    const arn = parseKmsInstanceArn(entry.arn);
    if (arn === undefined) {
      return notConfirmed(
        e,
        "unexpected-response",
        `the endpoint ${endpoint.url} listed an instance without an ARN ` +
          `acs:kms:<region>:<account>:keystore/<id> (${JSON.stringify(entry.arn ?? null)}): it ` +
          `may not be the KMS API (a proxy, or a wrong ${endpoint.setting})`,
        `Check ${endpoint.setting}.`,
      );
    }
    arns.push(arn);
  }
  if (
    entries.some((x, i) => x.id === e.kmsInstanceId || arns[i].kmsInstanceId === e.kmsInstanceId)
  ) {
    return notConfirmed(
      e,
      "inconsistent",
      `ListKmsInstances from the same endpoint lists ${e.kmsInstanceId}`,
      `Retry later; if it persists, check that ${endpoint.url} is not a proxy or load balancer ` +
        `mixing backends.`,
    );
  }
  const otherRegion = arns.find((a) => a.region !== region);
  if (otherRegion !== undefined) {
    return notConfirmed(
      e,
      "wrong-region",
      `the endpoint ${endpoint.url} answers for region ${otherRegion.region}, not ${region} ` +
        `(wrong ${endpoint.setting}?)`,
      `Check ${endpoint.setting}: put {region} in it (${REGION_HINT}).`,
    );
  }
  const otherAccount = arns.find((a) => a.accountId !== caller);
  if (otherAccount !== undefined) {
    const whose =
      e.recordedOwner !== undefined
        ? `the instance was adopted in account ${e.recordedOwner} and these credentials belong to it`
        : `these credentials belong to account ${caller}`;
    return notConfirmed(
      e,
      "other-account",
      `the endpoint ${endpoint.url} lists instances of account ${otherAccount.accountId}, but ${whose}`,
      `Check ${endpoint.setting} and the credentials.`,
    );
  }

  // 3. An empty listing.
  if (entries.length === 0 && !endpoint.pinsRegion) {
    return notConfirmed(
      e,
      "cannot-confirm",
      `the endpoint ${endpoint.url} (${endpoint.setting}) does not name a region and lists no ` +
        `instance, so it may serve another region`,
      `Set ${endpoint.setting} with {region} (${REGION_HINT}).${released}`,
    );
  }

  // 4. The owner, when state is at stake.
  if (e.stake === "state" && e.recordedOwner === undefined) {
    return notConfirmed(
      e,
      "cannot-confirm",
      `state records no owner account for it (written before ownerAccountId existed, or STS ` +
        `was unreachable), so these credentials (account ${caller}) cannot be shown to belong ` +
        `to the account that adopted it`,
      `Refresh with the owning account's credentials while the instance exists (that records ` +
        `it).${released}`,
    );
  }

  // 5. Gone.
  return { verdict: "gone" };
}

/** Page size of the confirming listing: the API's maximum, so most accounts need one call. */
export const LISTING_PAGE_SIZE = 100;
/** Pages read at most (10 000 instances): a server that never ends its listing is not believed. */
const MAX_LISTING_PAGES = 100;

/**
 * The provider's one `ListKmsInstances` paginator (the SDK's `listKmsInstances` too): every page,
 * shape checked. The documented body is `{ TotalCount, PageNumber, PageSize, KmsInstances: {
 * KmsInstance: [ { KmsInstanceId, KmsInstanceArn } ] } }` (see the reference); a page must carry
 * the array, a numeric `TotalCount`, or both, and the entries must add up to `TotalCount`. A
 * failed call throws.
 * @param filters the API's `Filters` (e.g. `InstanceName`); none for the confirming listing.
 */
export async function readListing(
  api: Pick<InstanceApi, "listKmsInstances">,
  filters?: { Key: string; Values: string[] }[],
): Promise<Listing> {
  const instances: ListedInstance[] = [];
  let total: number | undefined;
  for (let pageNumber = 1; pageNumber <= MAX_LISTING_PAGES; pageNumber++) {
    const page = { pageNumber, pageSize: LISTING_PAGE_SIZE };
    const body: unknown = await api.listKmsInstances(filters ? { ...page, filters } : page);
    if (!isPlainObject(body)) return { malformed: "with a body that is not a JSON object" };
    const wrapper = body.KmsInstances;
    if (wrapper !== undefined && !isPlainObject(wrapper)) {
      return { malformed: "with a KmsInstances that is not an object" };
    }
    const list = wrapper?.KmsInstance;
    if (list !== undefined && !Array.isArray(list)) {
      return { malformed: "with a KmsInstances.KmsInstance that is not a list" };
    }
    const count = body.TotalCount;
    if (
      count !== undefined &&
      (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0)
    ) {
      return { malformed: `with a TotalCount that is not a count (${JSON.stringify(count)})` };
    }
    if (!Array.isArray(list) && count === undefined) {
      return { malformed: "without KmsInstances.KmsInstance or TotalCount" };
    }
    const items: unknown[] = Array.isArray(list) ? list : [];
    for (const item of items) {
      if (!isPlainObject(item)) return { malformed: "with an entry that is not an object" };
      const entry: ListedInstance = {};
      if (typeof item.KmsInstanceId === "string") entry.id = item.KmsInstanceId;
      if (typeof item.KmsInstanceArn === "string") entry.arn = item.KmsInstanceArn;
      instances.push(entry);
    }
    if (typeof count === "number") total = count;
    if (items.length < LISTING_PAGE_SIZE || (total !== undefined && instances.length >= total)) {
      if (total !== undefined && instances.length !== total) {
        return {
          malformed: `with TotalCount ${total} but ${instances.length} instance(s) on its pages`,
        };
      }
      return { instances };
    }
  }
  return { malformed: `with more than ${MAX_LISTING_PAGES} pages` };
}

/**
 * Gathers the evidence `decideGone` asks for and returns only on the verdict "gone".
 * @throws Refusal `gone-not-confirmed` naming the suspicion; nothing was changed.
 */
export async function confirmGone(
  ctx: Pick<RegionContext, "api" | "endpoint" | "callerAccount">,
  question: Pick<GoneEvidence, "kmsInstanceId" | "region" | "stake" | "recordedOwner">,
): Promise<void> {
  const evidence: GoneEvidence = { ...question, endpoint: ctx.endpoint };
  for (;;) {
    const d = decideGone(evidence);
    switch (d.verdict) {
      case "gone":
        return;
      case "not-confirmed":
        throw new Refusal("gone-not-confirmed", d.message, {
          kmsInstanceId: evidence.kmsInstanceId,
          region: evidence.region,
          suspicion: d.suspicion,
        });
      case "ask-caller":
        try {
          evidence.caller = { accountId: await ctx.callerAccount() };
        } catch (err) {
          evidence.caller = { error: err instanceof Error ? err.message : String(err) };
        }
        break;
      case "ask-listing":
        try {
          evidence.listing = await readListing(ctx.api);
        } catch (err) {
          const unexpected = err instanceof KmsError && err.kind === "unexpected";
          evidence.listing = {
            error: err instanceof Error ? err.message : String(err),
            unexpected,
          };
        }
        break;
    }
  }
}
