/**
 * The unsigned control API under `/_emulator/`: instances, faults, stats, requests and reset over
 * HTTP, loopback peers only. Every request here sends what the API requires of a caller: a JSON
 * content type with a body, the `x-kms-emulator-control: 1` header without one (see
 * control-guard.test.ts for what is refused).
 */
import { networkInterfaces } from "node:os";
import {
  CONTROL_HEADERS,
  DEFAULT_SEED_IDS,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  type RunningEmulator,
  type SeedInstance,
} from "../../emulator";
import { isLoopback } from "../../emulator/http-util";
import { call, callError, kmsClient, rawRequest } from "./kms-client";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const json = (method: string, path: string, body?: unknown) =>
  rawRequest(emu.url, {
    method,
    path,
    headers: body === undefined ? { ...CONTROL_HEADERS } : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const client = () =>
  kmsClient(emu.endpoint, {
    accessKeyId: TEST_ACCESS_KEY_ID,
    accessKeySecret: TEST_ACCESS_KEY_SECRET,
  });

it("lists, puts, patches and deletes instances", async () => {
  const list = await json("GET", "/_emulator/instances");
  expect(list.status).toBe(200);
  expect((JSON.parse(list.text) as SeedInstance[]).map((i) => i.KmsInstance.InstanceId)).toEqual(
    Object.values(DEFAULT_SEED_IDS),
  );

  const inst: SeedInstance = {
    RegionId: "eu-central-1",
    KmsInstance: { InstanceId: "kst-fra1x", Status: "Connected" },
    Tags: { a: "b" },
  };
  const put = await json("PUT", "/_emulator/instances/kst-fra1x", inst);
  expect([put.status, put.json()]).toEqual([200, inst]);
  const res = await call(
    client(),
    "GetKmsInstance",
    { KmsInstanceId: "kst-fra1x" },
    "eu-central-1",
  );
  expect((res.body.KmsInstance as Record<string, unknown>).Status).toBe("Connected");

  const patched = await json("PATCH", "/_emulator/instances/kst-fra1x", {
    KmsInstance: { Status: "Error" },
    Tags: null,
  });
  expect(patched.status).toBe(200);
  expect(patched.json()).toEqual({
    RegionId: "eu-central-1",
    KmsInstance: { InstanceId: "kst-fra1x", Status: "Error" },
  });

  expect((await json("GET", "/_emulator/instances/kst-fra1x")).json()).toEqual(patched.json());
  expect((await json("DELETE", "/_emulator/instances/kst-fra1x")).status).toBe(204);
  expect((await json("GET", "/_emulator/instances/kst-fra1x")).status).toBe(404);
  expect((await json("DELETE", "/_emulator/instances/kst-fra1x")).status).toBe(404);
  expect((await json("PATCH", "/_emulator/instances/kst-fra1x", {})).status).toBe(404);
});

it("adds an instance with POST /_emulator/instances", async () => {
  const inst: SeedInstance = { RegionId: "cn-beijing", KmsInstance: { InstanceId: "kst-bj1x" } };
  const res = await json("POST", "/_emulator/instances", inst);
  expect(res.status).toBe(200);
  expect(emu.control.getInstance("kst-bj1x")).toEqual(inst);
});

it("answers invalid payloads with 400 and a message", async () => {
  const wrongId = await json("PUT", "/_emulator/instances/kst-a", {
    RegionId: "cn-hangzhou",
    KmsInstance: { InstanceId: "kst-b" },
  });
  expect(wrongId.status).toBe(400);
  const badType = await json("PUT", "/_emulator/instances/kst-a", {
    RegionId: "cn-hangzhou",
    KmsInstance: { InstanceId: "kst-a", KeyNum: "1" },
  });
  expect(badType.status).toBe(400);
  expect(badType.json().error).toMatch(/KeyNum must be an integer/);
  const notJson = await rawRequest(emu.url, {
    method: "PUT",
    path: "/_emulator/faults",
    headers: { "content-type": "application/json" },
    body: "{",
  });
  expect(notJson.status).toBe(400);
  expect((await json("GET", "/_emulator/nothing")).status).toBe(404);
  expect((await json("POST", "/_emulator/stats")).status).toBe(405);
});

it("sets, reads and clears faults", async () => {
  const put = await json("PUT", "/_emulator/faults", {
    failNext: { count: 1, code: "ServiceUnavailableTemporary", status: 503 },
  });
  expect(put.status).toBe(200);
  expect(put.json()).toEqual({
    failNext: { count: 1, code: "ServiceUnavailableTemporary", status: 503 },
  });
  const err = await callError(
    client(),
    "GetKmsInstance",
    { KmsInstanceId: DEFAULT_SEED_IDS.connected },
    "cn-hangzhou",
  );
  expect(err.statusCode).toBe(503);
  expect((await json("GET", "/_emulator/faults")).json()).toEqual({
    failNext: { count: 0, code: "ServiceUnavailableTemporary", status: 503 },
  });
  await json("PUT", "/_emulator/faults", { throttleRps: 0 });
  expect((await json("DELETE", "/_emulator/faults")).status).toBe(204);
  expect((await json("GET", "/_emulator/faults")).json()).toEqual({});
  expect((await json("PUT", "/_emulator/faults", { bogus: 1 })).status).toBe(400);
});

it("serves stats and the request log, and resets them", async () => {
  await call(
    client(),
    "GetKmsInstance",
    { KmsInstanceId: DEFAULT_SEED_IDS.connected },
    "cn-hangzhou",
  );
  expect((await json("GET", "/_emulator/stats")).json()).toEqual({
    total: 1,
    byAction: { GetKmsInstance: { "200": 1 } },
  });
  const log = (await json("GET", "/_emulator/requests")).json() as unknown as { action: string }[];
  expect(log.map((r) => r.action)).toEqual(["GetKmsInstance"]);
  expect((await json("POST", "/_emulator/stats/reset")).status).toBe(204);
  expect((await json("GET", "/_emulator/stats")).json()).toEqual({ total: 0, byAction: {} });
});

it("resets everything with POST /_emulator/reset", async () => {
  await json("DELETE", `/_emulator/instances/${DEFAULT_SEED_IDS.connected}`);
  await json("PUT", "/_emulator/faults", { latencyMs: 10 });
  expect((await json("POST", "/_emulator/reset")).status).toBe(204);
  expect(emu.control.getInstance(DEFAULT_SEED_IDS.connected)).toBeDefined();
  expect(emu.control.faults()).toEqual({});
});

it("does not let control requests into the signed API counters", async () => {
  await json("GET", "/_emulator/instances");
  expect(emu.control.stats().total).toBe(0);
});

describe("loopback only", () => {
  it("recognises loopback peers", () => {
    expect(["127.0.0.1", "127.8.9.1", "::1", "::ffff:127.0.0.1"].every(isLoopback)).toBe(true);
    expect(["192.0.2.2", "::ffff:10.0.0.1", "fd00::2", undefined].some(isLoopback)).toBe(false);
  });

  it("answers 403 to a peer on another interface", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    // A machine without a non-loopback interface cannot produce a non-loopback peer; the
    // predicate above still covers the decision.
    if (external === undefined) return;
    const wide = await startEmulator({ host: "0.0.0.0" });
    try {
      const res = await rawRequest(`http://${external}:${new URL(wide.url).port}`, {
        method: "GET",
        path: "/_emulator/instances",
        headers: { ...CONTROL_HEADERS },
      });
      expect(res.status).toBe(403);
      const local = await rawRequest(wide.url.replace("0.0.0.0", "127.0.0.1"), {
        method: "GET",
        path: "/_emulator/instances",
        headers: { ...CONTROL_HEADERS },
      });
      expect(local.status).toBe(200);
    } finally {
      await wide.close();
    }
  });
});
