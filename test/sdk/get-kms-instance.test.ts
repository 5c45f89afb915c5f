/**
 * `getKmsInstance` / `getKmsInstanceOutput` return the quota usage: the emulator's figures,
 * read with the real client over HTTP, four `GetKmsInstanceQuotaInfos` calls (one per resource
 * type) after `GetKmsInstance` and `ListTagResources`; a missing instance still costs one call.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_SEED_IDS, startEmulator, type RunningEmulator } from "../../emulator";
import { setEmulatorProgramConfig } from "./support/program-config";
import { getKmsInstance, getKmsInstanceOutput } from "../../sdk";

const ID = DEFAULT_SEED_IDS.connected;
let emu: RunningEmulator;

const kmsCalls = () =>
  emu.control
    .requests()
    .map((r) => r.action)
    .filter((a) => a !== "GetCallerIdentity");

beforeAll(async () => {
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  emu = await startEmulator();
  setEmulatorProgramConfig(emu);
});
afterAll(() => emu?.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.resetStats();
});

test("getKmsInstance returns quota figures equal to the emulator's", async () => {
  emu.control.patchInstance(ID, { QuotaUsed: { key: 321, secret: 45, qps: 6 } });
  const info = await getKmsInstance({ kmsInstanceId: ID });
  const inst = emu.control.getInstance(ID)!.KmsInstance;
  expect(info.quota).toEqual({
    key: { quota: inst.KeyNum, used: 321 },
    secret: { quota: Number(inst.SecretNum), used: 45 },
    vpc: { quota: inst.VpcNum, used: (inst.BindVpcs as { BindVpc: unknown[] }).BindVpc.length },
    qps: { quota: inst.Spec, used: 6 },
  });
  expect(kmsCalls()).toEqual([
    "GetKmsInstance",
    "ListTagResources",
    "QueryAvailableInstances",
    ...Array(4).fill("GetKmsInstanceQuotaInfos"),
  ]);
  expect(info).not.toHaveProperty("watchQuota");
});

test("getKmsInstance returns the renewal of a subscription instance, none for pay-as-you-go", async () => {
  emu.control.patchInstance(ID, {
    Renewal: { RenewStatus: "AutoRenewal", RenewalDuration: 3, RenewalDurationUnit: "M" },
  });
  await expect(getKmsInstance({ kmsInstanceId: ID })).resolves.toMatchObject({
    chargeType: "PREPAY",
    renewal: { status: "AutoRenewal", period: 3, periodUnit: "M" },
  });
  emu.control.patchInstance(ID, { KmsInstance: { ChargeType: "POSTPAY" } });
  emu.control.resetStats();
  const payg = await getKmsInstance({ kmsInstanceId: ID });
  expect(payg.chargeType).toBe("POSTPAY");
  expect(payg).not.toHaveProperty("renewal");
  expect(kmsCalls()).not.toContain("QueryAvailableInstances");
});

test("getKmsInstanceOutput carries the same quota", async () => {
  emu.control.patchInstance(ID, { QuotaUsed: { secret: 99 } });
  const quota = await new Promise<unknown>((resolve) =>
    getKmsInstanceOutput({ kmsInstanceId: pulumi.output(ID) }).apply((i) => resolve(i.quota)),
  );
  expect(quota).toMatchObject({ secret: { quota: 100, used: 99 } });
});

test("a refused quota read of an instance not enabled yet leaves quota absent", async () => {
  // Whether the service refuses quota reads of an Uninitialized instance is not documented;
  // it refuses its tag reads with Rejected.Uninitialized, so that answer is handled.
  emu.control.setFaults({
    actions: ["GetKmsInstanceQuotaInfos"],
    failNext: { code: "Rejected.Uninitialized", status: 400, count: 1 },
  });
  const info = await getKmsInstance({ kmsInstanceId: DEFAULT_SEED_IDS.uninitialized });
  expect(info.status).toBe("Uninitialized");
  expect(info).not.toHaveProperty("quota");
});

test("a malformed quota answer fails the read instead of showing a 0", async () => {
  emu.control.setFaults({
    actions: ["GetKmsInstanceQuotaInfos"],
    okBody: {
      body: {
        KmsInstanceId: ID,
        KmsInstanceQuotaInfos: [{ ResourceType: "key", ResourceQuota: 10 }],
      },
    },
  });
  await expect(getKmsInstance({ kmsInstanceId: ID })).rejects.toThrow(
    /GetKmsInstanceQuotaInfos.*UsedQuantity undefined must be non-negative integers/s,
  );
});
