/**
 * The plugin's answers as the engine receives them, over gRPC from the real plugin process (the
 * development launcher `bin/pulumi-resource-alicloud-kms` on the built `dist/`), with a real
 * engine log service and the emulator:
 * - secrets stay secrets in every answer: CheckConfig marks the credentials and whatever arrived
 *   secret; Check, Create and Read wrap again what arrived wrapped;
 * - a failure is one line without a stack;
 * - an operation that retried says so in one info message under its resource;
 * - the plugin process ends when its engine goes away.
 */
import { DEFAULT_SEED_IDS, startEmulator, type RunningEmulator } from "../../../emulator";
import { ensureBuilt } from "../../support/installed-package";
import { type ProviderClient, type Props } from "../../support/provider-client";
import { isAlive, startUnderParent } from "../../support/under-parent";
import type { FakeEngine } from "./support/fake-engine";
import {
  BARE_PLUGIN_ENV,
  PLUGIN_LAUNCHER,
  secret,
  startPluginUnderEngine,
  type PluginUnderEngine,
} from "./support/plugin-under-engine";

const ID = DEFAULT_SEED_IDS.connected;
const URN = "urn:pulumi:test::proj::alicloud-kms:index:KmsInstance::prod";

let emu: RunningEmulator;
let running: PluginUnderEngine;
let engine: FakeEngine;
let plugin: ProviderClient;

beforeAll(async () => {
  ensureBuilt();
  emu = await startEmulator();
  running = await startPluginUnderEngine(PLUGIN_LAUNCHER, emu, { retryTimeoutSeconds: 3 });
  ({ engine, plugin } = running);
}, 60_000);

afterAll(async () => {
  await running?.close();
  await emu?.close();
});

beforeEach(() => {
  emu.control.reset();
  engine.messages.length = 0;
});

async function grpcError(p: Promise<unknown>): Promise<{ details: string }> {
  try {
    await p;
  } catch (err) {
    return err as { details: string };
  }
  throw new Error("expected the call to fail");
}

test("CheckConfig answers secret config values as secrets, never plain", async () => {
  const answer = await plugin.checkConfig({
    region: "cn-hangzhou",
    endpoint: secret("http://127.0.0.1:9/{region}"), // anything sent secret stays secret
    accessKey: secret("LTAI5tCheckConfigKey"),
    secretKey: secret("CheckConfigSecret/+="),
    securityToken: "STS.sent-in-plain-text", // a credential: secret even when sent plain
  });
  expect(answer.failures).toEqual([]);
  expect(answer.inputs).toEqual({
    region: "cn-hangzhou",
    endpoint: secret("http://127.0.0.1:9/{region}"),
    accessKey: secret("LTAI5tCheckConfigKey"),
    secretKey: secret("CheckConfigSecret/+="),
    securityToken: secret("STS.sent-in-plain-text"),
  });
});

test("Check, Create and Read wrap again what arrived secret", async () => {
  const news: Props = { kmsInstanceId: ID, instanceName: secret("prod-kms") };
  const checked = await plugin.check(URN, news);
  expect(checked.failures).toEqual([]);
  expect(checked.inputs.instanceName).toEqual(secret("prod-kms"));
  expect(checked.inputs.kmsInstanceId).toBe(ID);

  const created = await plugin.create(URN, checked.inputs);
  expect(created.properties.instanceName).toEqual(secret("prod-kms"));
  expect(created.properties.vpcId).toEqual(expect.any(String)); // others stay plain

  const read = await plugin.read(ID, URN, created.properties);
  expect(read.properties.instanceName).toEqual(secret("prod-kms"));
  expect(read.inputs?.instanceName).toEqual(secret("prod-kms"));
});

test("a failure is one line without a stack", async () => {
  emu.control.setFaults({
    actions: ["GetKmsInstance"],
    failRatio: { ratio: 1, code: "InvalidParameter", status: 400 },
  });
  const err = await grpcError(plugin.create(URN, { kmsInstanceId: ID, region: "cn-hangzhou" }));
  expect(err.details).toMatch(
    new RegExp(`^GetKmsInstance failed for KMS instance ${ID} in cn-hangzhou: InvalidParameter`),
  );
  expect(err.details).not.toMatch(/\n|KmsError/);
  expect(engine.messages.filter((m) => m.severity === "error")).toEqual([]);
});

test("an operation that retried says so once, under its resource", async () => {
  emu.control.setFaults({
    actions: ["GetKmsInstance"],
    failNext: { count: 2, code: "Throttling.User", status: 400 },
  });
  await plugin.read(ID, URN, {});
  expect(engine.messages).toEqual([
    {
      severity: "info",
      urn: URN,
      message: expect.stringMatching(
        new RegExp(`^${ID}: 2 throttled calls retried \\(limiter at \\d+ req/s\\); read took`),
      ) as unknown as string,
    },
  ]);
});

test("the plugin process ends when its engine goes away", async () => {
  const p = await startUnderParent(PLUGIN_LAUNCHER, [engine.address], {
    env: BARE_PLUGIN_ENV,
    stdin: "pipe",
  });
  try {
    expect(isAlive(p.pid)).toBe(true);
    p.killParent(); // takes the stdin pipe with it, as a killed engine does
    expect(await p.waitForExit(10_000)).toBe(true);
  } finally {
    p.cleanup();
  }
}, 30_000);
