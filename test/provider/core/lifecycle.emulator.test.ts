/**
 * The core's create, read and update with the real client against the emulator, for the paths the
 * gRPC tests do not reach: configuration errors and the exact calls an adoption makes.
 */
import { DEFAULT_SEED_IDS, EMULATOR_ACCOUNT_ID } from "../../../emulator";
import type { KmsCore } from "../../../provider/core/kms-core";
import { clearSessions } from "../../../provider/kms/session";
import { NO_REGION_MESSAGE } from "../../../provider/kms/settings";
import { coreFor, emulatorConfig, emulatorPerSuite, readStored } from "../../support/emulator-deps";

const suite = emulatorPerSuite();
const said: string[] = [];

function deps(config: Record<string, string>): KmsCore {
  return coreFor(config, {
    warn: (m) => said.push(`warn: ${m}`),
    info: (m) => said.push(`info: ${m}`),
  });
}

const base = (): Record<string, string> => emulatorConfig(suite.emu);

beforeEach(() => {
  said.length = 0;
});

test("a read with no region anywhere says where to set one, before any call", async () => {
  await expect(readStored(deps(base()), DEFAULT_SEED_IDS.connected, {})).rejects.toThrow(
    NO_REGION_MESSAGE,
  );
  expect(suite.emu.control.stats().total).toBe(0);
});

test("half-configured keys are a clear error that names the setting, before any call", async () => {
  const config = { ...base() };
  delete config["alicloud:secretKey"];
  await expect(
    readStored(deps(config), DEFAULT_SEED_IDS.connected, { region: "cn-hangzhou" }),
  ).rejects.toThrow(/alicloud:secretKey/);
  expect(suite.emu.control.stats().total).toBe(0);
});

test("adopting with one declared difference makes exactly that call (and records the owner), then re-reads", async () => {
  clearSessions();
  const outputs = await deps(base()).create({
    kmsInstanceId: DEFAULT_SEED_IDS.connected,
    region: "cn-hangzhou",
    instanceName: "renamed-by-pulumi",
  });
  expect(outputs.instanceName).toBe("renamed-by-pulumi");
  expect(outputs.managedProperties).toEqual(["instanceName"]);
  expect(outputs.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
  expect(suite.emu.control.requests().map((r) => r.action)).toEqual([
    "GetKmsInstance",
    "GetCallerIdentity",
    "UpdateKmsInstance",
    "GetKmsInstance",
  ]);
});

test("an update plans against the live state, so stale stored outputs cannot hide a change", async () => {
  suite.emu.control.patchInstance(DEFAULT_SEED_IDS.connected, { Tags: { team: "x", extra: "y" } });
  const outputs = await deps(base()).update(DEFAULT_SEED_IDS.connected, {
    kmsInstanceId: DEFAULT_SEED_IDS.connected,
    region: "cn-hangzhou",
    tags: { team: "platform" },
  });
  expect(outputs.tags).toEqual({ team: "platform" });
  expect(suite.emu.control.getInstance(DEFAULT_SEED_IDS.connected)?.Tags).toEqual({
    team: "platform",
  });
});

test("reading an instance nearing its end date warns once, naming it", async () => {
  const r = await readStored(deps(base()), DEFAULT_SEED_IDS.expiring, {
    region: "cn-shanghai",
    managedProperties: [],
  });
  expect(r.found).toBe(true);
  expect(
    said.filter((m) => m.startsWith("warn:") && m.includes(DEFAULT_SEED_IDS.expiring)),
  ).toHaveLength(1);
});
