/**
 * Authentication contract: ACS3-HMAC-SHA256 and the v2 HMAC-SHA1 path through the real client
 * and `@alicloud/credentials` (static, STS, env chain), and raw HTTP for what the client cannot
 * produce (skewed dates, replayed nonces, tampered queries, unsigned headers, chunked bodies).
 */
import Credential, { Config as CredentialConfig } from "@alicloud/credentials";
import * as http from "node:http";
import { stringify } from "node:querystring";
import {
  DEFAULT_SEED_IDS,
  signAcs3,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  TEST_STS,
  type Acs3SignInput,
  type RunningEmulator,
} from "../../emulator";
import { rpcSignature } from "../../emulator/canonical";
import { call, callError, kmsClient, rawRequest, type RawResponse } from "./kms-client";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

const HZ = "cn-hangzhou";
const ID = DEFAULT_SEED_IDS.connected;
const OTHER_STS = {
  accessKeyId: "STS.Other",
  accessKeySecret: "other-secret",
  securityToken: "CAIS.other",
};
const KEY = { accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: TEST_ACCESS_KEY_SECRET };
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ accessKeys: [KEY], stsTokens: [OTHER_STS] });
});
afterAll(() => emu.close());

const signed = (over: Partial<Acs3SignInput> = {}) =>
  signAcs3({
    host: emu.endpoint,
    path: `/${HZ}`,
    action: "GetKmsInstance",
    query: { KmsInstanceId: ID },
    ...KEY,
    ...over,
  });

