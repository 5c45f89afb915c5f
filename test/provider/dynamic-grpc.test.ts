/**
 * The dynamic provider driven through Pulumi's real dynamic-provider gRPC server, with the
 * provider serialized as the engine does, against the emulator over HTTP. Every step is one the
 * engine makes: Configure, Check, Diff, Create, Read, Update, Delete.
 */
import { DEFAULT_SEED_IDS, TEST_STS, startEmulator, type RunningEmulator } from "../../emulator";
import {
  startDynamicProviderServer,
  type DynamicProviderServer,
  type Props,
} from "../support/dynamic-provider-server";
import { mutatingCalls } from "../support/emulator-state";
import { installPackage, removeScratch } from "../support/installed-package";
import { serializeInstalledProvider } from "../support/serialize-provider";
import { lifecycle } from "../support/grpc-lifecycle";

const DIFF_NONE = "DIFF_NONE";
const DIFF_SOME = "DIFF_SOME";
const ID = DEFAULT_SEED_IDS.connected;
const URN = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/alicloud-kms:KmsInstance::prod-kms";

let emu: RunningEmulator;
let dir: string;
let server: DynamicProviderServer;
let providerText: string;

function totalCalls(): number {
  return emu.control.stats().total;
}

const life = lifecycle({
  emu: () => emu,
  client: () => server,
  urn: URN,
  base: () => ({ __provider: providerText }),
});
const { seeded, program, adopt } = life;

