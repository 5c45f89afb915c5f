/**
 * The packaged provider plugin (the esbuild bundle from the tarball, extracted outside the
 * repository so no node_modules can help it) driven over gRPC as the engine drives it, against
 * the emulator over HTTP, with a real engine log service receiving its messages.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  DEFAULT_SEED_REGIONS,
  TEST_STS,
  startEmulator,
  type RunningEmulator,
} from "../../../emulator";
import { declaredBindVpcs, mutatingCalls } from "../../support/emulator-state";
import { INPUT_PROPERTIES, OUTPUT_FIELDS } from "../../../provider/instance";
import { PLUGIN_VERSION } from "../../../provider/package/version";
import type { FakeEngine } from "./support/fake-engine";
import { type ProviderClient, type Props } from "../../support/provider-client";
import { REPO_ROOT, buildPluginTarball, extractPlugin } from "./support/plugin-tarball";
import { lifecycle } from "../../support/grpc-lifecycle";
import { startPluginUnderEngine, type PluginUnderEngine } from "./support/plugin-under-engine";

const ID = DEFAULT_SEED_IDS.connected;
const URN = "urn:pulumi:test::proj::alicloud-kms:index:KmsInstance::prod";

let emu: RunningEmulator;
let running: PluginUnderEngine;
let engine: FakeEngine;
let plugin: ProviderClient;
let pluginDir: string;
let outDir: string;
const life = lifecycle({ emu: () => emu, client: () => plugin, urn: URN });
const { seeded, program, adopt } = life;

beforeAll(async () => {
  fs.mkdirSync(path.join(REPO_ROOT, ".pulumi-tmp"), { recursive: true });
  outDir = fs.mkdtempSync(path.join(REPO_ROOT, ".pulumi-tmp", "plugin-grpc-"));
  const extracted = extractPlugin(buildPluginTarball(outDir));
  pluginDir = extracted.dir;
  emu = await startEmulator();
  life.recordSeed();
  running = await startPluginUnderEngine(extracted.executable, emu, {
    retryTimeoutSeconds: 2,
    stsAtEmulator: true,
    variables: { "alicloud-kms:config:region": "cn-hangzhou" },
  });
  ({ engine, plugin } = running);
}, 60_000);

afterAll(async () => {
  await running?.close();
  await emu?.close();
  for (const d of [pluginDir, outDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

beforeEach(() => {
  life.reset();
  engine.messages.length = 0;
});

test("the tarball holds a launcher and one bundled script, and runs without node_modules", () => {
  expect(fs.readdirSync(pluginDir).sort()).toEqual([
    "pulumi-resource-alicloud-kms",
    "pulumi-resource-alicloud-kms.js",
  ]);
  expect(fs.statSync(path.join(pluginDir, "pulumi-resource-alicloud-kms")).mode & 0o111).not.toBe(
    0,
  );
  expect(fs.existsSync(path.join(pluginDir, "node_modules"))).toBe(false);
});

test("GetPluginInfo and GetSchema: version, resource, inputs and outputs with descriptions, secret config, nodejs package", async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  expect(await plugin.getPluginInfo()).toBe(pkg.version);
  expect(PLUGIN_VERSION).toBe(pkg.version);
  const schema = await plugin.getSchema();
  expect(schema.name).toBe("alicloud-kms");
  expect(schema.version).toBe(pkg.version);
  const resource = (schema.resources as Record<string, Record<string, unknown>>)[
    "alicloud-kms:index:KmsInstance"
  ];
  const inputs = resource.inputProperties as Record<string, { description: string }>;
  const outputs = resource.properties as Record<string, { description: string }>;
  expect(Object.keys(inputs)).toEqual([...INPUT_PROPERTIES]);
  expect(Object.keys(outputs).sort()).toEqual(Object.keys(OUTPUT_FIELDS).sort());
  for (const p of [...Object.values(inputs), ...Object.values(outputs)]) {
    expect(p.description.length).toBeGreaterThan(5);
  }
  expect(resource.requiredInputs).toEqual(["kmsInstanceId"]);
  const config = (schema.config as { variables: Record<string, { secret?: boolean }> }).variables;
  expect(Object.keys(config)).toEqual(
    expect.arrayContaining([
      "region",
      "endpoint",
      "accessKey",
      "secretKey",
      "securityToken",
      "profile",
    ]),
  );
  expect(config.secretKey.secret).toBe(true);
  expect(config.securityToken.secret).toBe(true);
  expect(config.region.secret).toBeUndefined();
  expect((schema.language as { nodejs: { packageName: string } }).nodejs.packageName).toBe(
    "pulumi-alicloud-kms/plugin",
  );
});

test("CheckConfig rejects a bad region and half-set keys, accepts good config unchanged; DiffConfig never replaces", async () => {
  const bad = await plugin.checkConfig({ region: "Hangzhou!" });
  expect(bad.failures.map((f) => f.property)).toEqual(["region"]);
  const half = await plugin.checkConfig({ region: "cn-hangzhou", accessKey: "LTAI-only" });
  expect(half.failures).toHaveLength(1);
  expect(half.failures[0].reason).toMatch(
    /alicloud:accessKey is set but alicloud:secretKey is not/,
  );
  expect(half.failures[0].reason).not.toContain("LTAI-only");
  const good = { region: "cn-shanghai", endpoint: emu.endpointTemplate };
  expect(await plugin.checkConfig(good)).toEqual({ inputs: good, failures: [] });
  // No region anywhere is fine: resources may declare theirs.
  expect((await plugin.checkConfig({})).failures).toEqual([]);

  const changed = await plugin.diffConfig({ region: "cn-hangzhou" }, { region: "cn-shanghai" });
  expect(changed.changes).toBe("DIFF_SOME");
  expect(changed.diffs).toEqual(["region"]);
  expect(changed.replaces).toEqual([]);
  expect(
    (await plugin.diffConfig({ region: "cn-hangzhou" }, { region: "cn-hangzhou" })).changes,
  ).toBe("DIFF_NONE");
});

test("Configure: config (secrets unwrapped) reaches the client — region defaults, credentials sign, endpoint routes", async () => {
  const checked = await plugin.check(URN, { kmsInstanceId: ID });
  expect(checked.failures).toEqual([]);
  expect(checked.inputs).toEqual({ kmsInstanceId: ID, region: "cn-hangzhou" });
  const created = await plugin.create(URN, checked.inputs);
  expect(created.properties.vpcId).toBe(seeded().KmsInstance.VpcId);
  // The emulator verified the signature: with no key in the environment and the metadata
  // service off, only the configured STS triple can have signed it.
  const reads = emu.control.requests().filter((r) => r.action === "GetKmsInstance");
  expect(reads.at(-1)).toMatchObject({ region: "cn-hangzhou", status: 200 });
  // The configured STS endpoint answered who signed: the owner is recorded.
  expect(created.properties.ownerAccountId).toBe(EMULATOR_ACCOUNT_ID);
  expect(plugin.stderr()).not.toContain(TEST_STS.accessKeySecret);
});

test("Check failures name the property; an unknown value is accepted during preview", async () => {
  const bad = await plugin.check(URN, {
    kmsInstanceId: "i-not-a-kms-id",
    bindVpcs: [{ vpcId: "vpc-1", regionId: "cn-hangzhou", vpcOwnerId: 123 }],
    tags: { "acs:reserved": "x" },
  });
  expect(bad.failures.map((f) => f.property)).toEqual(
    expect.arrayContaining([
      "kmsInstanceId",
      "bindVpcs[0].vSwitchId",
      "bindVpcs[0].vpcOwnerId",
      'tags["acs:reserved"]',
    ]),
  );
  const unknown = await plugin.check(URN, {
    kmsInstanceId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  });
  expect(unknown.failures).toEqual([]);
  expect(emu.control.stats().total).toBe(0);
});

test("Create adopts with no change when none is due; Diff of the same program is none", async () => {
  const { inputs, outputs } = await adopt(program());
  expect(outputs.managedProperties).toEqual([
    "instanceName",
    "bindVpcs",
    "tags",
    "deletionProtection",
  ]);
  expect(outputs.tags).toEqual({ team: "platform", env: "prod" });
  expect(mutatingCalls(emu)).toBe(0);
  const d = await plugin.diff(ID, URN, outputs, inputs);
  expect(d).toMatchObject({ changes: "DIFF_NONE", hasDetailedDiff: true, detailedDiff: {} });
});

test("Diff gives a detailed per-property diff for bindVpcs and tags, and replaces for the id", async () => {
  const { outputs } = await adopt(program());
  const news = (
    await plugin.check(
      URN,
      program({
        bindVpcs: life.seedVpcs().slice(1),
        tags: { team: "payments", owner: "alice" },
        kmsInstanceId: ID,
      }),
    )
  ).inputs;
  const d = await plugin.diff(ID, URN, outputs, news);
  expect(d.changes).toBe("DIFF_SOME");
  expect(d.hasDetailedDiff).toBe(true);
  expect(d.replaces).toEqual([]);
  expect(d.diffs.sort()).toEqual(["bindVpcs", "tags"]);
  expect(d.detailedDiff).toEqual({
    "bindVpcs[0]": { kind: "DELETE", inputDiff: false },
    "tags.env": { kind: "DELETE", inputDiff: false },
    "tags.owner": { kind: "ADD", inputDiff: false },
    "tags.team": { kind: "UPDATE", inputDiff: false },
  });
  const other = (
    await plugin.check(URN, program({ kmsInstanceId: DEFAULT_SEED_IDS.uninitialized }))
  ).inputs;
  const r = await plugin.diff(ID, URN, outputs, other);
  expect(r.replaces).toEqual(["kmsInstanceId"]);
  expect(r.detailedDiff.kmsInstanceId.kind).toBe("UPDATE_REPLACE");
});

test("Read with empty properties (import): id only, region from config; non-nil inputs and outputs", async () => {
  const r = await plugin.read(ID, URN);
  expect(r.id).toBe(ID);
  expect(r.properties?.vpcId).toBe(seeded().KmsInstance.VpcId);
  expect(r.properties?.caCertificateChainPem).toBe(seeded().KmsInstance.CaCertificateChainPem);
  // Every managed property is read, so the generated code can declare all of them.
  expect(r.inputs).toEqual({
    kmsInstanceId: ID,
    region: "cn-hangzhou",
    instanceName: "prod-kms",
    bindVpcs: life.seedVpcs(),
    tags: seeded().Tags ?? {},
    deletionProtection: seeded().KmsInstance.DeletionProtection === true,
    ...(seeded().KmsInstance.DeletionProtectionDescription
      ? { deletionProtectionDescription: seeded().KmsInstance.DeletionProtectionDescription }
      : {}),
    // A Connected instance's network, as the `connection` input declares it.
    connection: {
      vpcId: seeded().KmsInstance.VpcId,
      zoneIds: seeded().KmsInstance.ZoneIds,
      vswitchIds: seeded().KmsInstance.VswitchIds,
    },
    // The seeded renewal (BSS QueryAvailableInstances), as the `renewal` input declares it.
    renewal: { status: "AutoRenewal", period: 1, periodUnit: "Y" },
  });
  // The program that declares what import read shows no diff.
  const checked = await plugin.check(URN, r.inputs as Props);
  expect(checked.failures).toEqual([]);
  expect((await plugin.diff(ID, URN, r.properties as Props, checked.inputs)).changes).toBe(
    "DIFF_NONE",
  );
  expect(mutatingCalls(emu)).toBe(0);
});

test("Read of `<region>/kst-…` imports from another region and stores the bare id", async () => {
  const id = DEFAULT_SEED_IDS.expiring;
  const r = await plugin.read(`${DEFAULT_SEED_REGIONS.expiring}/${id}`, URN);
  expect(r.id).toBe(id);
  expect(r.inputs?.region).toBe("cn-shanghai");
  expect(r.properties?.region).toBe("cn-shanghai");
  // Its end date is near: the warning reaches the engine's log, attached to the resource.
  expect(engine.messages).toContainEqual(
    expect.objectContaining({
      severity: "warning",
      urn: URN,
      message: expect.stringMatching(/expires in/),
    }),
  );
});

test("Read of a nonexistent id (import) fails with 'does not exist'; on refresh it answers gone", async () => {
  await expect(plugin.read("kst-doesnotexist0000", URN)).rejects.toThrow(
    /KMS instance kst-doesnotexist0000 does not exist in cn-hangzhou or is not visible to these credentials/,
  );
  const { outputs } = await adopt(program());
  emu.control.deleteInstance(ID);
  expect((await plugin.read(ID, URN, outputs)).id).toBe("");
});

test("refresh after an out-of-band unbind: Read returns the live inputs, Diff names the binding, Update rebinds", async () => {
  const { inputs, outputs } = await adopt(program());
  const vpcs = (seeded().KmsInstance.BindVpcs as { BindVpc: unknown[] }).BindVpc;
  emu.control.patchInstance(ID, { KmsInstance: { BindVpcs: { BindVpc: vpcs.slice(0, 1) } } });
  emu.control.resetStats();
  const read = await plugin.read(ID, URN, outputs);
  expect(read.inputs?.bindVpcs).toEqual(life.seedVpcs().slice(0, 1));
  expect(emu.control.stats().byAction).toEqual({
    GetKmsInstance: { "200": 1 },
    ListTagResources: { "200": 1 },
  });
  const drift = await plugin.diff(ID, URN, read.properties as Props, inputs);
  expect(drift.changes).toBe("DIFF_SOME");
  expect(drift.detailedDiff).toEqual({ "bindVpcs[1]": { kind: "ADD", inputDiff: false } });

  const updated = await plugin.update(ID, URN, read.properties as Props, inputs);
  expect(updated.properties.bindVpcs).toEqual(life.seedVpcs());
  expect(declaredBindVpcs(seeded())).toEqual(life.seedVpcs());
  expect(emu.control.stats().byAction.UpdateKmsInstanceBindVpc).toEqual({ "200": 1 });
  expect((await plugin.diff(ID, URN, updated.properties, inputs)).changes).toBe("DIFF_NONE");
});

test("Delete makes no API call and tells the engine the instance keeps running", async () => {
  const { outputs } = await adopt(program());
  emu.control.resetStats();
  await plugin.delete(ID, URN, outputs);
  expect(emu.control.stats().total).toBe(0);
  expect(engine.messages).toContainEqual(
    expect.objectContaining({
      severity: "info",
      urn: URN,
      message: expect.stringMatching(/keeps running/),
    }),
  );
  expect(emu.control.getInstance(ID)).toBeDefined();
});
