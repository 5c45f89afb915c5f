/**
 * `KmsCore`'s config handling at check and delete time: the default region and the endpoint-region
 * objection, read from config first and the environment second, with no API call and without
 * loading the client stack.
 */
import { KmsCore } from "../../../provider/core/kms-core";

const ID = "kst-hzz65f176a0ogplgqxxxx";

function core(config: Record<string, string>, env: NodeJS.ProcessEnv = {}): KmsCore {
  return new KmsCore({
    config: (k) => config[k],
    env,
    warn: () => undefined,
    info: () => undefined,
  });
}

/** The objection on `region` that check adds for `region`, if any. */
function conflict(c: KmsCore, region: string): string | undefined {
  return c.check({ kmsInstanceId: ID, region }).failures.find((f) => f.property === "region")
    ?.reason;
}

test("the default region: alicloud:region, else ALIBABA_CLOUD_REGION, else ALICLOUD_REGION, else none", () => {
  expect(
    core(
      { "alicloud:region": "cn-hangzhou" },
      { ALIBABA_CLOUD_REGION: "cn-beijing" },
    ).defaultRegion(),
  ).toBe("cn-hangzhou");
  expect(
    core(
      {},
      { ALIBABA_CLOUD_REGION: "cn-beijing", ALICLOUD_REGION: "cn-shanghai" },
    ).defaultRegion(),
  ).toBe("cn-beijing");
  expect(core({}, { ALICLOUD_REGION: "cn-shanghai" }).defaultRegion()).toBe("cn-shanghai");
  expect(core({}).defaultRegion()).toBeUndefined();
  // check() fills it in for a resource that declares none.
  expect(
    core({ "alicloud:region": "cn-hangzhou" }).check({ kmsInstanceId: ID }).inputs.region,
  ).toBe("cn-hangzhou");
});

test("no objection without an override, or when the override has {region} or names the same region", () => {
  expect(conflict(core({}), "cn-hangzhou")).toBeUndefined();
  expect(
    conflict(
      core({ "alicloud-kms:endpoint": "https://kms-vpc.{region}.aliyuncs.com" }),
      "cn-hangzhou",
    ),
  ).toBeUndefined();
  expect(
    conflict(
      core({ "alicloud-kms:endpoint": "https://kms.cn-hangzhou.aliyuncs.com" }),
      "cn-hangzhou",
    ),
  ).toBeUndefined();
});

test("an override naming another region is objected to, naming the setting it came from; config wins over env", () => {
  const fromConfig = conflict(
    core(
      { "alicloud-kms:endpoint": "https://kms.cn-shanghai.aliyuncs.com" },
      { ALIBABA_CLOUD_KMS_ENDPOINT: "https://kms.cn-hangzhou.aliyuncs.com" },
    ),
    "cn-hangzhou",
  );
  expect(fromConfig).toContain("alicloud-kms:endpoint");
  expect(fromConfig).toContain("names region cn-shanghai");

  const fromEnv = conflict(
    core({}, { ALIBABA_CLOUD_KMS_ENDPOINT: "https://kms.cn-shanghai.aliyuncs.com" }),
    "cn-hangzhou",
  );
  expect(fromEnv).toContain("ALIBABA_CLOUD_KMS_ENDPOINT");
  expect(fromEnv).toContain("names region cn-shanghai");

  // The config key set to the right region hides a wrong environment variable.
  expect(
    conflict(
      core(
        { "alicloud-kms:endpoint": "https://kms.cn-hangzhou.aliyuncs.com" },
        { ALIBABA_CLOUD_KMS_ENDPOINT: "https://kms.cn-shanghai.aliyuncs.com" },
      ),
      "cn-hangzhou",
    ),
  ).toBeUndefined();
});

test("a malformed region is one failure on region, not also an endpoint objection", () => {
  const c = core({ "alicloud-kms:endpoint": "https://kms.cn-shanghai.aliyuncs.com" });
  const failures = c.check({ kmsInstanceId: ID, region: "Hangzhou" }).failures;
  expect(failures.filter((f) => f.property === "region")).toHaveLength(1);
  expect(failures[0].reason).not.toContain("names region");
});

test("reads config on every call (configure may change it)", () => {
  const config: Record<string, string> = {};
  const c = new KmsCore({ config: (k) => config[k], env: {}, warn: () => {}, info: () => {} });
  expect(c.defaultRegion()).toBeUndefined();
  config["alicloud:region"] = "cn-shenzhen";
  expect(c.defaultRegion()).toBe("cn-shenzhen");
});

test("delete names the stored region, else the default (a stored empty region is none), else ?", () => {
  const said = (c: KmsCore, stored: Record<string, unknown>): string => {
    const infos: string[] = [];
    c.delete(ID, stored, { log: { warn: () => undefined, info: (m) => infos.push(m) } });
    expect(infos).toHaveLength(1);
    return infos[0];
  };
  const hangzhou = core({ "alicloud:region": "cn-hangzhou" });
  expect(said(hangzhou, { region: "cn-beijing" })).toBe(
    `KMS instance ${ID} in cn-beijing is no longer managed by Pulumi; it keeps running and ` +
      `billing. Release it in the console if you no longer need it.`,
  );
  expect(said(hangzhou, { region: "" })).toBe(
    `KMS instance ${ID} in cn-hangzhou is no longer managed by Pulumi; it keeps running and ` +
      `billing. Release it in the console if you no longer need it.`,
  );
  expect(said(core({}), { region: "" })).toContain(`KMS instance ${ID} in ? is no longer managed`);
});

test("a malformed default region is named as malformed where it is used, not as missing", () => {
  for (const [config, env] of [
    [{ "alicloud:region": "Hangzhou!" }, {}],
    [{}, { ALICLOUD_REGION: "Hangzhou!" }],
  ] as const) {
    const failures = core(config, env).check({ kmsInstanceId: ID }).failures;
    expect(failures).toEqual([
      {
        property: "region",
        reason: expect.stringMatching(
          /^region is not set and the default region "Hangzhou!" \(from `alicloud:region`, ALIBABA_CLOUD_REGION or ALICLOUD_REGION\) is not a region id/,
        ),
      },
    ]);
  }
});
