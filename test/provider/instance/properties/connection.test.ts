/**
 * The `connection` property module: its checks, its diff against stored outputs (sets for zones
 * and vSwitches), its plan, the status gate's view of a plan that connects first, and the
 * message for an enabled instance's different network.
 */
import { Refusal } from "../../../../provider/refusal";
import fc from "fast-check";
import {
  checkInputs,
  diffInstance,
  planUpdate,
  readResult,
  type KmsConnection,
  type KmsInstanceInputs,
  type KmsInstanceOutputs,
} from "../../../../provider/instance";
import { sameSet } from "../../../../provider/instance/properties/connection";
import { statusBlocks } from "../../../../provider/instance/status-gate";
import { isUnknown, UNKNOWN } from "../arbitraries";

const ID = "kst-hzz64e2b1c7d9f0a3kxxxx";
const NET: KmsConnection = {
  vpcId: "vpc-bp1net0001",
  zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
  vswitchIds: ["vsw-bp1k0001", "vsw-bp1j0001"],
};
const olds = (status: string, net?: KmsConnection): KmsInstanceOutputs => ({
  kmsInstanceId: ID,
  region: "cn-hangzhou",
  managedProperties: ["connection", "tags"],
  status,
  tags: {},
  ...(net ? { vpcId: net.vpcId, zoneIds: net.zoneIds, vswitchIds: net.vswitchIds } : {}),
});
const news = (extra: Partial<KmsInstanceInputs> = {}): KmsInstanceInputs => ({
  kmsInstanceId: ID,
  region: "cn-hangzhou",
  connection: NET,
  ...extra,
});
const diff = (o: KmsInstanceOutputs, n: KmsInstanceInputs) =>
  diffInstance(o as unknown as Record<string, unknown>, n, { isUnknown });
const failures = (connection: unknown) =>
  checkInputs({ kmsInstanceId: ID, region: "cn-hangzhou", connection }, { isUnknown }).failures.map(
    (f) => f.reason,
  );

describe("check", () => {
  it("accepts a complete connection and unknown values", () => {
    expect(failures(NET)).toEqual([]);
    expect(failures(UNKNOWN)).toEqual([]);
    expect(failures({ ...NET, zoneIds: UNKNOWN, vswitchIds: [UNKNOWN] })).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ["not an object", "vpc-a", /^connection must be an object \{ vpcId, zoneIds, vswitchIds \}/],
    ["a bad VPC id", { ...NET, vpcId: "VPC-1" }, /^connection\.vpcId must be a VPC id/],
    ["one zone", { ...NET, zoneIds: ["cn-hangzhou-k"] }, /zoneIds must hold exactly 2 distinct/],
    ["three zones", { ...NET, zoneIds: ["a-1", "a-2", "a-3"] }, /exactly 2 distinct zone ids/],
    ["a repeated zone", { ...NET, zoneIds: ["a-1", "a-1"] }, /zoneIds must not repeat/],
    ["no vSwitch", { ...NET, vswitchIds: [] }, /vswitchIds must hold 1–10 distinct/],
    ["a bad vSwitch", { ...NET, vswitchIds: ["sw-1"] }, /vswitchIds\[0\] must be one of vSwitch/],
    ["an unknown field", { ...NET, vpc: "x" }, /^connection\.vpc is not a field of a connection/],
  ])("rejects %s, naming the path", (_what, value, message) => {
    expect(failures(value).some((r) => message.test(r))).toBe(true);
  });
});

