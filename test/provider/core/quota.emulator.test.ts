/**
 * Quota usage over the wire: the real client signs `GetKmsInstanceQuotaInfos` against the
 * emulator, once per resource type; a refresh without `watchQuota` stays one `GetKmsInstance`;
 * with it the outputs carry the emulator's figures and a warning fires at the threshold; a bad
 * `alicloud-kms:quotaWarningPercent` fails before any call.
 */
import { DEFAULT_SEED_IDS } from "../../../emulator";
import type { KmsCore } from "../../../provider/core/kms-core";
import { readQuota } from "../../../provider/core/lifecycle";
import { KmsError } from "../../../provider/kms/errors";
import { coreFor, emulatorConfig, emulatorPerSuite, readStored } from "../../support/emulator-deps";

const ID = DEFAULT_SEED_IDS.connected;
const HZ = "cn-hangzhou";
const suite = emulatorPerSuite();
let warnings: string[];

function deps(extra: Record<string, string> = {}): KmsCore {
  return coreFor(emulatorConfig(suite.emu, extra), { warn: (m) => warnings.push(m) });
}

/** The KMS actions the emulator answered (STS's GetCallerIdentity left out). */
const kmsCalls = () =>
  suite.emu.control
    .requests()
    .map((r) => r.action)
    .filter((a) => a !== "GetCallerIdentity");

/** The emulator's figures: the seeded quota fields and used counts. */
function seedUsed(used: { key?: number; secret?: number; qps?: number; vpc?: number }) {
  suite.emu.control.patchInstance(ID, { QuotaUsed: used });
}

beforeEach(() => {
  warnings = [];
});

test("four signed calls, one per resource type, give the emulator's figures", async () => {
  seedUsed({ key: 12, secret: 3, qps: 40 });
  const quota = await readQuota(deps().context(HZ), ID, "Connected");
  const inst = suite.emu.control.getInstance(ID)!.KmsInstance;
  const bound = (inst.BindVpcs as { BindVpc: unknown[] }).BindVpc.length;
  expect(quota).toEqual({
    key: { quota: inst.KeyNum, used: 12 },
    secret: { quota: Number(inst.SecretNum), used: 3 },
    vpc: { quota: inst.VpcNum, used: bound },
    qps: { quota: inst.Spec, used: 40 },
  });
  expect(kmsCalls()).toEqual(Array(4).fill("GetKmsInstanceQuotaInfos"));
  expect(suite.emu.control.requests().every((r) => r.status === 200)).toBe(true);
});

test("an answer without the row is an unexpected error, never a 0", async () => {
  suite.emu.control.setFaults({
    actions: ["GetKmsInstanceQuotaInfos"],
    okBody: { body: { RequestId: "x", KmsInstanceId: ID, KmsInstanceQuotaInfos: [] } },
  });
  const err = await readQuota(deps().context(HZ), ID, "Connected").catch((e: unknown) => e);
  expect(err).toBeInstanceOf(KmsError);
  expect((err as KmsError).kind).toBe("unexpected");
  expect((err as KmsError).message).toMatch(/0 KmsInstanceQuotaInfos rows of ResourceType key/);
  // The first bad answer stops the read.
  expect(kmsCalls()).toEqual(["GetKmsInstanceQuotaInfos"]);
});

test("counts sent as strings are read as the numbers they are", async () => {
  suite.emu.control.setFaults({
    actions: ["GetKmsInstanceQuotaInfos"],
    okBody: {
      body: {
        KmsInstanceId: ID,
        KmsInstanceQuotaInfos: ["key", "secret", "vpc", "qps"].map((t) => ({
          ResourceType: t,
          ResourceQuota: "50",
          UsedQuantity: "5",
        })),
      },
    },
  });
  const quota = await readQuota(deps().context(HZ), ID, "Connected");
  expect(quota?.secret).toEqual({ quota: 50, used: 5 });
});

/** Four well-formed rows of 0/0, as a proxy or a stale cache could answer. */
const zeroRows = ["key", "secret", "vpc", "qps"].map((t) => ({
  ResourceType: t,
  ResourceQuota: 0,
  UsedQuantity: 0,
}));

test.each<[string, Record<string, unknown>, RegExp]>([
  ["no KmsInstanceId", {}, /names no KmsInstanceId/],
  [
    "another instance's id",
    { KmsInstanceId: DEFAULT_SEED_IDS.uninitialized },
    new RegExp(`names KmsInstanceId "${DEFAULT_SEED_IDS.uninitialized}", not the instance asked`),
  ],
])(
  "a well-formed answer with %s is unexpected, never 0/0 or another's figures",
  async (_n, id, msg) => {
    suite.emu.control.setFaults({
      actions: ["GetKmsInstanceQuotaInfos"],
      okBody: { body: { RequestId: "x", ...id, KmsInstanceQuotaInfos: zeroRows } },
    });
    const err = await readQuota(deps().context(HZ), ID, "Connected").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KmsError);
    expect((err as KmsError).kind).toBe("unexpected");
    expect((err as KmsError).message).toMatch(msg);
    expect((err as KmsError).message).toContain(
      `GetKmsInstanceQuotaInfos failed for KMS instance ${ID}`,
    );
    // A refresh with watchQuota fails whole: the engine keeps the stored quota.
    await expect(
      readStored(deps(), ID, { region: HZ, managedProperties: [], watchQuota: true }),
    ).rejects.toThrow(msg);
  },
);

