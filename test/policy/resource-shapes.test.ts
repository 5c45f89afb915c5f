/**
 * The rules read the properties the real SDKs register: `@pulumi/alicloud`'s `kms.Instance` and
 * this package's `KmsInstance` are declared under Pulumi's mocks (their providers cannot run
 * here), and what the engine would get — the type token and the inputs — is fed to every rule
 * with the live values a read adds. Each rule must find its violation on both.
 */
import * as pulumi from "@pulumi/pulumi";
import { policies } from "../../policy/policies";
import { isoIn, runStackPolicy, type TestResource } from "./support/stack";

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
async function violations(resource: TestResource): Promise<Record<string, string[]>> {
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
  const v = await violations({
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
  const v = await violations({
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
