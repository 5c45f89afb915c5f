/**
 * The answers the emulator never gives, from a scripted HTTP server standing where the KMS API
 * should be (a proxy, a wrong endpoint): a 200 without an instance, a listing that is no listing.
 * The real client signs real requests to it; STS is the emulator's. None of it may drop an
 * instance from state.
 */
import type { IncomingMessage } from "node:http";
import {
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_ID,
  startEmulator,
  type RunningEmulator,
} from "../../../emulator";
import { clearSessions } from "../../../provider/kms/session";
import { Refusal } from "../../../provider/refusal";
import { LISTING_PAGE_SIZE } from "../../../provider/core/gone-evidence";
import { KmsError } from "../../../provider/kms/errors";
import { startRawServer, type RawReply, type RawServer } from "../kms/raw-server";
import { coreFor, emulatorConfig, readStored } from "../../support/emulator-deps";
import { failure } from "../../support/rejection";

const HZ = "cn-hangzhou";
const ID = "kst-hzz65f176a0ogplgqxxxx";
const OTHER = "kst-hzz64e2b1c7d9f0a3kxxxx";
const arn = (id: string, region = HZ, account = EMULATOR_ACCOUNT_ID): string =>
  `acs:kms:${region}:${account}:keystore/${id}`;
const NOT_FOUND: RawReply = {
  status: 404,
  json: {
    RequestId: "R-404",
    Code: "Forbidden.DKMSInstanceNotFound",
    Message: "The specified DKMS Instance is not found.",
  },
};
const listing = (
  entries: { KmsInstanceId?: string; KmsInstanceArn?: string }[],
  total?: number,
) => ({
  RequestId: "R-L",
  TotalCount: total ?? entries.length,
  PageNumber: 1,
  PageSize: LISTING_PAGE_SIZE,
  KmsInstances: { KmsInstance: entries },
});

let emu: RunningEmulator;
let raw: RawServer;
let getReply: RawReply = NOT_FOUND;
let listReply: (page: number) => RawReply = () => ({ status: 200, json: listing([]) });

function reply(req: IncomingMessage): RawReply {
  const action = String(req.headers["x-acs-action"] ?? "");
  const page = Number(new URL(req.url ?? "/", "http://x").searchParams.get("PageNumber") ?? "1");
  if (action === "GetKmsInstance") return getReply;
  if (action === "ListKmsInstances") return listReply(page);
  return { status: 404, json: { Code: "InvalidAction.NotFound", Message: "no such api" } };
}

function deps(endpoint: string) {
  return coreFor(
    emulatorConfig(emu, {
      "alicloud-kms:endpoint": endpoint,
      "alicloud-kms:retryTimeoutSeconds": "1",
    }),
  );
}
const pinned = (): string => `http://${raw.endpoint}/{region}`;
const unpinned = (): string => `http://${raw.endpoint}`;
const stored = { region: HZ, managedProperties: [], ownerAccountId: EMULATOR_ACCOUNT_ID };
const actions = (): string[] => raw.requests.map((r) => r.action);

beforeAll(async () => {
  emu = await startEmulator();
  raw = await startRawServer(reply);
});
afterAll(async () => {
  await raw?.close();
  await emu?.close();
});
beforeEach(() => {
  raw.requests.length = 0;
  getReply = NOT_FOUND;
  listReply = () => ({ status: 200, json: listing([]) });
  clearSessions();
});

describe("answers that are not the KMS API are errors, never a not-found", () => {
  test.each<[string, RawReply, RegExp]>([
    [
      "a 200 without KmsInstance",
      { status: 200, json: { RequestId: "x" } },
      /answered HTTP 200 without KmsInstance/,
    ],
    [
      "a 200 with KmsInstance null",
      { status: 200, json: { KmsInstance: null } },
      /without KmsInstance/,
    ],
    [
      "a 404 InvalidAction.NotFound",
      { status: 404, json: { Code: "InvalidAction.NotFound", Message: "no" } },
      /answered "no"/,
    ],
    ["a bare 404", { status: 404, json: {} }, /answered without a message/],
  ])(
    "%s: refresh and create fail naming the endpoint, nothing else is asked",
    async (_n, answer, what) => {
      getReply = answer;
      for (const run of [
        () => readStored(deps(pinned()), ID, stored),
        () => deps(pinned()).create({ kmsInstanceId: ID, region: HZ }),
      ]) {
        raw.requests.length = 0;
        const err = await failure(run(), Error);
        expect(err).toBeInstanceOf(KmsError);
        expect(err).toMatchObject({ kind: "unexpected", retryable: false });
        expect(err.message).toMatch(what);
        expect(err.message).toContain(`the endpoint http://${raw.endpoint}/cn-hangzhou`);
        expect(err.message).toMatch(
          /it may not be the KMS API \(a proxy, or a wrong alicloud-kms:endpoint\)/,
        );
        expect(actions()).toEqual(["GetKmsInstance"]);
      }
    },
  );
});

