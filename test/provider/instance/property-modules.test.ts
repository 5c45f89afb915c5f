import {
  MANAGED_PROPERTIES,
  planUpdate,
  type KmsInstanceInputs,
  type KmsInstanceOutputs,
} from "../../../provider/instance";
import { PROPERTY_MODULES, moduleOf } from "../../../provider/instance/properties";

describe("PROPERTY_MODULES", () => {
  it("owns every managed property exactly once", () => {
    const owned = PROPERTY_MODULES.flatMap((m) => [...m.names]);
    expect([...owned].sort()).toEqual([...MANAGED_PROPERTIES].sort());
    expect(new Set(owned).size).toBe(owned.length);
    for (const name of MANAGED_PROPERTIES) expect(moduleOf(name).names).toContain(name);
  });

  it("gives every planned action exactly one module", () => {
    const actions = PROPERTY_MODULES.flatMap((m) => [...m.actions]);
    expect(new Set(actions).size).toBe(actions.length);
  });

  it("plans only actions its module lists", () => {
    const olds = {
      kmsInstanceId: "kst-abcdefgh1",
      region: "cn-hangzhou",
      managedProperties: ["tags"],
      tags: { drop: "1" },
      status: "Uninitialized",
    } satisfies KmsInstanceOutputs;
    const news: KmsInstanceInputs = {
      kmsInstanceId: "kst-abcdefgh1",
      instanceName: "n",
      bindVpcs: [{ vpcId: "vpc-a", vSwitchId: "vsw-a", regionId: "cn-hangzhou", vpcOwnerId: "1" }],
      tags: { add: "1" },
      deletionProtection: true,
      deletionProtectionDescription: "d",
      connection: { vpcId: "vpc-a", zoneIds: ["z-a", "z-b"], vswitchIds: ["vsw-a", "vsw-b"] },
      renewal: { status: "AutoRenewal", period: 1, periodUnit: "Y" },
    };
    for (const m of PROPERTY_MODULES) {
      const calls = m.plan(olds, news);
      expect(calls.length).toBeGreaterThan(0);
      for (const c of calls) expect(m.actions as readonly string[]).toContain(c.action);
    }
  });

  it("keeps the plan in module order: rename, bind VPCs, deletion protection, untag, tag", () => {
    const calls = planUpdate(
      {
        kmsInstanceId: "kst-abcdefgh1",
        region: "cn-hangzhou",
        managedProperties: [],
        tags: { a: "1" },
      },
      {
        kmsInstanceId: "kst-abcdefgh1",
        tags: { b: "2" },
        deletionProtection: true,
        bindVpcs: [],
        instanceName: "n",
      },
    );
    expect(calls.map((c) => c.action)).toEqual([
      "UpdateKmsInstance",
      "SetDeletionProtection",
      "UntagResources",
      "TagResources",
    ]);
  });
});
