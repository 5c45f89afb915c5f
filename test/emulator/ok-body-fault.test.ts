/**
 * The `okBody` fault: the signed API answers HTTP 200 with exactly the given JSON body, as a
 * proxy or a misrouted endpoint would, for `count` requests or until cleared. Set through
 * `emu.control` and through the control HTTP API; seen through the real client and raw HTTP.
 */
import {
  CONTROL_HEADERS,
  DEFAULT_SEED_IDS,
  signAcs3,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  type FaultSpec,
} from "../../emulator";
import { call, callError, kmsClient, rawRequest, emulatorWithTestClient } from "./kms-client";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

const HZ = "cn-hangzhou";
const ID = DEFAULT_SEED_IDS.connected;
const suite = emulatorWithTestClient();

const get = () => call(suite.client, "GetKmsInstance", { KmsInstanceId: ID }, HZ);

/** A signed GetKmsInstance sent raw, to see the exact bytes and headers of the answer. */
const rawGet = () => {
  const req = signAcs3({
    host: suite.emu.endpoint,
    path: `/${HZ}`,
    action: "GetKmsInstance",
    query: { KmsInstanceId: ID },
    accessKeyId: TEST_ACCESS_KEY_ID,
    accessKeySecret: TEST_ACCESS_KEY_SECRET,
  });
  return rawRequest(suite.emu.url, { path: req.pathWithQuery, headers: req.headers });
};

const isRealAnswer = (body: Record<string, unknown>) =>
  (body.KmsInstance as { InstanceId?: unknown } | undefined)?.InstanceId === ID;

describe("through emu.control", () => {
  it("answers 200 with exactly the body for `count` requests, then the real answer", async () => {
    suite.emu.control.setFaults({ okBody: { body: { RequestId: "x" }, count: 2 } });
    const raw = await rawGet();
    expect(raw.status).toBe(200);
    expect(raw.text).toBe('{"RequestId":"x"}');
    expect(raw.headers["content-type"]).toMatch(/^application\/json/);
    expect(raw.headers["x-acs-request-id"]).toBeUndefined(); // not the service's answer
    const viaClient = await get();
    expect([viaClient.statusCode, viaClient.body]).toEqual([200, { RequestId: "x" }]);
    expect(suite.emu.control.faults()).toEqual({ okBody: { body: { RequestId: "x" }, count: 0 } });
    expect(isRealAnswer((await get()).body)).toBe(true);
    expect(suite.emu.control.requests().map((r) => [r.status, r.code])).toEqual([
      [200, "InjectedOkBody"],
      [200, "InjectedOkBody"],
      [200, undefined],
    ]);
  });

  it("answers every request without `count`, until the faults are cleared", async () => {
    const body = { RequestId: "proxy", KmsInstance: { InstanceId: "" }, nested: [1, null, "a"] };
    suite.emu.control.setFaults({ okBody: { body } });
    for (let i = 0; i < 3; i++) expect((await get()).body).toEqual(body);
    const list = await call(suite.client, "ListKmsInstances", {}, HZ);
    expect(list.body).toEqual(body);
    expect(suite.emu.control.faults()).toEqual({ okBody: { body } });
    suite.emu.control.clearFaults();
    expect(isRealAnswer((await get()).body)).toBe(true);
  });

  it("honours `actions`", async () => {
    suite.emu.control.setFaults({ actions: ["ListKmsInstances"], okBody: { body: {} } });
    expect(isRealAnswer((await get()).body)).toBe(true);
    expect((await call(suite.client, "ListKmsInstances", {}, HZ)).body).toEqual({});
  });

  it("comes after resets and non-JSON 5xx, before failNext, throttling and failRatio", async () => {
    suite.emu.control.setFaults({
      resetNext: 1,
      nonJson5xxNext: 1,
      okBody: { body: { RequestId: "ok" }, count: 1 },
      failNext: { count: 1, code: "InternalFailure", status: 500 },
    });
    expect((await callError(suite.client, "GetKmsInstance", { KmsInstanceId: ID }, HZ)).code).toBe(
      "ECONNRESET",
    );
    expect((await rawGet()).status).toBe(502);
    expect((await get()).body).toEqual({ RequestId: "ok" });
    expect((await callError(suite.client, "GetKmsInstance", { KmsInstanceId: ID }, HZ)).code).toBe(
      "InternalFailure",
    );
    suite.emu.control.setFaults({
      okBody: { body: { RequestId: "ok" } },
      throttleRps: 0,
      failRatio: { ratio: 1, code: "InternalFailure", status: 500 },
    });
    expect((await get()).body).toEqual({ RequestId: "ok" });
  });

  it("applies after authentication: a bad signature still gets the gateway's error", async () => {
    suite.emu.control.setFaults({ okBody: { body: { RequestId: "x" } } });
    const wrong = kmsClient(suite.emu.endpoint, {
      accessKeyId: TEST_ACCESS_KEY_ID,
      accessKeySecret: "not-the-secret",
    });
    const err = await callError(wrong, "GetKmsInstance", { KmsInstanceId: ID }, HZ);
    expect(err.code).toBe("SignatureDoesNotMatch");
  });

  it.each<[string, unknown, RegExp]>([
    ["not an object", "x", /okBody must be an object/],
    ["no body", {}, /okBody\.body must be a JSON object/],
    ["an array body", { body: [1] }, /okBody\.body must be a JSON object/],
    ["a body with undefined", { body: { a: undefined } }, /okBody\.body must be a JSON object/],
    ["a body with a function", { body: { f: () => 1 } }, /okBody\.body must be a JSON object/],
    ["a body with NaN", { body: { n: Number.NaN } }, /okBody\.body must be a JSON object/],
    ["a body with a Date", { body: { d: new Date(0) } }, /okBody\.body must be a JSON object/],
    ["a body with a BigInt", { body: { b: 1n } }, /okBody\.body must be a JSON object/],
    ["a negative count", { body: {}, count: -1 }, /okBody\.count must be a non-negative integer/],
    ["a fractional count", { body: {}, count: 1.5 }, /okBody\.count/],
    ["an unknown field", { body: {}, status: 200 }, /unknown okBody field "status"/],
  ])("rejects an okBody with %s and keeps the previous faults", (_name, okBody, message) => {
    suite.emu.control.setFaults({ latencyMs: 1 });
    expect(() => suite.emu.control.setFaults({ okBody } as unknown as FaultSpec)).toThrow(message);
    expect(suite.emu.control.faults()).toEqual({ latencyMs: 1 });
  });

  it("rejects a body with a cycle", () => {
    const body: Record<string, unknown> = {};
    body.self = body;
    expect(() => suite.emu.control.setFaults({ okBody: { body } })).toThrow(/okBody\.body/);
  });
});

