import fc from "fast-check";
import type { ApiKmsInstance } from "../../../provider/kms/types";
import {
  MANAGED_PROPERTIES,
  diffInstance,
  managedOf,
  planUpdate,
  toOutputs,
  type KmsInstanceInputs,
  type KmsInstanceOutputs,
  type PlannedCall,
} from "../../../provider/instance";
import { isSystemTagKey } from "../../../provider/instance/properties/tags";
import { apiKmsInstanceArb, inputsArb, isUnknown, liveTagsArb, managedArb } from "./arbitraries";
import { putOwn } from "../../support/own-key";

const ID = "kst-hzz65f176a0ogplgqxxxx";
const REGION = "cn-hangzhou";
const VPC = {
  vpcId: "vpc-a1",
  vSwitchId: "vsw-a1",
  regionId: REGION,
  vpcOwnerId: "1234567890123456",
};

/** The live side of the simulated cloud: the API body and the instance's tags. */
interface Live {
  api: ApiKmsInstance;
  tags: Record<string, string>;
}

/** A tiny model of the KMS API: applies one planned call the way the service would. */
function apply(live: Live, call: PlannedCall): Live {
  const api = { ...live.api };
  const tags = { ...live.tags };
  switch (call.action) {
    case "UpdateKmsInstance":
      api.InstanceName = call.instanceName;
      break;
    case "UpdateKmsInstanceBindVpc":
      // The service replaces the whole list and may return it in any order.
      api.BindVpcs = {
        BindVpc: [...call.bindVpcs].reverse().map((v) => ({
          RegionId: v.regionId,
          VpcId: v.vpcId,
          VSwitchId: v.vSwitchId,
          VpcOwnerId: v.vpcOwnerId,
        })),
      };
      break;
    case "SetDeletionProtection":
      api.DeletionProtection = call.enabled;
      if (call.description !== undefined) api.DeletionProtectionDescription = call.description;
      break;
    case "UntagResources":
      for (const k of call.keys) {
        if (isSystemTagKey(k)) throw new Error(`cannot remove system tag ${k}`);
        delete tags[k];
      }
      break;
    case "TagResources":
      for (const [k, v] of Object.entries(call.tags)) {
        if (isSystemTagKey(k)) throw new Error(`cannot set system tag ${k}`);
        putOwn(tags, k, v);
      }
      break;
  }
  return { api, tags };
}

const read = (live: Live, managed: KmsInstanceOutputs["managedProperties"]) =>
  toOutputs(live.api, { kmsInstanceId: ID, region: REGION, managed, tags: live.tags });

describe("planUpdate", () => {
  const olds: KmsInstanceOutputs = {
    kmsInstanceId: ID,
    region: REGION,
    managedProperties: [...MANAGED_PROPERTIES],
    instanceName: "old",
    bindVpcs: [VPC],
    deletionProtection: false,
    tags: { keep: "1", drop: "2", change: "3" },
  };
  const news = (extra: Partial<KmsInstanceInputs>): KmsInstanceInputs => ({
    kmsInstanceId: ID,
    region: REGION,
    ...extra,
  });

  it("plans every kind of call in the fixed order", () => {
    expect(
      planUpdate(
        olds,
        news({
          tags: { keep: "1", change: "x", add: "4" },
          deletionProtectionDescription: "prod",
          deletionProtection: true,
          bindVpcs: [],
          instanceName: "new",
        }),
      ),
    ).toEqual([
      { action: "UpdateKmsInstance", instanceName: "new" },
      { action: "UpdateKmsInstanceBindVpc", bindVpcs: [] },
      { action: "SetDeletionProtection", enabled: true, description: "prod" },
      { action: "UntagResources", keys: ["drop"] },
      { action: "TagResources", tags: { add: "4", change: "x" } },
    ]);
  });

  it("plans nothing for undeclared or unchanged properties", () => {
    expect(planUpdate(olds, news({}))).toEqual([]);
    expect(
      planUpdate(
        olds,
        news({
          instanceName: "old",
          bindVpcs: [{ ...VPC }],
          deletionProtection: false,
          tags: { drop: "2", change: "3", keep: "1" },
        }),
      ),
    ).toEqual([]);
  });

  it("sends the full desired bound-VPC list, only the four fields", () => {
    const extra = { ...VPC, vpcId: "vpc-b2", note: "x" } as unknown as typeof VPC;
    expect(planUpdate(olds, news({ bindVpcs: [VPC, extra] }))).toEqual([
      { action: "UpdateKmsInstanceBindVpc", bindVpcs: [VPC, { ...VPC, vpcId: "vpc-b2" }] },
    ]);
  });

  it("keeps the live protection state when only the description changes", () => {
    expect(
      planUpdate(
        { ...olds, deletionProtection: true },
        news({ deletionProtectionDescription: "why" }),
      ),
    ).toEqual([{ action: "SetDeletionProtection", enabled: true, description: "why" }]);
    expect(planUpdate(olds, news({ deletionProtection: true }))).toEqual([
      { action: "SetDeletionProtection", enabled: true },
    ]);
  });

  it("never untags system tags, and untags nothing when live tags are not known", () => {
    const withSystem = { ...olds, tags: { ...olds.tags, "acs:rm:rgId": "rg" } };
    expect(planUpdate(withSystem, news({ tags: {} }))).toEqual([
      { action: "UntagResources", keys: ["change", "drop", "keep"] },
    ]);
    const unmanaged = { ...olds };
    delete unmanaged.tags;
    expect(planUpdate(unmanaged, news({ tags: { a: "1" } }))).toEqual([
      { action: "TagResources", tags: { a: "1" } },
    ]);
  });

  it("plans calls exactly when diffInstance sees a change (property)", () => {
    fc.assert(
      fc.property(
        apiKmsInstanceArb,
        liveTagsArb,
        managedArb,
        inputsArb(ID, REGION),
        (api, tags, before, desired) => {
          const managed = [...new Set([...before, ...managedOf(desired)])];
          const o = read({ api, tags }, managed);
          const plan = planUpdate(o, desired);
          const d = diffInstance(o as unknown as Record<string, unknown>, desired, { isUnknown });
          expect(plan.length > 0).toBe(d.changes);
        },
      ),
    );
  });

  it("leaves no diff after its calls are applied to the live instance (property)", () => {
    fc.assert(
      fc.property(apiKmsInstanceArb, liveTagsArb, inputsArb(ID, REGION), (api, tags, desired) => {
        const managed = managedOf(desired);
        // The adapter reads with the declared set, so the live tags are known when tags are declared.
        const before = read({ api, tags }, managed);
        const plan = planUpdate(before, desired);
        const after = plan.reduce(apply, { api, tags });
        const o = read(after, managed);
        const d = diffInstance(o as unknown as Record<string, unknown>, desired, { isUnknown });
        expect(d.diffs).toEqual([]);
        expect(planUpdate(o, desired)).toEqual([]);
        // System tags survive every update.
        for (const [k, v] of Object.entries(tags))
          if (isSystemTagKey(k)) expect(after.tags[k]).toBe(v);
      }),
    );
  });
});
