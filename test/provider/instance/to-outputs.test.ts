import fc from "fast-check";
import type { ApiKmsInstance } from "../../../provider/kms/types";
import { toOutputs, userTags } from "../../../provider/instance";
import { isSystemTagKey } from "../../../provider/instance/properties/tags";
import { apiKmsInstanceArb, expectPlainJson, liveTagsArb, managedArb } from "./arbitraries";
import { putOwn } from "../../support/own-key";

const ctx = { kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx", region: "cn-hangzhou", managed: [] };

/** Every API field and its output key, with how the output value derives from the API value. */
const FIELDS: [keyof ApiKmsInstance, string, (v: unknown) => unknown][] = [
  ["InstanceId", "instanceId", (v) => v],
  ["InstanceName", "instanceName", (v) => v],
  ["Status", "status", (v) => v],
  ["CreateTime", "createTime", (v) => v],
  ["StartDate", "startDate", (v) => v],
  ["EndDate", "endDate", (v) => v],
  ["Spec", "spec", (v) => v],
  ["KeyNum", "keyNum", (v) => v],
  ["SecretNum", "secretNum", (v) => Number(v)],
  ["VpcNum", "vpcNum", (v) => v],
  ["VpcId", "vpcId", (v) => v],
  ["ZoneIds", "zoneIds", (v) => v],
  ["VswitchIds", "vswitchIds", (v) => v],
  ["CaCertificateChainPem", "caCertificateChainPem", (v) => v],
  [
    "BindVpcs",
    "bindVpcs",
    (v) =>
      ((v as ApiKmsInstance["BindVpcs"])?.BindVpc ?? [])
        .map((b) => ({
          vpcId: b.VpcId ?? "",
          vSwitchId: b.VSwitchId ?? "",
          regionId: b.RegionId ?? "",
          vpcOwnerId: b.VpcOwnerId ?? "",
        }))
        // An entry with no member at all is no binding.
        .filter((b) => Object.values(b).some((x) => x !== "")),
  ],
  ["ChargeType", "chargeType", (v) => v],
  ["ProductVersion", "productVersion", (v) => v],
  ["ProductType", "productType", (v) => v],
  ["SaleStatus", "saleStatus", (v) => v],
  ["Log", "log", (v) => v],
  ["LogStorage", "logStorage", (v) => v],
  ["DeletionProtection", "deletionProtection", (v) => v],
  ["DeletionProtectionDescription", "deletionProtectionDescription", (v) => v],
];

/** `""`, and a string list with no non-empty element, mean "no value" (the decoders in fields.ts). */
const emptyValue = (apiKey: keyof ApiKmsInstance, v: unknown): boolean =>
  v === "" || (apiKey !== "BindVpcs" && Array.isArray(v) && v.every((x) => x === ""));

describe("toOutputs", () => {
  it("covers every field of ApiKmsInstance", () => {
    // A body with every field set: a field missing from FIELDS would go unchecked below.
    const full: Required<ApiKmsInstance> = {
      InstanceId: "",
      InstanceName: "",
      Status: "",
      CreateTime: "",
      StartDate: "",
      EndDate: "",
      Spec: 0,
      KeyNum: 0,
      SecretNum: "0",
      VpcNum: 0,
      VpcId: "",
      ZoneIds: [],
      VswitchIds: [],
      CaCertificateChainPem: "",
      BindVpcs: {},
      ChargeType: "",
      ProductVersion: "",
      ProductType: "",
      SaleStatus: "",
      Log: 0,
      LogStorage: 0,
      DeletionProtection: false,
      DeletionProtectionDescription: "",
    };
    expect(FIELDS.map(([k]) => k).sort()).toEqual(Object.keys(full).sort());
  });

  it("maps every present field with its value and type, and leaves absent fields absent", () => {
    fc.assert(
      fc.property(apiKmsInstanceArb, (api) => {
        const out = toOutputs(api, ctx) as unknown as Record<string, unknown>;
        expectPlainJson(out);
        for (const [apiKey, outKey, expected] of FIELDS) {
          if (api[apiKey] === undefined || emptyValue(apiKey, api[apiKey])) {
            expect(outKey in out).toBe(false);
          } else {
            expect(out[outKey]).toEqual(expected(api[apiKey]));
          }
        }
        if (api.SecretNum !== undefined) expect(typeof out.secretNum).toBe("number");
        for (const b of (out.bindVpcs as { vpcOwnerId: unknown }[] | undefined) ?? []) {
          expect(typeof b.vpcOwnerId).toBe("string");
        }
        const expectedKeys = [
          "kmsInstanceId",
          "region",
          "managedProperties",
          ...FIELDS.filter(([k]) => api[k] !== undefined && !emptyValue(k, api[k])).map(
            ([, o]) => o,
          ),
        ];
        expect(Object.keys(out).sort()).toEqual(expectedKeys.sort());
      }),
    );
  });

  it("keeps a 16-digit owner id exact, and stringifies numbers without exponent form", () => {
    const body = {
      BindVpcs: {
        BindVpc: [
          {
            RegionId: "cn-hangzhou",
            VpcId: "vpc-a",
            VSwitchId: "vsw-a",
            VpcOwnerId: "1234567890123456",
          },
          {
            RegionId: "cn-hangzhou",
            VpcId: "vpc-b",
            VSwitchId: "vsw-b",
            VpcOwnerId: 1234567890123,
          },
          {
            RegionId: "cn-hangzhou",
            VpcId: "vpc-c",
            VSwitchId: "vsw-c",
            // Parsed from JSON, this id has already lost its last digits.
            VpcOwnerId: Number("12345678901234567890"),
          },
          { RegionId: "cn-hangzhou", VpcId: "vpc-d" },
          null,
        ],
      },
    } as unknown as ApiKmsInstance;
    expect(toOutputs(body, ctx).bindVpcs).toEqual([
      {
        regionId: "cn-hangzhou",
        vpcId: "vpc-a",
        vSwitchId: "vsw-a",
        vpcOwnerId: "1234567890123456",
      },
      { regionId: "cn-hangzhou", vpcId: "vpc-b", vSwitchId: "vsw-b", vpcOwnerId: "1234567890123" },
      {
        regionId: "cn-hangzhou",
        vpcId: "vpc-c",
        vSwitchId: "vsw-c",
        vpcOwnerId: "12345678901234567168",
      },
      { regionId: "cn-hangzhou", vpcId: "vpc-d", vSwitchId: "", vpcOwnerId: "" },
    ]);
  });

  it("parses SecretNum only when it is a decimal integer, never producing NaN", () => {
    const secretNum = (v: unknown) =>
      toOutputs({ SecretNum: v } as unknown as ApiKmsInstance, ctx).secretNum;
    expect(secretNum("10")).toBe(10);
    expect(secretNum("0")).toBe(0);
    expect(secretNum(12)).toBe(12);
    expect(secretNum("ten")).toBeUndefined();
    expect(secretNum("1.5")).toBeUndefined();
    expect(secretNum("")).toBeUndefined();
    expect(secretNum("99999999999999999999")).toBeUndefined();
    expect(secretNum(null)).toBeUndefined();
    expect("secretNum" in toOutputs({ SecretNum: "x" }, ctx)).toBe(false);
  });

  it("treats null, wrong types and NaN as absent", () => {
    const body = {
      InstanceName: null,
      Spec: Number.NaN,
      KeyNum: "abc",
      ZoneIds: null,
      DeletionProtection: "yes",
      Status: 3,
    } as unknown as ApiKmsInstance;
    const out = toOutputs(body, ctx);
    expect(out).toEqual({
      kmsInstanceId: ctx.kmsInstanceId,
      region: "cn-hangzhou",
      managedProperties: [],
    });
    expectPlainJson(out);
  });

  it("accepts the odd shapes an older API may send", () => {
    const body = {
      ZoneIds: "cn-hangzhou-h, cn-hangzhou-k",
      VswitchIds: ["vsw-a", 3, "vsw-b"],
      DeletionProtection: "true",
      BindVpcs: [{ RegionId: "cn-hangzhou", VpcId: "vpc-a", VSwitchId: "vsw-a", VpcOwnerId: "1" }],
    } as unknown as ApiKmsInstance;
    const out = toOutputs(body, ctx);
    expect(out.zoneIds).toEqual(["cn-hangzhou-h", "cn-hangzhou-k"]);
    expect(out.vswitchIds).toEqual(["vsw-a", "vsw-b"]);
    expect(out.deletionProtection).toBe(true);
    expect(out.bindVpcs).toEqual([
      { regionId: "cn-hangzhou", vpcId: "vpc-a", vSwitchId: "vsw-a", vpcOwnerId: "1" },
    ]);
    expect(toOutputs({ BindVpcs: {} }, ctx).bindVpcs).toEqual([]);
  });

  it("includes tags only when managed, without system tags", () => {
    fc.assert(
      fc.property(apiKmsInstanceArb, managedArb, liveTagsArb, (api, managed, tags) => {
        const out = toOutputs(api, { ...ctx, managed, tags });
        if (managed.includes("tags")) {
          expect(out.tags).toEqual(userTags(tags));
          expect(Object.keys(out.tags ?? {}).some(isSystemTagKey)).toBe(false);
        } else {
          expect("tags" in out).toBe(false);
        }
      }),
    );
    expect(toOutputs({}, { ...ctx, managed: ["tags"] }).tags).toEqual({});
  });

  it("stores managedProperties in the fixed order, once each", () => {
    const out = toOutputs({}, { ...ctx, managed: ["tags", "instanceName", "tags", "bindVpcs"] });
    expect(out.managedProperties).toEqual(["instanceName", "bindVpcs", "tags"]);
  });

  it("does not alias the API body's lists", () => {
    const api: ApiKmsInstance = { ZoneIds: ["a"] };
    const out = toOutputs(api, ctx);
    out.zoneIds?.push("b");
    expect(api.ZoneIds).toEqual(["a"]);
  });
});

describe("isSystemTagKey / userTags", () => {
  it("recognizes the reserved prefixes in any case", () => {
    for (const k of ["aliyun", "aliyunXYZ", "Aliyun:x", "acs:rm:rgId", "ACS:x"]) {
      expect(isSystemTagKey(k)).toBe(true);
    }
    for (const k of ["acs", "team", "my-aliyun", "ali", "acs-x"]) {
      expect(isSystemTagKey(k)).toBe(false);
    }
  });

  it("drops only system tags and keeps awkward keys as own properties", () => {
    const tags = { "acs:rm:rgId": "rg-1", team: "pay" } as Record<string, string>;
    putOwn(tags, "__proto__", "x");
    const result = userTags(tags);
    expect(Object.keys(result).sort()).toEqual(["__proto__", "team"]);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
