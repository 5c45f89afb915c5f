/**
 * The engine's cancel (Ctrl-C) through the plugin's real gRPC service, served in this process
 * with a real engine log service, against the emulator over HTTP: a Create waiting for an
 * instance to connect answers at once on the `Cancel` RPC with a partial create (the engine's
 * `ErrorResourceInitFailed`, carrying the id and the live outputs), and the next `up` (a new
 * provider process: Update of the instance in state) continues from the live status without a
 * second `ConnectKmsInstance`.
 */
import * as grpc from "@grpc/grpc-js";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { DEFAULT_SEED_IDS, TEST_STS, startEmulator, type RunningEmulator } from "../../../emulator";
import { engineLog } from "../../../provider/engine/log";
import { providerService } from "../../../provider/plugin/server";
import { providerClient, type ProviderClient, type Props } from "../../support/provider-client";
import { startFakeEngine, type FakeEngine } from "./support/fake-engine";
import { BARE_PLUGIN_ENV, secret } from "./support/plugin-under-engine";

jest.setTimeout(60_000);

const ID = DEFAULT_SEED_IDS.uninitialized;
const URN = "urn:pulumi:test::proj::alicloud-kms:index:KmsInstance::fresh";
const NET = {
  vpcId: "vpc-bp1cancel0001",
  zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
  vswitchIds: ["vsw-bp1cancelk001", "vsw-bp1cancelj001"],
};
/** How long the emulator keeps the instance `Connecting`: longer than the test takes to cancel. */
const CONNECT_DELAY_MS = 6_000;

let emu: RunningEmulator;
let engine: FakeEngine;
const started: ProviderClient[] = [];

/** One provider process as the engine starts it for an `up`: served here, configured. */
async function startProvider(): Promise<ProviderClient> {
  const log = engineLog(engine.address);
  const server = new grpc.Server();
  server.addService(
    provrpc.ResourceProviderService,
    providerService(BARE_PLUGIN_ENV, log) as provrpc.IResourceProviderServer,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  const client = providerClient(`127.0.0.1:${port}`, {
    stderr: () => "",
    stop: async () => {
      log.close();
      await new Promise<void>((r) => server.tryShutdown(() => r()));
    },
  });
  await client.configure({
    region: "cn-hangzhou",
    endpoint: emu.endpointTemplate,
    stsEndpoint: emu.url,
    bssEndpoint: emu.url,
    accessKey: secret(TEST_STS.accessKeyId),
    secretKey: secret(TEST_STS.accessKeySecret),
    securityToken: secret(TEST_STS.securityToken),
    retryTimeoutSeconds: 2,
  });
  started.push(client);
  return client;
}

/** The partial create a failed Create carries: `ErrorResourceInitFailed` in the status details. */
function initFailure(err: unknown): { id: string; properties: Props; reasons: string[] } {
  const e = err as grpc.ServiceError;
  const [bin] = e.metadata.get("grpc-status-details-bin");
  if (!(bin instanceof Buffer)) throw new Error(`no status details in: ${e.message}`);
  const status = statusproto.Status.deserializeBinary(new Uint8Array(bin));
  const detail = status
    .getDetailsList()
    .map((any) =>
      any.unpack(
        (b) => provproto.ErrorResourceInitFailed.deserializeBinary(b),
        "pulumirpc.ErrorResourceInitFailed",
      ),
    )
    .find((d) => d !== null);
  if (!detail) throw new Error(`no ErrorResourceInitFailed in: ${e.message}`);
  return {
    id: detail.getId(),
    properties: (detail.getProperties() ?? new structproto.Struct()).toJavaScript() as Props,
    reasons: detail.getReasonsList(),
  };
}

const connects = () => emu.control.requests().filter((r) => r.action === "ConnectKmsInstance");

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  emu = await startEmulator({ connectDelayMs: CONNECT_DELAY_MS });
  engine = await startFakeEngine();
});

afterAll(async () => {
  for (const c of started) await c.close();
  await engine?.close();
  await emu?.close();
});

test("Cancel ends a Create's connect wait at once with a partial create; the next up's Update continues without a second connect", async () => {
  const first = await startProvider();
  const checked = await first.check(URN, {
    kmsInstanceId: ID,
    connection: NET,
    tags: { team: "platform" },
  });
  expect(checked.failures).toEqual([]);

  const creating = first.create(URN, checked.inputs).then(
    () => {
      throw new Error("expected the create to fail");
    },
    (err: unknown) => err,
  );
  // The connect was taken and the wait for Connected is under way (its first poll answered).
  await until("the first poll after the connect", () =>
    emu.control
      .requests()
      .some(
        (r, i, all) => r.action === "GetKmsInstance" && all[i - 1]?.action === "ConnectKmsInstance",
      ),
  );
  expect(emu.control.getInstance(ID)?.KmsInstance.Status).toBe("Connecting");

  const cancelledAt = Date.now();
  await first.cancel();
  const err = await creating;
  expect(Date.now() - cancelledAt).toBeLessThan(2_000);

  const failure = initFailure(err);
  expect(failure.id).toBe(ID);
  expect(failure.properties.status).toBe("Connecting");
  expect(failure.properties.kmsInstanceId).toBe(ID);
  expect(failure.reasons).toHaveLength(1);
  expect(failure.reasons[0]).toMatch(
    new RegExp(
      `^KMS instance ${ID}: the wait for Connected was cancelled \\(pulumi cancelled the operation, ` +
        `e\\.g\\. Ctrl-C\\) after \\d+ s, with the instance in status Connecting;`,
    ),
  );
  expect(failure.reasons[0]).toContain(
    "The next `pulumi up` continues from the live status, without connecting again",
  );
  expect((err as grpc.ServiceError).details).toBe(failure.reasons[0]);

  // After the cancel, the provider starts no wait and sends no connect: a Create fails at once.
  const againAt = Date.now();
  const again = await first.create(URN, checked.inputs).catch((e: unknown) => e);
  expect(Date.now() - againAt).toBeLessThan(2_000);
  expect(initFailure(again).properties.status).toBe("Connecting");
  expect(connects()).toHaveLength(1);
  expect(emu.control.getInstance(ID)?.Tags ?? {}).toEqual({});

  // The next `up`: a new provider process; the engine updates the resource it holds with init
  // errors. The update waits out Connecting, then tags, and sends no second connect.
  const second = await startProvider();
  const updated = await second.update(ID, URN, failure.properties, checked.inputs);
  expect(updated.properties.status).toBe("Connected");
  expect(updated.properties.vpcId).toBe(NET.vpcId);
  expect(updated.properties.tags).toEqual({ team: "platform" });
  expect(connects()).toHaveLength(1);
  expect(engine.messages).toContainEqual(
    expect.objectContaining({
      urn: URN,
      message: expect.stringMatching(/status Connecting \(a connect is under way\); waiting/),
    }),
  );
});
