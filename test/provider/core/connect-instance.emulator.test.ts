/**
 * Connecting an `Uninitialized` instance from a declared `connection`, with the real client
 * signing real requests against the emulator: one adopt or update connects, waits for
 * `Connected`, then applies tags; `Forbidden.RamRoleNotFound` is retried; a failed status or a
 * spent budget fails clearly; an enabled instance's different network fails before any change.
 */
import { DEFAULT_SEED_IDS } from "../../../emulator";
import { Refusal } from "../../../provider/refusal";
import { RAM_ROLE_NOT_FOUND } from "../../../provider/core/connect-instance";
import { diffInstance, type KmsInstanceInputs } from "../../../provider/instance";
import { coreFor, emulatorConfig, emulatorPerSuite, readStored } from "../../support/emulator-deps";

jest.setTimeout(60_000);

const suite = emulatorPerSuite();
const UNINIT = DEFAULT_SEED_IDS.uninitialized;
const CONNECTED = DEFAULT_SEED_IDS.connected;
const HZ = "cn-hangzhou";
const NET = {
  vpcId: "vpc-bp1newnet0001",
  zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
  vswitchIds: ["vsw-bp1newk0001", "vsw-bp1newj0001"],
};
// Short polls: the emulator turns Connecting into Connected after its default 2 s.
const FAST = { firstIntervalMs: 200, maxIntervalMs: 500 };

const notices: string[] = [];
const deps = () => coreFor(emulatorConfig(suite.emu), { info: (m) => notices.push(m) });
const actions = () => suite.emu.control.requests().map((r) => r.action);
const changes = () => actions().filter((a) => !/^(Get|List)/.test(a));
const inputs = (extra: Partial<KmsInstanceInputs>): KmsInstanceInputs => ({
  kmsInstanceId: UNINIT,
  region: HZ,
  ...extra,
});

beforeEach(() => {
  notices.length = 0;
});

test("adopt connects, waits for Connected, then tags, in one operation", async () => {
  const out = await deps().create(inputs({ connection: NET, tags: { team: "platform" } }), {
    connect: FAST,
  });
  expect(out.status).toBe("Connected");
  expect(out.vpcId).toBe(NET.vpcId);
  expect(out.caCertificateChainPem).toMatch(/BEGIN CERTIFICATE/);
  expect(out.tags).toEqual({ team: "platform" });
  expect(out.connection).toEqual(NET);
  expect(changes()).toEqual(["ConnectKmsInstance", "TagResources"]);
  // The emulator validates the wire form against the contract table (two zones and the
  // vSwitches as comma lists, KMProvider=Aliyun) and stores what it parsed.
  const stored = suite.emu.control.getInstance(UNINIT)?.KmsInstance;
  expect(stored?.ZoneIds).toEqual(NET.zoneIds);
  expect(stored?.VswitchIds).toEqual(NET.vswitchIds);
  expect(notices.some((m) => m.includes(`${UNINIT}: connecting to ${NET.vpcId}`))).toBe(true);
  expect(notices.some((m) => /Connected after/.test(m))).toBe(true);

  // Afterwards the same declaration is no change, and refresh stores the live network.
  const r = await readStored(deps(), UNINIT, {
    region: HZ,
    managedProperties: ["connection", "tags"],
  });
  if (!r.found) throw new Error("expected the instance to be found");
  expect(r.inputs.connection).toEqual(NET);
});

test("update retries Forbidden.RamRoleNotFound, then connects", async () => {
  suite.emu.control.setFaults({
    actions: ["ConnectKmsInstance"],
    failNext: { code: RAM_ROLE_NOT_FOUND, status: 403, count: 2 },
  });
  const out = await deps().update(
    UNINIT,
    inputs({ connection: NET }),
    {},
    {
      connect: FAST,
    },
  );
  expect(out.status).toBe("Connected");
  expect(actions().filter((a) => a === "ConnectKmsInstance")).toHaveLength(3);
  expect(notices.filter((m) => m.includes(RAM_ROLE_NOT_FOUND))).toHaveLength(2);
});

