/**
 * The rule of `provider/core/gone-evidence.ts` as a pure function: a table of every verdict and
 * suspicion, and properties over generated evidence against a restatement of the rule.
 */
import fc from "fast-check";
import {
  decideGone,
  parseKmsInstanceArn,
  type GoneEvidence,
  type ListedInstance,
} from "../../../provider/core/gone-evidence";
import type { EndpointFacts } from "../../../provider/core/region-context";

const ID = "kst-hzz65f176a0ogplgqxxxx";
const OTHER_ID = "kst-hzz64e2b1c7d9f0a3kxxxx";
const HZ = "cn-hangzhou";
const SH = "cn-shanghai";
const OWNER = "1234567890123456";
const STRANGER = "9876543210987654";

const arn = (region: string, account: string, id: string): string =>
  `acs:kms:${region}:${account}:keystore/${id}`;

const pinned: EndpointFacts = {
  url: "https://kms.cn-hangzhou.aliyuncs.com",
  setting: "alicloud-kms:endpoint",
  pinsRegion: true,
  stsUrl: "https://sts.aliyuncs.com",
  stsSetting: "alicloud-kms:stsEndpoint",
};
const unpinned: EndpointFacts = { ...pinned, url: "http://10.0.0.1:8080", pinsRegion: false };

/** Evidence of a real deletion, as complete as it gets: the verdict is "gone". */
function deleted(over: Partial<GoneEvidence> = {}): GoneEvidence {
  return {
    kmsInstanceId: ID,
    region: HZ,
    endpoint: pinned,
    stake: "state",
    recordedOwner: OWNER,
    caller: { accountId: OWNER },
    listing: { instances: [{ id: OTHER_ID, arn: arn(HZ, OWNER, OTHER_ID) }] },
    ...over,
  };
}

