import { inspect } from "util";
import {
  KmsSettings,
  NO_REGION_MESSAGE,
  resolveKmsSettings,
  resolveRegion,
  secretsOf,
  staticKeysOf,
} from "../../../provider/kms/settings";

const SECRET = "SecretKey/+=*~!()ZZ";
const TOKEN = "STS.token+/=XYZ";
const AK = "LTAI5tAccessKeyIdQQ";

function configOf(values: Record<string, string>): (key: string) => string | undefined {
  return (key) => values[key];
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a throw");
}

describe("resolveRegion", () => {
  const all = {
    config: configOf({ "alicloud:region": "cn-beijing" }),
    env: { ALIBABA_CLOUD_REGION: "cn-shanghai", ALICLOUD_REGION: "cn-shenzhen" },
  };

  it("takes the explicit input first", () => {
    expect(resolveRegion({ ...all, region: "eu-central-1" })).toEqual({
      region: "eu-central-1",
      source: "input",
    });
  });
  it("then alicloud:region", () => {
    expect(resolveRegion(all)).toEqual({ region: "cn-beijing", source: "alicloud:region" });
  });
  it("then ALIBABA_CLOUD_REGION", () => {
    expect(resolveRegion({ ...all, config: configOf({}) })).toEqual({
      region: "cn-shanghai",
      source: "ALIBABA_CLOUD_REGION",
    });
  });
  it("then ALICLOUD_REGION", () => {
    expect(
      resolveRegion({ config: configOf({}), env: { ALICLOUD_REGION: "cn-shenzhen" } }),
    ).toEqual({ region: "cn-shenzhen", source: "ALICLOUD_REGION" });
  });
  it("ignores blank values", () => {
    expect(
      resolveRegion({
        region: " ",
        config: configOf({ "alicloud:region": "" }),
        env: { ALICLOUD_REGION: "cn-shenzhen" },
      }).region,
    ).toBe("cn-shenzhen");
  });
  it("returns an error listing all four sources when none is set", () => {
    const r = resolveRegion({ config: configOf({}), env: {} });
    expect(r.region).toBeUndefined();
    expect(r.error).toBe(NO_REGION_MESSAGE);
    for (const s of ["region", "alicloud:region", "ALIBABA_CLOUD_REGION", "ALICLOUD_REGION"]) {
      expect(r.error).toContain(s);
    }
  });
  it("rejects a malformed region naming its source", () => {
    expect(resolveRegion({ config: configOf({ "alicloud:region": "Hangzhou" }), env: {} })).toEqual(
      {
        error: expect.stringMatching(/invalid region "Hangzhou" from alicloud:region/),
        malformed: "Hangzhou",
      },
    );
  });
});

