/**
 * Issue 20, items 2 and 3, with the real client signing real requests against the emulator:
 * a `ConnectKmsInstance` that got no answer is never re-sent blind — the instance's status says
 * whether it was taken — and an update that meets an instance already `Connecting` waits for the
 * connect to finish (the same poll and budget as a connect) before any change call.
 */
import { DEFAULT_SEED_IDS } from "../../../emulator";
import { connectAndWait } from "../../../provider/core/connect-instance";
import type { InstanceApi } from "../../../provider/core/region-context";
import type { KmsInstanceInputs } from "../../../provider/instance";
import { KmsClient } from "../../../provider/kms/client";
import { KmsError } from "../../../provider/kms/errors";
import { clearSessions } from "../../../provider/kms/session";
import { resolveKmsSettings } from "../../../provider/kms/settings";
import { Refusal } from "../../../provider/refusal";
import { coreFor, emulatorConfig, emulatorPerSuite } from "../../support/emulator-deps";

jest.setTimeout(60_000);

const suite = emulatorPerSuite();
const UNINIT = DEFAULT_SEED_IDS.uninitialized;
const HZ = "cn-hangzhou";
const NET = {
  vpcId: "vpc-bp1newnet0001",
  zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
  vswitchIds: ["vsw-bp1newk0001", "vsw-bp1newj0001"],
};
const BIND = {
  vpcId: "vpc-bp1bind0001",
  vSwitchId: "vsw-bp1bind0001",
  regionId: HZ,
  vpcOwnerId: "1234567890123456",
};
const STATE_INVALID = "Forbidden.DKMSInstanceStateInvalid";
// Short polls: the emulator turns Connecting into Connected after its default 2 s.
const FAST = { firstIntervalMs: 200, maxIntervalMs: 500 };
/** A read timeout the late answers below outlast. */
const READ_TIMEOUT = { "alicloud-kms:readTimeoutMs": "300" };

const notices: string[] = [];
const deps = (over: Record<string, string> = {}) =>
  coreFor(emulatorConfig(suite.emu, over), { info: (m) => notices.push(m) });
const log = () => suite.emu.control.requests();
const sent = (action: string) => log().filter((r) => r.action === action);
const changes = () => log().filter((r) => !/^(Get|List)/.test(r.action));
const inputs = (extra: Partial<KmsInstanceInputs>): KmsInstanceInputs => ({
  kmsInstanceId: UNINIT,
  region: HZ,
  ...extra,
});
const stateInvalidAnswers = () => log().filter((r) => r.code === STATE_INVALID);

beforeEach(() => {
  notices.length = 0;
  clearSessions();
});

