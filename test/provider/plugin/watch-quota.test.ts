/**
 * `watchQuota` through the provider plugin, over gRPC from the real plugin process (built
 * `dist/`) with a real engine log service and the emulator: the schema declares the option and
 * the `QuotaUsage` object type; Create and Read record the quota and warn under the resource's
 * URN at `alicloud-kms:quotaWarningPercent`; Diff shows turning it off as an update, not a
 * replace; a bad threshold fails before any call.
 */
import { DEFAULT_SEED_IDS, TEST_STS, startEmulator, type RunningEmulator } from "../../../emulator";
import { ensureBuilt } from "../../support/installed-package";
import { startProviderProcess, type ProviderClient } from "../../support/provider-client";
import { startFakeEngine, type FakeEngine } from "./support/fake-engine";
import { BARE_PLUGIN_ENV, PLUGIN_LAUNCHER } from "./support/plugin-under-engine";

const ID = DEFAULT_SEED_IDS.connected;
const URN = "urn:pulumi:test::proj::alicloud-kms:index:KmsInstance::prod";

let emu: RunningEmulator;
let engine: FakeEngine;
const started: ProviderClient[] = [];

async function plugin(config: Record<string, unknown> = {}): Promise<ProviderClient> {
  const p = await startProviderProcess(PLUGIN_LAUNCHER, [engine.address], BARE_PLUGIN_ENV);
  started.push(p);
  await p.configure({
    region: "cn-hangzhou",
    endpoint: emu.endpointTemplate,
    stsEndpoint: emu.url,
    bssEndpoint: emu.url,
    accessKey: TEST_STS.accessKeyId,
    secretKey: TEST_STS.accessKeySecret,
    securityToken: TEST_STS.securityToken,
    retryTimeoutSeconds: 3,
    ...config,
  });
  return p;
}

jest.setTimeout(120_000);
beforeAll(async () => {
  ensureBuilt();
  emu = await startEmulator();
  engine = await startFakeEngine();
});
afterAll(async () => {
  for (const p of started) await p.close();
  await engine?.close();
  await emu?.close();
});
beforeEach(() => {
  emu.control.reset();
  emu.control.resetStats();
  engine.messages.length = 0;
});

const quotaWarnings = () =>
  engine.messages.filter((m) => m.severity === "warning" && /quota of/.test(m.message));

test("the schema declares watchQuota, quota and the QuotaUsage object types", async () => {
  const p = await plugin();
  const schema = (await p.getSchema()) as unknown as {
    types: Record<string, { properties: Record<string, unknown>; required: string[] }>;
    resources: Record<
      string,
      { properties: Record<string, unknown>; inputProperties: Record<string, unknown> }
    >;
    config: { variables: Record<string, unknown> };
  };
  const res = schema.resources["alicloud-kms:index:KmsInstance"];
  expect(res.inputProperties.watchQuota).toMatchObject({ type: "boolean" });
  expect(res.properties.quota).toMatchObject({
    $ref: "#/types/alicloud-kms:index:QuotaUsage",
  });
  expect(schema.types["alicloud-kms:index:QuotaUsage"].required).toEqual([
    "key",
    "secret",
    "vpc",
    "qps",
  ]);
  expect(schema.types["alicloud-kms:index:QuotaFigure"].properties).toEqual({
    quota: expect.objectContaining({ type: "integer" }),
    used: expect.objectContaining({ type: "integer" }),
  });
  expect(schema.config.variables.quotaWarningPercent).toMatchObject({ type: "integer" });
});

test("Create and Read record the quota and warn under the URN at the configured share", async () => {
  const p = await plugin({ quotaWarningPercent: 50 });
  emu.control.patchInstance(ID, { QuotaUsed: { secret: 49 } }); // of 100: under 50 %
  const checked = await p.check(URN, { kmsInstanceId: ID, watchQuota: true });
  expect(checked.failures).toEqual([]);
  const created = await p.create(URN, checked.inputs);
  expect(created.properties.quota).toMatchObject({ secret: { quota: 100, used: 49 } });
  expect(quotaWarnings()).toEqual([]);

  emu.control.patchInstance(ID, { QuotaUsed: { secret: 50 } });
  const read = await p.read(ID, URN, created.properties);
  expect(read.properties.quota).toMatchObject({ secret: { quota: 100, used: 50 } });
  expect(read.inputs?.watchQuota).toBe(true);
  expect(quotaWarnings()).toEqual([
    {
      severity: "warning",
      urn: URN,
      message: expect.stringContaining(
        `${ID} (cn-hangzhou) has used 50 of its secret quota of 100`,
      ) as unknown as string,
    },
  ]);

  const off = await p.diff(ID, URN, read.properties, { kmsInstanceId: ID, region: "cn-hangzhou" });
  expect(off).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
});

test("a threshold out of 1–100 fails Create before any call, naming the key", async () => {
  const p = await plugin({ quotaWarningPercent: 0 });
  const err = await p
    .create(URN, { kmsInstanceId: ID, region: "cn-hangzhou", watchQuota: true })
    .then(
      () => undefined,
      (e: unknown) => e as { details: string },
    );
  expect(err?.details).toMatch(
    /quotaWarningPercent "0": expected a whole percentage from 1 to 100/,
  );
  expect(emu.control.requests()).toEqual([]);
});

test("CheckConfig refuses a threshold out of 1–100, before any resource runs", async () => {
  const p = await plugin();
  const answer = await p.checkConfig({ region: "cn-hangzhou", quotaWarningPercent: 101 });
  expect(answer.failures).toEqual([
    expect.objectContaining({
      reason: expect.stringContaining(
        'invalid alicloud-kms:quotaWarningPercent "101": expected a whole percentage from 1 to 100',
      ) as unknown as string,
    }),
  ]);
  expect(emu.control.requests()).toEqual([]);
});
