/**
 * What an endpoint override says about the region it serves: the region its host names, whether
 * it pins the resource's region, the check-time objection, and the STS and BSS endpoints' resolution.
 */
import fc from "fast-check";
import {
  APIS,
  endpointPinsRegion,
  endpointRegionConflict,
  endpointUrl,
  regionNamedByEndpoint,
  resolveEndpoint as resolve,
} from "../../../provider/kms/endpoint";
import { resolveKmsSettings } from "../../../provider/kms/settings";

const resolveEndpoint = (region: string, override?: string) =>
  resolve("endpoint", region, override, "alicloud-kms:endpoint");

describe("regionNamedByEndpoint", () => {
  it.each([
    ["https://kms.cn-shanghai.aliyuncs.com", "cn-shanghai"],
    ["kms-vpc.ap-southeast-1.aliyuncs.com", "ap-southeast-1"],
    ["https://KMS-VPC.CN-BEIJING.ALIYUNCS.COM:443/", "cn-beijing"],
    ["https://kms-vpc.{region}.aliyuncs.com", undefined],
    ["https://kms.{region}.aliyuncs.com/x", undefined],
    ["http://127.0.0.1:8080/cn-shanghai", undefined],
    ["http://10.0.0.1:8080", undefined],
    ["https://kst-hzz1.cryptoservice.kms.aliyuncs.com", undefined],
    ["https://kms.aliyuncs.com", undefined],
    ["not a url at all", undefined],
    [undefined, undefined],
  ])("%s names %s", (override, region) => {
    expect(regionNamedByEndpoint(override)).toBe(region);
  });
});

describe("endpointPinsRegion", () => {
  it.each([
    [undefined, true],
    ["", true],
    ["https://kms-vpc.{region}.aliyuncs.com", true],
    ["http://127.0.0.1:8080/{region}", true],
    ["https://kms.cn-hangzhou.aliyuncs.com", true],
    ["https://kms.cn-shanghai.aliyuncs.com", false],
    ["http://127.0.0.1:8080/cn-hangzhou", false],
    ["http://10.0.0.1:8080", false],
  ])("%s pins cn-hangzhou: %s", (override, pins) => {
    expect(endpointPinsRegion("cn-hangzhou", override)).toBe(pins);
  });

  it("an override with {region} resolves to a URL that names exactly that region (property)", () => {
    const regionArb = fc
      .tuple(fc.constantFrom("cn", "ap", "eu", "us"), fc.stringMatching(/^[a-z0-9]{1,10}$/))
      .map(([a, b]) => `${a}-${b}`);
    fc.assert(
      fc.property(regionArb, fc.constantFrom("kms", "kms-vpc"), (region, prefix) => {
        const template = `https://${prefix}.{region}.aliyuncs.com`;
        expect(endpointPinsRegion(region, template)).toBe(true);
        const concrete = `https://${resolveEndpoint(region, template).endpoint}`;
        expect(regionNamedByEndpoint(concrete)).toBe(region);
        expect(endpointPinsRegion(region, concrete)).toBe(true);
        expect(endpointRegionConflict(region, concrete, "k")).toBeUndefined();
      }),
    );
  });
});

describe("endpointRegionConflict (check time)", () => {
  it("names the setting, the region the host names and the resource's region, and suggests {region}", () => {
    expect(
      endpointRegionConflict(
        "cn-hangzhou",
        "https://kms-vpc.cn-shanghai.aliyuncs.com",
        "alicloud-kms:endpoint",
      ),
    ).toBe(
      "alicloud-kms:endpoint (https://kms-vpc.cn-shanghai.aliyuncs.com) names region cn-shanghai, " +
        "but this instance's region is cn-hangzhou: every call would go to cn-shanghai. Put " +
        "{region} in it (e.g. https://kms-vpc.{region}.aliyuncs.com) or use the endpoint of cn-hangzhou.",
    );
  });
  it.each([
    undefined,
    "http://127.0.0.1:8080",
    "https://kms.{region}.aliyuncs.com",
    "kms.cn-hangzhou.aliyuncs.com",
  ])("has nothing against %s", (override) => {
    expect(
      endpointRegionConflict("cn-hangzhou", override, "alicloud-kms:endpoint"),
    ).toBeUndefined();
  });
});

describe("messages", () => {
  it("endpointUrl writes the three pieces back as a URL", () => {
    expect(endpointUrl(resolveEndpoint("cn-hangzhou"))).toBe(
      "https://kms.cn-hangzhou.aliyuncs.com",
    );
    expect(endpointUrl(resolveEndpoint("cn-shanghai", "http://127.0.0.1:9/{region}"))).toBe(
      "http://127.0.0.1:9/cn-shanghai",
    );
  });
  it("a bad override's error suggests a {region} form, not a fixed region", () => {
    expect(() => resolveEndpoint("cn-hangzhou", "ftp://x")).toThrow(
      'invalid endpoint in alicloud-kms:endpoint: scheme "ftp:" is not http or https (expected a URL such as https://kms-vpc.{region}.aliyuncs.com or http://127.0.0.1:8080/{region})',
    );
  });
});