describe("diff, plan and read-back", () => {
  it("an Uninitialized instance: an add, planned as ConnectKmsInstance first", () => {
    const d = diff(olds("Uninitialized"), news({ tags: { team: "a" } }));
    // Diffs come in input order (connection is the last managed input); calls in update order.
    expect(d.diffs).toContainEqual({ property: "connection", kind: "add", replace: false });
    const plan = planUpdate(olds("Uninitialized"), news({ tags: { team: "a" } }));
    expect(plan[0]).toEqual({ action: "ConnectKmsInstance", connection: NET });
    // Read back: nothing to store while not enabled, so the declaration stays a change.
    expect(readResult(olds("Uninitialized")).inputs.connection).toBeUndefined();
  });

  it("the status gate lets tags and bound VPCs through when the plan connects first", () => {
    const vpc = { vpcId: "vpc-b", vSwitchId: "vsw-b", regionId: "cn-hangzhou", vpcOwnerId: "1" };
    const withBoth = { tags: { team: "a" }, bindVpcs: [vpc] };
    expect(statusBlocks(olds("Uninitialized"), news(withBoth))).toEqual([]);
    const without = { kmsInstanceId: ID, region: "cn-hangzhou", ...withBoth };
    expect(statusBlocks(olds("Uninitialized"), without).map((b) => b.property)).toEqual([
      "bindVpcs",
      "tags",
    ]);
  });

  it("an enabled instance with the same network in any order: no diff, no call", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(NET.zoneIds, { minLength: 2 }),
        fc.shuffledSubarray(NET.vswitchIds, { minLength: 2 }),
        (zoneIds, vswitchIds) => {
          const n = news({ connection: { vpcId: NET.vpcId, zoneIds, vswitchIds } });
          expect(diff(olds("Connected", NET), n).changes).toBe(false);
          expect(planUpdate(olds("Connected", NET), n)).toEqual([]);
        },
      ),
    );
    expect(readResult(olds("Connected", NET)).inputs.connection).toEqual(NET);
  });

  it("Connecting: no diff and no call (the refresh warning says it is still connecting)", () => {
    const other = { ...NET, vpcId: "vpc-other1" };
    expect(diff(olds("Connecting", NET), news({ connection: other })).changes).toBe(false);
    expect(planUpdate(olds("Connecting", NET), news({ connection: other }))).toEqual([]);
  });

  it.each<[string, Partial<KmsConnection>, string]>([
    ["vpcId", { vpcId: "vpc-other1" }, '"vpc-bp1net0001"'],
    [
      "zoneIds",
      { zoneIds: ["cn-hangzhou-k", "cn-hangzhou-h"] },
      '["cn-hangzhou-j","cn-hangzhou-k"]',
    ],
    ["vswitchIds", { vswitchIds: ["vsw-bp1k0001"] }, '["vsw-bp1j0001","vsw-bp1k0001"]'],
  ])(
    "an enabled instance with another %s fails diff and plan, naming the live value",
    (field, change, live) => {
      const n = news({ connection: { ...NET, ...change } });
      for (const status of ["Connected", "Error", "Disconnected"]) {
        for (const run of [
          () => diff(olds(status, NET), n),
          () => planUpdate(olds(status, NET), n),
        ]) {
          let thrown: unknown;
          try {
            run();
          } catch (e) {
            thrown = e;
          }
          expect(thrown).toBeInstanceOf(Refusal);
          const message = (thrown as Error).message;
          expect(message).toContain(`connection.${field} of KMS instance ${ID} is ${live}`);
          expect(message).toContain(`(status ${status})`);
          expect(message).toMatch(/network cannot change/);
          expect(message).toMatch(/No change was made\.$/);
        }
      }
    },
  );
});

describe("set equality of zones and vSwitches", () => {
  const id = fc.stringMatching(/^[a-z]{1,3}$/);

  it("sameSet ignores order and repeats, and sees any missing or extra member", () => {
    fc.assert(
      fc.property(fc.array(id), fc.array(id), (a, b) => {
        const expected =
          new Set(a).size === new Set([...a, ...b]).size &&
          new Set(b).size === new Set([...a, ...b]).size;
        expect(sameSet(a, b)).toBe(expected);
        expect(sameSet(a, [...a].reverse().concat(a))).toBe(true);
      }),
    );
  });

  it("an enabled instance's plan refuses exactly a network other than the same VPC and the same sets", () => {
    const netArb = fc.record({
      vpcId: fc.constantFrom("vpc-a", "vpc-b"),
      zoneIds: fc.array(id, { maxLength: 3 }),
      vswitchIds: fc.array(id, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(netArb, netArb, (a, b) => {
        const same =
          a.vpcId === b.vpcId &&
          sameSet(a.zoneIds, b.zoneIds) &&
          sameSet(a.vswitchIds, b.vswitchIds);
        let refused = false;
        try {
          planUpdate(olds("Connected", a), news({ connection: b }));
        } catch (e) {
          refused = e instanceof Refusal;
        }
        expect(!refused).toBe(same);
      }),
    );
  });
});
