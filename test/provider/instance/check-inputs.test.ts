import fc from "fast-check";
import { checkInputs, INPUT_PROPERTIES } from "../../../provider/instance";
import { UNKNOWN, inputsArb, isUnknown, kmsInstanceIdArb, regionArb } from "./arbitraries";

const ID = "kst-hzz65f176a0ogplgqxxxx";
const VPC = {
  vpcId: "vpc-abc123",
  vSwitchId: "vsw-def456",
  regionId: "cn-hangzhou",
  vpcOwnerId: "1234567890123456",
};
const check = (news: Record<string, unknown>, defaultRegion?: string) =>
  checkInputs(news, { defaultRegion, isUnknown });

/** The single failure of `news`, asserting its property and that the reason names it. */
function onlyFailure(news: Record<string, unknown>, defaultRegion?: string) {
  const { failures } = check(news, defaultRegion);
  expect(failures).toHaveLength(1);
  expect(failures[0].reason).toContain(failures[0].property);
  return failures[0];
}

describe("checkInputs", () => {
  it("accepts valid inputs unchanged and defaults the region", () => {
    const news = {
      kmsInstanceId: ID,
      instanceName: "payments",
      bindVpcs: [VPC],
      tags: { team: "pay" },
      deletionProtection: true,
      deletionProtectionDescription: "prod",
      __provider: "serialized",
    };
    const { inputs, failures } = check(news, "cn-shanghai");
    expect(failures).toEqual([]);
    const declared: Record<string, unknown> = { ...news };
    delete declared.__provider;
    expect(inputs).toStrictEqual({ ...declared, region: "cn-shanghai" });
    expect(inputs.bindVpcs).toBe(news.bindVpcs);
  });

  it("keeps a declared region over the default, and omits undeclared keys", () => {
    const { inputs, failures } = check(
      { kmsInstanceId: ID, region: "ap-southeast-1", instanceName: undefined, tags: null },
      "cn-hangzhou",
    );
    expect(failures).toEqual([]);
    expect(inputs).toStrictEqual({ kmsInstanceId: ID, region: "ap-southeast-1" });
  });

  it("accepts any valid declaration (property)", () => {
    const arb = fc.tuple(kmsInstanceIdArb, regionArb).chain(([id, r]) => inputsArb(id, r));
    fc.assert(
      fc.property(arb, (news) => {
        const { inputs, failures } = check({ ...news });
        expect(failures).toEqual([]);
        expect(inputs).toStrictEqual(news);
      }),
    );
  });

  it.each([
    [{}, "kmsInstanceId", /required.*kst-hzz65f176a0ogplgqxxxx/],
    [{ kmsInstanceId: "kst-x" }, "kmsInstanceId", /kst-hzz65f176a0ogplgqxxxx/],
    [{ kmsInstanceId: "KST-HZZ65F176A0OGPLGQ" }, "kmsInstanceId", /lowercase/],
    [{ kmsInstanceId: 42 }, "kmsInstanceId", /number 42/],
  ])("rejects kmsInstanceId %j", (news, property, reason) => {
    const f = onlyFailure({ region: "cn-hangzhou", ...news });
    expect(f.property).toBe(property);
    expect(f.reason).toMatch(reason);
  });

  it("rejects a malformed region, declared or defaulted", () => {
    for (const region of ["hangzhou", "CN-HANGZHOU", "cn_hangzhou", "", 7]) {
      const f = onlyFailure({ kmsInstanceId: ID, region });
      expect(f.property).toBe("region");
      expect(f.reason).toContain("cn-hangzhou");
    }
    const f = onlyFailure({ kmsInstanceId: ID }, "Hangzhou");
    expect(f.property).toBe("region");
    expect(f.reason).toContain("alicloud:region");
  });

  it("rejects a missing region when there is no default", () => {
    const f = onlyFailure({ kmsInstanceId: ID });
    expect(f).toEqual({
      property: "region",
      reason:
        "no Alibaba Cloud region: set the resource's `region`, or set the `alicloud:region` " +
        "config (pulumi config set alicloud:region cn-hangzhou) or the ALIBABA_CLOUD_REGION " +
        "or ALICLOUD_REGION environment variable",
    });
    expect(onlyFailure({ kmsInstanceId: ID }, "").property).toBe("region");
  });

  it.each([[""], ["x".repeat(129)], [5], [["a"]]])("rejects instanceName %j", (instanceName) => {
    const f = onlyFailure({ kmsInstanceId: ID, region: "cn-hangzhou", instanceName });
    expect(f.property).toBe("instanceName");
    expect(f.reason).toMatch(/non-empty string of at most 128/);
  });

  it.each([
    [{ a: 1 }, "bindVpcs", /list of/],
    [[VPC, "vpc-1"], "bindVpcs[1]", /must be an object/],
    [[{ ...VPC, vpcId: "vpc_1" }], "bindVpcs[0].vpcId", /vpc-/],
    [[{ ...VPC, vSwitchId: "vpc-1" }], "bindVpcs[0].vSwitchId", /vsw-/],
    [[{ ...VPC, regionId: "Hangzhou" }], "bindVpcs[0].regionId", /cn-hangzhou/],
    [[{ ...VPC, vpcOwnerId: "12a" }], "bindVpcs[0].vpcOwnerId", /1–20 digits/],
    [[{ ...VPC, vpcOwnerId: "1".repeat(21) }], "bindVpcs[0].vpcOwnerId", /1–20 digits/],
    [[{ ...VPC, vpcOwnerId: "0123" }], "bindVpcs[0].vpcOwnerId", /without a leading zero/],
    [
      [{ ...VPC, vpcOwnerId: 1234567890123456 }],
      "bindVpcs[0].vpcOwnerId",
      /not a number.*overflow.*in quotes/,
    ],
    [[VPC, { ...VPC, vpcOwnerId: undefined }], "bindVpcs[1].vpcOwnerId", /required/],
    [
      [{ ...VPC, extra: 1 }],
      "bindVpcs[0].extra",
      /accepted: vpcId, vSwitchId, regionId, vpcOwnerId/,
    ],
    [
      [VPC, { ...VPC, vpcOwnerId: "1" }],
      "bindVpcs[1]",
      /same regionId, vpcId and vSwitchId as bindVpcs\[0\]/,
    ],
  ])("rejects bindVpcs %j", (bindVpcs, property, reason) => {
    const f = onlyFailure({ kmsInstanceId: ID, region: "cn-hangzhou", bindVpcs });
    expect(f.property).toBe(property);
    expect(f.reason).toMatch(reason);
  });

  it("accepts an empty bindVpcs list (unbind everything)", () => {
    expect(check({ kmsInstanceId: ID, region: "cn-hangzhou", bindVpcs: [] }).failures).toEqual([]);
  });

  it.each([
    [["a"], "tags", /map of string keys/],
    ["team=pay", "tags", /map of string keys/],
    [{ team: 1 }, 'tags["team"]', /string value/],
    [{ "": "x" }, 'tags[""]', /1–128/],
    [{ ["k".repeat(129)]: "x" }, `tags["${"k".repeat(129)}"]`, /1–128/],
    [{ team: "v".repeat(129) }, 'tags["team"]', /at most 128/],
    [{ "acs:x": "v" }, 'tags["acs:x"]', /reserved for system tags/],
    [{ AliyunThing: "v" }, 'tags["AliyunThing"]', /reserved for system tags/],
    [
      Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])),
      "tags",
      /at most 20 tags; got 21/,
    ],
  ])("rejects tags %j", (tags, property, reason) => {
    const f = onlyFailure({ kmsInstanceId: ID, region: "cn-hangzhou", tags });
    expect(f.property).toBe(property);
    expect(f.reason).toMatch(reason);
  });

  it("rejects non-boolean deletionProtection and non-string description", () => {
    let f = onlyFailure({ kmsInstanceId: ID, region: "cn-hangzhou", deletionProtection: "true" });
    expect(f.property).toBe("deletionProtection");
    expect(f.reason).toMatch(/true or false/);
    f = onlyFailure({ kmsInstanceId: ID, region: "cn-hangzhou", deletionProtectionDescription: 1 });
    expect(f.property).toBe("deletionProtectionDescription");
    expect(f.reason).toMatch(/string/);
  });

  it("rejects unknown property names, listing the accepted ones, and ignores __ keys", () => {
    const f = onlyFailure({ kmsInstanceId: ID, region: "cn-hangzhou", name: "x", __other: 1 });
    expect(f.property).toBe("name");
    for (const accepted of INPUT_PROPERTIES) expect(f.reason).toContain(accepted);
  });

  it("reports every problem at once", () => {
    const { failures } = check({ kmsInstanceId: "x", instanceName: "", tags: { "acs:a": "b" } });
    expect(failures.map((f) => f.property)).toEqual([
      "kmsInstanceId",
      "region",
      "instanceName",
      'tags["acs:a"]',
    ]);
  });

  it("passes unknown values through at any depth, never rejecting them", () => {
    const news = {
      kmsInstanceId: UNKNOWN,
      region: UNKNOWN,
      instanceName: UNKNOWN,
      bindVpcs: [UNKNOWN, { ...VPC, vpcId: UNKNOWN, vpcOwnerId: UNKNOWN }],
      tags: { team: UNKNOWN },
      deletionProtection: UNKNOWN,
      deletionProtectionDescription: UNKNOWN,
    };
    const { inputs, failures } = check(news);
    expect(failures).toEqual([]);
    expect(inputs).toStrictEqual(news);
    expect(
      check({ kmsInstanceId: ID, region: "cn-hangzhou", bindVpcs: UNKNOWN, tags: UNKNOWN })
        .failures,
    ).toEqual([]);
  });

  it("does not report duplicates among entries with unknown fields", () => {
    const bindVpcs = [VPC, { ...VPC, vpcOwnerId: UNKNOWN }];
    expect(check({ kmsInstanceId: ID, region: "cn-hangzhou", bindVpcs }).failures).toEqual([]);
  });
});

test("a missing region names the config key the adapter reads", () => {
  const dynamic = checkInputs({ kmsInstanceId: ID }, { isUnknown });
  expect(dynamic.failures).toEqual([
    { property: "region", reason: expect.stringContaining("`alicloud:region` config") },
  ]);
  const plugin = checkInputs(
    { kmsInstanceId: ID },
    { isUnknown, regionConfigKey: "alicloud-kms:region" },
  );
  expect(plugin.failures).toEqual([
    { property: "region", reason: expect.stringContaining("`alicloud-kms:region` config") },
  ]);
});
