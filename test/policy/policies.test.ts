/**
 * Each rule of the policy pack on this package's `KmsInstance` (dynamic and plugin type alike) and
 * on `@pulumi/alicloud`'s `kms.Instance` shape, run as @pulumi/policy's server runs a stack policy
 * (support/stack.ts): what is reported, against which URN, with the value found and the fix; what
 * is left out; how config changes it. Then the same rules on what the real SDKs register:
 * `@pulumi/alicloud`'s `kms.Instance` and this package's `KmsInstance` are declared under Pulumi's
 * mocks (their providers cannot run here), and the type token and inputs the engine would get,
 * with the live values a read adds, must trip every rule. The pack's own files too.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
  ALICLOUD_KMS_INSTANCE_TYPE,
  DYNAMIC_KMS_INSTANCE_TYPE,
  PLUGIN_KMS_INSTANCE_TYPE,
} from "../../policy/instances";
import {
  allowedVpcs,
  connected,
  deletionProtection,
  expiryWindow,
  policies,
  requiredTags,
} from "../../policy/policies";
import { KMS_INSTANCE_TYPE } from "../../sdk/kms-instance";
import { REPO_ROOT } from "../support/installed-package";
import { UNKNOWN_BOOLEAN, isoIn, runStackPolicy, urnOf, type TestResource } from "./support/stack";

const ID = "kst-hzz65f176a0ogplgqxxxx";

/** A connected, protected, subscription KmsInstance's outputs, with `props` over them. */
function kms(props: Record<string, unknown> = {}, name = "prod-kms"): TestResource {
  return {
    type: DYNAMIC_KMS_INSTANCE_TYPE,
    name,
    props: {
      kmsInstanceId: ID,
      status: "Connected",
      deletionProtection: true,
      chargeType: "PREPAY",
      endDate: isoIn(300),
      vpcId: "vpc-main",
      bindVpcs: [
        { vpcId: "vpc-app", vSwitchId: "vsw-1", regionId: "cn-hangzhou", vpcOwnerId: "1" },
      ],
      tags: { owner: "platform", team: "kms" },
      ...props,
    },
  };
}

/** An `alicloud.kms.Instance`'s outputs (property names of @pulumi/alicloud 3.108), with `props`. */
function alicloud(props: Record<string, unknown> = {}, name = "legacy"): TestResource {
  return {
    type: ALICLOUD_KMS_INSTANCE_TYPE,
    name,
    props: {
      status: "Connected",
      deletionProtection: true,
      paymentType: "Subscription",
      renewStatus: "AutoRenewal",
      endDate: isoIn(300),
      vpcId: "vpc-main",
      bindVpcs: [
        { vpcId: "vpc-app", vswitchId: "vsw-1", regionId: "cn-hangzhou", vpcOwnerId: "1" },
      ],
      tags: { owner: "platform" },
      ...props,
    },
  };
}

test("the type tokens are the SDK's and the plugin's; other resources are left alone", async () => {
  expect(DYNAMIC_KMS_INSTANCE_TYPE).toBe(KMS_INSTANCE_TYPE);
  expect(PLUGIN_KMS_INSTANCE_TYPE).toBe("alicloud-kms:index:KmsInstance");
  const other = { type: "pulumi-nodejs:dynamic:Resource", name: "x", props: {} };
  for (const p of policies) {
    expect(await runStackPolicy(p, [other], { keys: ["owner"], vpcIds: ["vpc-x"] })).toEqual([]);
  }
});

