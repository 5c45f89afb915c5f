/**
 * The tag read of an instance not enabled yet: `Rejected.Uninitialized` reads as "no tags"
 * (Terraform does the same, PR #9320), only on the read; a tag change still fails, classified
 * `conflict` whatever the (undocumented) HTTP status.
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import {
  DEFAULT_SEED_IDS,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  type RunningEmulator,
} from "../../../emulator";
import { KmsClient } from "../../../provider/kms/client";
import {
  classifyError,
  isUninitializedRejection,
  UNINITIALIZED_CODE,
} from "../../../provider/kms/errors";
import { resolveKmsSettings } from "../../../provider/kms/settings";
import { startRawServer, type RawReply, type RawServer } from "./raw-server";
import { failure } from "../../support/rejection";

const UNINIT = DEFAULT_SEED_IDS.uninitialized; // cn-hangzhou

function clientFor(endpoint: string): KmsClient {
  const settings = resolveKmsSettings({
    region: "cn-hangzhou",
    config: (k) =>
      ({
        "alicloud:accessKey": TEST_ACCESS_KEY_ID,
        "alicloud:secretKey": TEST_ACCESS_KEY_SECRET,
        "alicloud-kms:endpoint": endpoint,
      })[k],
    env: {},
  });
  return new KmsClient(settings, { retry: { maxElapsedMs: 0, limiter: undefined } });
}

describe("against the emulator", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.control.reset();
    emu.control.resetStats();
  });

  it("reads no tags, with one ListTagResources answered Rejected.Uninitialized", async () => {
    const tags = await clientFor(emu.endpointTemplate).listTagResources(UNINIT);
    expect(tags).toEqual({});
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
    expect(emu.control.requests().map((r) => [r.action, r.status, r.code])).toEqual([
      ["ListTagResources", 400, UNINITIALIZED_CODE],
    ]);
  });

  it("fails a tag change with a conflict that names the code", async () => {
    const c = clientFor(emu.endpointTemplate);
    for (const change of [
      c.tagResources(UNINIT, { team: "a" }),
      c.untagResources(UNINIT, ["team"]),
    ]) {
      const err = await failure(change);
      expect([err.kind, err.code, isUninitializedRejection(err)]).toEqual([
        "conflict",
        UNINITIALIZED_CODE,
        true,
      ]);
      expect(err.message).toContain(UNINIT);
    }
  });
});

describe("whatever the HTTP status", () => {
  let server: RawServer;
  let reply: RawReply = { status: 200, json: {} };
  beforeAll(async () => {
    server = await startRawServer(() => reply);
  });
  afterAll(() => server.close());

  it.each([400, 403, 404, 409])("HTTP %d: the read is empty, a change is a conflict", async (s) => {
    reply = {
      status: s,
      json: { RequestId: "R", HostId: "kms", Code: UNINITIALIZED_CODE, Message: "not ready" },
    };
    const c = clientFor(`http://${server.endpoint}`);
    expect(await c.listTagResources(UNINIT)).toEqual({});
    const err = await failure(c.tagResources(UNINIT, { team: "a" }));
    expect(err.kind).toBe("conflict");
    expect(classifyError(err)).toBe("conflict");
  });

  it("another error of the tag read still fails", async () => {
    reply = {
      status: 403,
      json: { RequestId: "R", HostId: "kms", Code: "Forbidden.NoPermission", Message: "no" },
    };
    const err = await failure(clientFor(`http://${server.endpoint}`).listTagResources(UNINIT));
    expect([err.kind, isUninitializedRejection(err)]).toEqual(["auth", false]);
  });
});

describe("a tag listing that answers a NextToken it sent before", () => {
  let server: RawServer;
  beforeAll(async () => {
    // Page 1 names token "t1", page 2 names "t1" again: the listing would never end.
    server = await startRawServer((_req, i) => ({
      status: 200,
      json: {
        RequestId: `R${i}`,
        NextToken: "t1",
        TagResources: {
          TagResource: [{ ResourceId: UNINIT, TagKey: `k${i}`, TagValue: "v" }],
        },
      },
    }));
  });
  afterAll(() => server.close());

  it("fails as unexpected instead of returning the pages read so far as all the tags", async () => {
    const err = await failure(clientFor(`http://${server.endpoint}`).listTagResources(UNINIT));
    expect(err.kind).toBe("unexpected");
    expect(err.message).toContain("NextToken");
    expect(server.requests).toHaveLength(2);
  });
});
