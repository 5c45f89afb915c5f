/**
 * A stored fact is never erased by a failed lookup: when STS `GetCallerIdentity` fails, a refresh,
 * a read-only reference's read and an update keep the `ownerAccountId` state holds (after one
 * warning), through the real `KmsCore` against the emulator. A lookup a safety decision needs
 * (confirming an instance gone) still fails, naming STS (`gone.emulator.test.ts`).
 */
import {
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
  emulatorRoleArn,
} from "../../../emulator";
import { clearSessions } from "../../../provider/kms/session";
import { coreFor, emulatorConfig, emulatorPerSuite, readStored } from "../../support/emulator-deps";

const HZ = "cn-hangzhou";
const ID = DEFAULT_SEED_IDS.connected;
const suite = emulatorPerSuite();
const warnings: string[] = [];

const core = () =>
  coreFor(emulatorConfig(suite.emu, { "alicloud-kms:retryTimeoutSeconds": "1" }), {
    warn: (m) => warnings.push(m),
  });

const actions = (): string[] => suite.emu.control.requests().map((r) => r.action);

beforeEach(() => {
  clearSessions();
  warnings.length = 0;
  suite.emu.control.setFaults({
    actions: ["GetCallerIdentity"],
    failRatio: { ratio: 1, code: "ServiceUnavailable", status: 503 },
  });
});

/** The one warning that the owner is not recorded, naming STS. */
function warnedOnce(): void {
  const owner = warnings.filter((m) => m.includes("ownerAccountId"));
  expect(owner).toHaveLength(1);
  expect(owner[0]).toContain(`STS GetCallerIdentity at ${suite.emu.url} failed`);
}

test("a read-only reference's read keeps the stored ownerAccountId when STS fails", async () => {
  // A `KmsInstance.get` reference: no managed list stored.
  const r = await readStored(core(), ID, { region: HZ, ownerAccountId: EMULATOR_ACCOUNT_ID });
  expect(r.found).toBe(true);
  expect(r.found && r.outputs.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
  expect(actions()).toContain("GetCallerIdentity");
  warnedOnce();
});

test("the plugin's reference read (every property) keeps it too", async () => {
  const r = await core().read({
    kmsInstanceId: ID,
    stored: { region: HZ, ownerAccountId: EMULATOR_ACCOUNT_ID },
    firstRead: "all",
    noRegion: {},
  });
  expect(r.found && r.outputs.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
});

test("a refresh keeps it", async () => {
  const r = await readStored(core(), ID, {
    region: HZ,
    managedProperties: [],
    ownerAccountId: EMULATOR_ACCOUNT_ID,
  });
  expect(r.found && r.outputs.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
});

test("an update keeps it", async () => {
  const out = await core().update(
    ID,
    { kmsInstanceId: ID, region: HZ, instanceName: "renamed" },
    { region: HZ, managedProperties: ["instanceName"], ownerAccountId: EMULATOR_ACCOUNT_ID },
  );
  expect(out.instanceName).toBe("renamed");
  expect(out.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
  warnedOnce();
});

test("nothing stored and STS failing: nothing is made up", async () => {
  const r = await readStored(core(), ID, { region: HZ });
  expect(r.found).toBe(true);
  expect(r.found && r.outputs.ownerAccountId).toBeUndefined();
  warnedOnce();
});

test("through an assumed role, the reference's read keeps it too", async () => {
  const config = emulatorConfig(suite.emu, {
    "alicloud-kms:retryTimeoutSeconds": "1",
    "alicloud:accessKey": OTHER_ACCOUNT_KEY.accessKeyId,
    "alicloud:secretKey": OTHER_ACCOUNT_KEY.accessKeySecret,
    "alicloud:assumeRole": JSON.stringify({ roleArn: emulatorRoleArn(EMULATOR_ACCOUNT_ID) }),
  });
  const r = await readStored(coreFor(config, { warn: (m) => warnings.push(m) }), ID, {
    region: HZ,
    ownerAccountId: EMULATOR_ACCOUNT_ID,
  });
  expect(r.found && r.outputs.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
  expect(actions().filter((a) => a === "AssumeRole")).toHaveLength(1);
  warnedOnce();
});
