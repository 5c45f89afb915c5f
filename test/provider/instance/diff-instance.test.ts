import fc from "fast-check";
import {
  MANAGED_PROPERTIES,
  diffInstance,
  toOutputs,
  type BindVpc,
  type KmsInstanceInputs,
  type KmsInstanceOutputs,
} from "../../../provider/instance";
import { UNKNOWN, bindVpcArb, bindVpcListArb, isUnknown, tagKeyArb, tagsArb } from "./arbitraries";
import { putOwn } from "../../support/own-key";

const ID = "kst-hzz65f176a0ogplgqxxxx";
const REGION = "cn-hangzhou";
const VPC_A: BindVpc = {
  vpcId: "vpc-a1",
  vSwitchId: "vsw-a1",
  regionId: REGION,
  vpcOwnerId: "1234567890123456",
};
const VPC_B: BindVpc = {
  vpcId: "vpc-b1",
  vSwitchId: "vsw-b1",
  regionId: REGION,
  vpcOwnerId: "1234567890123456",
};

const olds = (extra: Partial<KmsInstanceOutputs> = {}): Record<string, unknown> => ({
  kmsInstanceId: ID,
  region: REGION,
  managedProperties: [...MANAGED_PROPERTIES],
  instanceName: "payments",
  status: "Connected",
  bindVpcs: [VPC_A, VPC_B],
  tags: { team: "pay", env: "prod" },
  deletionProtection: true,
  deletionProtectionDescription: "prod",
  __provider: "serialized",
  ...extra,
});
const news = (extra: Partial<Record<keyof KmsInstanceInputs, unknown>> = {}): KmsInstanceInputs =>
  ({ kmsInstanceId: ID, region: REGION, ...extra }) as KmsInstanceInputs;
const diff = (o: Record<string, unknown>, n: KmsInstanceInputs) =>
  diffInstance(o, n, { isUnknown });

/** A permutation of a list (fast-check shuffles through a random index order). */
const shuffled = <T>(list: T[]) =>
  fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length });

