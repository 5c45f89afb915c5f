/**
 * "Not found only when confirmed", end to end below the engine: `provider/core` with the real
 * client and STS client, signing real requests against the emulator over HTTP. Every rule of
 * `gone-evidence.ts` that the emulator can produce: a real deletion drops, a wrong endpoint,
 * another account's keys, a failing STS or missing owner never do.
 */
import {
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
  TEST_ACCESS_KEY_SECRET,
  TEST_EXPIRED_STS,
  defaultSeed,
  startEmulator,
} from "../../../emulator";
import { clearSessions } from "../../../provider/kms/session";
import { Refusal } from "../../../provider/refusal";

import { KmsError } from "../../../provider/kms/errors";
import { mutatingCalls } from "../../support/emulator-state";
import { coreFor, emulatorConfig, emulatorPerSuite, readStored } from "../../support/emulator-deps";

const HZ = "cn-hangzhou";
const CONNECTED = DEFAULT_SEED_IDS.connected;
const UNINIT = DEFAULT_SEED_IDS.uninitialized;

const suite = emulatorPerSuite();
const said: string[] = [];

function deps(config: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  return coreFor(config, {
    env,
    warn: (m) => said.push(`warn: ${m}`),
    info: (m) => said.push(`info: ${m}`),
  });
}

const base = (over: Record<string, string> = {}): Record<string, string> =>
  emulatorConfig(suite.emu, { "alicloud-kms:retryTimeoutSeconds": "1", ...over });

const otherAccount = (over: Record<string, string> = {}): Record<string, string> =>
  base({
    "alicloud:accessKey": OTHER_ACCOUNT_KEY.accessKeyId,
    "alicloud:secretKey": OTHER_ACCOUNT_KEY.accessKeySecret,
    ...over,
  });

/** What a refresh of the connected instance stored by this version holds. */
const storedConnected = { region: HZ, managedProperties: [], ownerAccountId: EMULATOR_ACCOUNT_ID };

const actions = (): string[] => suite.emu.control.requests().map((r) => r.action);

async function refused(p: Promise<unknown>): Promise<Refusal> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Refusal);
  return err as Refusal;
}

beforeEach(() => {
  clearSessions();
  said.length = 0;
});

