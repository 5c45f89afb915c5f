import { inspect } from "util";
import { AddressInfo } from "net";
import { createServer } from "http";
import { KmsClient } from "../../../provider/kms/client";
import {
  classifyError,
  formatKmsErrorMessage,
  KmsError,
  KmsErrorKind,
  redact,
  toKmsError,
} from "../../../provider/kms/errors";
import { resolveKmsSettings } from "../../../provider/kms/settings";
import { RawReply, RawServer, startRawServer } from "./raw-server";

const AK = "LTAI5tUnitAccessKey";
const SECRET = "UnitSecret/+=*~!()";

/** The reference's error table (plus the brief's extra cases): code, HTTP status, kind. */
const TABLE: [string, number, KmsErrorKind][] = [
  ["Forbidden.DKMSInstanceNotFound", 404, "not-found"],
  ["Forbidden.DKMSInstanceNotFound", 403, "not-found"],
  ["Forbidden.DKMSInstanceStateInvalid", 403, "conflict"],
  ["Forbidden.KMSInstanceInUpgrade", 403, "transient"],
  ["Rejected.Uninitialized", 400, "conflict"],
  ["InvalidParameter", 400, "invalid"],
  ["MissingKmsInstanceId", 400, "invalid"],
  ["IncompleteSignature", 400, "auth"],
  ["SignatureDoesNotMatch", 400, "auth"],
  ["SignatureNonceUsed", 400, "auth"],
  ["InvalidTimeStamp.Expired", 400, "auth"],
  ["IllegalTimestamp", 400, "auth"],
  ["InvalidAccessKeyId.NotFound", 404, "auth"],
  ["InvalidAccessKeyId.Inactive", 400, "auth"],
  ["InvalidSecurityToken.Expired", 400, "auth"],
  ["InvalidSecurityToken.Malformed", 400, "auth"],
  ["InvalidSecurityToken.MismatchWithAccessKey", 400, "auth"],
  ["Forbidden.RAM", 403, "auth"],
  ["Forbidden.NoPermission", 403, "auth"],
  ["InvalidAction.NotFound", 404, "unexpected"],
  ["InvalidAction", 400, "unexpected"],
  ["Throttling", 400, "throttled"],
  ["Throttling.User", 429, "throttled"],
  ["Throttling.Api", 503, "throttled"],
  ["Rejected.Throttling", 400, "throttled"],
  ["ServiceUnavailableTemporary", 503, "transient"],
  ["InternalFailure", 500, "transient"],
  ["SomethingNew", 502, "transient"],
  ["SomethingNew", 400, "invalid"],
  ["SomethingNew", 409, "conflict"],
  ["Forbidden.Unknown", 403, "invalid"],
  ["EntityNotExist.Instance", 404, "unexpected"],
  ["Forbidden.DKMSInstanceNotFound", 400, "not-found"],
  ["Forbidden.DKMSInstanceNotFound", 200, "not-found"],
  ["NotFound", 404, "unexpected"],
  ["InstanceNotFound", 400, "invalid"],
];