describe("a candidate from a server that is not the emulator is confirmed only by a well-formed listing", () => {
  test('a 200 with InstanceId "" and a listing of the caller\'s other instance in the region: gone', async () => {
    getReply = { status: 200, json: { RequestId: "x", KmsInstance: { InstanceId: "" } } };
    listReply = () => ({
      status: 200,
      json: listing([{ KmsInstanceId: OTHER, KmsInstanceArn: arn(OTHER) }]),
    });
    expect(await readStored(deps(unpinned()), ID, stored)).toEqual({ found: false });
    expect(actions()).toEqual(["GetKmsInstance", "ListKmsInstances"]);
    expect(raw.requests[1].query).toMatchObject({
      PageNumber: "1",
      PageSize: String(LISTING_PAGE_SIZE),
    });
    expect(raw.requests[1].query.Filters).toBeUndefined();
  });

  test("every page is read: 101 instances in two pages", async () => {
    const entries = Array.from({ length: LISTING_PAGE_SIZE + 1 }, (_, i) => {
      const id = `kst-hzz${String(i).padStart(5, "0")}other0000xxxx`;
      return { KmsInstanceId: id, KmsInstanceArn: arn(id) };
    });
    listReply = (page) => ({
      status: 200,
      json: listing(
        entries.slice((page - 1) * LISTING_PAGE_SIZE, page * LISTING_PAGE_SIZE),
        entries.length,
      ),
    });
    expect(await readStored(deps(pinned()), ID, stored)).toEqual({ found: false });
    expect(
      raw.requests.filter((r) => r.action === "ListKmsInstances").map((r) => r.query.PageNumber),
    ).toEqual(["1", "2"]);
    // The instance on the second page is found there: inconsistent, not gone.
    entries[LISTING_PAGE_SIZE] = { KmsInstanceId: ID, KmsInstanceArn: arn(ID) };
    const err = await failure(readStored(deps(pinned()), ID, stored), Error);
    expect(err).toMatchObject({ suspicion: "inconsistent" });
  });

  test("an empty listing confirms through a pinned endpoint only", async () => {
    listReply = () => ({ status: 200, json: { RequestId: "x", TotalCount: 0 } });
    expect(await readStored(deps(pinned()), ID, stored)).toEqual({ found: false });
    const err = await failure(readStored(deps(unpinned()), ID, stored), Error);
    expect(err).toBeInstanceOf(Refusal);
    expect(err).toMatchObject({ suspicion: "cannot-confirm" });
    expect(err.message).toContain(
      `the endpoint http://${raw.endpoint} (alicloud-kms:endpoint) does not name a region`,
    );
  });

  test.each<[string, unknown, RegExp]>([
    ["an empty object", {}, /without KmsInstances\.KmsInstance or TotalCount/],
    ["only a request id", { RequestId: "x" }, /without KmsInstances\.KmsInstance or TotalCount/],
    [
      "KmsInstance not a list",
      { KmsInstances: { KmsInstance: {} } },
      /KmsInstance that is not a list/,
    ],
    [
      "KmsInstances a list",
      { KmsInstances: [], TotalCount: 0 },
      /KmsInstances that is not an object/,
    ],
    ["TotalCount a string", { TotalCount: "0" }, /TotalCount that is not a count/],
    [
      "TotalCount larger than the pages",
      listing([{ KmsInstanceId: OTHER, KmsInstanceArn: arn(OTHER) }], 2),
      /TotalCount 2 but 1 instance/,
    ],
    [
      "an entry that is a string",
      { KmsInstances: { KmsInstance: ["kst-x"] } },
      /entry that is not an object/,
    ],
    [
      "an entry without an ARN",
      listing([{ KmsInstanceId: OTHER }]),
      /listed an instance without an ARN/,
    ],
  ])("a listing with %s: unexpected response", async (_n, body, what) => {
    listReply = () => ({ status: 200, json: body });
    const err = await failure(readStored(deps(pinned()), ID, stored), Error);
    expect(err).toBeInstanceOf(Refusal);
    expect(err).toMatchObject({ suspicion: "unexpected-response", kmsInstanceId: ID, region: HZ });
    expect(err.message).toMatch(what);
    expect(err.message).toContain("Pulumi state was left unchanged");
  });

  test("a listing of another region or account: wrong region / other account", async () => {
    listReply = () => ({
      status: 200,
      json: listing([{ KmsInstanceId: OTHER, KmsInstanceArn: arn(OTHER, "cn-shanghai") }]),
    });
    expect(await failure(readStored(deps(unpinned()), ID, stored), Error)).toMatchObject({
      suspicion: "wrong-region",
    });
    listReply = () => ({
      status: 200,
      json: listing([{ KmsInstanceId: OTHER, KmsInstanceArn: arn(OTHER, HZ, OTHER_ACCOUNT_ID) }]),
    });
    expect(await failure(readStored(deps(unpinned()), ID, stored), Error)).toMatchObject({
      suspicion: "other-account",
    });
  });

  test("a listing answered with an HTML page (retried, then failed): cannot confirm", async () => {
    listReply = () => ({ status: 502, text: "<html>Bad Gateway</html>" });
    const err = await failure(readStored(deps(pinned()), ID, stored), Error);
    expect(err).toMatchObject({ suspicion: "cannot-confirm" });
    expect(err.message).toMatch(/not JSON/);
  });

  test("a listing answered InvalidAction.NotFound: unexpected response", async () => {
    listReply = () => ({
      status: 404,
      json: { Code: "InvalidAction.NotFound", Message: "no such api" },
    });
    const err = await failure(readStored(deps(pinned()), ID, stored), Error);
    expect(err).toMatchObject({ suspicion: "unexpected-response" });
  });
});
