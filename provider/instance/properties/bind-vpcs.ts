import { REGION_ID, REGION_ID_EXAMPLES, VPC_ID, VPC_ID_FORM, VSWITCH_ID } from "../formats";
import { change, checkFields, describeValue, type PropertyModule } from "./property-module";

/** A VPC bound to the instance, as programs declare it and outputs show it. */
export interface BindVpc {
  /** The bound VPC (`vpc-…`). */
  vpcId: string;
  /** The vSwitch in that VPC (`vsw-…`). */
  vSwitchId: string;
  /** Region of the VPC, e.g. `cn-hangzhou`. */
  regionId: string;
  /** Owner account id of the VPC: up to 20 digits, a string (16-digit ids overflow JS numbers). */
  vpcOwnerId: string;
}

/** Replace the whole list of bound VPCs (`UpdateKmsInstanceBindVpc`). */
export interface UpdateKmsInstanceBindVpcCall {
  action: "UpdateKmsInstanceBindVpc";
  /** The full desired list. */
  bindVpcs: BindVpc[];
}

export interface BindVpcsInput {
  /** The bound VPCs (managed when set): a set, so their order never makes a diff. */
  bindVpcs: BindVpc[];
}

/** The identity of a binding (a declared list holds each once); the owner is an attribute. */
export function bindVpcKey(v: BindVpc): string {
  return JSON.stringify([v.regionId, v.vpcId, v.vSwitchId]);
}

/** Key and owner: what set equality of bound VPCs compares. */
function fullKey(v: BindVpc): string {
  return JSON.stringify([v.regionId, v.vpcId, v.vSwitchId, v.vpcOwnerId]);
}

/**
 * The set difference of two binding lists (order and duplicates never count), as indexes: into
 * `desired` of bindings not live (`added`), into `live` of bindings not desired (`removed`), into
 * `desired` of bindings live under another owner (`ownerChanged`, not an add plus a remove, so a
 * diff can point at `bindVpcs[i].vpcOwnerId`). All empty exactly when the sets are equal.
 */
export function bindVpcChanges(
  live: readonly BindVpc[],
  desired: readonly BindVpc[],
): { added: number[]; removed: number[]; ownerChanged: number[] } {
  const liveFull = new Set(live.map(fullKey));
  const desiredFull = new Set(desired.map(fullKey));
  // Only the first of identical entries counts, so duplicates never report twice.
  const firstIndexes = (list: readonly BindVpc[], others: Set<string>): number[] => {
    const seen = new Set<string>();
    const result: number[] = [];
    list.forEach((v, i) => {
      const k = fullKey(v);
      if (!others.has(k) && !seen.has(k)) result.push(i);
      seen.add(k);
    });
    return result;
  };
  const desiredOnly = firstIndexes(desired, liveFull);
  const liveOnly = firstIndexes(live, desiredFull);
  const liveOnlyKeys = new Set(liveOnly.map((i) => bindVpcKey(live[i])));
  const desiredOnlyKeys = new Set(desiredOnly.map((i) => bindVpcKey(desired[i])));
  return {
    added: desiredOnly.filter((i) => !liveOnlyKeys.has(bindVpcKey(desired[i]))),
    removed: liveOnly.filter((i) => !desiredOnlyKeys.has(bindVpcKey(live[i]))),
    ownerChanged: desiredOnly.filter((i) => liveOnlyKeys.has(bindVpcKey(desired[i]))),
  };
}

/** The four fields of a binding, a non-string member as `""`. */
export function bindVpcOf(e: Readonly<Partial<Record<keyof BindVpc, unknown>>>): BindVpc {
  const s = (x: unknown): string => (typeof x === "string" ? x : "");
  return {
    vpcId: s(e.vpcId),
    vSwitchId: s(e.vSwitchId),
    regionId: s(e.regionId),
    vpcOwnerId: s(e.vpcOwnerId),
  };
}

/**
 * An account id: 1–20 digits without a leading zero, as a string. `UpdateKmsInstanceBindVpc`
 * sends it as an unquoted JSON number (API reference, SDK model), and JSON has no leading zeros.
 */
const ACCOUNT_ID = /^(0|[1-9][0-9]{0,19})$/;

const BIND_VPC_FIELD_NAMES = ["vpcId", "vSwitchId", "regionId", "vpcOwnerId"] as const;

/** The live bindings of stored outputs (non-objects dropped); an absent list means none. */
function liveBindVpcs(olds: { readonly bindVpcs?: unknown }): BindVpc[] {
  const v = olds.bindVpcs;
  if (!Array.isArray(v)) return [];
  return v
    .filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
    .map(bindVpcOf);
}

/**
 * `bindVpcs`: complete, distinct bindings, compared as a set, replaced as a whole with
 * `UpdateKmsInstanceBindVpc`.
 */
export const bindVpcsProperty: PropertyModule<UpdateKmsInstanceBindVpcCall, BindVpcsInput> = {
  names: ["bindVpcs"],
  actions: ["UpdateKmsInstanceBindVpc"],
  // Bound VPCs are the VPCs besides the one the instance was enabled in (API reference), so an
  // instance not enabled yet answers `Forbidden.DKMSInstanceStateInvalid`
  // (emulator/uninitialized.ts); so does a `Connecting` one (403, seen in the field: issue 20),
  // and the contract table has that documented code for every status but `Connected`
  // (contract/kms-actions.ts, `UpdateKmsInstanceBindVpc`).
  refusedInStatus: ["Uninitialized", "Connecting", "Disconnected", "Error"],
  updateStep: 2,
  check(_name, value, { isUnknown: unknown, fail }) {
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
      const mustBe = "must be an object { vpcId, vSwitchId, regionId, vpcOwnerId }";
      const notAField = "is not a field of a bound VPC; accepted:";
      if (!checkFields(entry, at, mustBe, notAField, BIND_VPC_FIELD_NAMES, fail)) return;
      let complete = true;
      const field = (
        name: (typeof BIND_VPC_FIELD_NAMES)[number],
        ok: (v: unknown) => boolean,
        what: string,
      ) => {
        const v = entry[name];
        complete &&= !unknown(v) && ok(v);
        if (unknown(v) || ok(v)) return;
        if (v === undefined || v === null) fail(`${at}.${name}`, `is required: ${what}.`);
        else fail(`${at}.${name}`, `must be ${what}; got ${describeValue(v)}.`);
      };
      const matches = (re: RegExp) => (v: unknown) => typeof v === "string" && re.test(v);
      field("vpcId", matches(VPC_ID), VPC_ID_FORM);
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
  },

  diff(name, olds, declared, unknown) {
    if (unknown || !Array.isArray(declared)) return [change(name, "update")];
    const c = bindVpcChanges(liveBindVpcs(olds), declared as BindVpc[]);
    return [
      ...c.removed.map((i) => change(name, "delete", `bindVpcs[${i}]`)),
      ...c.added.map((i) => change(name, "add", `bindVpcs[${i}]`)),
      ...c.ownerChanged.map((i) => change(name, "update", `bindVpcs[${i}].vpcOwnerId`)),
    ];
  },

  readBack: (_name, live) => liveBindVpcs(live),

  plan(olds, news) {
    if (news.bindVpcs === undefined) return [];
    const desired = news.bindVpcs.map(bindVpcOf);
    const c = bindVpcChanges(liveBindVpcs(olds), desired);
    if (c.added.length + c.removed.length + c.ownerChanged.length === 0) return [];
    return [{ action: "UpdateKmsInstanceBindVpc", bindVpcs: desired }];
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