describe("kms-deletion-protection", () => {
  test("on: passes, for each provider's type", async () => {
    const plugin = { ...kms(), type: PLUGIN_KMS_INSTANCE_TYPE };
    expect(await runStackPolicy(deletionProtection, [kms(), plugin, alicloud()])).toEqual([]);
  });

  test("off: reported against the instance's URN, naming it, the value and the fix", async () => {
    const v = await runStackPolicy(deletionProtection, [
      kms(),
      kms({ deletionProtection: false }, "open"),
    ]);
    expect(v).toEqual([
      {
        urn: urnOf(DYNAMIC_KMS_INSTANCE_TYPE, "open"),
        message:
          `KmsInstance "open" (${ID}): deletion protection is off (deletionProtection: false). ` +
          "Fix: set deletionProtection: true.",
      },
    ]);
  });

  test("not declared and no live value (adoption, a previewed change): reported as not known", async () => {
    const v = await runStackPolicy(deletionProtection, [kms({ deletionProtection: undefined })]);
    expect(v).toHaveLength(1);
    expect(v[0].message).toContain("deletion protection is not known");
    expect(v[0].message).toContain("Fix: declare deletionProtection: true.");
  });

  test("unknown during a preview: reported as not known (never passed)", async () => {
    const v = await runStackPolicy(deletionProtection, [
      kms({ deletionProtection: UNKNOWN_BOOLEAN }),
    ]);
    expect(v.map((x) => x.message)).toEqual([expect.stringContaining("is not known")]);
  });

  test("@pulumi/alicloud: false (and the string form 'Disabled') is reported", async () => {
    const v = await runStackPolicy(deletionProtection, [
      alicloud({ deletionProtection: false }),
      alicloud({ deletionProtection: "Disabled" }, "str"),
      alicloud({ deletionProtection: "Enabled" }, "on"),
    ]);
    expect(v.map((x) => x.urn)).toEqual([
      urnOf(ALICLOUD_KMS_INSTANCE_TYPE, "legacy"),
      urnOf(ALICLOUD_KMS_INSTANCE_TYPE, "str"),
    ]);
    expect(v[0].message).toBe(
      'alicloud.kms.Instance "legacy": deletion protection is off (deletionProtection: false). ' +
        "Fix: set deletionProtection: true.",
    );
  });
});

describe("kms-expiry-window", () => {
  test("a subscription ending within 30 days whose renewal was not read is reported, saying so", async () => {
    const end = isoIn(10.5);
    const v = await runStackPolicy(expiryWindow, [kms({ endDate: end })]);
    expect(v).toEqual([
      {
        urn: urnOf(DYNAMIC_KMS_INSTANCE_TYPE, "prod-kms"),
        message:
          `KmsInstance "prod-kms" (${ID}): the subscription ends on ${end} (in 11 days), within ` +
          "the 30-day window, and its renewal status was not read, so it is not known to renew " +
          'automatically. Fix: declare renewal: { status: "AutoRenewal", period: 1, periodUnit: ' +
          '"M" }, or renew it before then.',
      },
    ]);
  });

  test("ManualRenewal and NotRenewal are reported with their status; AutoRenewal passes", async () => {
    const v = await runStackPolicy(expiryWindow, [
      kms({ endDate: isoIn(5), renewal: { status: "ManualRenewal" } }, "manual"),
      kms({ endDate: isoIn(5), renewal: { status: "NotRenewal" } }, "never"),
      kms({ endDate: isoIn(5), renewal: { status: "AutoRenewal", period: 1, periodUnit: "M" } }),
    ]);
    expect(v.map((x) => x.message)).toEqual([
      expect.stringContaining("its renewal status is ManualRenewal."),
      expect.stringContaining("its renewal status is NotRenewal."),
    ]);
  });

  test("an instance that has already ended is reported", async () => {
    const end = isoIn(-2);
    const v = await runStackPolicy(expiryWindow, [kms({ endDate: end })]);
    expect(v[0].message).toContain(`the subscription ended on ${end}, within the 30-day window`);
  });

  test("pay-as-you-go, unknown billing, unknown end date, or far enough: left out", async () => {
    const v = await runStackPolicy(expiryWindow, [
      kms({ endDate: isoIn(3), chargeType: "POSTPAY" }, "payg"),
      kms({ endDate: isoIn(3), chargeType: undefined }, "unread"),
      kms({ endDate: undefined }, "no-end"),
      kms({ endDate: isoIn(45) }, "later"),
    ]);
    expect(v).toEqual([]);
  });

  test("`days` widens the window", async () => {
    const v = await runStackPolicy(expiryWindow, [kms({ endDate: isoIn(45.5) })], { days: 60 });
    expect(v[0].message).toContain("(in 46 days), within the 60-day window");
  });

  test("@pulumi/alicloud: paymentType and renewStatus are read, and the fix names them", async () => {
    const v = await runStackPolicy(expiryWindow, [
      alicloud({ endDate: isoIn(7), renewStatus: "ManualRenewal" }),
      alicloud({ endDate: isoIn(7), renewStatus: "ManualRenewal", paymentType: "PayAsYouGo" }, "p"),
      alicloud({ endDate: isoIn(7) }, "auto"),
    ]);
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(
      /^alicloud\.kms\.Instance "legacy": the subscription ends on .* its renewal status is ManualRenewal\. Fix: set renewStatus: "AutoRenewal" with renewPeriod and renewalPeriodUnit, or renew it before then\.$/,
    );
  });
});

