import { Refusal } from "../../refusal";
import { VPC_ID, VPC_ID_FORM, VSWITCH_ID } from "../formats";
import {
  change,
  checkFields,
  containsUnknown,
  describeValue,
  storedString,
  type PropertyModule,
} from "./property-module";

/** The network an instance is enabled in, as programs declare it and outputs show it. */
export interface KmsConnection {
  /** The VPC (`vpc-…`). */
  vpcId: string;
  /** The two zones the instance runs in, e.g. `["cn-hangzhou-k", "cn-hangzhou-j"]` (a set). */
  zoneIds: string[];
  /** The vSwitches it connects through, one in each zone (`vsw-…`; a set). */
  vswitchIds: string[];
}

/** Connect (enable) an `Uninitialized` instance in a VPC (`ConnectKmsInstance`). */
export interface ConnectKmsInstanceCall {
  action: "ConnectKmsInstance";
  connection: KmsConnection;
}

export interface ConnectionInput {
  /**
   * The network the instance is enabled in (managed when set): an `Uninitialized` instance is
   * connected to it (`ConnectKmsInstance`) before any other declared property is applied; on an
   * enabled instance it must equal the live network, which cannot change. Zones and vSwitches
   * are compared as sets.
   */
  connection: KmsConnection;
}

/** `ConnectKmsInstance` takes exactly two zones (SDK `ConnectKmsInstanceRequest.ZoneIds`). */
const CONNECTION_ZONE_COUNT = 2;
/** Most vSwitches accepted (the contract table's chosen bound, `contract/kms-actions.ts`). */
const MAX_CONNECTION_VSWITCHES = 10;
/** A zone id, e.g. `cn-hangzhou-k`. */
const ZONE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const FIELDS = ["vpcId", "zoneIds", "vswitchIds"] as const;

/** The same members, in any order and with any repeats. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

const storedList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/** The live network of stored outputs; undefined while the instance is not enabled. */
export function liveConnection(olds: Readonly<Record<string, unknown>>): KmsConnection | undefined {
  const vpcId = storedString(olds.vpcId);
  if (vpcId === undefined) return undefined;
  return { vpcId, zoneIds: storedList(olds.zoneIds), vswitchIds: storedList(olds.vswitchIds) };
}

/** Whether the instance is not enabled yet, so needs `ConnectKmsInstance`. */
export function needsConnect(olds: Readonly<Record<string, unknown>>): boolean {
  return olds.status === "Uninitialized";
}

/**
 * Throws the `connection-change` refusal (at preview from diff, and before any call from the plan)
 * when an enabled instance's network, which cannot change, differs from `declared`. While
 * `Connecting` the network is not settled, so nothing is compared.
 */
function assertSameNetwork(olds: Readonly<Record<string, unknown>>, declared: KmsConnection): void {
  if (needsConnect(olds) || olds.status === "Connecting") return;
  const live = liveConnection(olds);
  const field =
    live &&
    FIELDS.find((f) =>
      f === "vpcId" ? live.vpcId !== declared.vpcId : !sameSet(live[f], declared[f]),
    );
  if (live === undefined || field === undefined) return;
  const kmsInstanceId = storedString(olds.kmsInstanceId) ?? "?";
  const show = (c: KmsConnection) =>
    field === "vpcId" ? JSON.stringify(c.vpcId) : JSON.stringify([...c[field]].sort());
  throw new Refusal(
    "connection-change",
    `connection.${field} of KMS instance ${kmsInstanceId} is ${show(live)}, but the program ` +
      `declares ${show(declared)}. The instance is already enabled (status ` +
      `${storedString(olds.status) ?? "unknown"}) ` +
      `and an enabled instance's network cannot change. Declare the live value ` +
      `(connection: ${JSON.stringify(live)}), or remove ` +
      `\`connection\` from the program to only observe it; to reach the instance from another ` +
      `VPC, add that VPC to \`bindVpcs\`. No change was made.`,
    { kmsInstanceId, field },
  );
}

/**
 * `connection`: the network an `Uninitialized` instance is enabled in. Its call comes first, and
 * the status gate lets the later calls through: they are made once the instance is `Connected`
 * (`provider/core/connect-instance.ts` waits for it).
 */
export const connectionProperty: PropertyModule<ConnectKmsInstanceCall, ConnectionInput> = {
  names: ["connection"],
  actions: ["ConnectKmsInstance"],
  updateStep: 0,
  check(_name, value, { isUnknown: unknown, fail }) {
    const mustBe = "must be an object { vpcId, zoneIds, vswitchIds }";
    const notAField = "is not a field of a connection; accepted:";
    if (!checkFields(value, "connection", mustBe, notAField, FIELDS, fail)) return;
    const vpcId = value.vpcId;
    if (!unknown(vpcId) && !(typeof vpcId === "string" && VPC_ID.test(vpcId))) {
      fail("connection.vpcId", `must be ${VPC_ID_FORM}; got ${describeValue(vpcId)}.`);
    }
    const list = (
      field: "zoneIds" | "vswitchIds",
      min: number,
      max: number,
      item: RegExp,
      what: string,
    ): void => {
      const v = value[field];
      const at = `connection.${field}`;
      if (unknown(v)) return;
      if (!Array.isArray(v)) {
        fail(at, `must be a list of ${what}; got ${describeValue(v)}.`);
        return;
      }
      if (containsUnknown(v, unknown)) return;
      const count = min === max ? `exactly ${min}` : `${min}–${max}`;
      if (v.length < min || v.length > max) {
        fail(at, `must hold ${count} distinct ${what}; got ${v.length}.`);
      }
      v.forEach((x: unknown, i) => {
        if (!(typeof x === "string" && item.test(x))) {
          fail(`${at}[${i}]`, `must be one of ${what}; got ${describeValue(x)}.`);
        }
      });
      if (new Set(v).size !== v.length) fail(at, `must not repeat an entry.`);
    };
    list(
      "zoneIds",
      CONNECTION_ZONE_COUNT,
      CONNECTION_ZONE_COUNT,
      ZONE_ID,
      "zone ids (e.g. `cn-hangzhou-k`)",
    );
    list(
      "vswitchIds",
      1,
      MAX_CONNECTION_VSWITCHES,
      VSWITCH_ID,
      "vSwitch ids (`vsw-…`, one in each zone)",
    );
  },

  diff(name, olds, declared, unknown) {
    if (needsConnect(olds)) return [change(name, "add")];
    if (unknown) {
      // The network of an enabled instance cannot change; an unknown value is checked at update.
      return liveConnection(olds) === undefined ? [change(name, "update")] : [];
    }
    assertSameNetwork(olds, declared as KmsConnection);
    return [];
  },

  // None while not enabled, so a program that declares it shows the connection still to make.
  readBack: (_name, live) => (needsConnect(live) ? undefined : liveConnection(live)),

  plan(olds, news) {
    if (news.connection === undefined) return [];
    if (needsConnect(olds)) return [{ action: "ConnectKmsInstance", connection: news.connection }];
    assertSameNetwork(olds, news.connection);
    return [];
  },

  apply: (api, id, call) =>
    api.connectKmsInstance(id, {
      vpcId: call.connection.vpcId,
      zoneIds: call.connection.zoneIds,
      vSwitchIds: call.connection.vswitchIds,
    }),
};
