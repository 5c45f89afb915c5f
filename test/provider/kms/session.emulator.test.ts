/**
 * Sessions and connection reuse: one client per region/endpoint in the session of its
 * credentials, and its requests ride a handful of keep-alive sockets. A counting TCP proxy in front of the emulator
 * sees every connection the client opens.
 */
import { createConnection, createServer, Server, Socket } from "net";
import { AddressInfo } from "net";
import {
  DEFAULT_SEED_IDS,
  RunningEmulator,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
} from "../../../emulator";
import { clearSessions, kmsClientCount, sessionFor } from "../../../provider/kms/session";
import { resolveKmsSettings } from "../../../provider/kms/settings";

let emu: RunningEmulator;
let proxy: Server;
let proxyPort = 0;
let connections = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  emu = await startEmulator();
  const [host, port] = emu.endpoint.split(":");
  proxy = createServer((client) => {
    connections++;
    const upstream = createConnection({ host, port: Number(port) });
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  proxyPort = (proxy.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => proxy.close(() => r()));
  await emu.close();
});
beforeEach(() => clearSessions());

function settings(region = "cn-hangzhou", secret = TEST_ACCESS_KEY_SECRET) {
  return resolveKmsSettings({
    region,
    config: (k) =>
      ({
        "alicloud:accessKey": TEST_ACCESS_KEY_ID,
        "alicloud:secretKey": secret,
        "alicloud-kms:endpoint": `http://127.0.0.1:${proxyPort}/{region}`,
      })[k],
    env: {},
  });
}

/** The session's client of `s`, as the provider gets it. */
function shared(s: ReturnType<typeof settings>) {
  return sessionFor(s).client(s);
}

describe("Session.client", () => {
  it("reuses one client per region, endpoint and credentials", () => {
    const a = shared(settings());
    expect(shared(settings())).toBe(a);
    expect(shared(settings("cn-shanghai"))).not.toBe(a);
    expect(shared(settings("cn-hangzhou", "another-secret-1234"))).not.toBe(a);
    expect(kmsClientCount()).toBe(3);
  });

  it("keys the sessions without the raw secret", () => {
    const s = settings("cn-hangzhou", "SecretInKey?12345");
    // The session's key is the credential identity: an HMAC fingerprint, never a secret.
    const key = s.credentialIdentity;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).not.toContain("SecretInKey");
    expect(sessionFor(settings("cn-shanghai", "SecretInKey?12345"))).toBe(sessionFor(s));
  });

  it("sends sequential requests over one keep-alive connection", async () => {
    const client = shared(settings());
    connections = 0;
    const n = 30;
    for (let i = 0; i < n; i++) {
      await shared(settings()).getKmsInstance(DEFAULT_SEED_IDS.connected);
    }
    expect(client).toBe(shared(settings()));
    // Measured: 1 connection for 30 requests. ≤ 2 allows for a server-side keep-alive close.
    expect(connections).toBeLessThanOrEqual(2);
    console.log(`keep-alive: ${n} sequential requests used ${connections} TCP connection(s)`);
  });

  it("parallel bursts reuse sockets across bursts", async () => {
    const client = shared(settings());
    connections = 0;
    for (let burst = 0; burst < 5; burst++) {
      await Promise.all(
        Array.from({ length: 4 }, () => client.getKmsInstance(DEFAULT_SEED_IDS.connected)),
      );
    }
    // 20 requests in 5 bursts of 4: the second to fifth bursts reuse the first burst's sockets.
    expect(connections).toBeLessThanOrEqual(4 + 1);
    console.log(
      `keep-alive: 5 bursts of 4 parallel requests used ${connections} TCP connection(s)`,
    );
  });
});
