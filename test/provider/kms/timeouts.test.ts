/**
 * Connect and read timeouts, each honoured as documented, with the real client over real
 * sockets: a response slower than the connect timeout but within the read timeout succeeds; a
 * slower one fails naming the read timeout; a connect that hangs fails naming the connect one.
 */
import { KmsClient } from "../../../provider/kms/client";
import { resolveKmsSettings } from "../../../provider/kms/settings";
import { httpxTimeouts } from "../../../provider/kms/timeouts";
import { startHangingListener } from "./hanging-listener";
import { RawReply, startRawServer } from "./raw-server";
import { failure } from "../../support/rejection";

const ID = "kst-hzz00000000000000001";
const FOUND: RawReply = {
  status: 200,
  json: { RequestId: "R", KmsInstance: { InstanceId: ID, Status: "Connected" } },
};

function client(endpoint: string, connectTimeoutMs: number, readTimeoutMs: number): KmsClient {
  const settings = resolveKmsSettings({
    region: "cn-hangzhou",
    config: (k) =>
      ({
        "alicloud:accessKey": "LTAI5tTimeoutTestKey",
        "alicloud:secretKey": "TimeoutTestSecret",
        "alicloud-kms:endpoint": `http://${endpoint}`,
        "alicloud-kms:connectTimeoutMs": String(connectTimeoutMs),
        "alicloud-kms:readTimeoutMs": String(readTimeoutMs),
      })[k],
    env: {},
  });
  // One attempt: each case shows what one request does.
  return new KmsClient(settings, { retry: { maxAttempts: 1, limiter: undefined } });
}

test("a response slower than the connect timeout but within the read timeout succeeds", async () => {
  const server = await startRawServer(() => ({ delayMs: 1500, then: FOUND }));
  try {
    const started = Date.now();
    const inst = await client(server.endpoint, 300, 8000).getKmsInstance(ID);
    expect(inst.InstanceId).toBe(ID);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  } finally {
    await server.close();
  }
});

test("slow responses on one keep-alive socket each get a whole read timeout", async () => {
  // httpx's own read timer stays on a reused socket and could cancel the next request's: each
  // request must still get exactly its own bound.
  const server = await startRawServer(() => ({ delayMs: 1200, then: FOUND }));
  try {
    const c = client(server.endpoint, 300, 3000);
    for (let i = 0; i < 3; i++) expect((await c.getKmsInstance(ID)).InstanceId).toBe(ID);
    expect(server.connections).toBe(1);
  } finally {
    await server.close();
  }
});

test("a response slower than the read timeout fails naming the read timeout", async () => {
  const server = await startRawServer(() => ({ delayMs: 5000, then: FOUND }));
  try {
    const started = Date.now();
    const err = await failure(client(server.endpoint, 300, 1500).getKmsInstance(ID));
    const elapsed = Date.now() - started;
    expect(err.kind).toBe("transient");
    expect(err.retryable).toBe(true);
    expect(err.message).toContain(
      "no response within the read timeout of 1500 ms (alicloud-kms:readTimeoutMs)",
    );
    expect(err.message).not.toMatch(/connect/i);
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(4500);
  } finally {
    await server.close();
  }
});

test("a connect that hangs fails naming the connect timeout", async () => {
  const listener = await startHangingListener();
  try {
    const started = Date.now();
    const err = await failure(client(listener.endpoint, 500, 20_000).getKmsInstance(ID));
    const elapsed = Date.now() - started;
    expect(err.kind).toBe("transient");
    expect(err.message).toContain(
      "could not connect within the connect timeout of 500 ms (alicloud-kms:connectTimeoutMs)",
    );
    expect(err.message).not.toMatch(/read timeout/);
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(10_000); // far below the read timeout
  } finally {
    await listener.close();
  }
});

test("httpx gets backstops that outlast the real bounds", () => {
  // Its "connect" timeout is the socket idle timeout: it must outlast a connect plus a read.
  expect(httpxTimeouts({ connectTimeoutMs: 5000, readTimeoutMs: 10_000 })).toEqual({
    connectTimeout: 17_000,
    readTimeout: 11_000,
  });
});
