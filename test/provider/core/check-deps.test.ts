/**
 * `checkDeps`: the default region and the endpoint-region objection `check` uses, read from
 * config first and the environment second, as `configDeps` (which spreads it) always did.
 */
import { checkDeps } from "../../../provider/core/check-deps";

function deps(config: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  return checkDeps({ config: (k) => config[k], env });
}

test("the default region: alicloud:region, else ALIBABA_CLOUD_REGION, else ALICLOUD_REGION, else none", () => {
  expect(
    deps(
      { "alicloud:region": "cn-hangzhou" },
      { ALIBABA_CLOUD_REGION: "cn-beijing" },
    ).defaultRegion(),
  ).toBe("cn-hangzhou");
  expect(
    deps(
      {},
      { ALIBABA_CLOUD_REGION: "cn-beijing", ALICLOUD_REGION: "cn-shanghai" },
    ).defaultRegion(),
  ).toBe("cn-beijing");
  expect(deps({}, { ALICLOUD_REGION: "cn-shanghai" }).defaultRegion()).toBe("cn-shanghai");
  expect(deps({}).defaultRegion()).toBeUndefined();
});

test("no objection without an override, or when the override has {region} or names the same region", () => {
  expect(deps({}).endpointConflict("cn-hangzhou")).toBeUndefined();
  expect(
    deps({ "alicloud-kms:endpoint": "https://kms-vpc.{region}.aliyuncs.com" }).endpointConflict(
      "cn-hangzhou",
    ),
  ).toBeUndefined();
  expect(
    deps({ "alicloud-kms:endpoint": "https://kms.cn-hangzhou.aliyuncs.com" }).endpointConflict(
      "cn-hangzhou",
    ),
  ).toBeUndefined();
});

test("an override naming another region is objected to, naming the setting it came from; config wins over env", () => {
  const fromConfig = deps(
    { "alicloud-kms:endpoint": "https://kms.cn-shanghai.aliyuncs.com" },
    { ALIBABA_CLOUD_KMS_ENDPOINT: "https://kms.cn-hangzhou.aliyuncs.com" },
  ).endpointConflict("cn-hangzhou");
  expect(fromConfig).toContain("alicloud-kms:endpoint");
  expect(fromConfig).toContain("names region cn-shanghai");

  const fromEnv = deps(
    {},
    { ALIBABA_CLOUD_KMS_ENDPOINT: "https://kms.cn-shanghai.aliyuncs.com" },
  ).endpointConflict("cn-hangzhou");
  expect(fromEnv).toContain("ALIBABA_CLOUD_KMS_ENDPOINT");
  expect(fromEnv).toContain("names region cn-shanghai");

  // The config key set to the right region hides a wrong environment variable.
  expect(
    deps(
      { "alicloud-kms:endpoint": "https://kms.cn-hangzhou.aliyuncs.com" },
      { ALIBABA_CLOUD_KMS_ENDPOINT: "https://kms.cn-shanghai.aliyuncs.com" },
    ).endpointConflict("cn-hangzhou"),
  ).toBeUndefined();
});

test("reads config on every call (configure may change it)", () => {
  const config: Record<string, string> = {};
  const d = checkDeps({ config: (k) => config[k], env: {} });
  expect(d.defaultRegion()).toBeUndefined();
  config["alicloud:region"] = "cn-shenzhen";
  expect(d.defaultRegion()).toBe("cn-shenzhen");
});
