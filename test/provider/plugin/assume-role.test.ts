/**
 * The provider plugin with `alicloud-kms:assumeRole`, over gRPC as the engine drives it (the
 * development launcher on the built `dist/`, a real engine log service, the emulator): Configure
 * takes the object under the plugin's own namespace, the import read goes through STS
 * `AssumeRole` at the emulator's HTTPS listener (trusted through `NODE_EXTRA_CA_CERTS`), and
 * CheckConfig refuses bad input naming the key.
 */
import {
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
  emulatorRoleArn,
  startEmulator,
  type RunningEmulator,
} from "../../../emulator";
import { ensureBuilt } from "../../support/installed-package";
import { startProviderProcess, type ProviderClient } from "../../support/provider-client";
import { TEST_TLS_CERT_PATH, testTls } from "../../support/tls";
import { startFakeEngine, type FakeEngine } from "./support/fake-engine";
import { BARE_PLUGIN_ENV, PLUGIN_LAUNCHER } from "./support/plugin-under-engine";

const ID = DEFAULT_SEED_IDS.connected;
const URN = "urn:pulumi:test::proj::alicloud-kms:index:KmsInstance::prod";
const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const ROLE_ARN = emulatorRoleArn(EMULATOR_ACCOUNT_ID);

let emu: RunningEmulator;
let engine: FakeEngine;
let plugin: ProviderClient;

beforeAll(async () => {
  ensureBuilt();
  emu = await startEmulator({ tls: testTls() });
  engine = await startFakeEngine();
  plugin = await startProviderProcess(PLUGIN_LAUNCHER, [engine.address], {
    ...BARE_PLUGIN_ENV,
    NODE_EXTRA_CA_CERTS: TEST_TLS_CERT_PATH,
  });
  await plugin.configure({
    region: "cn-hangzhou",
    endpoint: emu.endpointTemplate,
    stsEndpoint: emu.tls?.url,
    bssEndpoint: emu.tls?.url,
    // The other account's keys: they see no seed instance unless the role is assumed.
    accessKey: secret(OTHER_ACCOUNT_KEY.accessKeyId),
    secretKey: secret(OTHER_ACCOUNT_KEY.accessKeySecret),
    assumeRole: { roleArn: ROLE_ARN, sessionName: "plugin-import", sessionExpiration: "1200" },
    retryTimeoutSeconds: 3,
  });
}, 120_000);

afterAll(async () => {
  await plugin?.close();
  await engine?.close();
  await emu?.close();
});

test("an import read goes through the assumed role: the instance of the role's account is found", async () => {
  const r = await plugin.read(ID, URN);
  expect(r.id).toBe(ID);
  expect(r.inputs?.kmsInstanceId).toBe(ID);
  const sessions = emu.issuedSessions();
  expect(sessions).toHaveLength(1);
  expect(sessions[0]).toMatchObject({
    roleArn: ROLE_ARN,
    sessionName: "plugin-import",
    accountId: EMULATOR_ACCOUNT_ID,
  });
  const ttl = Date.parse(sessions[0].expiration) - Date.now();
  expect(ttl).toBeGreaterThan(1100_000);
  expect(ttl).toBeLessThanOrEqual(1201_000);
  // A second read reuses the session: one AssumeRole per process, not per call.
  await plugin.read(ID, URN);
  expect(emu.control.stats().byAction.AssumeRole?.["200"]).toBe(1);
  // Nothing the engine was told holds a key.
  const told = JSON.stringify([r, engine.messages]);
  for (const s of [
    OTHER_ACCOUNT_KEY.accessKeySecret,
    sessions[0].accessKeyId,
    sessions[0].accessKeySecret,
    sessions[0].securityToken,
  ]) {
    expect(told).not.toContain(s);
  }
});

test("CheckConfig refuses bad assume-role input, naming the key; accepts a good object", async () => {
  const base = { region: "cn-hangzhou", stsEndpoint: emu.tls?.url };
  const noArn = await plugin.checkConfig({ ...base, assumeRole: { sessionName: "x1" } });
  expect(noArn.failures.map((f) => f.reason)).toEqual([
    expect.stringMatching(/alicloud:assumeRole\.roleArn is required/),
  ]);
  const range = await plugin.checkConfig({
    ...base,
    assumeRole: { roleArn: ROLE_ARN, sessionExpiration: "60" },
  });
  expect(range.failures[0]?.reason).toMatch(/sessionExpiration "60": expected whole seconds/);
  const http = await plugin.checkConfig({
    region: "cn-hangzhou",
    stsEndpoint: "http://sts.example.invalid:8080",
    assumeRole: { roleArn: ROLE_ARN },
  });
  expect(http.failures[0]?.reason).toMatch(/alicloud-kms:stsEndpoint must be an https:\/\/ URL/);
  const good = { ...base, assumeRole: { roleArn: ROLE_ARN } };
  expect((await plugin.checkConfig(good)).failures).toEqual([]);
});
