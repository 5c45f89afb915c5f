import fc from "fast-check";
import { MANAGED_PROPERTIES, managedOf } from "../../../provider/instance";
import {
  bindVpcChanges,
  bindVpcKey,
  bindVpcsProperty,
  type BindVpc,
} from "../../../provider/instance/properties/bind-vpcs";
import { tagChanges } from "../../../provider/instance/properties/tags";
import { bindVpcArb, bindVpcListArb, tagsArb } from "./arbitraries";
import { putOwn } from "../../support/own-key";

describe("bound-VPC helpers", () => {
  it("keys a binding by region, VPC and vSwitch, not owner", () => {
    const v = { vpcId: "vpc-a", vSwitchId: "vsw-a", regionId: "cn-hangzhou", vpcOwnerId: "1" };
    expect(bindVpcKey(v)).toBe(bindVpcKey({ ...v, vpcOwnerId: "2" }));
    expect(bindVpcKey(v)).not.toBe(bindVpcKey({ ...v, vSwitchId: "vsw-b" }));
    // No separator ambiguity between fields.
    expect(bindVpcKey({ ...v, vpcId: "a|b", vSwitchId: "c" })).not.toBe(
      bindVpcKey({ ...v, vpcId: "a", vSwitchId: "b|c" }),
    );
  });

  it("the bindVpcs plan is a set equality consistent with bindVpcChanges (property)", () => {
    const plans = (live: BindVpc[], desired: BindVpc[]) =>
      bindVpcsProperty.plan({ bindVpcs: live }, { bindVpcs: desired }).length > 0;
    fc.assert(
      fc.property(bindVpcListArb, bindVpcListArb, (a, b) => {
        const c = bindVpcChanges(a, b);
        const empty = c.added.length + c.removed.length + c.ownerChanged.length === 0;
        expect(plans(a, b)).toBe(!empty);
        expect(plans(a, [...a].reverse())).toBe(false);
        expect(plans(a, [...a, ...a])).toBe(false);
        expect(plans([...a, ...a].reverse(), a)).toBe(false);
      }),
    );
  });

  it("tells owner changes apart from added and removed bindings (property)", () => {
    fc.assert(
      fc.property(bindVpcArb, bindVpcArb, (a, b) => {
        const moved = { ...a, vpcOwnerId: a.vpcOwnerId + "0" };
        expect(bindVpcChanges([a], [moved])).toEqual({ added: [], removed: [], ownerChanged: [0] });
        if (bindVpcKey(a) !== bindVpcKey(b)) {
          expect(bindVpcChanges([a], [b])).toEqual({ added: [0], removed: [0], ownerChanged: [] });
        }
      }),
    );
  });
});

/** Sets a tag as an own property, even for a key such as `__proto__`. */
const putTag = (m: Record<string, string>, k: string, v: string) => putOwn(m, k, v);

describe("tag helpers", () => {
  it("tagChanges turns one map into the other and is empty exactly for equal maps (property)", () => {
    fc.assert(
      fc.property(tagsArb, tagsArb, (a, b) => {
        const c = tagChanges(a, b);
        const result: Record<string, string> = {};
        for (const [k, v] of Object.entries(a)) {
          if (!c.removed.includes(k)) putTag(result, k, v);
        }
        for (const k of [...c.added, ...c.changed]) {
          putTag(result, k, b[k]);
        }
        const entries = (m: Record<string, string>) => JSON.stringify(Object.entries(m).sort());
        expect(entries(result)).toBe(entries(b));
        // No change on any side exactly when the maps are equal.
        const sameTags = (x: Record<string, string>, y: Record<string, string>): boolean => {
          const c = tagChanges(x, y);
          return c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0;
        };
        expect(sameTags(a, b)).toBe(entries(a) === entries(b));
        expect(sameTags(a, { ...a })).toBe(true);
      }),
    );
  });
});

describe("managedOf", () => {
  it("lists the declared managed properties in the fixed order", () => {
    expect(
      managedOf({
        kmsInstanceId: "kst-x",
        deletionProtection: false,
        tags: {},
        instanceName: "n",
        bindVpcs: [],
      }),
    ).toEqual(["instanceName", "bindVpcs", "tags", "deletionProtection"]);
    expect(managedOf({ kmsInstanceId: "kst-x", region: "cn-hangzhou" })).toEqual([]);
    expect(managedOf({ kmsInstanceId: "kst-x", instanceName: undefined })).toEqual([]);
    expect(MANAGED_PROPERTIES).toHaveLength(7);
  });
});