describe("decideGone: the table", () => {
  const rows: [string, Partial<GoneEvidence>, string, RegExp][] = [
    ["a real deletion", {}, "gone", /^$/],
    ["a real deletion, empty region", { listing: { instances: [] } }, "gone", /^$/],
    [
      "a real deletion seen through an unpinned endpoint that lists the region's instances",
      { endpoint: unpinned },
      "gone",
      /^$/,
    ],
    [
      "create: no owner yet, the listing is the caller's",
      { stake: "report", recordedOwner: undefined },
      "gone",
      /^$/,
    ],
    [
      "create: no owner yet, empty pinned listing",
      { stake: "report", recordedOwner: undefined, listing: { instances: [] } },
      "gone",
      /^$/,
    ],
    [
      "an override whose host names another region",
      {
        endpoint: { ...pinned, namesRegion: SH, url: "https://kms.cn-shanghai.aliyuncs.com" },
        caller: undefined,
        listing: undefined,
      },
      "wrong-region",
      /names region cn-shanghai, not cn-hangzhou/,
    ],
    ["STS not asked yet", { caller: undefined, listing: undefined }, "ask-caller", /^$/],
    [
      "STS failing",
      { caller: { error: "GetCallerIdentity failed: ECONNREFUSED" }, listing: undefined },
      "cannot-confirm",
      /could not be read from STS at https:\/\/sts\.aliyuncs\.com: GetCallerIdentity failed/,
    ],
    [
      "another account's keys",
      { caller: { accountId: STRANGER }, listing: undefined },
      "other-account",
      /these credentials belong to account 9876543210987654; the instance was adopted in account 1234567890123456/,
    ],
    ["listing not asked yet", { listing: undefined }, "ask-listing", /^$/],
    [
      "the listing call failing",
      { listing: { error: "ListKmsInstances failed: Forbidden.RAM", unexpected: false } },
      "cannot-confirm",
      /the confirming listing failed: ListKmsInstances failed: Forbidden\.RAM/,
    ],
    [
      "the listing call answered like no KMS API",
      { listing: { error: "InvalidAction.NotFound", unexpected: true } },
      "unexpected-response",
      /the confirming listing failed: InvalidAction\.NotFound/,
    ],
    [
      "a listing that is no listing",
      { listing: { malformed: "without KmsInstances.KmsInstance or TotalCount" } },
      "unexpected-response",
      /answered ListKmsInstances without KmsInstances\.KmsInstance or TotalCount: it may not be the KMS API/,
    ],
    [
      "an entry without an ARN",
      { listing: { instances: [{ id: OTHER_ID }] } },
      "unexpected-response",
      /listed an instance without an ARN/,
    ],
    [
      "an entry with a foreign ARN",
      { listing: { instances: [{ id: OTHER_ID, arn: "acs:ecs:cn-hangzhou:1:instance/i-1" }] } },
      "unexpected-response",
      /listed an instance without an ARN/,
    ],
    [
      "the instance listed after all (by id)",
      { listing: { instances: [{ id: ID, arn: arn(HZ, OWNER, ID) }] } },
      "inconsistent",
      /ListKmsInstances from the same endpoint lists kst-hzz65f176a0ogplgqxxxx/,
    ],
    [
      "the instance listed after all (by ARN only)",
      { listing: { instances: [{ arn: arn(HZ, OWNER, ID) }] } },
      "inconsistent",
      /lists kst-hzz65f176a0ogplgqxxxx/,
    ],
    [
      "an endpoint that answers for another region",
      { listing: { instances: [{ id: OTHER_ID, arn: arn(SH, OWNER, OTHER_ID) }] } },
      "wrong-region",
      /answers for region cn-shanghai, not cn-hangzhou \(wrong alicloud-kms:endpoint\?\)/,
    ],
    [
      "an endpoint that lists another account's instances",
      { listing: { instances: [{ id: OTHER_ID, arn: arn(HZ, STRANGER, OTHER_ID) }] } },
      "other-account",
      /lists instances of account 9876543210987654/,
    ],
    [
      "an empty listing through an endpoint that pins no region",
      { endpoint: unpinned, listing: { instances: [] } },
      "cannot-confirm",
      /does not name a region and lists no instance.*Set alicloud-kms:endpoint with \{region\}/,
    ],
    [
      "state written before ownerAccountId (another account could list the same)",
      { recordedOwner: undefined },
      "cannot-confirm",
      /state records no owner account for it.*`pulumi state delete`/,
    ],
    [
      "state without an owner, empty listing",
      { recordedOwner: undefined, listing: { instances: [] } },
      "cannot-confirm",
      /state records no owner account/,
    ],
  ];

  it.each(rows)("%s", (_name, over, expected, message) => {
    const d = decideGone(deleted(over));
    if (d.verdict === "not-confirmed") {
      expect(d.suspicion).toBe(expected);
      expect(d.message).toMatch(message);
      expect(d.message).toContain(`KMS instance ${ID} in ${HZ}`);
      expect(d.message).toContain("Pulumi state was left unchanged.");
    } else {
      expect(d.verdict).toBe(expected);
    }
  });

  it("names the instance, region, endpoint and suspicion, then what to check", () => {
    const d = decideGone(
      deleted({ listing: { instances: [{ id: OTHER_ID, arn: arn(SH, OWNER, OTHER_ID) }] } }),
    );
    expect(d).toEqual({
      verdict: "not-confirmed",
      suspicion: "wrong-region",
      message:
        `KMS instance ${ID} in cn-hangzhou was reported not found by https://kms.cn-hangzhou.aliyuncs.com, ` +
        "but that does not show it is gone (wrong region): the endpoint " +
        "https://kms.cn-hangzhou.aliyuncs.com answers for region cn-shanghai, not cn-hangzhou " +
        "(wrong alicloud-kms:endpoint?). Pulumi state was left unchanged. Check " +
        "alicloud-kms:endpoint: put {region} in it (e.g. https://kms-vpc.{region}.aliyuncs.com " +
        "or http://127.0.0.1:8080/{region}).",
    });
  });

  it("suggests `pulumi state delete` only when state is at stake", () => {
    const state = decideGone(deleted({ caller: { error: "down" } }));
    const report = decideGone(deleted({ caller: { error: "down" }, stake: "report" }));
    expect(state.verdict === "not-confirmed" && state.message).toMatch(/pulumi state delete/);
    expect(report.verdict === "not-confirmed" && report.message).not.toMatch(/state delete/);
  });
});

describe("parseKmsInstanceArn", () => {
  it("reads region, account and id of the documented form", () => {
    expect(parseKmsInstanceArn(arn(HZ, OWNER, ID))).toEqual({
      region: HZ,
      accountId: OWNER,
      kmsInstanceId: ID,
    });
  });
  it.each([
    undefined,
    "",
    "acs:kms:cn-hangzhou::keystore/kst-x",
    "acs:kms::1:keystore/kst-x",
    "acs:kms:cn-hangzhou:12ab:keystore/kst-x",
    "acs:kms:cn-hangzhou:1:key/kst-x",
    "acs:ram::1:user/admin",
    ` ${arn(HZ, OWNER, ID)}`,
  ])("refuses %p", (text) => {
    expect(parseKmsInstanceArn(text)).toBeUndefined();
  });
});

// ---- properties over generated evidence -------------------------------------------------

const regionArb = fc.constantFrom(HZ, SH, "ap-southeast-1");
const accountArb = fc.constantFrom(OWNER, STRANGER, "42");
const idArb = fc.constantFrom(ID, OTHER_ID, "kst-shh63a9d4e5f6b7c8dxxxx");
const entryArb: fc.Arbitrary<ListedInstance> = fc.oneof(
  fc
    .record({ region: regionArb, account: accountArb, id: idArb, withId: fc.boolean() })
    .map((x) => ({ ...(x.withId ? { id: x.id } : {}), arn: arn(x.region, x.account, x.id) })),
  // A mostly regular entry, sometimes with a broken or missing ARN.
  fc
    .record({
      id: fc.option(idArb, { nil: undefined }),
      arn: fc.option(fc.string(), { nil: undefined }),
    })
    .map((x) => ({
      ...(x.id !== undefined ? { id: x.id } : {}),
      ...(x.arn !== undefined ? { arn: x.arn } : {}),
    })),
);
const endpointArb: fc.Arbitrary<EndpointFacts> = fc
  .record({ pins: fc.boolean(), names: fc.option(regionArb, { nil: undefined }) })
  .map(({ pins, names }) => ({
    ...pinned,
    pinsRegion: names !== undefined ? names === HZ : pins,
    ...(names !== undefined ? { namesRegion: names } : {}),
  }));