describe("a ConnectKmsInstance without an answer is not re-sent blind", () => {
  test("(a) answered after the read timeout: sent once, and the update succeeds at Connected", async () => {
    suite.emu.control.setFaults({ actions: ["ConnectKmsInstance"], answerLatencyMs: 1000 });
    const out = await deps(READ_TIMEOUT).update(
      UNINIT,
      inputs({ connection: NET, tags: { team: "platform" } }),
      {},
      { connect: FAST },
    );
    expect(out.status).toBe("Connected");
    expect(out.tags).toEqual({ team: "platform" });
    expect(sent("ConnectKmsInstance")).toHaveLength(1);
    expect(changes().map((r) => r.action)).toEqual(["ConnectKmsInstance", "TagResources"]);
    expect(stateInvalidAnswers()).toEqual([]);
    expect(
      notices.some((m) => /got no answer .*read timeout.*the first connect was taken/.test(m)),
    ).toBe(true);
  });

  test("(b) the connection reset after the connect was taken: not re-sent", async () => {
    suite.emu.control.setFaults({ actions: ["ConnectKmsInstance"], resetAfterNext: 1 });
    const out = await deps().update(UNINIT, inputs({ connection: NET }), {}, { connect: FAST });
    expect(out.status).toBe("Connected");
    expect(sent("ConnectKmsInstance").map((r) => r.code)).toEqual(["ConnectionResetAfterAction"]);
    expect(stateInvalidAnswers()).toEqual([]);
  });

  test("reset before the service took it (still Uninitialized): sent once more, then waits", async () => {
    suite.emu.control.setFaults({ actions: ["ConnectKmsInstance"], resetNext: 1 });
    const out = await deps().update(UNINIT, inputs({ connection: NET }), {}, { connect: FAST });
    expect(out.status).toBe("Connected");
    expect(sent("ConnectKmsInstance").map((r) => r.status)).toEqual([0, 200]);
    expect(notices.some((m) => /still Uninitialized: the connect was not taken/.test(m))).toBe(
      true,
    );
  });

  test("only once: a second connect without an answer fails, naming why it was not re-sent", async () => {
    suite.emu.control.setFaults({ actions: ["ConnectKmsInstance"], resetNext: 5 });
    const err = await deps()
      .update(UNINIT, inputs({ connection: NET, tags: { team: "x" } }), {}, { connect: FAST })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KmsError);
    expect((err as KmsError).action).toBe("ConnectKmsInstance");
    expect((err as KmsError).message).toMatch(/not re-sent: the service may have taken it/);
    expect(sent("ConnectKmsInstance")).toHaveLength(2);
    expect(changes().map((r) => r.action)).toEqual(["ConnectKmsInstance", "ConnectKmsInstance"]);
  });

  test("a connect that lands after the status read: the re-send's refusal confirms it was taken", async () => {
    // The first connect is reset before the service takes it; the status read finds the
    // instance Uninitialized, and the connect is sent again. Should the first one have landed
    // in between (stood for here by moving the instance to Connecting just then), the service
    // refuses the second with Forbidden.DKMSInstanceStateInvalid: the status read after it
    // shows the connect was taken, so the wait goes on.
    suite.emu.control.setFaults({ actions: ["ConnectKmsInstance"], resetNext: 1 });
    const settings = resolveKmsSettings({
      region: HZ,
      config: (k) => emulatorConfig(suite.emu)[k],
      env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    });
    const client = new KmsClient(settings);
    let connects = 0;
    // The real client, with a hook just before the second connect.
    const api: InstanceApi = {
      getKmsInstance: (id) => client.getKmsInstance(id),
      listTagResources: (id) => client.listTagResources(id),
      getKmsInstanceQuotaInfos: (id, type) => client.getKmsInstanceQuotaInfos(id, type),
      listKmsInstances: (o) => client.listKmsInstances(o),
      updateKmsInstance: (id, o) => client.updateKmsInstance(id, o),
      updateKmsInstanceBindVpc: (id, v) => client.updateKmsInstanceBindVpc(id, v),
      setDeletionProtection: (id, o) => client.setDeletionProtection(id, o),
      tagResources: (id, t) => client.tagResources(id, t),
      untagResources: (id, k) => client.untagResources(id, k),
      queryRenewal: (id) => client.queryRenewal(id),
      setRenewal: (id, r) => client.setRenewal(id, r),
      connectKmsInstance: (id, o) => {
        connects++;
        if (connects === 2) {
          suite.emu.control.patchInstance(UNINIT, {
            KmsInstance: { Status: "Connecting", VpcId: NET.vpcId },
          });
          setTimeout(() => {
            suite.emu.control.patchInstance(UNINIT, { KmsInstance: { Status: "Connected" } });
          }, 300);
        }
        return client.connectKmsInstance(id, o);
      },
    };
    await connectAndWait(
      api,
      { info: (m) => notices.push(m) },
      UNINIT,
      {
        action: "ConnectKmsInstance",
        connection: NET,
      },
      FAST,
    );
    expect(sent("ConnectKmsInstance").map((r) => r.code ?? r.status)).toEqual([
      "ConnectionReset",
      STATE_INVALID,
    ]);
    expect(
      notices.some((m) =>
        /refused \(Forbidden.DKMSInstanceStateInvalid\), but the instance is Connecting/.test(m),
      ),
    ).toBe(true);
    expect(notices.some((m) => /Connected after/.test(m))).toBe(true);
  });

  test("the emulator refuses a second connect of a Connecting instance, as the service does", async () => {
    suite.emu.control.patchInstance(UNINIT, { KmsInstance: { Status: "Connecting" } });
    const settings = resolveKmsSettings({
      region: HZ,
      config: (k) => emulatorConfig(suite.emu)[k],
      env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    });
    const err = await new KmsClient(settings)
      .connectKmsInstance(UNINIT, {
        vpcId: NET.vpcId,
        zoneIds: NET.zoneIds,
        vSwitchIds: NET.vswitchIds,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KmsError);
    expect((err as KmsError).code).toBe(STATE_INVALID);
    expect((err as KmsError).statusCode).toBe(403);
  });
});

