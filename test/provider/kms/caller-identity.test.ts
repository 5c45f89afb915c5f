/**
 * The provider's STS `GetCallerIdentity` against a scripted server: what it sends (RPC, version 2015-04-01,
 * signed with the same keys) and which answers it refuses to take an account from.
 */
import { inspect } from "node:util";
import { KmsError } from "../../../provider/kms/errors";
import { resolveKmsSettings } from "../../../provider/kms/settings";
import { clearSessions, getCallerIdentity, sessionFor } from "../../../provider/kms/session";
import { APIS } from "../../../provider/kms/endpoint";
import { startRawServer, type RawReply, type RawServer } from "./raw-server";

const AK = "LTAI5tStsUnitKey";
const SECRET = "StsUnitSecret/+=*~!()";
let server: RawServer;
let answer: RawReply = { status: 200, json: {} };

beforeAll(async () => {
  server = await startRawServer(() => answer);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function settings() {
  return resolveKmsSettings({
    region: "cn-hangzhou",
    config: (k) =>
      ({
        "alicloud:accessKey": AK,
        "alicloud:secretKey": SECRET,
        "alicloud-kms:stsEndpoint": `http://${server.endpoint}/sts`,
        "alicloud-kms:readTimeoutMs": "2000",
      })[k],
    env: {},
  });
}

function identity() {
  return getCallerIdentity(settings(), { retry: { maxElapsedMs: 0 } });
}

async function failure(): Promise<KmsError> {
  const err = await identity().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KmsError);
  return err as KmsError;
}

test("sends GetCallerIdentity, version 2015-04-01, signed, to the configured path", async () => {
  answer = {
    status: 200,
    json: {
      RequestId: "R1",
      AccountId: "1968132000120001",
      UserId: "2169593390000001",
      IdentityType: "RAMUser",
      PrincipalId: "2169593390000001",
      Arn: "acs:ram::1968132000120001:user/admin",
    },
  };
  expect(await identity()).toEqual({
    accountId: "1968132000120001",
    userId: "2169593390000001",
    identityType: "RAMUser",
    principalId: "2169593390000001",
    arn: "acs:ram::1968132000120001:user/admin",
    requestId: "R1",
  });
  expect(server.requests).toEqual([
    { action: "GetCallerIdentity", version: "2015-04-01", query: {}, path: "/sts" },
  ]);
  expect(APIS.stsEndpoint.version).toBe("2015-04-01");
});

test.each<[string, unknown]>([
  ["no AccountId", { RequestId: "R2" }],
  ["a numeric AccountId (16 digits do not survive a JS number)", { AccountId: 1968132000120001 }],
  ["an empty AccountId", { AccountId: "" }],
  ["a masked AccountId", { AccountId: "196813200012****" }],
])("an answer with %s is unexpected: the endpoint may not be STS", async (_n, body) => {
  answer = { status: 200, json: body };
  const err = await failure();
  expect(err.kind).toBe("unexpected");
  expect(err.message).toContain(
    `the endpoint http://${server.endpoint}/sts answered without an AccountId of digits: it may not be the STS API (a proxy, or a wrong alicloud-kms:stsEndpoint)`,
  );
});

test("a refusal that says no such API here names STS, not KMS, as the API expected", async () => {
  answer = { status: 404, json: { Code: "InvalidAction.NotFound", Message: "no such action" } };
  const err = await failure();
  expect(err.kind).toBe("unexpected");
  expect(err.message).toContain(
    `the endpoint http://${server.endpoint}/sts answered "no such action": it may not be the STS API (a proxy, or a wrong alicloud-kms:stsEndpoint)`,
  );
});

test("a service error is classified like any other, and no secret reaches message or inspect", async () => {
  answer = {
    status: 400,
    json: { Code: "InvalidAccessKeyId.NotFound", Message: `key ${AK} unknown` },
  };
  const err = await failure();
  expect(err).toMatchObject({
    kind: "auth",
    code: "InvalidAccessKeyId.NotFound",
    action: "GetCallerIdentity",
  });
  for (const text of [
    err.message,
    JSON.stringify(err),
    inspect(err, { showHidden: true, depth: 9 }),
  ]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(AK);
  }
  // The session that asks STS (and keeps the answer) holds no secret either.
  clearSessions();
  const s = settings();
  await sessionFor(s)
    .callerIdentity(s)
    .catch(() => undefined);
  expect(inspect(sessionFor(s), { showHidden: true, depth: 9 })).not.toContain(SECRET);
});
