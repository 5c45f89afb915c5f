/**
 * The status gate (provider/instance/status-gate.ts): tags and bound VPCs cannot change while the
 * instance is `Uninitialized`; the rule lives in the property modules (`refusedInStatus`).
 */
import { Refusal } from "../../../provider/refusal";
import {
  assertStatusAllows,
  stillConnectingRefusal,
  type KmsInstanceInputs,
  type KmsInstanceOutputs,
} from "../../../provider/instance";
import { PROPERTY_MODULES } from "../../../provider/instance/properties";
import { statusBlocks } from "../../../provider/instance/status-gate";

const ID = "kst-hzz64e2b1c7d9f0a3kxxxx";
const live = (status: string | undefined, extra: Partial<KmsInstanceOutputs> = {}) =>
  ({
    kmsInstanceId: ID,
    region: "cn-hangzhou",
    managedProperties: ["tags", "bindVpcs"],
    ...(status !== undefined ? { status } : {}),
    tags: {},
    ...extra,
  }) as KmsInstanceOutputs;
const news = (extra: Partial<KmsInstanceInputs>): KmsInstanceInputs => ({
  kmsInstanceId: ID,
  region: "cn-hangzhou",
  ...extra,
});
const VPC = {
  vpcId: "vpc-a",
  vSwitchId: "vsw-a",
  regionId: "cn-hangzhou",
  vpcOwnerId: "1234567890123456",
};

test("the rule is declared by the tags and bindVpcs modules only", () => {
  const gated = PROPERTY_MODULES.filter((m) => m.refusedInStatus !== undefined);
  expect(gated.flatMap((m) => m.names).sort()).toEqual(["bindVpcs", "tags"]);
  const refused = Object.fromEntries(gated.map((m) => [m.names[0], m.refusedInStatus]));
  // Tags: Rejected.Uninitialized; bound VPCs: every status but Connected (contract table).
  expect(refused).toEqual({
    tags: ["Uninitialized"],
    bindVpcs: ["Uninitialized", "Connecting", "Disconnected", "Error"],
  });
});

test("an Uninitialized instance refuses tags and bound VPCs that need a call", () => {
  expect(
    statusBlocks(live("Uninitialized"), news({ tags: { team: "a" }, bindVpcs: [VPC] })),
  ).toEqual([
    { property: "bindVpcs", status: "Uninitialized" },
    { property: "tags", status: "Uninitialized" },
  ]);
});

test("no call needed, no block: equal values, undeclared properties, other properties", () => {
  const u = live("Uninitialized");
  expect(statusBlocks(u, news({ tags: {}, bindVpcs: [] }))).toEqual([]);
  expect(statusBlocks(u, news({}))).toEqual([]);
  expect(statusBlocks(u, news({ instanceName: "x", deletionProtection: true }))).toEqual([]);
});

test("Connected, and an unknown status, pass the gate", () => {
  for (const s of ["Connected", undefined]) {
    expect(statusBlocks(live(s), news({ tags: { team: "a" }, bindVpcs: [VPC] }))).toEqual([]);
  }
});

test("Connecting, Disconnected and Error refuse bound VPCs (not tags), naming the status", () => {
  for (const s of ["Connecting", "Disconnected", "Error"]) {
    const n = news({ tags: { team: "a" }, bindVpcs: [VPC] });
    expect(statusBlocks(live(s), n)).toEqual([{ property: "bindVpcs", status: s }]);
    let thrown: unknown;
    try {
      assertStatusAllows(live(s), n);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Refusal);
    expect((thrown as Refusal).reason).toBe("status");
    const message = (thrown as Error).message;
    expect(message).toContain(`KMS instance ${ID} in cn-hangzhou`);
    expect(message).toContain(s === "Connecting" ? "(status Connecting)" : `in status ${s}`);
    expect(message).toContain("refuses changes to its `bindVpcs` until it is Connected");
    expect(message).toContain("No change was made.");
    expect(message).not.toMatch(/declaring `connection/);
  }
});

test("the refusal after waiting out a connect names Connecting, the properties and the wait", () => {
  const r = stillConnectingRefusal(
    live("Connecting"),
    news({ tags: { team: "a" }, bindVpcs: [VPC] }),
    90_000,
  );
  expect(r.reason).toBe("status");
  expect(r.message).toContain(`KMS instance ${ID} in cn-hangzhou was still connecting`);
  expect(r.message).toContain("(status Connecting) after 90 s");
  expect(r.message).toContain("`bindVpcs` and `tags`");
  expect(r.message).toContain("No change was made.");
  expect(r.blocks).toEqual([
    { property: "bindVpcs", status: "Connecting" },
    { property: "tags", status: "Connecting" },
  ]);
});

test("the error names the instance, the properties, why, and what makes them apply", () => {
  let thrown: unknown;
  try {
    assertStatusAllows(live("Uninitialized"), news({ tags: { team: "a" } }));
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(Refusal);
  const message = (thrown as Error).message;
  expect(message).toContain(`KMS instance ${ID} in cn-hangzhou`);
  expect(message).toContain("`tags`");
  expect(message).toContain("not enabled yet (status Uninitialized)");
  expect(message).toMatch(/applies once the instance is enabled: connect it to a VPC/);
  expect(message).toContain("No change was made.");
  expect((thrown as Refusal).blocks).toEqual([{ property: "tags", status: "Uninitialized" }]);
  expect(() =>
    assertStatusAllows(live("Uninitialized"), news({ tags: { team: "a" }, bindVpcs: [VPC] })),
  ).toThrow("its `bindVpcs` and `tags` until");
  expect(() => assertStatusAllows(live("Connected"), news({ tags: { a: "b" } }))).not.toThrow();
});
