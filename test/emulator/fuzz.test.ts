/**
 * Property tests: random paths, queries, headers and bodies never crash the emulator, and every
 * answer is JSON — an Alibaba-style error, or a success for a validly signed request.
 */
import fc from "fast-check";
import * as http from "node:http";
import * as net from "node:net";
import {
  DEFAULT_SEED_IDS,
  signAcs3,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  type RunningEmulator,
} from "../../emulator";
import { ACTIONS } from "../../emulator/actions";

let emu: RunningEmulator;
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
beforeAll(async () => {
  emu = await startEmulator({ connectDelayMs: 10 });
});
afterAll(async () => {
  agent.destroy();
  await emu.close();
});

interface Answer {
  status: number;
  body: string;
}

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(emu.url);
    const req = http.request(
      { host: u.hostname, port: u.port, method, path, headers, agent },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function expectAlibabaError(a: Answer): void {
  expect(a.status).toBeGreaterThanOrEqual(400);
  const body = JSON.parse(a.body) as Record<string, unknown>;
  expect(typeof body.Code).toBe("string");
  expect(typeof body.Message).toBe("string");
  expect(typeof body.RequestId).toBe("string");
}

const headerName = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,20}$/);
const interesting = fc.constantFrom(
  "authorization",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-action",
  "x-acs-version",
  "x-acs-content-sha256",
  "x-acs-security-token",
  "content-type",
);
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const pathPart = fc.oneof(
  fc.constant("/"),
  fc.constantFrom(
    "/cn-hangzhou",
    "/cn-shanghai/",
    "/x",
    "/cn-hangzhou/a/b",
    "//",
    "/%zz",
    "/cn-hangzhou%2F",
  ),
  fc.string({ maxLength: 20 }).map((s) => "/" + encodeURI(s)),
);
const queryText = fc.oneof(
  fc.constant(""),
  fc
    .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 }))
    .map((d) => new URLSearchParams(d).toString()),
  fc.stringMatching(/^[A-Za-z0-9=&%.+*~!()'-]{0,80}$/),
);

describe("fuzz", () => {
  it("answers random unsigned requests with a JSON error", async () => {
    await fc.assert(
      fc.asyncProperty(
        pathPart,
        queryText,
        fc.dictionary(fc.oneof(interesting, headerName), headerValue, { maxKeys: 6 }),
        fc.constantFrom("POST", "GET", "PUT", "DELETE"),
        fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
        async (path, query, headers, method, body) => {
          const a = await send(method, query ? `${path}?${query}` : path, headers, body);
          expectAlibabaError(a);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("answers validly signed requests with random parameters with JSON, never a 500", async () => {
    emu.control.resetStats();
    const actions = [...ACTIONS.keys()];
    const ids = [...Object.values(DEFAULT_SEED_IDS), "kst-none", ""];
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        "0",
        "101",
        "abc",
        "-1",
        "true",
        "[",
        "[]",
        '[{"Key":"Status","Values":["Connected"]}]',
        "a,b",
      ),
      fc.constant(
        '[{"VpcId":"v","VSwitchId":"s","RegionId":"cn-hangzhou","VpcOwnerId":12345678901234567}]',
      ),
      fc.constantFrom(...ids),
    );
    const paramName = fc.constantFrom(
      "KmsInstanceId",
      "PageSize",
      "PageNumber",
      "Filters",
      "BindVpcs",
      "InstanceName",
      "EnableDeletionProtection",
      "ResourceType",
      "ResourceId.1",
      "Tag.1.Key",
      "Tag.1.Value",
      "TagKey.1",
      "All",
      "NextToken",
      "VpcId",
      "ZoneIds",
      "VSwitchIds",
      "KMProvider",
      "MaxResults",
      "Other",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actions),
        fc.constantFrom("/", "/cn-hangzhou", "/cn-shanghai"),
        fc.dictionary(paramName, value, { maxKeys: 8 }),
        fc.boolean(),
        async (action, path, params, asForm) => {
          const req = signAcs3({
            host: emu.endpoint,
            path,
            action,
            ...(asForm ? { form: params } : { query: params }),
            accessKeyId: TEST_ACCESS_KEY_ID,
            accessKeySecret: TEST_ACCESS_KEY_SECRET,
          });
          const a = await send("POST", req.pathWithQuery, req.headers, req.body || undefined);
          const body = JSON.parse(a.body) as Record<string, unknown>;
          expect(typeof body.RequestId).toBe("string");
          expect(a.status).not.toBe(500);
          if (a.status !== 200) expectAlibabaError(a);
        },
      ),
      { numRuns: 300 },
    );
    const stats = emu.control.stats();
    expect(stats.byAction).not.toHaveProperty("");
    const ok = Object.values(stats.byAction).reduce((n, byStatus) => n + (byStatus["200"] ?? 0), 0);
    expect(ok).toBeGreaterThan(0);
  });

  it("answers unparseable HTTP with a JSON error before closing", async () => {
    for (const garbage of [
      "GARBAGE\r\n\r\n",
      "POST / HTTP/1.1\r\nBad Header\r\n\r\n",
      "POST / HTTP/1.1\r\nx: " + "a".repeat(20000) + "\r\n\r\n",
    ]) {
      const raw = await new Promise<string>((resolve, reject) => {
        const u = new URL(emu.url);
        const sock = net.connect(Number(u.port), u.hostname, () => sock.write(garbage));
        let text = "";
        sock.on("data", (c: Buffer) => (text += c.toString()));
        sock.on("end", () => resolve(text));
        sock.on("error", reject);
      });
      const [head, body] = raw.split("\r\n\r\n");
      expect(head).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(JSON.parse(body).Code).toMatch(/MalformedRequest|RequestHeaderFieldsTooLarge/);
    }
  });
});