describe("diffInstance", () => {
  it("is no change when only identity is declared, whatever the outputs say", () => {
    expect(diff(olds({ status: "Error", endDate: "2020-01-01T00:00:00Z" }), news())).toEqual({
      changes: false,
      replaces: [],
      diffs: [],
    });
  });

  it("replaces on another kmsInstanceId or region", () => {
    const d = diff(olds(), news({ kmsInstanceId: "kst-otherinstance1", region: "cn-shanghai" }));
    expect(d.changes).toBe(true);
    expect(d.replaces).toEqual(["kmsInstanceId", "region"]);
    expect(d.diffs).toEqual([
      { property: "kmsInstanceId", kind: "update", replace: true },
      { property: "region", kind: "update", replace: true },
    ]);
  });

  it("treats unknown values as changes, replacing for identity properties", () => {
    const d = diff(
      olds(),
      news({
        kmsInstanceId: UNKNOWN,
        instanceName: UNKNOWN,
        bindVpcs: [VPC_A, UNKNOWN],
        tags: { team: UNKNOWN },
        deletionProtection: UNKNOWN,
        deletionProtectionDescription: UNKNOWN,
      }),
    );
    expect(d.replaces).toEqual(["kmsInstanceId"]);
    expect(d.diffs.map((x) => [x.property, x.kind, x.replace])).toEqual([
      ["kmsInstanceId", "update", true],
      ["instanceName", "update", false],
      ["bindVpcs", "update", false],
      ["tags", "update", false],
      ["deletionProtection", "update", false],
      ["deletionProtectionDescription", "update", false],
    ]);
    expect(diff(olds(), news({ bindVpcs: UNKNOWN, tags: UNKNOWN })).diffs).toHaveLength(2);
    expect(diff(olds(), news({ bindVpcs: [{ ...VPC_A, vpcOwnerId: UNKNOWN }] })).changes).toBe(
      true,
    );
  });

  it("compares declared scalars with the live values, absent boolean as false and absent description as empty", () => {
    expect(diff(olds(), news({ instanceName: "payments", deletionProtection: true })).changes).toBe(
      false,
    );
    expect(diff(olds(), news({ instanceName: "other" })).diffs).toEqual([
      { property: "instanceName", kind: "update", replace: false },
    ]);
    const old = olds({
      instanceName: undefined,
      deletionProtection: undefined,
      deletionProtectionDescription: undefined,
    });
    expect(
      diff(old, news({ deletionProtection: false, deletionProtectionDescription: "" })).changes,
    ).toBe(false);
    expect(
      diff(
        old,
        news({ instanceName: "x", deletionProtection: true, deletionProtectionDescription: "why" }),
      ).diffs,
    ).toEqual([
      { property: "instanceName", kind: "add", replace: false },
      { property: "deletionProtection", kind: "update", replace: false },
      { property: "deletionProtectionDescription", kind: "add", replace: false },
    ]);
  });

  it("finds no change when a newly declared property already equals the live value", () => {
    const old = olds({ managedProperties: [] });
    expect(
      diff(
        old,
        news({ instanceName: "payments", bindVpcs: [VPC_B, VPC_A], deletionProtection: true }),
      ).changes,
    ).toBe(false);
  });

  it("shows newly declared tags as a change, because unmanaged tags were never read", () => {
    const old = olds({ managedProperties: [], tags: undefined });
    expect(diff(old, news({ tags: {} })).diffs).toEqual([
      { property: "tags", kind: "add", replace: false },
    ]);
  });

  it("ignores the system tags of stored outputs", () => {
    expect(
      diff(olds({ tags: { team: "pay", "acs:rm:rgId": "rg-1" } }), news({ tags: { team: "pay" } }))
        .changes,
    ).toBe(false);
  });

  it("reports per-entry paths for bound VPCs and tags", () => {
    const d = diff(
      olds(),
      news({
        bindVpcs: [
          { ...VPC_B, vpcOwnerId: "9" },
          { ...VPC_A, vSwitchId: "vsw-zz" },
        ],
        tags: { team: "core", "cost center": "1" },
      }),
    );
    expect(d.diffs).toEqual([
      { property: "bindVpcs", kind: "delete", replace: false, path: "bindVpcs[0]" },
      { property: "bindVpcs", kind: "add", replace: false, path: "bindVpcs[1]" },
      { property: "bindVpcs", kind: "update", replace: false, path: "bindVpcs[0].vpcOwnerId" },
      { property: "tags", kind: "delete", replace: false, path: "tags.env" },
      { property: "tags", kind: "add", replace: false, path: 'tags["cost center"]' },
      { property: "tags", kind: "update", replace: false, path: "tags.team" },
    ]);
  });

  it("treats an absent stored list as no bound VPCs", () => {
    const old = olds({ bindVpcs: undefined });
    expect(diff(old, news({ bindVpcs: [] })).changes).toBe(false);
    expect(diff(old, news({ bindVpcs: [VPC_A] })).diffs).toEqual([
      { property: "bindVpcs", kind: "add", replace: false, path: "bindVpcs[0]" },
    ]);
  });

  it("never diffs bound VPCs on order (property)", () => {
    fc.assert(
      fc.property(
        bindVpcListArb.chain((list) => fc.tuple(fc.constant(list), shuffled(list))),
        ([live, declared]) => {
          const d = diff(olds({ bindVpcs: live }), news({ bindVpcs: declared }));
          expect(d.changes).toBe(false);
        },
      ),
    );
  });

  it("detects every single added, removed or changed binding (property)", () => {
    const arb = bindVpcListArb
      .filter((l) => l.length > 0)
      .chain((list) =>
        fc.tuple(
          fc.constant(list),
          fc.nat(list.length - 1),
          bindVpcArb,
          fc.stringMatching(/^[0-9]{1,20}$/),
        ),
      );
    fc.assert(
      fc.property(arb, ([live, i, fresh, owner]) => {
        const key = (v: BindVpc) => `${v.regionId}|${v.vpcId}|${v.vSwitchId}`;
        const o = olds({ bindVpcs: live });
        // removed
        const removed = live.filter((_, j) => j !== i);
        expect(diff(o, news({ bindVpcs: removed })).diffs).toEqual([
          { property: "bindVpcs", kind: "delete", replace: false, path: `bindVpcs[${i}]` },
        ]);
        // added
        if (!live.some((v) => key(v) === key(fresh))) {
          expect(diff(o, news({ bindVpcs: [...live, fresh] })).diffs).toEqual([
            { property: "bindVpcs", kind: "add", replace: false, path: `bindVpcs[${live.length}]` },
          ]);
        }
        // owner changed
        if (owner !== live[i].vpcOwnerId) {
          const changed = live.map((v, j) => (j === i ? { ...v, vpcOwnerId: owner } : v));
          expect(diff(o, news({ bindVpcs: changed })).diffs).toEqual([
            {
              property: "bindVpcs",
              kind: "update",
              replace: false,
              path: `bindVpcs[${i}].vpcOwnerId`,
            },
          ]);
        }
      }),
    );
  });

  it("never diffs tags on key order, and detects every single tag change (property)", () => {
    const arb = tagsArb.chain((tags) =>
      fc.tuple(
        fc.constant(tags),
        shuffled(Object.keys(tags)),
        tagKeyArb,
        fc.string({ maxLength: 5 }),
      ),
    );
    fc.assert(
      fc.property(arb, ([live, order, key, value]) => {
        const o = olds({ tags: live });
        const reordered = Object.fromEntries(order.map((k) => [k, live[k]]));
        expect(diff(o, news({ tags: reordered })).changes).toBe(false);
        const next = { ...reordered };
        putOwn(next, key, value);
        const d = diff(o, news({ tags: next }));
        const existed = Object.prototype.hasOwnProperty.call(live, key);
        if (!existed) expect(d.diffs.map((x) => x.kind)).toEqual(["add"]);
        else if (live[key] !== value) expect(d.diffs.map((x) => x.kind)).toEqual(["update"]);
        else expect(d.changes).toBe(false);
        if (existed) {
          const without = Object.fromEntries(Object.entries(live).filter(([k]) => k !== key));
          expect(diff(o, news({ tags: without })).diffs.map((x) => x.kind)).toEqual(["delete"]);
        }
      }),
    );
  });

  it("ignores output-only fields even when they change (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (status, keyNum) => {
        const out = toOutputs(
          { Status: status, KeyNum: keyNum, InstanceName: "n" },
          { kmsInstanceId: ID, region: REGION, managed: ["instanceName"] },
        );
        const d = diff(out as unknown as Record<string, unknown>, news({ instanceName: "n" }));
        expect(d.changes).toBe(false);
      }),
    );
  });
});