const evidenceArb: fc.Arbitrary<GoneEvidence> = fc.record({
  kmsInstanceId: fc.constant(ID),
  region: fc.constant(HZ),
  endpoint: endpointArb,
  stake: fc.constantFrom("state" as const, "report" as const),
  recordedOwner: fc.option(accountArb, { nil: undefined }),
  caller: fc.option(
    fc.oneof(
      accountArb.map((accountId) => ({ accountId })),
      fc.constant({ error: "STS down" }),
    ),
    { nil: undefined },
  ),
  listing: fc.option(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.array(entryArb, { maxLength: 4 }).map((instances) => ({ instances })),
      },
      { weight: 1, arbitrary: fc.constant({ malformed: "without TotalCount" }) },
      { weight: 1, arbitrary: fc.boolean().map((unexpected) => ({ error: "failed", unexpected })) },
    ),
    { nil: undefined },
  ),
});

/** The rule restated as one predicate: when is a not-found confirmed? */
function confirmedByRule(e: GoneEvidence): boolean {
  if (e.endpoint.namesRegion !== undefined && e.endpoint.namesRegion !== e.region) return false;
  if (!e.caller || !("accountId" in e.caller)) return false;
  const caller = e.caller.accountId;
  if (e.recordedOwner !== undefined && e.recordedOwner !== caller) return false;
  if (!e.listing || !("instances" in e.listing)) return false;
  for (const entry of e.listing.instances) {
    const a = parseKmsInstanceArn(entry.arn);
    if (!a) return false;
    if (entry.id === e.kmsInstanceId || a.kmsInstanceId === e.kmsInstanceId) return false;
    if (a.region !== e.region || a.accountId !== caller) return false;
  }
  if (e.listing.instances.length === 0 && !e.endpoint.pinsRegion) return false;
  if (e.stake === "state" && e.recordedOwner === undefined) return false;
  return true;
}

describe("decideGone: properties", () => {
  it("says gone exactly when the rule confirms it", () => {
    const seen = { gone: 0, refused: 0 };
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const gone = decideGone(e).verdict === "gone";
        expect(gone).toBe(confirmedByRule(e));
        seen[gone ? "gone" : "refused"]++;
      }),
      { numRuns: 3000 },
    );
    // The generator reaches both sides of the rule, so the equivalence is not vacuous.
    expect(seen.gone).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(10);
  });

  it("never says gone on incomplete evidence, and asks for the caller before the listing", () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const d = decideGone({ ...e, listing: undefined });
        expect(d.verdict).not.toBe("gone");
        if (e.caller === undefined) {
          expect(["ask-caller", "not-confirmed"]).toContain(
            decideGone({ ...e, caller: undefined }).verdict,
          );
          expect(decideGone({ ...e, caller: undefined }).verdict).not.toBe("ask-listing");
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("never says gone for another account, a failing STS, another region or a listed instance", () => {
    fc.assert(
      fc.property(evidenceArb, accountArb, (e, stranger) => {
        const owner = e.recordedOwner ?? OWNER;
        fc.pre(stranger !== owner);
        const otherAccount = { ...e, recordedOwner: owner, caller: { accountId: stranger } };
        expect(decideGone(otherAccount).verdict).not.toBe("gone");
        expect(decideGone({ ...e, caller: { error: "x" } }).verdict).not.toBe("gone");
        const listed = { instances: [{ id: ID, arn: arn(HZ, owner, ID) }] };
        expect(decideGone({ ...e, listing: listed }).verdict).not.toBe("gone");
        const shanghai = { instances: [{ id: OTHER_ID, arn: arn(SH, owner, OTHER_ID) }] };
        expect(decideGone({ ...e, listing: shanghai }).verdict).not.toBe("gone");
      }),
      { numRuns: 1000 },
    );
  });

  it("every refusal names the instance, the region, the endpoint and that state is unchanged", () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const d = decideGone(e);
        if (d.verdict !== "not-confirmed") return;
        expect(d.message).toContain(ID);
        expect(d.message).toContain(HZ);
        expect(d.message).toContain(e.endpoint.url);
        expect(d.message).toContain("Pulumi state was left unchanged.");
      }),
      { numRuns: 1000 },
    );
  });

  it("more evidence never turns a refusal into gone: refusals before the listing stand", () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const early = decideGone({ ...e, listing: undefined });
        if (early.verdict !== "not-confirmed") return;
        expect(decideGone(e)).toEqual(early);
      }),
      { numRuns: 1000 },
    );
  });
});