describe("resolveKmsSettings", () => {
  it("throws the region error when no region is set", () => {
    expect(() => resolveKmsSettings({ config: configOf({}), env: {} })).toThrow(NO_REGION_MESSAGE);
  });

  it("defaults: public endpoint, default chain, 60 s retry, 30 days, 10 s/5 s timeouts", () => {
    const s = resolveKmsSettings({ region: "cn-hangzhou", config: configOf({}), env: {} });
    expect(s).toMatchObject({
      region: "cn-hangzhou",
      regionSource: "input",
      endpoint: { protocol: "HTTPS", endpoint: "kms.cn-hangzhou.aliyuncs.com", pathname: "/" },
      credentialSource: "default-chain",
      credentialType: "chain",
      retryTimeoutMs: 60000,
      expiryWarningDays: 30,
      readTimeoutMs: 10000,
      connectTimeoutMs: 5000,
    });
    expect(s.endpointOverride).toBeUndefined();
    expect(staticKeysOf(s)).toBeUndefined();
  });

  it("takes the endpoint from config before env, naming the source", () => {
    const env = { ALIBABA_CLOUD_KMS_ENDPOINT: "http://127.0.0.1:2/{region}" };
    const fromEnv = resolveKmsSettings({ region: "cn-shanghai", config: configOf({}), env });
    expect(fromEnv.endpoint).toEqual({
      protocol: "HTTP",
      endpoint: "127.0.0.1:2",
      pathname: "/cn-shanghai",
    });
    expect(fromEnv.endpointSource).toBe("ALIBABA_CLOUD_KMS_ENDPOINT");
    const fromConfig = resolveKmsSettings({
      region: "cn-shanghai",
      config: configOf({ "alicloud-kms:endpoint": "http://127.0.0.1:1" }),
      env,
    });
    expect(fromConfig.endpoint.endpoint).toBe("127.0.0.1:1");
    expect(fromConfig.endpointSource).toBe("alicloud-kms:endpoint");
    expect(() =>
      resolveKmsSettings({
        region: "cn-shanghai",
        config: configOf({}),
        env: { ALIBABA_CLOUD_KMS_ENDPOINT: "gopher://x" },
      }),
    ).toThrow(/ALIBABA_CLOUD_KMS_ENDPOINT/);
  });

  it("uses config keys first, then ALICLOUD_* env, then profile, then the chain", () => {
    const env = { ALICLOUD_ACCESS_KEY: "envAK", ALICLOUD_SECRET_KEY: "envSecret" };
    const cfg = configOf({
      "alicloud:accessKey": AK,
      "alicloud:secretKey": SECRET,
      "alicloud:profile": "p1",
    });
    const a = resolveKmsSettings({ region: "cn-hangzhou", config: cfg, env });
    expect(a.credentialSource).toBe("config");
    expect(a.credentialType).toBe("access_key");
    expect(staticKeysOf(a)).toEqual({ accessKeyId: AK, accessKeySecret: SECRET });

    const b = resolveKmsSettings({
      region: "cn-hangzhou",
      config: configOf({ "alicloud:profile": "p1" }),
      env,
    });
    expect(b.credentialSource).toBe("env");
    expect(staticKeysOf(b)).toEqual({ accessKeyId: "envAK", accessKeySecret: "envSecret" });

    const c = resolveKmsSettings({
      region: "cn-hangzhou",
      config: configOf({ "alicloud:profile": "p1" }),
      env: {},
    });
    expect(c.credentialSource).toBe("profile");
    expect(c.profile).toBe("p1");
    expect(c.credentialType).toBe("chain");

    const d = resolveKmsSettings({
      region: "cn-hangzhou",
      config: configOf({}),
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "x" },
    });
    expect(d.credentialSource).toBe("default-chain");
  });

  it("carries an STS token from config or env", () => {
    const a = resolveKmsSettings({
      region: "cn-hangzhou",
      config: configOf({
        "alicloud:accessKey": AK,
        "alicloud:secretKey": SECRET,
        "alicloud:securityToken": TOKEN,
      }),
      env: {},
    });
    expect(a.credentialType).toBe("sts");
    expect(staticKeysOf(a)?.securityToken).toBe(TOKEN);
    const b = resolveKmsSettings({
      region: "cn-hangzhou",
      config: configOf({}),
      env: { ALICLOUD_ACCESS_KEY: AK, ALICLOUD_SECRET_KEY: SECRET, ALICLOUD_SECURITY_TOKEN: TOKEN },
    });
    expect(b.credentialType).toBe("sts");
    expect(secretsOf(b).sort()).toEqual([AK, SECRET, TOKEN].sort());
  });

  it("rejects half-configured keys with errors that name keys, not values", () => {
    const cases: [Record<string, string>, NodeJS.ProcessEnv, RegExp][] = [
      [{ "alicloud:accessKey": AK }, {}, /alicloud:accessKey is set but alicloud:secretKey is not/],
      [
        { "alicloud:secretKey": SECRET },
        {},
        /alicloud:secretKey is set but alicloud:accessKey is not/,
      ],
      [{ "alicloud:securityToken": TOKEN }, {}, /alicloud:securityToken is set but/],
      [
        {},
        { ALICLOUD_SECRET_KEY: SECRET },
        /ALICLOUD_SECRET_KEY is set but ALICLOUD_ACCESS_KEY is not/,
      ],
      [
        {},
        { ALICLOUD_ACCESS_KEY: AK },
        /ALICLOUD_ACCESS_KEY is set but ALICLOUD_SECRET_KEY is not/,
      ],
    ];
    for (const [cfg, env, pattern] of cases) {
      const err = errorOf(() =>
        resolveKmsSettings({ region: "cn-hangzhou", config: configOf(cfg), env }),
      );
      expect(err.message).toMatch(pattern);
      for (const s of [AK, SECRET, TOKEN]) expect(err.message).not.toContain(s);
    }
  });

  it("reads numbers and rejects bad ones", () => {
    const s = resolveKmsSettings({
      region: "cn-hangzhou",
      config: configOf({
        "alicloud-kms:retryTimeoutSeconds": "1.5",
        "alicloud-kms:expiryWarningDays": "0",
        "alicloud-kms:readTimeoutMs": "2500",
        "alicloud-kms:connectTimeoutMs": "700",
      }),
      env: {},
    });
    expect(s.retryTimeoutMs).toBe(1500);
    expect(s.expiryWarningDays).toBe(0);
    expect(s.readTimeoutMs).toBe(2500);
    expect(s.connectTimeoutMs).toBe(700);
    expect(() =>
      resolveKmsSettings({
        region: "cn-hangzhou",
        config: configOf({ "alicloud-kms:retryTimeoutSeconds": "-1" }),
        env: {},
      }),
    ).toThrow(/alicloud-kms:retryTimeoutSeconds "-1"/);
    expect(() =>
      resolveKmsSettings({
        region: "cn-hangzhou",
        config: configOf({ "alicloud-kms:expiryWarningDays": "2.5" }),
        env: {},
      }),
    ).toThrow(/alicloud-kms:expiryWarningDays/);
  });

  it("never shows a secret through JSON, inspect or toString", () => {
    const s = resolveKmsSettings({
      region: "cn-hangzhou",
      config: configOf({
        "alicloud:accessKey": AK,
        "alicloud:secretKey": SECRET,
        "alicloud:securityToken": TOKEN,
      }),
      env: {},
    });
    const views = [
      JSON.stringify(s),
      inspect(s),
      inspect(s, { showHidden: true, depth: 10 }),
      String(s),
      `${Object.values(s).join(",")}`,
    ];
    for (const v of views) {
      for (const secret of [AK, SECRET, TOKEN]) expect(v).not.toContain(secret);
    }
  });

  it("fingerprints credentials: same keys same identity, other keys other identity", () => {
    const mk = (secret: string) =>
      resolveKmsSettings({
        region: "cn-hangzhou",
        config: configOf({ "alicloud:accessKey": AK, "alicloud:secretKey": secret }),
        env: {},
      }).credentialIdentity;
    expect(mk(SECRET)).toBe(mk(SECRET));
    expect(mk(SECRET)).not.toBe(mk(SECRET + "2"));
  });

  it("a resource's region keeps the credentials and re-resolves the endpoint", () => {
    const inRegion = (region?: string): KmsSettings =>
      resolveKmsSettings({
        region,
        config: configOf({
          "alicloud:region": "cn-hangzhou",
          "alicloud:accessKey": AK,
          "alicloud:secretKey": SECRET,
          "alicloud-kms:endpoint": "http://127.0.0.1:3/{region}",
        }),
        env: {},
      });
    const s = inRegion();
    const t = inRegion("cn-shanghai");
    expect(t.region).toBe("cn-shanghai");
    expect(t.endpoint.pathname).toBe("/cn-shanghai");
    expect(staticKeysOf(t)).toEqual(staticKeysOf(s));
    expect(inRegion("cn-hangzhou")).toEqual({ ...s, regionSource: "input" });
    expect(() => inRegion("bad region")).toThrow(/invalid region/);
  });
});
