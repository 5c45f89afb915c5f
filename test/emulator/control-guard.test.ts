/**
 * The control API refuses what a web page can make a browser send cross-site: CORS-"simple"
 * requests (no custom header, a `text/plain` or form body), foreign `Origin`s and foreign `Host`s
 * (DNS rebinding). Refused requests change nothing. The pure decision is checked over generated
 * inputs, the HTTP behaviour with raw requests against a running emulator.
 */
import fc from "fast-check";
import {
  CONTROL_HEADER,
  CONTROL_HEADERS,
  DEFAULT_SEED_IDS,
  startEmulator,
  type RunningEmulator,
} from "../../emulator";
import {
  isLoopbackHost,
  isLoopbackHostname,
  isLoopbackOrigin,
  refuseControlRequest,
} from "../../emulator/control-guard";
import { rawRequest } from "./kms-client";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

const headers = (h: Record<string, string | string[]>): Map<string, string[]> =>
  new Map(Object.entries(h).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v : [v]]));

describe("the decision", () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const loopbackHostname = fc.oneof(
    fc.constant("localhost"),
    fc.constant("[::1]"),
    fc.tuple(octet, octet, octet).map(([a, b, c]) => `127.${a}.${b}.${c}`),
  );
  const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
  const withPort = (host: string, p: number | undefined) =>
    p === undefined ? host : `${host}:${p}`;
  const foreignHostname = fc.oneof(
    fc.domain().filter((d) => d !== "localhost"),
    fc
      .tuple(
        fc.integer({ min: 0, max: 255 }).filter((a) => a !== 127),
        octet,
        octet,
        octet,
      )
      .map((parts) => parts.join(".")),
    fc.constant("[::2]"),
    fc.constant("localhost.evil.example"),
    fc.constant("127.0.0.1.evil.example"),
  );
  const foreignOrigin = fc.oneof(
    fc
      .tuple(fc.constantFrom("http", "https"), foreignHostname, port)
      .map(([scheme, host, p]) => `${scheme}://${withPort(host, p)}`),
    fc.constant("null"),
    fc.constant("file://"),
  );

  it("knows loopback host names, origins and Host values from foreign ones", () => {
    fc.assert(
      fc.property(loopbackHostname, port, fc.constantFrom("http", "https"), (host, p, scheme) => {
        expect(isLoopbackHostname(host)).toBe(true);
        expect(isLoopbackHost(withPort(host, p))).toBe(true);
        expect(isLoopbackOrigin(`${scheme}://${withPort(host, p)}`)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(foreignHostname, port, (host, p) => {
        expect(isLoopbackHostname(host)).toBe(false);
        expect(isLoopbackHost(withPort(host, p))).toBe(false);
      }),
    );
    fc.assert(fc.property(foreignOrigin, (origin) => expect(isLoopbackOrigin(origin)).toBe(false)));
    expect(isLoopbackHost("127.0.0.1@evil.example")).toBe(false);
    expect(isLoopbackHost("0.0.0.0:8080")).toBe(true); // what `url` says when listening on all
    expect(isLoopbackOrigin("http://0.0.0.0:8080")).toBe(false);
  });

  it("refuses every request with a foreign Origin, whatever else it carries", () => {
    fc.assert(
      fc.property(
        foreignOrigin,
        fc.boolean(),
        fc.constantFrom("application/json", "text/plain", undefined),
        (origin, marker, type) => {
          const h: Record<string, string> = { host: "127.0.0.1:8080", origin };
          if (marker) h[CONTROL_HEADER] = "1";
          if (type) h["content-type"] = type;
          expect(refuseControlRequest(headers(h))?.status).toBe(403);
        },
      ),
    );
  });

  it("takes a body only as JSON (415 otherwise) and a body-less request only with the header or JSON type", () => {
    const simpleType = fc.constantFrom(
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      undefined,
    );
    fc.assert(
      fc.property(
        simpleType,
        fc.boolean(),
        fc.option(loopbackHostname, { nil: undefined }),
        (type, marker, originHost) => {
          const base: Record<string, string> = { host: "localhost:1" };
          if (originHost) base.origin = `http://${originHost}`;
          if (type) base["content-type"] = type;
          if (marker) base[CONTROL_HEADER] = "1";
          const withBody = refuseControlRequest(headers({ ...base, "content-length": "2" }));
          expect(withBody?.status).toBe(415);
          expect(withBody?.error).toContain("content-type: application/json");
          const chunked = refuseControlRequest(
            headers({ ...base, "transfer-encoding": "chunked" }),
          );
          expect(chunked?.status).toBe(415);
          const bodyless = refuseControlRequest(headers(base));
          if (marker) expect(bodyless).toBeUndefined();
          else expect(bodyless).toMatchObject({ status: 403 });
        },
      ),
    );
    expect(
      refuseControlRequest(
        headers({ "content-type": "Application/JSON; charset=utf-8", "content-length": "2" }),
      ),
    ).toBeUndefined();
    expect(refuseControlRequest(headers({ [CONTROL_HEADER]: "yes" }))?.status).toBe(403);
    expect(refuseControlRequest(headers({ [CONTROL_HEADER]: ["1", "1"] }))?.status).toBe(403);
    expect(
      refuseControlRequest(headers({ host: "kms.evil.example:80", ...CONTROL_HEADERS })),
    ).toMatchObject({ status: 403, error: expect.stringContaining("loopback host") as string });
  });
});

describe("over HTTP", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.control.reset());

  /** The emulator's state that a control request could change. */
  const snapshot = () => ({
    instances: emu.control.listInstances(),
    faults: emu.control.faults(),
  });

  /** Deletes an instance and sets a fault, so that a reset that got through would show. */
  const dirty = () => {
    emu.control.deleteInstance(DEFAULT_SEED_IDS.connected);
    emu.control.setFaults({ latencyMs: 1 });
    return snapshot();
  };

  it("refuses a text/plain POST /_emulator/reset from a foreign Origin and changes nothing", async () => {
    const before = dirty();
    const res = await rawRequest(emu.url, {
      method: "POST",
      path: "/_emulator/reset",
      headers: { "content-type": "text/plain", origin: "https://attacker.example" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json().error).toMatch(/cross-origin.*Origin: https:\/\/attacker\.example/);
    expect(res.json().error).toContain(`${CONTROL_HEADER}: 1`);
    expect(snapshot()).toEqual(before);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("refuses a text/plain body without an Origin with 415, saying to send JSON", async () => {
    const before = dirty();
    const res = await rawRequest(emu.url, {
      method: "POST",
      path: "/_emulator/reset",
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expect(res.status).toBe(415);
    expect(res.json().error).toContain('"content-type: application/json"');
    const form = await rawRequest(emu.url, {
      method: "PUT",
      path: "/_emulator/faults",
      headers: { "content-type": "application/x-www-form-urlencoded", [CONTROL_HEADER]: "1" },
      body: '{"failNext":{"code":"X","status":500}}',
    });
    expect(form.status).toBe(415);
    expect(snapshot()).toEqual(before);
  });

  it("refuses a body-less request without the custom header, and accepts it with the header", async () => {
    const before = dirty();
    const bare = await rawRequest(emu.url, { method: "POST", path: "/_emulator/reset" });
    expect(bare.status).toBe(403);
    expect(bare.json().error).toContain(`"${CONTROL_HEADER}: 1"`);
    expect((await rawRequest(emu.url, { method: "GET", path: "/_emulator/faults" })).status).toBe(
      403,
    );
    expect(snapshot()).toEqual(before);

    const marked = await rawRequest(emu.url, {
      method: "POST",
      path: "/_emulator/reset",
      headers: { ...CONTROL_HEADERS, origin: "http://localhost:3000" },
    });
    expect(marked.status).toBe(204);
    expect(emu.control.getInstance(DEFAULT_SEED_IDS.connected)).toBeDefined();
    expect(emu.control.faults()).toEqual({});
  });

  it("refuses a JSON request from a foreign Origin or to a foreign Host (DNS rebinding)", async () => {
    const before = dirty();
    const body = JSON.stringify({ failNext: { code: "X", status: 500 } });
    const foreignOrigin = await rawRequest(emu.url, {
      method: "PUT",
      path: "/_emulator/faults",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body,
    });
    expect(foreignOrigin.status).toBe(403);
    const sandboxed = await rawRequest(emu.url, {
      method: "PUT",
      path: "/_emulator/faults",
      headers: { "content-type": "application/json", origin: "null" },
      body,
    });
    expect(sandboxed.status).toBe(403);
    const rebound = await rawRequest(emu.url, {
      method: "PUT",
      path: "/_emulator/faults",
      headers: {
        "content-type": "application/json",
        host: `rebind.evil.example:${new URL(emu.url).port}`,
      },
      body,
    });
    expect(rebound.status).toBe(403);
    expect(rebound.json().error).toMatch(/loopback host/);
    expect(snapshot()).toEqual(before);
  });

  it("accepts a JSON body without the custom header, from a loopback origin too", async () => {
    const res = await rawRequest(emu.url, {
      method: "PUT",
      path: "/_emulator/faults",
      headers: { "content-type": "application/json", origin: "http://127.0.0.1:5173" },
      body: JSON.stringify({ latencyMs: 5 }),
    });
    expect([res.status, res.json()]).toEqual([200, { latencyMs: 5 }]);
  });

  it("does not apply the control rules to the signed API", async () => {
    // A signed API request never carries the control header; it is judged by its signature.
    const res = await rawRequest(emu.url, {
      method: "POST",
      path: "/cn-hangzhou",
      headers: { origin: "https://attacker.example" },
    });
    expect(res.json().Code).toBe("IncompleteSignature");
  });
});