describe("an update that meets an instance already Connecting", () => {
  const connecting = () =>
    suite.emu.control.patchInstance(UNINIT, {
      KmsInstance: {
        Status: "Connecting",
        VpcId: NET.vpcId,
        ZoneIds: NET.zoneIds,
        VswitchIds: NET.vswitchIds,
      },
    });

  test("(c) waits until Connected, then sends each change once, without a refusal", async () => {
    connecting();
    const timer = setTimeout(() => {
      suite.emu.control.patchInstance(UNINIT, { KmsInstance: { Status: "Connected" } });
    }, 700);
    try {
      const out = await deps().update(
        UNINIT,
        inputs({ connection: NET, tags: { team: "platform" }, bindVpcs: [BIND] }),
        {},
        { connect: FAST },
      );
      expect(out.status).toBe("Connected");
      expect(out.tags).toEqual({ team: "platform" });
      expect(out.bindVpcs).toEqual([BIND]);
    } finally {
      clearTimeout(timer);
    }
    expect(changes().map((r) => r.action)).toEqual(["UpdateKmsInstanceBindVpc", "TagResources"]);
    expect(stateInvalidAnswers()).toEqual([]);
    // It polled while Connecting, before any change.
    const reads = sent("GetKmsInstance").length;
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(
      notices.some((m) => /status Connecting \(a connect is under way\); waiting/.test(m)),
    ).toBe(true);
  });

  test("(d) never settling: fails at the budget naming Connecting, with no change call", async () => {
    connecting();
    const err = await deps()
      .update(
        UNINIT,
        inputs({ tags: { team: "platform" }, bindVpcs: [BIND] }),
        {},
        { connect: { timeoutMs: 700, firstIntervalMs: 100, maxIntervalMs: 200 } },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Refusal);
    expect((err as Refusal).reason).toBe("status");
    expect((err as Error).message).toMatch(/still connecting \(status Connecting\) after 1 s/);
    expect((err as Error).message).toContain("`bindVpcs` and `tags`");
    expect((err as Error).message).toContain("No change was made.");
    expect(changes()).toEqual([]);
    expect(sent("GetKmsInstance").length).toBeGreaterThanOrEqual(3);
  });

  test("a connect that ends in Error: bound VPCs are refused before the call, naming Error", async () => {
    connecting();
    const timer = setTimeout(() => {
      suite.emu.control.patchInstance(UNINIT, { KmsInstance: { Status: "Error" } });
    }, 300);
    const err = await deps()
      .update(UNINIT, inputs({ bindVpcs: [BIND] }), {}, { connect: FAST })
      .catch((e: unknown) => e)
      .finally(() => clearTimeout(timer));
    expect(err).toBeInstanceOf(Refusal);
    expect((err as Refusal).reason).toBe("status");
    expect((err as Error).message).toMatch(
      /is in status Error, and the service refuses changes to its `bindVpcs`/,
    );
    expect(changes()).toEqual([]);
  });

  test("nothing to change: no wait", async () => {
    connecting();
    const out = await deps().update(UNINIT, inputs({ connection: NET }), {}, { connect: FAST });
    expect(out.status).toBe("Connecting");
    expect(sent("GetKmsInstance")).toHaveLength(1);
  });
});
