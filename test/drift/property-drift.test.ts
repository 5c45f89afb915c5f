/**
 * Drifted properties come from the provider's own diff and update plan: the same properties the
 * engine's Diff saw, and exactly the calls `up` would make, each listed once.
 */
import fc from "fast-check";
import { propertyDrifts, toJson } from "../../drift/property-drift";
import {
  diffInstance,
  managedOf,
  planUpdate,
  toOutputs,
  type KmsInstanceOutputs,
} from "../../provider/instance";
import {
  apiKmsInstanceArb,
  inputsArb,
  isUnknown,
  liveTagsArb,
} from "../provider/instance/arbitraries";

const ID = "kst-hzz65f176a0ogplgqxxxx";
const REGION = "cn-hangzhou";
const VPC1 = {
  vpcId: "vpc-1",
  vSwitchId: "vsw-1",
  regionId: REGION,
  vpcOwnerId: "1234567890123456",
};
const VPC2 = {
  vpcId: "vpc-2",
  vSwitchId: "vsw-2",
  regionId: REGION,
  vpcOwnerId: "9876543210987654",
};

/** Live outputs of an instance that manages everything. */
function live(over: Partial<KmsInstanceOutputs> = {}): Record<string, unknown> {
  return {
    kmsInstanceId: ID,
    region: REGION,
    managedProperties: ["instanceName", "bindVpcs", "tags", "deletionProtection"],
    instanceName: "prod-kms",
    status: "Connected",
    bindVpcs: [VPC1, VPC2],
    tags: { env: "prod", team: "platform" },
    deletionProtection: true,
    ...over,
  };
}

const declared = {
  kmsInstanceId: ID,
  region: REGION,
  instanceName: "prod-kms",
  bindVpcs: [VPC2, VPC1],
  tags: { env: "prod", team: "platform" },
  deletionProtection: true,
};

describe("propertyDrifts", () => {
  it("is empty when live matches the declaration (bound VPCs in another order)", () => {
    expect(propertyDrifts(live(), declared)).toEqual([]);
  });

  it("names a rename and a tag change with both values and the calls up would make", () => {
    const got = propertyDrifts(
      live({ instanceName: "renamed", tags: { env: "dev", team: "platform", extra: "x" } }),
      declared,
    );
    expect(got).toEqual([
      {
        property: "instanceName",
        declared: "prod-kms",
        live: "renamed",
        replace: false,
        details: [{ kind: "update" }],
        calls: [{ action: "UpdateKmsInstance", instanceName: "prod-kms" }],
      },
      {
        property: "tags",
        declared: { env: "prod", team: "platform" },
        live: { env: "dev", team: "platform", extra: "x" },
        replace: false,
        details: [
          { kind: "delete", path: "tags.extra" },
          { kind: "update", path: "tags.env" },
        ],
        calls: [
          { action: "UntagResources", keys: ["extra"] },
          { action: "TagResources", tags: { env: "prod" } },
        ],
      },
    ]);
  });

  it("names an unbound VPC with the whole list to bind", () => {
    const [d] = propertyDrifts(live({ bindVpcs: [VPC1] }), declared);
    expect(d).toMatchObject({
      property: "bindVpcs",
      declared: [VPC2, VPC1],
      live: [VPC1],
      details: [{ kind: "add", path: "bindVpcs[0]" }],
      calls: [{ action: "UpdateKmsInstanceBindVpc", bindVpcs: [VPC2, VPC1] }],
    });
  });

  it("lists the one SetDeletionProtection call once, under the first drifted property", () => {
    const got = propertyDrifts(live({ deletionProtection: false }), {
      ...declared,
      deletionProtectionDescription: "keep",
    });
    expect(got.map((d) => [d.property, d.calls.length])).toEqual([
      ["deletionProtection", 1],
      ["deletionProtectionDescription", 0],
    ]);
    expect(got[1]?.live).toBeNull();
  });

  it("a changed id means replace: no update calls", () => {
    const [d] = propertyDrifts(live(), { ...declared, kmsInstanceId: "kst-other" });
    expect(d).toMatchObject({ property: "kmsInstanceId", replace: true, calls: [] });
  });

  it("for any live instance and declaration: the diff's properties and every planned call once", () => {
    fc.assert(
      fc.property(apiKmsInstanceArb, liveTagsArb, inputsArb(ID, REGION), (api, tags, news) => {
        const outputs = toOutputs(api, {
          kmsInstanceId: ID,
          region: REGION,
          managed: managedOf(news),
          tags,
        });
        const olds = toJson(outputs) as Record<string, unknown>;
        const got = propertyDrifts(olds, news as unknown as Record<string, unknown>);
        const diff = diffInstance(olds, news, { isUnknown });
        expect(got.map((d) => d.property)).toEqual([...new Set(diff.diffs.map((d) => d.property))]);
        // Every planned call once, each property's calls in plan order.
        const plan = planUpdate(outputs, news).map((c) => JSON.stringify(c));
        const listed = got.flatMap((d) => d.calls).map((c) => JSON.stringify(c));
        expect([...listed].sort()).toEqual([...plan].sort());
        for (const d of got) {
          const order = d.calls.map((c) => plan.indexOf(JSON.stringify(c)));
          expect(order).toEqual([...order].sort((x, y) => x - y));
        }
        for (const d of got) {
          expect(d.declared).toEqual(
            toJson((news as unknown as Record<string, unknown>)[d.property]),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