describe("through the control HTTP API", () => {
  const putFaults = (spec: unknown) =>
    rawRequest(suite.emu.url, {
      method: "PUT",
      path: "/_emulator/faults",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(spec),
    });

  it("sets, shows and clears an okBody fault", async () => {
    const put = await putFaults({ okBody: { body: { RequestId: "x" }, count: 1 } });
    expect([put.status, put.json()]).toEqual([
      200,
      { okBody: { body: { RequestId: "x" }, count: 1 } },
    ]);
    expect((await rawGet()).text).toBe('{"RequestId":"x"}');
    const after = await rawRequest(suite.emu.url, {
      method: "GET",
      path: "/_emulator/faults",
      headers: { ...CONTROL_HEADERS },
    });
    expect(after.json()).toEqual({ okBody: { body: { RequestId: "x" }, count: 0 } });
    expect(isRealAnswer((await get()).body)).toBe(true);

    await putFaults({ okBody: { body: { RequestId: "y" } } });
    expect((await get()).body).toEqual({ RequestId: "y" });
    const cleared = await rawRequest(suite.emu.url, {
      method: "DELETE",
      path: "/_emulator/faults",
      headers: { ...CONTROL_HEADERS },
    });
    expect(cleared.status).toBe(204);
    expect(isRealAnswer((await get()).body)).toBe(true);
  });

  it("answers 400 with the reason for a bad okBody", async () => {
    const res = await putFaults({ okBody: { body: "RequestId" } });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/okBody\.body must be a JSON object/);
    const count = await putFaults({ okBody: { body: {}, count: "2" } });
    expect([count.status, count.json().error]).toEqual([
      400,
      "okBody.count must be a non-negative integer",
    ]);
  });
});
