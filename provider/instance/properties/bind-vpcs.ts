import { bindVpcChanges, bindVpcKey, sameBindVpcs } from "../bind-vpc-set";
import { describeValue, isPlainObject } from "../describe-value";
import { ACCOUNT_ID, REGION_ID, REGION_ID_EXAMPLES, VPC_ID, VSWITCH_ID } from "../formats";
import type { BindVpc } from "../network";
import { storedBindVpcs } from "../stored-outputs";
import { containsUnknown } from "./contains-unknown";
import type { CheckContext, PropertyDiff, PropertyModule } from "./property-module";

/** Replace the whole list of bound VPCs (`UpdateKmsInstanceBindVpc`; each call replaces the list). */
export interface UpdateKmsInstanceBindVpcCall {
  action: "UpdateKmsInstanceBindVpc";
  /** The full desired list, as declared. */
  bindVpcs: BindVpc[];
}

/** The input this module owns. */
export interface BindVpcsInput {
  /** The bound VPCs (managed when set): a set, so their order never makes a diff. */
  bindVpcs: BindVpc[];
}

const BIND_VPC_FIELD_NAMES = ["vpcId", "vSwitchId", "regionId", "vpcOwnerId"] as const;

/** The live bindings; an absent list means the API reported none (`[]`). */
const liveBindVpcs = (olds: { readonly bindVpcs?: unknown }): BindVpc[] =>
  storedBindVpcs(olds.bindVpcs) ?? [];

/**
 * `bindVpcs`: a list of complete, distinct bindings, compared as a set (order and duplicates
 * never make a diff), replaced as a whole with `UpdateKmsInstanceBindVpc`.
 */
export const bindVpcsProperty: PropertyModule<UpdateKmsInstanceBindVpcCall, BindVpcsInput> = {
  names: ["bindVpcs"],
  actions: ["UpdateKmsInstanceBindVpc"],
  // Bound VPCs are the VPCs besides the one the instance was enabled in (API reference): an
  // instance not enabled yet has none to add to, and the service answers
  // `Forbidden.DKMSInstanceStateInvalid` (emulator/uninitialized.ts). It answers the same while
  // the instance is `Connecting` (403, seen in the field: issue 20), and the contract table
  // refuses the change in every status but `Connected` (contract/kms-actions.ts,
  // `UpdateKmsInstanceBindVpc`: the documented code, for any status but Connected).
  refusedInStatus: ["Uninitialized", "Connecting", "Disconnected", "Error"],
  updateStep: 2,
  check: (_name, value, ctx) => checkBindVpcs(value, ctx),

  diff(name, olds, declared, isUnknown) {
    if (isUnknown(declared) || !Array.isArray(declared) || containsUnknown(declared, isUnknown)) {
      return [{ property: name, kind: "update", replace: false }];
    }
    const c = bindVpcChanges(liveBindVpcs(olds), declared as BindVpc[]);
    const at = (i: number, kind: PropertyDiff["kind"], path = `bindVpcs[${i}]`): PropertyDiff => ({
      property: name,
      kind,
      replace: false,
      path,
    });
    return [
      ...c.removed.map((i) => at(i, "delete")),
      ...c.added.map((i) => at(i, "add")),
      ...c.ownerChanged.map((i) => at(i, "update", `bindVpcs[${i}].vpcOwnerId`)),
    ];
  },

  readBack: (_name, live) => liveBindVpcs(live),

  plan(olds, news) {
    if (news.bindVpcs === undefined || sameBindVpcs(liveBindVpcs(olds), news.bindVpcs)) return [];
    const bindVpcs = news.bindVpcs.map((v) => ({
      vpcId: v.vpcId,
      vSwitchId: v.vSwitchId,
      regionId: v.regionId,
      vpcOwnerId: v.vpcOwnerId,
    }));
    return [{ action: "UpdateKmsInstanceBindVpc", bindVpcs }];
  },

  apply: (api, id, call) =>
    api.updateKmsInstanceBindVpc(
      id,
      call.bindVpcs.map((v) => ({
        VpcId: v.vpcId,
        VSwitchId: v.vSwitchId,
        RegionId: v.regionId,
        VpcOwnerId: v.vpcOwnerId,
      })),
    ),
};

function checkBindVpcs(value: unknown, { isUnknown: unknown, fail }: CheckContext): void {
  if (unknown(value)) return;
  if (!Array.isArray(value)) {
    fail(
      "bindVpcs",
      `must be a list of { vpcId, vSwitchId, regionId, vpcOwnerId } (an empty list unbinds every VPC); got ${describeValue(value)}.`,
    );
    return;
  }
  const seen = new Map<string, number>();
  value.forEach((entry: unknown, i) => {
    const at = `bindVpcs[${i}]`;
    if (unknown(entry)) return;
    if (!isPlainObject(entry)) {
      fail(
        at,
        `must be an object { vpcId, vSwitchId, regionId, vpcOwnerId }; got ${describeValue(entry)}.`,
      );
      return;
    }
    for (const key of Object.keys(entry)) {
      if (!(BIND_VPC_FIELD_NAMES as readonly string[]).includes(key)) {
        fail(
          `${at}.${key}`,
          `is not a field of a bound VPC; accepted: ${BIND_VPC_FIELD_NAMES.join(", ")}.`,
        );
      }
    }
    let complete = true;
    const field = (
      name: (typeof BIND_VPC_FIELD_NAMES)[number],
      ok: (v: unknown) => boolean,
      what: string,
    ) => {
      const v = entry[name];
      if (unknown(v)) {
        complete = false;
        return;
      }
      if (v === undefined || v === null) {
        fail(`${at}.${name}`, `is required: ${what}.`);
        complete = false;
      } else if (!ok(v)) {
        fail(`${at}.${name}`, `must be ${what}; got ${describeValue(v)}.`);
        complete = false;
      }
    };
    const matches = (re: RegExp) => (v: unknown) => typeof v === "string" && re.test(v);
    field(
      "vpcId",
      matches(VPC_ID),
      "a VPC id (`vpc-` and lowercase letters or digits, e.g. `vpc-bp1k4m4d0ob5mwxxxxxxx`)",
    );
    field(
      "vSwitchId",
      matches(VSWITCH_ID),
      "a vSwitch id (`vsw-` and lowercase letters or digits, e.g. `vsw-bp1s7e7dxp0ak4xxxxxxx`)",
    );
    field("regionId", matches(REGION_ID), `a region id (${REGION_ID_EXAMPLES})`);
    const owner = entry.vpcOwnerId;
    if (typeof owner === "number") {
      fail(
        `${at}.vpcOwnerId`,
        `must be a string of 1–20 digits, not a number: 16-digit account ids overflow JavaScript numbers and lose digits, so write it in quotes, e.g. "1234567890123456"; got ${describeValue(owner)}.`,
      );
      complete = false;
    } else {
      field(
        "vpcOwnerId",
        matches(ACCOUNT_ID),
        'the VPC owner account id as a string of 1–20 digits without a leading zero, e.g. "1234567890123456"',
      );
    }
    if (complete) {
      const key = bindVpcKey(entry as unknown as BindVpc);
      const first = seen.get(key);
      if (first !== undefined) {
        fail(
          at,
          `binds the same regionId, vpcId and vSwitchId as bindVpcs[${first}]; list each binding once.`,
        );
      } else {
        seen.set(key, i);
      }
    }
  });
}