test("Rejected.Uninitialized for an instance read as Connected fails the read, naming both answers", async () => {
  expect(suite.emu.control.getInstance(ID)!.KmsInstance.Status).toBe("Connected");
  suite.emu.control.setFaults({
    actions: ["GetKmsInstanceQuotaInfos"],
    failNext: { status: 400, code: "Rejected.Uninitialized", count: 1 },
  });
  const err = await readStored(deps(), ID, {
    region: HZ,
    managedProperties: [],
    watchQuota: true,
    quota: { key: { quota: 1000, used: 1 } },
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(KmsError);
  const e = err as KmsError;
  expect(e.kind).toBe("unexpected");
  // Not the refusal itself, so nothing above reads it as "no quota".
  expect(e.code).toBeUndefined();
  expect(e.message).toContain("GetKmsInstance reads the instance as status Connected");
  expect(e.message).toContain("GetKmsInstanceQuotaInfos refused it with Rejected.Uninitialized");
  expect(kmsCalls()).toEqual(["GetKmsInstance", "GetKmsInstanceQuotaInfos"]);
});

test.each(["Uninitialized", "Connecting"])(
  "Rejected.Uninitialized for an instance read as %s is no quota",
  async (status) => {
    suite.emu.control.setFaults({
      actions: ["GetKmsInstanceQuotaInfos"],
      failNext: { status: 400, code: "Rejected.Uninitialized", count: 1 },
    });
    expect(await readQuota(deps().context(HZ), ID, status)).toBeUndefined();
  },
);

test("a failed quota read fails the read rather than dropping the quota", async () => {
  suite.emu.control.setFaults({
    actions: ["GetKmsInstanceQuotaInfos"],
    failNext: { status: 400, code: "InvalidParameter", count: 1 },
  });
  await expect(
    readStored(deps(), ID, {
      region: HZ,
      managedProperties: [],
      watchQuota: true,
      quota: { key: { quota: 1000, used: 1 } },
    }),
  ).rejects.toThrow(/GetKmsInstanceQuotaInfos failed .*InvalidParameter/);
});

test("without watchQuota a refresh is exactly one GetKmsInstance and has no quota", async () => {
  const r = await readStored(deps(), ID, { region: HZ, managedProperties: [] });
  if (!r.found) throw new Error("expected the instance to be found");
  expect(kmsCalls()).toEqual(["GetKmsInstance"]);
  expect(r.outputs).not.toHaveProperty("quota");
  expect(r.outputs).not.toHaveProperty("watchQuota");
  expect(r.inputs).not.toHaveProperty("watchQuota");
});

test("with watchQuota a refresh reads the quota and keeps the option as an input", async () => {
  seedUsed({ key: 899 }); // KeyNum 1000: 89.9 %, under the default 90 %
  const r = await readStored(deps(), ID, {
    region: HZ,
    managedProperties: [],
    watchQuota: true,
  });
  if (!r.found) throw new Error("expected the instance to be found");
  expect(kmsCalls()).toEqual(["GetKmsInstance", ...Array(4).fill("GetKmsInstanceQuotaInfos")]);
  expect(r.outputs.watchQuota).toBe(true);
  expect(r.outputs.quota?.key).toEqual({ quota: 1000, used: 899 });
  expect(r.inputs.watchQuota).toBe(true);
  expect(warnings.filter((w) => /quota/.test(w))).toEqual([]);
});

test("the warning fires at the default threshold, naming the instance", async () => {
  seedUsed({ key: 900 });
  await readStored(deps(), ID, { region: HZ, managedProperties: [], watchQuota: true });
  const quota = warnings.filter((w) => /quota/.test(w));
  expect(quota).toEqual([expect.stringContaining(`KMS instance ${ID} (${HZ}) has used 900`)]);
});

test("alicloud-kms:quotaWarningPercent moves the threshold", async () => {
  seedUsed({ key: 500, secret: 49 }); // keys 50 %, secrets 49 % of 100
  await readStored(deps({ "alicloud-kms:quotaWarningPercent": "50" }), ID, {
    region: HZ,
    managedProperties: [],
    watchQuota: true,
  });
  const quota = warnings.filter((w) => /quota/.test(w));
  expect(quota).toHaveLength(1);
  expect(quota[0]).toContain("key quota of 1000 (50 %, warning from 50 %)");
});

test("adopt and update with watchQuota record the quota; without it, none is read", async () => {
  seedUsed({ secret: 100 });
  const adopted = await deps().create({ kmsInstanceId: ID, region: HZ, watchQuota: true });
  expect(adopted.quota?.secret).toEqual({ quota: 100, used: 100 });
  expect(warnings.some((w) => w.includes("secret quota of 100 (100 %"))).toBe(true);
  suite.emu.control.resetStats();
  const updated = await deps().update(ID, { kmsInstanceId: ID, region: HZ });
  expect(updated).not.toHaveProperty("quota");
  expect(kmsCalls()).toEqual(["GetKmsInstance"]);
});

test.each(["0", "101", "90.5", "ninety"])(
  "quotaWarningPercent %s fails before any call, naming the key",
  async (value) => {
    const d = deps({ "alicloud-kms:quotaWarningPercent": value });
    await expect(
      readStored(d, ID, { region: HZ, managedProperties: [], watchQuota: true }),
    ).rejects.toThrow(
      `invalid alicloud-kms:quotaWarningPercent "${value}": expected a whole percentage from 1 to 100 (default 90)`,
    );
    expect(suite.emu.control.requests()).toEqual([]);
  },
);
