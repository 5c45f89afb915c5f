/**
 * The core's Read, which both adapters call (`KmsCore.read`), against the emulator over
 * real HTTP: where the region comes from, what a first read reads, and how a not-found is
 * answered for a refresh (gone) and for an import or reference (an error that says so).
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import { DEFAULT_SEED_IDS, DEFAULT_SEED_REGIONS } from "../../../emulator";
import type { KmsCore } from "../../../provider/core/kms-core";
import { clearSessions } from "../../../provider/kms/session";
import { MANAGED_PROPERTIES } from "../../../provider/instance";
import { NO_REGION_MESSAGE } from "../../../provider/kms/settings";
import { coreFor, emulatorConfig, emulatorPerSuite } from "../../support/emulator-deps";

const ID = DEFAULT_SEED_IDS.connected; // cn-hangzhou
const SHANGHAI_ID = DEFAULT_SEED_IDS.expiring;
const suite = emulatorPerSuite();

const deps = (extra: Record<string, string> = {}): KmsCore =>
  coreFor(emulatorConfig(suite.emu, extra));

beforeEach(() => {
  clearSessions();
});

test("no region stored, in the id or configured: the adapter's sentence, before any call", async () => {
  const request = { kmsInstanceId: ID, stored: {}, firstRead: "none" as const };
  await expect(deps().read({ ...request, noRegion: {} })).rejects.toThrow(NO_REGION_MESSAGE);
  await expect(
    deps().read({
      ...request,
      noRegion: { subject: `cannot read ${ID}`, configKey: "alicloud-kms:region" },
    }),
  ).rejects.toThrow(`cannot read ${ID}: no Alibaba Cloud region`);
  expect(suite.emu.control.stats().total).toBe(0);
});

test("the stored region wins over the id's, which wins over the configured default", async () => {
  const d = deps({ "alicloud:region": "cn-hangzhou" });
  const read = (stored: Record<string, unknown>, idRegion?: string) =>
    d.read({
      kmsInstanceId: SHANGHAI_ID,
      stored,
      idRegion,
      firstRead: "none",
      noRegion: {},
    });
  const shanghai = DEFAULT_SEED_REGIONS.expiring;
  const byStored = await read({ region: shanghai, managedProperties: [] }, "cn-hangzhou");
  expect(byStored.found && byStored.outputs.region).toBe(shanghai);
  const byId = await read({}, shanghai);
  expect(byId.found && byId.outputs.region).toBe(shanghai);
  // The default (cn-hangzhou) has no such instance: a first read says so.
  await expect(read({})).rejects.toThrow(
    `KMS instance ${SHANGHAI_ID} does not exist in cn-hangzhou or is not visible to these credentials`,
  );
});

test("a first read reads every managed property (import) or none (reference)", async () => {
  const d = deps({ "alicloud:region": "cn-hangzhou" });
  const all = await d.read({
    kmsInstanceId: ID,
    stored: {},
    firstRead: "all",
    noRegion: {},
  });
  expect(all.found).toBe(true);
  if (!all.found) return;
  expect(Object.keys(all.inputs).sort()).toEqual(
    expect.arrayContaining(["kmsInstanceId", "region", "tags", "bindVpcs", "deletionProtection"]),
  );
  expect(all.outputs.managedProperties).toEqual([...MANAGED_PROPERTIES]);
  const none = await d.read({
    kmsInstanceId: ID,
    stored: {},
    firstRead: "none",
    noRegion: {},
  });
  expect(none.found && none.inputs).toEqual({ kmsInstanceId: ID, region: "cn-hangzhou" });
});

test("a refresh reads the stored managed list, and answers a confirmed not-found as gone", async () => {
  const d = deps();
  const stored = { region: "cn-hangzhou", managedProperties: ["tags"] };
  const r = await d.read({ kmsInstanceId: ID, stored, firstRead: "all", noRegion: {} });
  if (!r.found) throw new Error("expected the seeded instance");
  expect(Object.keys(r.inputs).sort()).toEqual(["kmsInstanceId", "region", "tags"]);
  // The stored outputs record the owner account, which a not-found is weighed against.
  suite.emu.control.deleteInstance(ID);
  expect(
    await d.read({
      kmsInstanceId: ID,
      stored: { ...r.outputs },
      firstRead: "all",
      noRegion: {},
    }),
  ).toEqual({ found: false });
});
