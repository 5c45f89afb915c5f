/**
 * Fault injection seen through the real client: injected errors (next K, ratio), throttling,
 * latency, connection resets, non-JSON 5xx bodies, action filters, counters and reset.
 */
import { DEFAULT_SEED_IDS, TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET } from "../../emulator";
import { call, callError, rawRequest, emulatorWithTestClient } from "./kms-client";
import { signAcs3 } from "../../emulator/signer";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

const HZ = "cn-hangzhou";
const ID = DEFAULT_SEED_IDS.connected;
const suite = emulatorWithTestClient();

const get = () => call(suite.client, "GetKmsInstance", { KmsInstanceId: ID }, HZ);
const getError = () => callError(suite.client, "GetKmsInstance", { KmsInstanceId: ID }, HZ);

it("fails the next K requests with the chosen code and status, then recovers", async () => {
  suite.emu.control.setFaults({
    failNext: { count: 2, code: "ServiceUnavailableTemporary", status: 503 },
  });
  for (let i = 0; i < 2; i++) {
    const err = await getError();
    expect([err.code, err.statusCode]).toEqual(["ServiceUnavailableTemporary", 503]);
  }
  expect((await get()).statusCode).toBe(200);
  expect(suite.emu.control.faults().failNext?.count).toBe(0);
});

it("limits faults to the listed actions", async () => {
  suite.emu.control.setFaults({
    actions: ["ListKmsInstances"],
    failNext: { count: 5, code: "InternalFailure", status: 500 },
  });
  expect((await get()).statusCode).toBe(200);
  const err = await callError(suite.client, "ListKmsInstances", {}, HZ);
  expect([err.code, err.statusCode]).toEqual(["InternalFailure", 500]);
});

it("fails a ratio of requests", async () => {
  suite.emu.control.setFaults({
    failRatio: { ratio: 1, code: "Rejected.Throttling", status: 429, message: "slow down" },
  });
  const err = await getError();
  expect([err.code, err.statusCode]).toEqual(["Rejected.Throttling", 429]);
  expect(err.message).toContain("slow down");
  suite.emu.control.setFaults({ failRatio: { ratio: 0, code: "X", status: 500 } });
  expect((await get()).statusCode).toBe(200);
});

it("throttles above N requests per second with Throttling.User (HTTP 400)", async () => {
  suite.emu.control.setFaults({ throttleRps: 2 });
  const results = [];
  for (let i = 0; i < 4; i++)
    results.push(
      await get().then(
        () => 200,
        (e: { code: string }) => e.code,
      ),
    );
  expect(results.filter((r) => r === 200).length).toBeGreaterThanOrEqual(2);
  expect(results).toContain("Throttling.User");
  const err = await getError();
  expect(err.statusCode).toBe(400);
});

it("adds latency", async () => {
  suite.emu.control.setFaults({ latencyMs: 150 });
  const t0 = Date.now();
  await get();
  expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
});

it("resets the connection without a response, and records status 0", async () => {
  suite.emu.control.setFaults({ resetNext: 1 });
  const err = await getError();
  expect(err.code).toBe("ECONNRESET");
  expect(err.statusCode).toBeUndefined();
  expect((await get()).statusCode).toBe(200);
  expect(
    suite.emu.control.requests().some((r) => r.status === 0 && r.code === "ConnectionReset"),
  ).toBe(true);
});

it("answerLatencyMs: the action runs at once, its answer comes late", async () => {
  suite.emu.control.setFaults({ actions: ["UpdateKmsInstance"], answerLatencyMs: 300 });
  const t0 = Date.now();
  const pending = call(
    suite.client,
    "UpdateKmsInstance",
    { KmsInstanceId: ID, InstanceName: "late-answer" },
    HZ,
  );
  await new Promise((r) => setTimeout(r, 100));
  // Changed before the answer went out.
  expect(suite.emu.control.getInstance(ID)?.KmsInstance.InstanceName).toBe("late-answer");
  expect((await pending).statusCode).toBe(200);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  expect((await get()).statusCode).toBe(200);
});

it("resetAfterNext: the action runs, then the connection is reset without its answer", async () => {
  suite.emu.control.setFaults({ actions: ["UpdateKmsInstance"], resetAfterNext: 1 });
  const err = await callError(
    suite.client,
    "UpdateKmsInstance",
    { KmsInstanceId: ID, InstanceName: "answer-lost" },
    HZ,
  );
  expect(err.code).toBe("ECONNRESET");
  expect(suite.emu.control.getInstance(ID)?.KmsInstance.InstanceName).toBe("answer-lost");
  expect(suite.emu.control.faults().resetAfterNext).toBe(0);
  expect(
    suite.emu.control
      .requests()
      .some((r) => r.status === 0 && r.code === "ConnectionResetAfterAction"),
  ).toBe(true);
});

it("answers a non-JSON 502 body that the client cannot parse", async () => {
  suite.emu.control.setFaults({ nonJson5xxNext: 1 });
  const err = (await getError()) as Error & { code?: string };
  expect(err.name).toBe("SyntaxError");
  expect(err.code).toBeUndefined();
  suite.emu.control.setFaults({ nonJson5xxNext: 1 });
  const req = signAcs3({
    host: suite.emu.endpoint,
    path: `/${HZ}`,
    action: "GetKmsInstance",
    query: { KmsInstanceId: ID },
    accessKeyId: TEST_ACCESS_KEY_ID,
    accessKeySecret: TEST_ACCESS_KEY_SECRET,
  });
  const raw = await rawRequest(suite.emu.url, { path: req.pathWithQuery, headers: req.headers });
  expect(raw.status).toBe(502);
  expect(raw.headers["content-type"]).toBe("text/html");
  expect(raw.text).toContain("<html>");
});

it("counts requests by action and status, keeps a request log, and resets", async () => {
  suite.emu.control.setFaults({ failNext: { count: 1, code: "InternalFailure", status: 500 } });
  await getError();
  await get();
  await callError(suite.client, "Nope", {}, HZ);
  const stats = suite.emu.control.stats();
  expect(stats.total).toBe(3);
  expect(stats.byAction).toEqual({ GetKmsInstance: { "500": 1, "200": 1 }, Nope: { "404": 1 } });
  const log = suite.emu.control.requests();
  expect(log.map((r) => [r.action, r.status, r.code])).toEqual([
    ["GetKmsInstance", 500, "InternalFailure"],
    ["GetKmsInstance", 200, undefined],
    ["Nope", 404, "InvalidAction.NotFound"],
  ]);
  expect(log[0]).toMatchObject({ region: HZ, instanceId: ID });
  expect(typeof log[0].ms).toBe("number");
  suite.emu.control.resetStats();
  expect(suite.emu.control.stats()).toEqual({ total: 0, byAction: {} });
});

it("reset() restores the seed and removes faults", async () => {
  suite.emu.control.deleteInstance(ID);
  suite.emu.control.setFaults({ failNext: { count: 9, code: "X", status: 500 } });
  suite.emu.control.reset();
  expect(suite.emu.control.faults()).toEqual({});
  expect((await get()).statusCode).toBe(200);
});

it("rejects nonsensical fault specs", () => {
  expect(() =>
    suite.emu.control.setFaults({ failNext: { count: 1, code: "X", status: 200 } }),
  ).toThrow(/status/);
  expect(() =>
    suite.emu.control.setFaults({ failRatio: { ratio: 2, code: "X", status: 500 } }),
  ).toThrow(/ratio/);
  expect(() => suite.emu.control.setFaults({ latencyMs: -1 })).toThrow(/latencyMs/);
});
