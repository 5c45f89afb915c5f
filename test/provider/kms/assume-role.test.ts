/**
 * Assume-role settings: the `alicloud:assumeRole` object, the environment fallbacks Terraform's
 * provider reads, defaults, bad input named by key, OIDC left alone, and the STS endpoint rules.
 */
import fc from "fast-check";
import {
  DEFAULT_ROLE_SESSION_NAME,
  DEFAULT_SESSION_EXPIRATION_SECONDS,
  SESSION_EXPIRATION_RANGE,
  assumeRoleStsHost,
  parseAssumeRole,
} from "../../../provider/kms/assume-role";
import { resolveKmsSettings } from "../../../provider/kms/settings";

const KEY = "alicloud:assumeRole";
const ARN = "acs:ram::1234567890123456:role/deployer";

function settingsWith(config: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  return resolveKmsSettings({
    config: (k) => ({ "alicloud:region": "cn-hangzhou", ...config })[k],
    env,
  });
}

describe("parseAssumeRole", () => {
  it("is undefined when neither config nor environment names a role", () => {
    expect(parseAssumeRole(undefined, KEY, {})).toBeUndefined();
    expect(parseAssumeRole("  ", KEY, {})).toBeUndefined();
  });

  it("reads every field of the config object, with @pulumi/alicloud's names", () => {
    const policy = '{"Version":"1","Statement":[]}';
    expect(
      parseAssumeRole(
        JSON.stringify({
          roleArn: ARN,
          sessionName: "ci@team",
          sessionExpiration: 1800,
          policy,
          externalId: "ext-1",
        }),
        KEY,
        {},
      ),
    ).toEqual({
      roleArn: ARN,
      sessionName: "ci@team",
      durationSeconds: 1800,
      policy,
      externalId: "ext-1",
      source: KEY,
    });
  });

  it("defaults the session name and length, and takes a policy given as an object", () => {
    const r = parseAssumeRole(
      JSON.stringify({ roleArn: ARN, policy: { Version: "1", Statement: [] } }),
      KEY,
      {},
    );
    expect(r?.sessionName).toBe(DEFAULT_ROLE_SESSION_NAME);
    expect(r?.durationSeconds).toBe(DEFAULT_SESSION_EXPIRATION_SECONDS);
    expect(JSON.parse(r?.policy ?? "")).toEqual({ Version: "1", Statement: [] });
  });

  it("accepts a session length as a string (what `pulumi config set --path` stores)", () => {
    const r = parseAssumeRole(JSON.stringify({ roleArn: ARN, sessionExpiration: "900" }), KEY, {});
    expect(r?.durationSeconds).toBe(900);
  });

  it("falls back to Terraform's environment variables per field", () => {
    const env = {
      ALICLOUD_ASSUME_ROLE_ARN: ARN,
      ALICLOUD_ASSUME_ROLE_SESSION_NAME: "from-env",
      ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION: "2400",
    };
    expect(parseAssumeRole(undefined, KEY, env)).toEqual({
      roleArn: ARN,
      sessionName: "from-env",
      durationSeconds: 2400,
      source: "ALICLOUD_ASSUME_ROLE_ARN",
    });
    // The config object wins field by field; what it leaves out comes from the environment.
    const mixed = parseAssumeRole(JSON.stringify({ sessionName: "cfg" }), KEY, env);
    expect(mixed).toMatchObject({ roleArn: ARN, sessionName: "cfg", durationSeconds: 2400 });
  });

  it("reads ALIBABA_CLOUD_ROLE_ARN / _SESSION_NAME, the names @alicloud/credentials uses", () => {
    const r = parseAssumeRole(undefined, KEY, {
      ALIBABA_CLOUD_ROLE_ARN: ARN,
      ALIBABA_CLOUD_ROLE_SESSION_NAME: "sdk-name",
    });
    expect(r).toMatchObject({
      roleArn: ARN,
      sessionName: "sdk-name",
      source: "ALIBABA_CLOUD_ROLE_ARN",
    });
  });

  it("leaves ALIBABA_CLOUD_ROLE_ARN to the chain's OIDC provider when OIDC is configured", () => {
    const oidc = {
      ALIBABA_CLOUD_ROLE_ARN: ARN,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1234567890123456:oidc-provider/gh",
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/var/run/token",
    };
    expect(parseAssumeRole(undefined, KEY, oidc)).toBeUndefined();
    expect(settingsWith({}, oidc).assumeRole).toBeUndefined();
    // An explicit assume-role still applies on top of OIDC credentials.
    expect(parseAssumeRole(JSON.stringify({ roleArn: ARN }), KEY, oidc)?.roleArn).toBe(ARN);
  });

  it.each([
    ["not JSON", "acs:ram::1:role/x", /invalid alicloud:assumeRole: not JSON/],
    ["not an object", '["x"]', /invalid alicloud:assumeRole: expected an object/],
    ["an unknown field", JSON.stringify({ role_arn: ARN }), /unknown field "role_arn"/],
    [
      "no roleArn",
      JSON.stringify({ sessionName: "x1" }),
      /alicloud:assumeRole\.roleArn is required/,
    ],
    [
      "a bad ARN",
      JSON.stringify({ roleArn: "deployer" }),
      /invalid alicloud:assumeRole\.roleArn "deployer"/,
    ],
    [
      "a bad session name",
      JSON.stringify({ roleArn: ARN, sessionName: "a b" }),
      /invalid alicloud:assumeRole\.sessionName "a b"/,
    ],
    [
      "a session too short",
      JSON.stringify({ roleArn: ARN, sessionExpiration: 899 }),
      /invalid alicloud:assumeRole\.sessionExpiration 899: expected whole seconds from 900 to 43200/,
    ],
    [
      "a session length that is not a number",
      JSON.stringify({ roleArn: ARN, sessionExpiration: "1h" }),
      /invalid alicloud:assumeRole\.sessionExpiration "1h"/,
    ],
    [
      "a policy that is not JSON",
      JSON.stringify({ roleArn: ARN, policy: "allow all" }),
      /invalid alicloud:assumeRole\.policy: not JSON/,
    ],
    [
      "a non-string externalId",
      JSON.stringify({ roleArn: ARN, externalId: 7 }),
      /invalid alicloud:assumeRole\.externalId: expected a string/,
    ],
  ])("rejects %s, naming the key", (_what, raw, message) => {
    expect(() => parseAssumeRole(raw, KEY, {})).toThrow(message);
  });

  it("names the environment variable a bad value came from", () => {
    expect(() => parseAssumeRole(undefined, KEY, { ALICLOUD_ASSUME_ROLE_ARN: "x" })).toThrow(
      /invalid ALICLOUD_ASSUME_ROLE_ARN "x"/,
    );
    expect(() =>
      parseAssumeRole(undefined, KEY, {
        ALICLOUD_ASSUME_ROLE_ARN: ARN,
        ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION: "60",
      }),
    ).toThrow(/invalid ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION "60"/);
  });

  it("takes exactly the whole seconds of the range (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 50_000 }), (n) => {
        const raw = JSON.stringify({ roleArn: ARN, sessionExpiration: n });
        const { min, max } = SESSION_EXPIRATION_RANGE;
        if (n === 0) {
          expect(parseAssumeRole(raw, KEY, {})?.durationSeconds).toBe(3600);
        } else if (n >= min && n <= max) {
          expect(parseAssumeRole(raw, KEY, {})?.durationSeconds).toBe(n);
        } else {
          expect(() => parseAssumeRole(raw, KEY, {})).toThrow(/sessionExpiration/);
        }
      }),
    );
  });
});