describe("the normal path costs one GetKmsInstance per instance and records the owner", () => {
  test("refresh: one STS call per process, not per instance", async () => {
    const d = deps(base());
    const a = await readStored(d, CONNECTED, storedConnected);
    const b = await readStored(d, UNINIT, { region: HZ, managedProperties: [] });
    const c = await readStored(deps(base()), CONNECTED, storedConnected);
    for (const r of [a, b, c]) {
      expect(r.found && r.outputs.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
      // Never an input: it can never show as a diff.
      expect(r.found && "ownerAccountId" in r.inputs).toBe(false);
    }
    expect(actions()).toEqual([
      "GetKmsInstance",
      "GetCallerIdentity",
      "GetKmsInstance",
      "GetKmsInstance",
    ]);
  });

  test("adoption and update record the owner", async () => {
    const adopted = await deps(base()).create({ kmsInstanceId: CONNECTED, region: HZ });
    expect(adopted.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
    const updated = await deps(base()).update(CONNECTED, {
      kmsInstanceId: CONNECTED,
      region: HZ,
      instanceName: "renamed",
    });
    expect(updated.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
    expect(said).toEqual([]);
  });

  test("STS failing at adoption: warns once, adopts without recording; refresh keeps the stored owner", async () => {
    suite.emu.control.setFaults({
      actions: ["GetCallerIdentity"],
      failRatio: { ratio: 1, code: "InternalError", status: 500 },
    });
    const d = deps(base());
    const a = await d.create({ kmsInstanceId: CONNECTED, region: HZ });
    const b = await d.create({ kmsInstanceId: UNINIT, region: HZ });
    expect(a.ownerAccountId).toBeUndefined();
    expect(b.ownerAccountId).toBeUndefined();
    const warnings = said.filter((m) => m.startsWith("warn:") && m.includes("ownerAccountId"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`STS GetCallerIdentity at ${suite.emu.url} failed`);
    expect(warnings[0]).toMatch(/alicloud-kms:stsEndpoint/);
    expect(warnings[0]).not.toContain(TEST_ACCESS_KEY_SECRET);

    const r = await readStored(d, CONNECTED, storedConnected);
    expect(r.found && r.outputs.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
  });
});

describe("a confirmed not-found", () => {
  test("an instance deleted out of band is gone: refresh drops it", async () => {
    suite.emu.control.deleteInstance(CONNECTED);
    const r = await readStored(deps(base()), CONNECTED, storedConnected);
    expect(r).toEqual({ found: false });
    expect(actions()).toEqual(["GetKmsInstance", "GetCallerIdentity", "ListKmsInstances"]);
  });

  test("the region's last instance deleted (empty listing) through a {region} endpoint is gone", async () => {
    suite.emu.control.deleteInstance(CONNECTED);
    suite.emu.control.deleteInstance(UNINIT);
    expect(await readStored(deps(base()), CONNECTED, storedConnected)).toEqual({ found: false });
  });

  test("create of an id that does not exist says so after the same evidence", async () => {
    const missing = "kst-hzz00000000000000zzzz";
    await expect(deps(base()).create({ kmsInstanceId: missing, region: HZ })).rejects.toMatchObject(
      { reason: "not-found" },
    );
    expect(mutatingCalls(suite.emu)).toBe(0);
  });
  test("update of an instance deleted out of band says so, changes nothing", async () => {
    suite.emu.control.deleteInstance(CONNECTED);
    const news = { kmsInstanceId: CONNECTED, region: HZ, instanceName: "renamed" };
    const err = await deps(base())
      .update(CONNECTED, news, {
        ownerAccountId: EMULATOR_ACCOUNT_ID,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Refusal);
    expect(err).toMatchObject({ reason: "gone-on-update" });
    expect((err as Error).message).toMatch(/no longer exists in cn-hangzhou .*pulumi refresh/);
    expect(mutatingCalls(suite.emu)).toBe(0);
  });
});

describe("a not-found that is not confirmed leaves state alone", () => {
  test("an endpoint of another region, without {region}: wrong region", async () => {
    const config = base({ "alicloud-kms:endpoint": suite.emu.regionUrl("cn-shanghai") });
    const err = await refused(readStored(deps(config), CONNECTED, storedConnected));
    expect(err.suspicion).toBe("wrong-region");
    expect(err.message).toContain(
      `the endpoint ${suite.emu.regionUrl("cn-shanghai")} answers for region cn-shanghai, not cn-hangzhou`,
    );
    expect(err.message).toContain(`KMS instance ${CONNECTED} in cn-hangzhou`);
    expect(err.message).toContain("Pulumi state was left unchanged");
    expect(mutatingCalls(suite.emu)).toBe(0);
  });

  test("an endpoint that pins no region and an empty listing: cannot confirm", async () => {
    const config = base({ "alicloud-kms:endpoint": suite.emu.regionUrl("cn-beijing") });
    const err = await refused(readStored(deps(config), CONNECTED, storedConnected));
    expect(err.suspicion).toBe("cannot-confirm");
    expect(err.message).toMatch(/does not name a region and lists no instance/);
    expect(err.message).toMatch(/set alicloud-kms:endpoint with \{region\}/i);
  });

  test("another account's keys, owner recorded: other account", async () => {
    const err = await refused(readStored(deps(otherAccount()), CONNECTED, storedConnected));
    expect(err.suspicion).toBe("other-account");
    expect(err.message).toContain(
      `these credentials belong to account ${OTHER_ACCOUNT_ID}; the instance was adopted in account ${EMULATOR_ACCOUNT_ID}`,
    );
    // Decided on the STS answer: no listing was needed.
    expect(actions()).toEqual(["GetKmsInstance", "GetCallerIdentity"]);
  });

  test("another account's keys, state without an owner (v0.1): cannot confirm, also when that account has instances there", async () => {
    const v01 = { region: HZ, managedProperties: [] };
    const err = await refused(readStored(deps(otherAccount()), CONNECTED, v01));
    expect(err.suspicion).toBe("cannot-confirm");
    expect(err.message).toMatch(/state records no owner account/);

    const seed = defaultSeed();
    seed.instances.push({
      RegionId: HZ,
      OwnerId: OTHER_ACCOUNT_ID,
      KmsInstance: { InstanceId: "kst-hzzother0000000000xxxx", Status: "Connected" },
    });
    const emu2 = await startEmulator({ seed });
    try {
      const config = otherAccount({
        "alicloud-kms:endpoint": emu2.endpointTemplate,
        "alicloud-kms:stsEndpoint": emu2.url,
        "alicloud-kms:bssEndpoint": emu2.url,
      });
      const err2 = await refused(readStored(deps(config), CONNECTED, v01));
      expect(err2.suspicion).toBe("cannot-confirm");
      // The same v0.1 state with the owner's keys, after a real deletion, is refused too:
      // nothing tells the owner's keys from another's, so `pulumi state delete` is the way out.
      emu2.control.deleteInstance(CONNECTED);
      const mine = base({
        "alicloud-kms:endpoint": emu2.endpointTemplate,
        "alicloud-kms:stsEndpoint": emu2.url,
        "alicloud-kms:bssEndpoint": emu2.url,
      });
      const err3 = await refused(readStored(deps(mine), CONNECTED, v01));
      expect(err3.message).toMatch(/pulumi state delete/);
    } finally {
      await emu2.close();
    }
  });

  test("STS failing while an owner is recorded: cannot confirm, never dropped", async () => {
    suite.emu.control.deleteInstance(CONNECTED);
    suite.emu.control.setFaults({
      actions: ["GetCallerIdentity"],
      failRatio: { ratio: 1, code: "ServiceUnavailable", status: 503 },
    });
    const err = await refused(readStored(deps(base()), CONNECTED, storedConnected));
    expect(err.suspicion).toBe("cannot-confirm");
    expect(err.message).toContain(`could not be read from STS at ${suite.emu.url}`);
    expect(err.message).toMatch(/ServiceUnavailable/);
  });

  test("STS unreachable: cannot confirm", async () => {
    suite.emu.control.deleteInstance(CONNECTED);
    const config = base({ "alicloud-kms:stsEndpoint": "http://127.0.0.1:1" });
    const err = await refused(readStored(deps(config), CONNECTED, storedConnected));
    expect(err.suspicion).toBe("cannot-confirm");
    expect(err.message).toContain("http://127.0.0.1:1");
  });

  test("GetKmsInstance says not found but the listing has it: inconsistent", async () => {
    suite.emu.control.setFaults({
      actions: ["GetKmsInstance"],
      failNext: {
        count: 1,
        code: "Forbidden.DKMSInstanceNotFound",
        status: 404,
        message: "The specified DKMS Instance is not found.",
      },
    });
    const err = await refused(readStored(deps(base()), CONNECTED, storedConnected));
    expect(err.suspicion).toBe("inconsistent");
  });

  test("the confirming listing failing: cannot confirm", async () => {
    suite.emu.control.deleteInstance(CONNECTED);
    suite.emu.control.setFaults({
      actions: ["ListKmsInstances"],
      failRatio: { ratio: 1, code: "Forbidden.RAM", status: 403 },
    });
    const err = await refused(readStored(deps(base()), CONNECTED, storedConnected));
    expect(err.suspicion).toBe("cannot-confirm");
    expect(err.message).toMatch(/the confirming listing failed: .*Forbidden\.RAM/);
    expect(err.message).toMatch(/kms:ListKmsInstances/);
  });

  test("create through a wrong endpoint names the suspicion instead of 'does not exist'", async () => {
    const config = base({ "alicloud-kms:endpoint": suite.emu.regionUrl("cn-shanghai") });
    const err = await refused(deps(config).create({ kmsInstanceId: CONNECTED, region: HZ }));
    expect(err.suspicion).toBe("wrong-region");
    expect(err.message).not.toMatch(/state delete/);
  });

  test("update through a wrong endpoint or with another account's keys names the suspicion", async () => {
    const news = { kmsInstanceId: CONNECTED, region: HZ, instanceName: "renamed" };
    const stored = { ownerAccountId: EMULATOR_ACCOUNT_ID };
    const wrongRegion = base({ "alicloud-kms:endpoint": suite.emu.regionUrl("cn-shanghai") });
    const a = await refused(deps(wrongRegion).update(CONNECTED, news, stored));
    expect(a.suspicion).toBe("wrong-region");
    const b = await refused(deps(otherAccount()).update(CONNECTED, news, stored));
    expect(b.suspicion).toBe("other-account");
    expect(b.message).toContain(`the instance was adopted in account ${EMULATOR_ACCOUNT_ID}`);
    expect(mutatingCalls(suite.emu)).toBe(0);
  });

  test("an expired STS token is an auth error, never a not-found", async () => {
    const config = base({
      "alicloud:accessKey": TEST_EXPIRED_STS.accessKeyId,
      "alicloud:secretKey": TEST_EXPIRED_STS.accessKeySecret,
      "alicloud:securityToken": TEST_EXPIRED_STS.securityToken,
    });
    const err = await readStored(deps(config), CONNECTED, storedConnected).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KmsError);
    expect(err).toMatchObject({ kind: "auth", code: "InvalidSecurityToken.Expired" });
  });
});

describe("check time: an endpoint override naming another region", () => {
  const check = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
    deps(config, env).check({ kmsInstanceId: CONNECTED, region: HZ }).failures;

  test.each([
    ["https://kms.cn-hangzhou.aliyuncs.com"],
    ["https://kms-vpc.cn-hangzhou.aliyuncs.com"],
    ["https://kms-vpc.{region}.aliyuncs.com"],
    ["http://127.0.0.1:8080/{region}"],
    ["http://10.0.0.1:8080"],
  ])("%s is accepted for a cn-hangzhou instance", (endpoint) => {
    expect(check({ "alicloud-kms:endpoint": endpoint })).toEqual([]);
  });

  test("kms-vpc.cn-beijing for a cn-hangzhou instance fails, naming key, both regions", () => {
    const [f] = check({ "alicloud-kms:endpoint": "kms-vpc.cn-beijing.aliyuncs.com" });
    expect(f.property).toBe("region");
    expect(f.reason).toContain("alicloud-kms:endpoint");
    expect(f.reason).toContain("names region cn-beijing");
    expect(f.reason).toContain("this instance's region is cn-hangzhou");
    expect(f.reason).toContain("{region}");
  });

  test("from the environment, the variable is named", () => {
    const [f] = check({}, { ALIBABA_CLOUD_KMS_ENDPOINT: "https://kms.cn-beijing.aliyuncs.com" });
    expect(f.reason).toMatch(/^ALIBABA_CLOUD_KMS_ENDPOINT \(/);
  });
});