beforeAll(async () => {
  dir = installPackage("grpc");
  providerText = serializeInstalledProvider(dir);
  emu = await startEmulator();
  life.recordSeed();
  server = await startDynamicProviderServer(dir, {
    ...process.env,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
  });
  await server.configure({
    "alicloud:region": "cn-hangzhou",
    "alicloud:accessKey": TEST_STS.accessKeyId,
    "alicloud:secretKey": TEST_STS.accessKeySecret,
    "alicloud:securityToken": TEST_STS.securityToken,
    "alicloud-kms:endpoint": emu.endpointTemplate,
    "alicloud-kms:stsEndpoint": emu.url,
    "alicloud-kms:bssEndpoint": emu.url,
    "alicloud-kms:retryTimeoutSeconds": "2",
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await emu?.close();
  if (dir) removeScratch(dir);
});

beforeEach(() => life.reset());

test("__provider is a small require of the installed package and captures no credential", () => {
  const size = Buffer.byteLength(providerText, "utf8");
  console.log(`__provider size: ${size} bytes`);
  expect(size).toBeLessThanOrEqual(2048);
  expect(providerText).toContain('require("pulumi-alicloud-kms/dist/provider/dynamic.js")');
  expect(providerText).not.toContain(TEST_STS.accessKeySecret);
  expect(providerText).not.toContain(TEST_STS.securityToken);
});

test("adopt: create reads the instance, outputs every field, makes no change when none is due", async () => {
  const { inputs, outputs } = await adopt(program());
  expect(inputs.region).toBe("cn-hangzhou");
  expect(outputs.vpcId).toBe(seeded().KmsInstance.VpcId);
  expect(outputs.caCertificateChainPem).toBe(seeded().KmsInstance.CaCertificateChainPem);
  expect(outputs.endDate).toBe(seeded().KmsInstance.EndDate);
  expect(typeof outputs.secretNum).toBe("number");
  expect(outputs.tags).toEqual({ team: "platform", env: "prod" });
  expect(outputs.managedProperties).toEqual([
    "instanceName",
    "bindVpcs",
    "tags",
    "deletionProtection",
  ]);
  expect(outputs.__provider).toBe(providerText);
  expect(mutatingCalls(emu)).toBe(0);
  const all = JSON.stringify({ inputs, outputs });
  expect(all).not.toContain(TEST_STS.accessKeySecret);
  expect(all).not.toContain(TEST_STS.securityToken);
});

test("unchanged: diff reports no changes; reordered bound VPCs make no diff", async () => {
  const { inputs, outputs } = await adopt(program());
  expect((await server.diff(ID, URN, outputs, inputs)).changes).toBe(DIFF_NONE);
  const reordered = program({ bindVpcs: [...life.seedVpcs()].reverse() });
  const checked = await server.check(URN, reordered);
  expect((await server.diff(ID, URN, outputs, checked.inputs)).changes).toBe(DIFF_NONE);
});

test("drift: out-of-band unbind, rename, tag and protection changes show on read and diff; update corrects them", async () => {
  const { inputs, outputs } = await adopt(program());
  const vpcs = (seeded().KmsInstance.BindVpcs as { BindVpc: unknown[] }).BindVpc;
  emu.control.patchInstance(ID, {
    KmsInstance: {
      InstanceName: "renamed-in-console",
      BindVpcs: { BindVpc: vpcs.slice(0, 1) },
      DeletionProtection: false,
    },
    Tags: { team: "someone-else", env: "prod" },
  });
  emu.control.resetStats();

  const read = await server.read(ID, URN, outputs);
  expect(read.id).toBe(ID);
  expect(read.inputs).toBeDefined();
  const live = read.inputs as Props;
  expect(live.instanceName).toBe("renamed-in-console");
  expect(live.bindVpcs).toHaveLength(1);
  expect(live.tags).toEqual({ team: "someone-else", env: "prod" });
  expect(live.deletionProtection).toBe(false);
  // Output-only fields never become inputs (they would diff on every run).
  expect(live.status).toBeUndefined();
  expect(live.endDate).toBeUndefined();
  // Refresh costs one GetKmsInstance (+ ListTagResources because tags are managed), nothing else.
  expect(emu.control.stats().byAction).toEqual({
    GetKmsInstance: { "200": 1 },
    ListTagResources: { "200": 1 },
  });

  // What refresh shows: the refreshed state against the program's inputs.
  const drift = await server.diff(ID, URN, read.properties, inputs);
  expect(drift.changes).toBe(DIFF_SOME);
  expect(drift.replaces).toEqual([]);

  // The next `up`: check the program again, diff against the refreshed state, update.
  const checked = await server.check(URN, program());
  const updated = await server.update(ID, URN, read.properties, checked.inputs);
  expect(updated.properties.instanceName).toBe("prod-kms");
  const now = seeded();
  expect(now.KmsInstance.InstanceName).toBe("prod-kms");
  expect((now.KmsInstance.BindVpcs as { BindVpc: unknown[] }).BindVpc).toHaveLength(2);
  expect(now.KmsInstance.DeletionProtection).toBe(true);
  expect(now.Tags).toEqual({ team: "platform", env: "prod" });
  expect((await server.diff(ID, URN, updated.properties, checked.inputs)).changes).toBe(DIFF_NONE);
});

test("a change of kmsInstanceId or region is a replace", async () => {
  const { outputs } = await adopt(program());
  const other = await server.check(URN, program({ kmsInstanceId: DEFAULT_SEED_IDS.uninitialized }));
  expect((await server.diff(ID, URN, outputs, other.inputs)).replaces).toContain("kmsInstanceId");
  const moved = await server.check(URN, program({ region: "cn-shanghai" }));
  expect((await server.diff(ID, URN, outputs, moved.inputs)).replaces).toContain("region");
});

test("deleted out of band: read answers an empty id", async () => {
  const { outputs } = await adopt(program());
  emu.control.deleteInstance(ID);
  const read = await server.read(ID, URN, outputs);
  expect(read.id).toBe("");
});

test("adopting a missing instance fails with the 'does not exist' message after one read and its confirmation", async () => {
  emu.control.deleteInstance(ID);
  emu.control.resetStats();
  const checked = await server.check(URN, program());
  await expect(server.create(URN, checked.inputs)).rejects.toThrow(
    /does not exist in cn-hangzhou or is not visible to these credentials; this provider adopts existing instances — buy one first/,
  );
  expect(mutatingCalls(emu)).toBe(0);
  // The not-found is confirmed (gone-evidence.ts): the caller's account (STS, asked once per
  // process, so perhaps earlier) and the region's listing.
  const asked = Object.keys(emu.control.stats().byAction).filter((a) => a !== "GetCallerIdentity");
  expect(asked).toEqual(["GetKmsInstance", "ListKmsInstances"]);
});

test("a transient failure during read is an error, never an empty id", async () => {
  const { outputs } = await adopt(program());
  emu.control.setFaults({
    actions: ["GetKmsInstance"],
    failRatio: { ratio: 1, code: "ServiceUnavailableTemporary", status: 503 },
  });
  await expect(server.read(ID, URN, outputs)).rejects.toThrow(
    /GetKmsInstance.*ServiceUnavailableTemporary/,
  );
  expect(emu.control.stats().byAction.GetKmsInstance["503"]).toBeGreaterThan(1);
});

test("throttling and a 5xx burst during read are retried to success", async () => {
  const { outputs } = await adopt(program());
  emu.control.setFaults({
    actions: ["GetKmsInstance"],
    failNext: { count: 3, code: "Throttling.User", status: 400 },
  });
  const read = await server.read(ID, URN, outputs);
  expect(read.id).toBe(ID);
  emu.control.setFaults({ actions: ["GetKmsInstance"], nonJson5xxNext: 2 });
  expect((await server.read(ID, URN, outputs)).id).toBe(ID);
});

test("bad inputs fail check, naming the property, with zero API calls", async () => {
  const bad = await server.check(
    URN,
    program({
      kmsInstanceId: "i-not-a-kms-id",
      bindVpcs: [{ vpcId: "vpc-1", regionId: "cn-hangzhou", vpcOwnerId: "123" }],
      tags: { "acs:reserved": "x" },
    }),
  );
  const properties = bad.failures.map((f) => f.property);
  expect(properties).toEqual(
    expect.arrayContaining(["kmsInstanceId", "bindVpcs[0].vSwitchId", 'tags["acs:reserved"]']),
  );
  for (const f of bad.failures) expect(f.reason.length).toBeGreaterThan(10);
  expect(totalCalls()).toBe(0);
});

test("read warns when the instance leaves Connected or nears its end date", async () => {
  const { inputs, outputs } = await adopt(program());
  const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  // Renewed by hand (no seeded renewal): the end date is a warning, saying so.
  emu.control.patchInstance(ID, {
    KmsInstance: { Status: "Disconnected", EndDate: soon },
    Renewal: null,
  });
  const before = server.stderr().length;
  const read = await server.read(ID, URN, outputs);
  expect(read.properties.status).toBe("Disconnected");
  expect(read.properties.renewal).toEqual({ status: "ManualRenewal" });
  const said = await server.waitForStderr(/expires in 5 days/, before);
  expect(said).toMatch(/warning: .*Disconnected/);
  expect(said).toMatch(/warning: .*expires in 5 days, on .* and renews manually \(ManualRenewal\)/);
  // Output-only changes are not drift.
  expect((await server.diff(ID, URN, read.properties, inputs)).changes).toBe(DIFF_NONE);
});

test("a read-only reference (opts.id) reads with program props and manages nothing", async () => {
  const read = await server.read(ID, URN, { __provider: providerText, kmsInstanceId: ID });
  expect(read.id).toBe(ID);
  expect(read.properties.managedProperties).toEqual([]);
  expect(read.properties.vpcId).toBe(seeded().KmsInstance.VpcId);
  expect(read.inputs).toEqual({
    __provider: providerText,
    kmsInstanceId: ID,
    region: "cn-hangzhou",
  });
});

test("delete makes no API call and says the instance keeps running", async () => {
  const { outputs } = await adopt(program());
  emu.control.resetStats();
  const before = server.stderr().length;
  await server.delete(ID, URN, outputs);
  expect(totalCalls()).toBe(0);
  expect(await server.waitForStderr(/keeps running/, before)).toMatch(/keeps running/);
  expect(emu.control.getInstance(ID)).toBeDefined();
});