describe("kms-required-tags", () => {
  test("without `keys` it checks nothing", async () => {
    expect(await runStackPolicy(requiredTags, [kms({ tags: {} })])).toEqual([]);
  });

  test("a missing key is reported with the tags found and the fix", async () => {
    const v = await runStackPolicy(requiredTags, [kms({ tags: { team: "kms" } })], {
      keys: ["owner", "team", "cost-center"],
    });
    expect(v).toEqual([
      {
        urn: urnOf(DYNAMIC_KMS_INSTANCE_TYPE, "prod-kms"),
        message:
          `KmsInstance "prod-kms" (${ID}): tag keys "owner", "cost-center" missing (found ` +
          '"team"). Fix: add "owner", "cost-center" to tags.',
      },
    ]);
  });

  test("tags not managed (so not read): reported as not known", async () => {
    const v = await runStackPolicy(requiredTags, [kms({ tags: undefined })], { keys: ["owner"] });
    expect(v[0].message).toContain(
      'its tags are not known (tags are not declared, so they are not read), and "owner" must be present.',
    );
  });

  test("all present passes; @pulumi/alicloud's tags are read", async () => {
    const v = await runStackPolicy(requiredTags, [kms(), alicloud({ tags: { team: "x" } })], {
      keys: ["owner"],
    });
    expect(v.map((x) => x.message)).toEqual([
      'alicloud.kms.Instance "legacy": tag key "owner" missing (found "team"). Fix: add "owner" to tags.',
    ]);
  });
});

describe("kms-allowed-vpcs", () => {
  test("without `vpcIds` it checks nothing", async () => {
    expect(await runStackPolicy(allowedVpcs, [kms()])).toEqual([]);
  });

  test("every bound VPC and the connection VPC must be listed", async () => {
    const v = await runStackPolicy(
      allowedVpcs,
      [
        kms(),
        kms({ connection: { vpcId: "vpc-rogue", zoneIds: [], vswitchIds: [] } }, "conn"),
        kms({ bindVpcs: [{ vpcId: "vpc-x" }, { vpcId: "vpc-y" }] }, "bound"),
      ],
      { vpcIds: ["vpc-main", "vpc-app"] },
    );
    expect(v.map((x) => x.message)).toEqual([
      `KmsInstance "conn" (${ID}): connection VPC vpc-rogue is not on the allowed list ("vpc-main", ` +
        '"vpc-app"). Fix: bind and connect it only to allowed VPCs, or add it to vpcIds in the ' +
        "policy config.",
      `KmsInstance "bound" (${ID}): bound VPC vpc-x, bound VPC vpc-y are not on the allowed list ` +
        '("vpc-main", "vpc-app"). Fix: bind and connect it only to allowed VPCs, or add them to ' +
        "vpcIds in the policy config.",
    ]);
  });

  test("@pulumi/alicloud: bindVpcs[].vpcId and vpcId", async () => {
    const v = await runStackPolicy(allowedVpcs, [alicloud({ vpcId: "vpc-other" })], {
      vpcIds: ["vpc-main", "vpc-app"],
    });
    expect(v[0].message).toContain("connection VPC vpc-other is not on the allowed list");
  });
});

describe("kms-connected", () => {
  test("Connected passes; anything else is reported; not known is left out", async () => {
    const v = await runStackPolicy(connected, [
      kms(),
      kms({ status: "Uninitialized" }, "new"),
      kms({ status: undefined }, "planned"),
      alicloud({ status: "Connecting" }),
    ]);
    expect(v.map((x) => x.message)).toEqual([
      `KmsInstance "new" (${ID}): its status is Uninitialized, not Connected. Fix: declare ` +
        "connection: { vpcId, zoneIds, vswitchIds } so that `pulumi up` connects it, or wait for " +
        "a connection in progress to finish.",
      'alicloud.kms.Instance "legacy": its status is Connecting, not Connected. Fix: set vpcId, ' +
        "zoneIds and vswitchIds, or wait for a connection in progress to finish.",
    ]);
  });
});