describe("classifyError against real @alicloud/openapi-client errors", () => {
  let server: RawServer;
  let reply: RawReply = { status: 200, json: {} };
  let client: KmsClient;

  beforeAll(async () => {
    server = await startRawServer(() => reply);
    const settings = resolveKmsSettings({
      region: "cn-hangzhou",
      config: (k) =>
        ({
          "alicloud:accessKey": AK,
          "alicloud:secretKey": SECRET,
          "alicloud-kms:endpoint": `http://${server.endpoint}`,
          "alicloud-kms:readTimeoutMs": "300",
        })[k],
      env: {},
    });
    // maxElapsedMs 0: one attempt, so each case shows the classification of one failure; no
    // limiter, so the throttled cases do not pace the ones after them.
    client = new KmsClient(settings, { retry: { maxElapsedMs: 0, limiter: undefined } });
  });
  afterAll(() => server.close());

  async function failureOf(r: RawReply): Promise<KmsError> {
    reply = r;
    try {
      await client.getKmsInstance("kst-hzz00000000000000001");
    } catch (err) {
      expect(err).toBeInstanceOf(KmsError);
      return err as KmsError;
    }
    throw new Error("expected a failure");
  }

  it.each(TABLE)("%s (HTTP %d) is %s", async (code, status, kind) => {
    const err = await failureOf({
      status,
      json: { RequestId: "REQ-1", HostId: "kms", Code: code, Message: `msg of ${code}` },
    });
    expect(err.kind).toBe(kind);
    expect(err.code).toBe(code);
    expect(err.statusCode).toBe(status);
    expect(err.requestId).toBe("REQ-1");
    expect(err.retryable).toBe(kind === "throttled" || kind === "transient");
    // An answer the KMS API does not give names the endpoint and the suspicion.
    const detail =
      kind === "unexpected"
        ? `the endpoint http://${server.endpoint} answered "msg of ${code}": it may not be the ` +
          `KMS API (a proxy, or a wrong alicloud-kms:endpoint)`
        : `msg of ${code}`;
    const base =
      `GetKmsInstance failed for KMS instance kst-hzz00000000000000001 in cn-hangzhou: ` +
      `${code} (HTTP ${status}): ${detail} [request id REQ-1]`;
    // A retryable failure went through the retry loop, which says it gave up (after however
    // long one round trip took on this machine).
    if (err.retryable) {
      expect(err.message.startsWith(`${base} (gave up after 1 attempt over `)).toBe(true);
      expect(err.message).toMatch(/ over \d+\.\d s\)$/);
    } else {
      expect(err.message).toBe(base);
    }
  });

  it("reads KMS's own error shape with HttpStatus", async () => {
    const err = await failureOf({
      status: 400,
      json: { HttpStatus: 400, Code: "InvalidParameter", Message: "bad", RequestId: "R2" },
    });
    expect(err).toMatchObject({ kind: "invalid", code: "InvalidParameter", statusCode: 400 });
  });

  it("a message saying the instance is not found is NOT not-found: only the exact code is", async () => {
    const err = await failureOf({
      status: 400,
      json: { Code: "Forbidden.Other", Message: "The specified KMS instance is not found." },
    });
    expect(err.kind).toBe("invalid");
    const err404 = await failureOf({
      status: 404,
      json: { Code: "Forbidden.Other", Message: "The specified KMS instance is not found." },
    });
    expect(err404.kind).toBe("unexpected");
  });

  it("an error body without Message gets a placeholder, not openapi-client's text", async () => {
    const err = await failureOf({ status: 400, json: { Code: "InvalidParameter" } });
    expect(err.message).toBe(
      "GetKmsInstance failed for KMS instance kst-hzz00000000000000001 in cn-hangzhou: " +
        "InvalidParameter (HTTP 400): (the response carried no message)",
    );
  });

  it("a 404 without the instance code is unexpected, naming the endpoint, never retried", async () => {
    const err = await failureOf({ status: 404, json: { Code: "NotFound", Message: "route" } });
    expect(err.kind).toBe("unexpected");
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(`the endpoint http://${server.endpoint} answered "route"`);
    const bare = await failureOf({ status: 404, json: { RequestId: "R404" } });
    expect(bare.kind).toBe("unexpected");
    expect(bare.message).toMatch(/answered without a message: it may not be the KMS API/);
  });

  it("a 200 without KmsInstance is unexpected (never not-found), naming the endpoint", async () => {
    const err = await failureOf({ status: 200, json: { RequestId: "x" } });
    expect(err).toMatchObject({ kind: "unexpected", retryable: false, requestId: "x" });
    expect(err.message).toBe(
      "GetKmsInstance failed for KMS instance kst-hzz00000000000000001 in cn-hangzhou: " +
        `the endpoint http://${server.endpoint} answered HTTP 200 without KmsInstance: it may ` +
        "not be the KMS API (a proxy, or a wrong alicloud-kms:endpoint) [request id x]",
    );
    for (const json of [{ KmsInstance: null }, { KmsInstance: [] }, { KmsInstance: "kst-x" }]) {
      expect((await failureOf({ status: 200, json })).kind).toBe("unexpected");
    }
    const noId = await failureOf({ status: 200, json: { KmsInstance: { Status: "Connected" } } });
    expect(noId.kind).toBe("unexpected");
    expect(noId.message).toMatch(/without InstanceId/);
  });

  it("a 200 with another instance's KmsInstance is unexpected, never that instance's figures", async () => {
    const other = await failureOf({
      status: 200,
      json: {
        RequestId: "y",
        KmsInstance: { InstanceId: "kst-hzz00000000000000002", Status: "Connected" },
      },
    });
    expect(other).toMatchObject({ kind: "unexpected", retryable: false, requestId: "y" });
    expect(other.message).toContain(
      'answered HTTP 200 with the KmsInstance "kst-hzz00000000000000002", not the instance asked',
    );
  });

  it('a 200 whose KmsInstance has InstanceId "" is a not-found candidate (Terraform\'s rule)', async () => {
    const err = await failureOf({
      status: 200,
      json: { RequestId: "y", KmsInstance: { InstanceId: "" } },
    });
    expect(err).toMatchObject({ kind: "not-found", retryable: false, requestId: "y" });
  });

  it("a non-JSON 502 is transient (SyntaxError)", async () => {
    const err = await failureOf({ status: 502, text: "<html>Bad Gateway</html>" });
    expect(err.kind).toBe("transient");
    expect(err.message).toMatch(/not JSON/);
  });

  it("a non-JSON 200 is transient too", async () => {
    const err = await failureOf({ status: 200, text: "oops" });
    expect(err.kind).toBe("transient");
  });

  it("a connection reset is transient", async () => {
    const err = await failureOf({ reset: true });
    expect(err.kind).toBe("transient");
    expect(err.message).toMatch(/socket hang up|ECONNRESET/);
  });

  it("a read timeout is transient", async () => {
    const err = await failureOf({ delayMs: 800, then: { status: 200, json: {} } });
    expect(err.kind).toBe("transient");
    expect(err.message).toMatch(
      /no response within the read timeout of 300 ms \(alicloud-kms:readTimeoutMs\)/,
    );
  });

  it("a refused connection is transient", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const settings = resolveKmsSettings({
      region: "cn-hangzhou",
      config: (k) =>
        ({
          "alicloud:accessKey": AK,
          "alicloud:secretKey": SECRET,
          "alicloud-kms:endpoint": `http://127.0.0.1:${port}`,
        })[k],
      env: {},
    });
    const refused = new KmsClient(settings, { retry: { maxElapsedMs: 0 } });
    const err = (await refused.getKmsInstance("kst-x").catch((e: unknown) => e)) as KmsError;
    expect(err.kind).toBe("transient");
    expect(err.message).toContain("ECONNREFUSED");
  });

  it("errors never contain the secret key or access key id, even if the server echoes them", async () => {
    const err = await failureOf({
      status: 400,
      json: {
        Code: "SignatureDoesNotMatch",
        Message: `server string to sign is: ${AK} ${SECRET}`,
        RequestId: "R",
      },
    });
    for (const view of [err.message, JSON.stringify(err), inspect(err), String(err.stack)]) {
      expect(view).not.toContain(SECRET);
      expect(view).not.toContain(AK);
    }
    expect(err.message).toContain("***");
    expect(inspect(client, { showHidden: true, depth: 20 })).not.toContain(SECRET);
    expect(JSON.stringify(client)).not.toContain(SECRET);
  });

  it("a not-found answered with HTTP 200 is masked too: the service's text may echo the key", async () => {
    const err = await failureOf({
      status: 200,
      json: {
        Code: "Forbidden.DKMSInstanceNotFound",
        Message: `no instance for ${AK} ${SECRET}`,
        RequestId: "R",
      },
    });
    expect(err.kind).toBe("not-found");
    for (const view of [err.message, JSON.stringify(err), inspect(err)]) {
      expect(view).not.toContain(SECRET);
      expect(view).not.toContain(AK);
    }
    expect(err.detail).toBe("no instance for *** ***");
  });
});

