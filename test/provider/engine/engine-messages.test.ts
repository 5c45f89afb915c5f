/**
 * What reaches the person running Pulumi from the dynamic provider, seen as the engine sees it:
 * Pulumi's real dynamic-provider server, started with a fake engine's address (a real gRPC Log
 * service), the provider serialized as the engine does, the emulator over HTTP.
 * - warnings arrive as warnings, information as information;
 * - a failure is one line, once: the gRPC error, and nothing on stderr, no stack frames;
 * - an operation that retried says so in exactly one info message, and one that did not says
 *   nothing;
 * - without credentials, ten parallel reads give ten identical errors naming the chain.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SEED_IDS, TEST_STS, startEmulator, type RunningEmulator } from "../../../emulator";
import { startFakeEngine, type FakeEngine } from "../plugin/support/fake-engine";
import {
  startDynamicProviderServer,
  type DynamicProviderServer,
  type Props,
} from "../../support/dynamic-provider-server";
import { checkAndCreate } from "../../support/provider-client";
import { installPackage, removeScratch } from "../../support/installed-package";
import { serializeInstalledProvider } from "../../support/serialize-provider";

const ID = DEFAULT_SEED_IDS.connected;
const URN = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/alicloud-kms:KmsInstance::prod-kms";

let emu: RunningEmulator;
let engine: FakeEngine;
let dir: string;
let server: DynamicProviderServer;
let providerText: string;

const keys = {
  "alicloud:region": "cn-hangzhou",
  "alicloud:accessKey": TEST_STS.accessKeyId,
  "alicloud:secretKey": TEST_STS.accessKeySecret,
  "alicloud:securityToken": TEST_STS.securityToken,
};

beforeAll(async () => {
  dir = installPackage("engine-msgs");
  providerText = serializeInstalledProvider(dir);
  emu = await startEmulator();
  engine = await startFakeEngine();
  server = await startDynamicProviderServer(
    dir,
    { ...process.env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    engine.address,
  );
  await server.configure({
    ...keys,
    "alicloud-kms:endpoint": emu.endpointTemplate,
    "alicloud-kms:bssEndpoint": emu.url,
    "alicloud-kms:retryTimeoutSeconds": "3",
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
  await emu?.close();
  if (dir) removeScratch(dir);
});

beforeEach(() => {
  emu.control.reset();
  engine.messages.length = 0;
});

function program(extra: Props = {}): Props {
  return { __provider: providerText, kmsInstanceId: ID, instanceName: "prod-kms", ...extra };
}

async function grpcError(p: Promise<unknown>): Promise<{ details: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { details: string; message: string };
  }
  throw new Error("expected the call to fail");
}

test("operator warnings arrive as warnings, the release notice and auto-renewal as information", async () => {
  const { outputs } = await checkAndCreate(server, URN, program(), ID);
  const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  // Renewed by hand (no seeded renewal): the end date is a warning.
  emu.control.patchInstance(ID, {
    KmsInstance: { Status: "Disconnected", EndDate: soon },
    Renewal: null,
  });
  engine.messages.length = 0;
  const stderrBefore = server.stderr().length;
  await server.read(ID, URN, outputs);
  await server.delete(ID, URN, outputs);
  const bySeverity = (s: string) =>
    engine.messages.filter((m) => m.severity === s).map((m) => m.message);
  // Each message is its own gRPC call: their order of arrival is not promised.
  const warnings = bySeverity("warning");
  expect(warnings).toHaveLength(2);
  expect(warnings).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/Disconnected/),
      expect.stringMatching(/expires in 5 days/),
    ]),
  );
  expect(bySeverity("info")).toEqual([expect.stringMatching(/keeps running/)]);
  // Delivered through the engine, not as stray stderr lines.
  expect(server.stderr().slice(stderrBefore)).not.toMatch(/Disconnected|keeps running/);

  // Auto-renewal (the seed's): the end date becomes information, not a warning.
  engine.messages.length = 0;
  emu.control.patchInstance(ID, {
    Renewal: { RenewStatus: "AutoRenewal", RenewalDuration: 6, RenewalDurationUnit: "M" },
  });
  await server.read(ID, URN, outputs);
  expect(bySeverity("warning")).toEqual([expect.stringMatching(/Disconnected/)]);
  expect(bySeverity("info")).toEqual([
    expect.stringMatching(/ends in 5 days, .* renews automatically then for 6 months at a time/),
  ]);
});

test("a failed read is one line, once: the gRPC error; no stderr line, no stack", async () => {
  const { outputs } = await checkAndCreate(server, URN, program(), ID);
  emu.control.setFaults({
    actions: ["GetKmsInstance"],
    failRatio: { ratio: 1, code: "InvalidParameter", status: 400 },
  });
  const stderrBefore = server.stderr().length;
  const err = await grpcError(server.read(ID, URN, outputs));
  expect(err.details).toMatch(
    new RegExp(`^GetKmsInstance failed for KMS instance ${ID} in cn-hangzhou: InvalidParameter`),
  );
  expect(err.details).not.toMatch(/KmsError|\n\s+at /);
  // Give a late stderr line every chance to arrive, then check there was none.
  await server.read(ID, URN, { ...outputs, region: "cn-hangzhou" }).catch(() => undefined);
  const stderr = server.stderr().slice(stderrBefore);
  expect(stderr).not.toContain("InvalidParameter");
  expect(stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
});

test("a failed create is one line, without a stack", async () => {
  emu.control.setFaults({
    actions: ["GetKmsInstance"],
    failRatio: { ratio: 1, code: "InvalidParameter", status: 400 },
  });
  const checked = await server.check(URN, program());
  const err = await grpcError(server.create(URN, checked.inputs));
  expect(err.details).toMatch(/^GetKmsInstance failed .*InvalidParameter/);
  expect(err.details).not.toMatch(/\n/);
});

test("a read that retried says so in exactly one info message; one that did not, nothing", async () => {
  const { outputs } = await checkAndCreate(server, URN, program(), ID);
  engine.messages.length = 0;
  await server.read(ID, URN, outputs);
  expect(engine.messages).toEqual([]);

  emu.control.setFaults({
    actions: ["GetKmsInstance"],
    failNext: { count: 3, code: "Throttling.User", status: 400 },
  });
  await server.read(ID, URN, outputs);
  expect(engine.messages).toEqual([
    {
      severity: "info",
      urn: "",
      message: expect.stringMatching(
        new RegExp(
          `^${ID}: 3 throttled calls retried \\(limiter at \\d+ req/s\\); read took \\d+\\.\\d s$`,
        ),
      ) as unknown as string,
    },
  ]);

  engine.messages.length = 0;
  emu.control.setFaults({ actions: ["GetKmsInstance"], nonJson5xxNext: 2 });
  await server.read(ID, URN, outputs);
  expect(engine.messages.map((m) => [m.severity, m.message])).toEqual([
    ["info", expect.stringMatching(new RegExp(`^${ID}: 2 transient failures retried; read took`))],
  ]);
});

test("without credentials and an empty HOME, ten parallel reads give ten identical errors", async () => {
  const home = mkdtempSync(join(tmpdir(), "kms-empty-home-"));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home };
  env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  const bare = await startDynamicProviderServer(dir, env, engine.address);
  try {
    await bare.configure({
      "alicloud:region": "cn-hangzhou",
      "alicloud-kms:endpoint": emu.endpointTemplate,
      "alicloud-kms:bssEndpoint": emu.url,
    });
    const ids = [DEFAULT_SEED_IDS.connected, DEFAULT_SEED_IDS.uninitialized];
    const errors = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        grpcError(
          bare.read(ids[i % 2], URN, {
            __provider: providerText,
            kmsInstanceId: ids[i % 2],
            region: "cn-hangzhou",
            managedProperties: [],
          }),
        ),
      ),
    );
    const messages = new Set(errors.map((e) => e.details));
    expect(messages.size).toBe(1);
    const [message] = [...messages];
    expect(message).toMatch(/^no Alibaba Cloud credentials: tried /);
    expect(message).toContain(`${home}/.aliyun/config.json (not found)`);
    expect(message).toContain(`${home}/.alibabacloud/credentials (not found)`);
    expect(message).toContain("`pulumi config set alicloud:accessKey <AccessKeyId>`");
    expect(message).toContain("`pulumi config set --secret alicloud:secretKey <AccessKeySecret>`");
    expect(message).not.toMatch(/ENOENT|ENOTFOUND/);
    expect(emu.control.stats().total).toBe(0);
  } finally {
    await bare.close();
  }
});