function send(
  req: ReturnType<typeof signAcs3>,
  extra: { path?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return rawRequest(emu.url, {
    method: req.method,
    path: extra.path ?? req.pathWithQuery,
    headers: { ...req.headers, ...extra.headers },
    body: extra.body ?? (req.body || undefined),
  });
}

function expectError(res: RawResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  const body = res.json();
  expect(Object.keys(body).sort()).toEqual(["Code", "HostId", "Message", "Recommend", "RequestId"]);
  expect(body.Code).toBe(code);
}

describe("ACS3 through the real client", () => {
  it("accepts the test key", async () => {
    const res = await call(
      kmsClient(emu.endpoint, KEY),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect(res.statusCode).toBe(200);
  });

  it("rejects a wrong secret with SignatureDoesNotMatch and never echoes the secret", async () => {
    const err = await callError(
      kmsClient(emu.endpoint, { ...KEY, accessKeySecret: "wrong-secret" }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect([err.code, err.statusCode]).toEqual(["SignatureDoesNotMatch", 400]);
    expect(JSON.stringify(err.data)).not.toContain("wrong-secret");
  });

  it("rejects an unknown key with InvalidAccessKeyId.NotFound (404)", async () => {
    const err = await callError(
      kmsClient(emu.endpoint, { accessKeyId: "LTAInope", accessKeySecret: "x" }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect([err.code, err.statusCode]).toEqual(["InvalidAccessKeyId.NotFound", 404]);
  });

  it("accepts STS triples and rejects mismatched, unknown and missing tokens", async () => {
    const ok = await call(
      kmsClient(emu.endpoint, { ...TEST_STS }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect(ok.statusCode).toBe(200);
    const ok2 = await call(
      kmsClient(emu.endpoint, { ...OTHER_STS }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect(ok2.statusCode).toBe(200);
    const mismatch = await callError(
      kmsClient(emu.endpoint, { ...TEST_STS, securityToken: OTHER_STS.securityToken }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect(mismatch.code).toBe("InvalidSecurityToken.MismatchWithAccessKey");
    const malformed = await callError(
      kmsClient(emu.endpoint, { ...TEST_STS, securityToken: "forged" }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect(malformed.code).toBe("InvalidSecurityToken.Malformed");
    const missing = await callError(
      kmsClient(emu.endpoint, {
        accessKeyId: TEST_STS.accessKeyId,
        accessKeySecret: TEST_STS.accessKeySecret,
      }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect(missing.code).toBe("MissingSecurityToken");
    const staticWithToken = await callError(
      kmsClient(emu.endpoint, { ...KEY, securityToken: "forged" }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect(staticWithToken.code).toBe("InvalidSecurityToken.Malformed");
  });

  it("rejects an unknown action (404) and a wrong version (400)", async () => {
    const client = kmsClient(emu.endpoint, KEY);
    const action = await callError(client, "DescribeNothing", {}, HZ);
    expect([action.code, action.statusCode]).toEqual(["InvalidAction.NotFound", 404]);
    const version = await callError(
      client,
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
      "2014-05-26",
    );
    expect([version.code, version.statusCode]).toEqual(["InvalidVersion", 400]);
  });
});

describe("@alicloud/credentials providers", () => {
  it("signs with a static access_key credential", async () => {
    const credential = new Credential(new CredentialConfig({ type: "access_key", ...KEY }));
    const res = await call(
      kmsClient(emu.endpoint, { credential }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect(res.statusCode).toBe(200);
  });

  it("signs with an sts credential", async () => {
    const credential = new Credential(new CredentialConfig({ type: "sts", ...TEST_STS }));
    const res = await call(
      kmsClient(emu.endpoint, { credential }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
      HZ,
    );
    expect(res.statusCode).toBe(200);
  });

  it("signs with the default chain reading ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET", async () => {
    const saved = { ...process.env };
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = KEY.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = KEY.accessKeySecret;
    try {
      const res = await call(
        kmsClient(emu.endpoint, { credential: new Credential() }),
        "GetKmsInstance",
        { KmsInstanceId: ID },
        HZ,
      );
      expect(res.statusCode).toBe(200);
      const last = emu.control.requests().at(-1);
      expect(last).toMatchObject({ action: "GetKmsInstance", status: 200, instanceId: ID });
    } finally {
      process.env = saved;
    }
  });
});

describe("v2 HMAC-SHA1 query signature", () => {
  it("accepts the client's v2 signature (always posted to /, the default region)", async () => {
    const res = await call(
      kmsClient(emu.endpoint, { ...KEY, signatureAlgorithm: "v2" }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
    );
    expect((res.body.KmsInstance as { InstanceId: string }).InstanceId).toBe(ID);
  });

  it("accepts v2 with STS and rejects a wrong secret or token", async () => {
    const sts = await call(
      kmsClient(emu.endpoint, { ...TEST_STS, signatureAlgorithm: "v2" }),
      "ListKmsInstances",
      {},
    );
    expect(sts.statusCode).toBe(200);
    const bad = await callError(
      kmsClient(emu.endpoint, { ...KEY, accessKeySecret: "nope", signatureAlgorithm: "v2" }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
    );
    expect([bad.code, bad.statusCode]).toEqual(["SignatureDoesNotMatch", 400]);
    const token = await callError(
      kmsClient(emu.endpoint, { ...TEST_STS, securityToken: "forged", signatureAlgorithm: "v2" }),
      "GetKmsInstance",
      { KmsInstanceId: ID },
    );
    expect(token.code).toBe("InvalidSecurityToken.Malformed");
  });

  const v2Query = (over: Record<string, string>): string => {
    const p: Record<string, string> = {
      Action: "GetKmsInstance",
      Format: "json",
      Version: "2016-01-20",
      Timestamp: new Date().toISOString().slice(0, 19) + "Z",
      SignatureNonce: Math.random().toString(16).slice(2),
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      AccessKeyId: KEY.accessKeyId,
      KmsInstanceId: ID,
      ...over,
    };
    p.Signature = rpcSignature(Object.assign(Object.create(null), p), "POST", KEY.accessKeySecret);
    return stringify(p);
  };

  it("rejects a stale Timestamp, a replayed nonce and missing parameters", async () => {
    const stale = await rawRequest(emu.url, {
      path:
        "/?" +
        v2Query({ Timestamp: new Date(Date.now() - 20 * 60_000).toISOString().slice(0, 19) + "Z" }),
    });
    expectError(stale, 400, "InvalidTimeStamp.Expired");
    const q = v2Query({ SignatureNonce: "fixed-v2-nonce" });
    expect((await rawRequest(emu.url, { path: "/?" + q })).status).toBe(200);
    expectError(await rawRequest(emu.url, { path: "/?" + q }), 400, "SignatureNonceUsed");
    const noNonce = await rawRequest(emu.url, {
      path: "/?" + v2Query({}).replace(/SignatureNonce=[^&]*&?/, ""),
    });
    expectError(noNonce, 400, "MissingSignatureNonce");
    const method = await rawRequest(emu.url, {
      path: "/?" + v2Query({ SignatureMethod: "HMAC-MD5" }),
    });
    expectError(method, 400, "InvalidSignatureMethod");
  });
});

describe("raw ACS3 requests", () => {
  it("accepts a request signed by our signer and answers JSON with a request id header", async () => {
    const res = await send(signed());
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.headers["x-acs-request-id"]).toBe(res.json().RequestId);
  });

  it("rejects x-acs-date more than 15 minutes off, either way, and a malformed date", async () => {
    expectError(
      await send(signed({ date: new Date(Date.now() - 16 * 60_000) })),
      400,
      "InvalidTimeStamp.Expired",
    );
    expectError(
      await send(signed({ date: new Date(Date.now() + 16 * 60_000) })),
      400,
      "InvalidTimeStamp.Expired",
    );
    expect((await send(signed({ date: new Date(Date.now() - 14 * 60_000) }))).status).toBe(200);
    expectError(
      await send(signed({ headers: { "x-acs-date": "yesterday" } })),
      400,
      "InvalidTimeStamp.Format",
    );
  });

  it("rejects a replayed nonce", async () => {
    const req = signed({ nonce: "replayed-nonce-0001" });
    expect((await send(req)).status).toBe(200);
    expectError(await send(req), 400, "SignatureNonceUsed");
  });

  it("rejects a tampered query, a tampered path and a tampered body", async () => {
    const req = signed();
    expectError(
      await send(req, { path: req.pathWithQuery + "&Extra=1" }),
      400,
      "SignatureDoesNotMatch",
    );
    expectError(
      await send(req, { path: req.pathWithQuery.replace(`/${HZ}`, "/cn-shanghai") }),
      400,
      "SignatureDoesNotMatch",
    );
    const form = signed({ query: {}, form: { KmsInstanceId: ID } });
    expectError(
      await send(form, { body: stringify({ KmsInstanceId: "kst-other" }) }),
      400,
      "SignatureDoesNotMatch",
    );
  });

  it("requires every host/content-type/x-acs-* header to be signed", async () => {
    const res = await send(signed(), { headers: { "x-acs-extra": "1" } });
    expectError(res, 400, "IncompleteSignature");
    expect(res.json().Message).toContain("x-acs-extra");
    expect((await send(signed({ headers: { "x-acs-extra": "1" } }))).status).toBe(200);
  });

  it("rejects missing and malformed Authorization headers", async () => {
    const req = signed();
    const { authorization, ...rest } = req.headers;
    expectError(await send({ ...req, headers: rest }), 400, "IncompleteSignature");
    expectError(
      await send(req, { headers: { authorization: "Bearer abc" } }),
      400,
      "IncompleteSignature",
    );
    expectError(
      await send(req, {
        headers: { authorization: authorization.replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3") },
      }),
      400,
      "InvalidSignatureMethod",
    );
    expectError(
      await send(req, {
        headers: { authorization: authorization.replace(/Signature=\w+/, "Signature=abc") },
      }),
      400,
      "IncompleteSignature",
    );
  });

  it("verifies STS headers: x-acs-accesskey-id must match the credential", async () => {
    const req = signed({ ...TEST_STS, headers: { "x-acs-accesskey-id": "LTAIsomeoneelse" } });
    expectError(await send(req), 400, "InvalidSecurityToken.MismatchWithAccessKey");
  });

  it("accepts a chunked form body and merges its parameters with the query", async () => {
    const req = signed({ query: {}, form: { KmsInstanceId: ID } });
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const u = new URL(emu.url);
      // Sent in two chunks without content-length, as the client sends form bodies.
      const headers = { ...req.headers, "transfer-encoding": "chunked" };
      const r = http.request(
        {
          host: u.hostname,
          port: u.port,
          method: "POST",
          path: req.pathWithQuery,
          headers,
          agent: false,
        },
        (resp) => {
          let body = "";
          resp.on("data", (c: Buffer) => (body += c.toString()));
          resp.on("end", () => resolve({ status: resp.statusCode ?? 0, body }));
        },
      );
      r.on("error", reject);
      const half = Math.floor(req.body.length / 2);
      r.write(req.body.slice(0, half));
      setTimeout(() => r.end(req.body.slice(half)), 10);
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).KmsInstance.InstanceId).toBe(ID);
  });

  it("rejects an invalid region path and accepts a trailing slash", async () => {
    expectError(await send(signed({ path: "/Not_A_Region" })), 400, "InvalidRegionId");
    expectError(await send(signed({ path: "/cn-hangzhou/extra" })), 400, "InvalidRegionId");
    expect((await send(signed({ path: "/cn-hangzhou/" }))).status).toBe(200);
  });

  it("answers an oversized body with a 413 JSON error", async () => {
    const req = signed();
    const res = await send(req, { body: "x".repeat(2 * 1024 * 1024) });
    expectError(res, 413, "RequestEntityTooLarge");
  });

  it("counts failed authentication in the stats", async () => {
    emu.control.resetStats();
    await send(signed({ date: new Date(0) }));
    await send(signed());
    const stats = emu.control.stats();
    expect(stats.total).toBe(2);
    expect(stats.byAction.GetKmsInstance).toEqual({ "400": 1, "200": 1 });
  });
});