describe("classifyError on plain values", () => {
  it.each<[unknown, KmsErrorKind]>([
    [Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), "transient"],
    [Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "transient"],
    [Object.assign(new Error("x"), { code: "ETIMEDOUT" }), "transient"],
    [new Error("socket hang up"), "transient"],
    [
      Object.assign(new Error("ReadTimeout(10000). POST x failed."), {
        name: "RequestTimeoutError",
      }),
      "transient",
    ],
    [new SyntaxError("Unexpected token < in JSON"), "transient"],
    [new Error("unable to get credentials from any of the providers in the chain: a, b"), "auth"],
    [
      Object.assign(new Error("InvalidCredentials: Please set up"), { code: "InvalidCredentials" }),
      "auth",
    ],
    [new Error("something odd"), "unknown"],
    ["a string", "unknown"],
    [undefined, "unknown"],
  ])("%p is %s", (err, kind) => {
    expect(classifyError(err)).toBe(kind);
  });

  it('treats openapi-client\'s "undefined" strings as absent', () => {
    const err = Object.assign(new Error("x"), {
      code: "undefined",
      data: { statusCode: 503 },
      description: "undefined",
    });
    expect(classifyError(err)).toBe("transient");
    expect(toKmsError(err, { action: "A", region: "cn-hangzhou" }).code).toBeUndefined();
  });

  it("passes KmsErrors through", () => {
    const e = new KmsError({ kind: "conflict", action: "A", region: "r", detail: "d" });
    expect(classifyError(e)).toBe("conflict");
    expect(toKmsError(e, { action: "B", region: "x" })).toBe(e);
  });

  it("scrubs the chain's config-file content from credential errors", () => {
    const e = new Error(
      'unable to get credentials from any of the providers in the chain: parse aliyun cli config from \'/h/.aliyun/config.json\' failed: {"access_key_secret":"LEAK"}',
    );
    const k = toKmsError(e, {
      action: "GetKmsInstance",
      region: "cn-hangzhou",
      instanceId: "kst-1",
    });
    expect(k.kind).toBe("auth");
    expect(k.message).not.toContain("LEAK");
    expect(k.message).toMatch(/no Alibaba Cloud credentials/);
  });

  it("drops URL queries from network error text", () => {
    const e = Object.assign(
      new Error("getaddrinfo ENOTFOUND h. POST http://h/?KmsInstanceId=kst-1&X=y failed."),
      {
        code: "ENOTFOUND",
      },
    );
    const k = toKmsError(e, { action: "GetKmsInstance", region: "cn-hangzhou" });
    expect(k.message).not.toContain("X=y");
  });
});

describe("redact", () => {
  it("replaces every occurrence of every secret", () => {
    expect(redact("a KEY b KEY c TOKEN", ["KEY", "TOKEN", ""])).toBe("a *** b *** c ***");
  });
});

describe("formatKmsErrorMessage", () => {
  it("omits parts that are unknown", () => {
    expect(
      formatKmsErrorMessage({
        kind: "transient",
        action: "ListKmsInstances",
        region: "cn-hangzhou",
        detail: "connection failed (ECONNRESET)",
      }),
    ).toBe("ListKmsInstances failed in cn-hangzhou: connection failed (ECONNRESET)");
    expect(
      formatKmsErrorMessage({
        kind: "transient",
        action: "GetKmsInstance",
        region: "cn-hangzhou",
        instanceId: "kst-1",
        statusCode: 502,
        detail: "d",
        attempts: 4,
        elapsedMs: 1234,
      }),
    ).toBe(
      "GetKmsInstance failed for KMS instance kst-1 in cn-hangzhou: (HTTP 502): d (gave up after 4 attempts over 1.2 s)",
    );
  });
});