describe("assumeRoleStsHost", () => {
  it("is the host[:port] of an https endpoint at /", () => {
    expect(
      assumeRoleStsHost({ protocol: "HTTPS", endpoint: "127.0.0.1:8443", pathname: "/" }, "x"),
    ).toBe("127.0.0.1:8443");
  });

  it("accepts http to a loopback address only (the answer holds the role's keys)", () => {
    for (const endpoint of ["127.0.0.1:8080", "localhost:1", "[::1]:8443", "127.1.2.3"]) {
      expect(assumeRoleStsHost({ protocol: "HTTP", endpoint, pathname: "/" }, "x")).toBe(endpoint);
    }
  });

  it("refuses http elsewhere and a path, naming the setting", () => {
    expect(() =>
      assumeRoleStsHost(
        { protocol: "HTTP", endpoint: "sts.internal:8080", pathname: "/" },
        "alicloud-kms:stsEndpoint",
      ),
    ).toThrow(/alicloud-kms:stsEndpoint must be an https:\/\/ URL with assume-role credentials/);
    expect(() =>
      assumeRoleStsHost(
        { protocol: "HTTPS", endpoint: "sts.example", pathname: "/sts" },
        "ALIBABA_CLOUD_STS_ENDPOINT",
      ),
    ).toThrow(/ALIBABA_CLOUD_STS_ENDPOINT must not have a path/);
  });
});

describe("resolveKmsSettings with a role", () => {
  it("carries the role, keeps the source credentials' type, and gets another identity", () => {
    const keys = { "alicloud:accessKey": "LTAIid", "alicloud:secretKey": "s3cret" };
    const plain = settingsWith(keys);
    const role = settingsWith({ ...keys, [KEY]: JSON.stringify({ roleArn: ARN }) });
    expect(role.assumeRole?.roleArn).toBe(ARN);
    expect(role.credentialType).toBe("access_key");
    expect(role.credentialIdentity).not.toBe(plain.credentialIdentity);
    const other = settingsWith({
      ...keys,
      [KEY]: JSON.stringify({ roleArn: ARN.replace("deployer", "auditor") }),
    });
    expect(other.credentialIdentity).not.toBe(role.credentialIdentity);
    // Nothing secret in the settings themselves.
    expect(JSON.stringify(role)).not.toContain("s3cret");
  });

  it("refuses an http STS endpoint with a role, and accepts it without one", () => {
    const http = { "alicloud-kms:stsEndpoint": "http://sts.internal:8080" };
    expect(settingsWith(http).stsEndpoint.protocol).toBe("HTTP");
    expect(() => settingsWith({ ...http, [KEY]: JSON.stringify({ roleArn: ARN }) })).toThrow(
      /alicloud-kms:stsEndpoint must be an https:\/\/ URL/,
    );
    expect(() =>
      settingsWith({}, { ALIBABA_CLOUD_STS_ENDPOINT: "http://x:1", ALICLOUD_ASSUME_ROLE_ARN: ARN }),
    ).toThrow(/ALIBABA_CLOUD_STS_ENDPOINT must be an https:\/\/ URL/);
  });
});