describe("the STS endpoint", () => {
  const settings = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
    resolveKmsSettings({ region: "cn-hangzhou", config: (k) => config[k], env });

  it("defaults to https://sts.aliyuncs.com", () => {
    expect(APIS.stsEndpoint.fallback).toBe("https://sts.aliyuncs.com");
    expect(settings({}).stsEndpoint).toEqual({
      protocol: "HTTPS",
      endpoint: "sts.aliyuncs.com",
      pathname: "/",
    });
    expect(settings({}).stsEndpointSource).toBeUndefined();
  });
  it("comes from alicloud-kms:stsEndpoint, else ALIBABA_CLOUD_STS_ENDPOINT, {region} substituted", () => {
    const env = { ALIBABA_CLOUD_STS_ENDPOINT: "https://sts-vpc.{region}.aliyuncs.com" };
    expect(settings({}, env)).toMatchObject({
      stsEndpoint: { endpoint: "sts-vpc.cn-hangzhou.aliyuncs.com" },
      stsEndpointSource: "ALIBABA_CLOUD_STS_ENDPOINT",
    });
    expect(settings({ "alicloud-kms:stsEndpoint": "http://127.0.0.1:9" }, env)).toMatchObject({
      stsEndpoint: { protocol: "HTTP", endpoint: "127.0.0.1:9", pathname: "/" },
      stsEndpointSource: "alicloud-kms:stsEndpoint",
    });
  });
  it("follows the KMS override's URL rules, naming its setting", () => {
    expect(() =>
      resolve(
        "stsEndpoint",
        "cn-hangzhou",
        "https://user:pw@sts.aliyuncs.com",
        "alicloud-kms:stsEndpoint",
      ),
    ).toThrow(
      /invalid endpoint in alicloud-kms:stsEndpoint: it must not contain a user or password/,
    );
    expect(() =>
      settings({}, { ALIBABA_CLOUD_STS_ENDPOINT: "https://sts.aliyuncs.com/?a=b" }),
    ).toThrow(/ALIBABA_CLOUD_STS_ENDPOINT/);
  });
});

describe("the BSS endpoint", () => {
  const settings = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
    resolveKmsSettings({ region: "cn-hangzhou", config: (k) => config[k], env });

  it("defaults to https://business.aliyuncs.com", () => {
    expect(settings({}).bssEndpoint).toEqual({
      protocol: "HTTPS",
      endpoint: "business.aliyuncs.com",
      pathname: "/",
    });
    expect(settings({}).bssEndpointSource).toBeUndefined();
  });
  it("comes from alicloud-kms:bssEndpoint, else ALIBABA_CLOUD_BSS_ENDPOINT, {region} substituted", () => {
    const env = { ALIBABA_CLOUD_BSS_ENDPOINT: "http://127.0.0.1:7/{region}" };
    expect(settings({}, env)).toMatchObject({
      bssEndpoint: { protocol: "HTTP", endpoint: "127.0.0.1:7", pathname: "/cn-hangzhou" },
      bssEndpointSource: "ALIBABA_CLOUD_BSS_ENDPOINT",
    });
    expect(settings({ "alicloud-kms:bssEndpoint": "http://127.0.0.1:9" }, env)).toMatchObject({
      bssEndpoint: { protocol: "HTTP", endpoint: "127.0.0.1:9", pathname: "/" },
      bssEndpointSource: "alicloud-kms:bssEndpoint",
      bssEndpointOverride: "http://127.0.0.1:9",
    });
    // Another region keeps the override and substitutes its own name.
    const other = resolveKmsSettings({ region: "cn-shanghai", config: () => undefined, env });
    expect(other.bssEndpoint.pathname).toBe("/cn-shanghai");
  });
  it("follows the KMS override's URL rules, naming its setting", () => {
    expect(() =>
      resolve(
        "bssEndpoint",
        "cn-hangzhou",
        "ftp://business.aliyuncs.com",
        "alicloud-kms:bssEndpoint",
      ),
    ).toThrow(
      'invalid endpoint in alicloud-kms:bssEndpoint: scheme "ftp:" is not http or https (expected a URL such as https://business.aliyuncs.com or http://127.0.0.1:8080)',
    );
    expect(() =>
      settings({}, { ALIBABA_CLOUD_BSS_ENDPOINT: "https://user:pw@business.aliyuncs.com" }),
    ).toThrow(
      /invalid endpoint in ALIBABA_CLOUD_BSS_ENDPOINT: it must not contain a user or password/,
    );
  });
});