test("an Error status while waiting fails clearly and applies nothing else", async () => {
  let patched = false;
  const sleep = async (ms: number) => {
    if (!patched) {
      suite.emu.control.patchInstance(UNINIT, { KmsInstance: { Status: "Error" } });
      patched = true;
    }
    await new Promise((r) => setTimeout(r, ms));
  };
  const err = await deps()
    .update(
      UNINIT,
      inputs({ connection: NET, tags: { team: "platform" } }),
      {},
      { connect: { ...FAST, sleep } },
    )
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Refusal);
  expect((err as Refusal).message).toMatch(/went to status Error while connecting/);
  expect(changes()).toEqual(["ConnectKmsInstance"]);
});

test("a spent budget fails with the last status and what to do", async () => {
  const err = await deps()
    .update(
      UNINIT,
      inputs({ connection: NET }),
      {},
      {
        connect: { timeoutMs: 300, firstIntervalMs: 100 },
      },
    )
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Refusal);
  expect((err as Refusal).message).toMatch(/was still Connecting after 0 s/);
  expect((err as Refusal).message).toMatch(/customTimeouts/);
});

test("an enabled instance with another network fails before any change call", async () => {
  const live = suite.emu.control.getInstance(CONNECTED)?.KmsInstance;
  const same = {
    vpcId: String(live?.VpcId),
    // Sets: order and repeats make no difference.
    zoneIds: [...(live?.ZoneIds as string[])].reverse(),
    vswitchIds: live?.VswitchIds as string[],
  };
  const ok = await deps().update(
    CONNECTED,
    { kmsInstanceId: CONNECTED, region: HZ, connection: same },
    {},
  );
  expect(ok.status).toBe("Connected");
  const err = await deps()
    .update(
      CONNECTED,
      {
        kmsInstanceId: CONNECTED,
        region: HZ,
        connection: { ...same, vpcId: "vpc-other0001" },
        tags: { team: "x" },
      },
      {},
    )
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Refusal);
  expect((err as Error).message).toContain(`connection.vpcId of KMS instance ${CONNECTED}`);
  expect((err as Error).message).toContain(JSON.stringify(same.vpcId));
  expect((err as Error).message).toMatch(/network cannot change/);
  expect(changes()).toEqual([]);
});

test("a refresh that finds Connecting warns and the declared connection shows no diff", async () => {
  suite.emu.control.patchInstance(UNINIT, {
    KmsInstance: {
      Status: "Connecting",
      VpcId: NET.vpcId,
      ZoneIds: NET.zoneIds,
      VswitchIds: NET.vswitchIds,
    },
  });
  const warnings: string[] = [];
  const r = await readStored(
    coreFor(emulatorConfig(suite.emu), { warn: (m) => warnings.push(m) }),
    UNINIT,
    { region: HZ, managedProperties: ["connection"] },
  );
  if (!r.found) throw new Error("expected the instance to be found");
  expect(warnings.some((w) => /is in status Connecting, not Connected/.test(w))).toBe(true);
  const other = { ...NET, vpcId: "vpc-other0001" };
  for (const connection of [NET, other]) {
    const d = diffInstance(
      r.outputs as unknown as Record<string, unknown>,
      inputs({ connection }),
      {
        isUnknown: () => false,
      },
    );
    expect(d.changes).toBe(false);
  }
  expect(changes()).toEqual([]);
});

test("create: a failed connect carries the adopted instance as a partial create", async () => {
  const sleep = async (ms: number) => {
    suite.emu.control.patchInstance(UNINIT, { KmsInstance: { Status: "Error" } });
    await new Promise((r) => setTimeout(r, ms));
  };
  const err = await deps()
    .create(inputs({ connection: NET }), {
      connect: { ...FAST, sleep },
    })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Refusal);
  const e = err as Refusal;
  expect(e.id).toBe(UNINIT);
  expect(e.properties).toMatchObject({ kmsInstanceId: UNINIT, region: HZ, status: "Error" });
  expect(e.reasons).toEqual([e.message]);
});