describe("the pack", () => {
  test("rule names and default enforcement levels are the documented ones", () => {
    expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
      ["kms-deletion-protection", "mandatory"],
      ["kms-expiry-window", "advisory"],
      ["kms-required-tags", "advisory"],
      ["kms-allowed-vpcs", "mandatory"],
      ["kms-connected", "advisory"],
    ]);
    expect(expiryWindow.configSchema?.properties.days).toMatchObject({ default: 30 });
  });

  test("policy/ is a Node.js pack whose version is the package's and whose main is built", () => {
    const yaml = fs.readFileSync(path.join(REPO_ROOT, "policy/PulumiPolicy.yaml"), "utf8");
    expect(yaml).toMatch(/^runtime: nodejs$/m);
    const read = (p: string) =>
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, p), "utf8")) as {
        version: string;
        main?: string;
      };
    const pack = read("policy/package.json");
    expect(pack.version).toBe(read("package.json").version);
    expect(path.posix.normalize(path.posix.join("policy", pack.main ?? ""))).toBe(
      "dist/policy/index.js",
    );
  });
});

describe("the resources the real SDKs register (under Pulumi's mocks) carry what each rule reads", () => {
  /** What the mocked engine got: each registration's type, name and inputs. */
  const registered: TestResource[] = [];

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          registered.push({ type: args.type, name: args.name, props: args.inputs });
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: (args) => args.inputs,
      },
      "policy-shapes",
      "test",
      false,
    );
  });

  /** Waits until `n` resources have registered. */
  async function registrations(n: number): Promise<void> {
    for (let i = 0; i < 200 && registered.length < n; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(registered).toHaveLength(n);
  }

  /** Every rule's messages for `resource`, config for all of them. */
  async function allViolations(resource: TestResource): Promise<Record<string, string[]>> {
    const config = { keys: ["owner"], vpcIds: ["vpc-allowed"], days: 30 };
    const out: Record<string, string[]> = {};
    for (const p of policies) {
      out[p.name] = (await runStackPolicy(p, [resource], config)).map((v) => v.message);
    }
    return out;
  }

  const every = {
    "kms-deletion-protection": [expect.stringContaining("deletion protection is off")],
    "kms-expiry-window": [expect.stringContaining("its renewal status is ManualRenewal")],
    "kms-required-tags": [expect.stringContaining('tag key "owner" missing')],
    "kms-allowed-vpcs": [expect.stringContaining("bound VPC vpc-rogue")],
    "kms-connected": [expect.stringContaining("its status is Uninitialized")],
  };

  test("@pulumi/alicloud's kms.Instance: each rule reads its properties", async () => {
    const { kms } = await import("@pulumi/alicloud");
    registered.length = 0;
    new kms.Instance("legacy", {
      paymentType: "Subscription",
      renewStatus: "ManualRenewal",
      deletionProtection: false,
      vpcId: "vpc-allowed",
      vswitchIds: ["vsw-1"],
      zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
      bindVpcs: [
        { vpcId: "vpc-rogue", vswitchId: "vsw-2", regionId: "cn-hangzhou", vpcOwnerId: "1" },
      ],
      tags: { team: "kms" },
      productVersion: "3",
    });
    await registrations(1);
    const [r] = registered;
    expect(r.type).toBe("alicloud:kms/instance:Instance");
    // What a read adds: the live status and end date.
    const v = await allViolations({
      ...r,
      props: { ...r.props, status: "Uninitialized", endDate: isoIn(5) },
    });
    expect(v).toEqual(every);
  });

  test("this package's KmsInstance: each rule reads its properties", async () => {
    const { KmsInstance } = await import("../../sdk");
    registered.length = 0;
    new KmsInstance("prod-kms", {
      kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx",
      deletionProtection: false,
      bindVpcs: [
        { vpcId: "vpc-rogue", vSwitchId: "vsw-2", regionId: "cn-hangzhou", vpcOwnerId: "1" },
      ],
      tags: { team: "kms" },
    });
    await registrations(1);
    const [r] = registered;
    expect(r.type).toBe("pulumi-nodejs:dynamic/alicloud-kms:KmsInstance");
    const v = await allViolations({
      ...r,
      props: {
        ...r.props,
        status: "Uninitialized",
        endDate: isoIn(5),
        chargeType: "PREPAY",
        vpcId: "vpc-allowed",
        renewal: { status: "ManualRenewal" },
      },
    });
    expect(v).toEqual(every);
  });
});
