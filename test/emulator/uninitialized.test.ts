/**
 * An `Uninitialized` instance (emulator/uninitialized.ts), driven by the real
 * `@alicloud/openapi-client`: the empty network fields of GetKmsInstance, `Rejected.Uninitialized`
 * on the tag APIs, which other calls it refuses or accepts, and the control API's connect.
 */
import {
  CONTROL_HEADERS,
  DEFAULT_CA_CERTIFICATE_CHAIN_PEM,
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  REFUSED_WHEN_UNINITIALIZED,
  REJECTED_UNINITIALIZED,
  REJECTED_UNINITIALIZED_STATUS,
  connectNow,
} from "../../emulator";
import { call, callError, rawRequest, emulatorWithTestClient } from "./kms-client";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

const HZ = "cn-hangzhou";
const UNINIT = DEFAULT_SEED_IDS.uninitialized;
const suite = emulatorWithTestClient();

type Json = Record<string, unknown>;
const getInstance = async (id: string): Promise<Json> =>
  (await call(suite.client, "GetKmsInstance", { KmsInstanceId: id }, HZ)).body.KmsInstance as Json;

const tagQuery = (id: string): Record<string, string> => ({
  RegionId: HZ,
  ResourceType: "instance",
  "ResourceId.1": id,
});

const TAG_CALLS: [string, Record<string, string>][] = [
  ["ListTagResources", tagQuery(UNINIT)],
  ["TagResources", { ...tagQuery(UNINIT), "Tag.1.Key": "team", "Tag.1.Value": "platform" }],
  ["UntagResources", { ...tagQuery(UNINIT), "TagKey.1": "team" }],
];

describe("GetKmsInstance of an Uninitialized instance", () => {
  it('answers the network fields empty, as the reference example: "", [""], [""]', async () => {
    const k = await getInstance(UNINIT);
    expect(k.Status).toBe("Uninitialized");
    expect(k.VpcId).toBe("");
    expect(k.ZoneIds).toEqual([""]);
    expect(k.VswitchIds).toEqual([""]);
    // The stored instance is untouched: the empty forms are only how it answers.
    expect(suite.emu.control.getInstance(UNINIT)?.KmsInstance).not.toHaveProperty("VpcId");
  });

  it("keeps a stored value and leaves other statuses alone", async () => {
    suite.emu.control.patchInstance(UNINIT, { KmsInstance: { VpcId: "vpc-kept" } });
    expect((await getInstance(UNINIT)).VpcId).toBe("vpc-kept");
    suite.emu.control.patchInstance(UNINIT, {
      KmsInstance: { Status: "Disconnected", VpcId: null },
    });
    const k = await getInstance(UNINIT);
    for (const f of ["VpcId", "ZoneIds", "VswitchIds"]) expect(k).not.toHaveProperty(f);
  });
});

describe("calls an Uninitialized instance refuses", () => {
  it.each(TAG_CALLS)(
    "%s answers Rejected.Uninitialized (HTTP 400, chosen) and changes nothing",
    async (action, query) => {
      const before = suite.emu.control.getInstance(UNINIT);
      const err = await callError(suite.client, action, query, HZ);
      expect([err.code, err.statusCode]).toEqual([
        REJECTED_UNINITIALIZED,
        REJECTED_UNINITIALIZED_STATUS,
      ]);
      expect(suite.emu.control.getInstance(UNINIT)).toEqual(before);
    },
  );

  it("lists exactly the tag APIs as refused", () => {
    expect([...REFUSED_WHEN_UNINITIALIZED].sort()).toEqual(TAG_CALLS.map(([a]) => a).sort());
  });

  it("a missing instance beside it is still not-found", async () => {
    const err = await callError(
      suite.client,
      "ListTagResources",
      { ...tagQuery("kst-hzzmissing0000000xxxx"), "ResourceId.2": UNINIT },
      HZ,
    );
    expect(err.code).toBe("Forbidden.DKMSInstanceNotFound");
  });

  it("a region-wide tag listing (no ResourceId) leaves it out instead of failing", async () => {
    const res = await call(
      suite.client,
      "ListTagResources",
      { RegionId: HZ, ResourceType: "instance" },
      HZ,
    );
    const rows = (res.body.TagResources as { TagResource: { ResourceId: string }[] }).TagResource;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.ResourceId)).not.toContain(UNINIT);
  });

  it("UpdateKmsInstanceBindVpc answers the documented Forbidden.DKMSInstanceStateInvalid (403)", async () => {
    const err = await callError(
      suite.client,
      "UpdateKmsInstanceBindVpc",
      { KmsInstanceId: UNINIT, BindVpcs: "[]" },
      HZ,
    );
    expect([err.code, err.statusCode]).toEqual(["Forbidden.DKMSInstanceStateInvalid", 403]);
  });
});

describe("calls an Uninitialized instance accepts (chosen)", () => {
  it("UpdateKmsInstance renames it and SetDeletionProtection sets protection", async () => {
    await call(
      suite.client,
      "UpdateKmsInstance",
      { KmsInstanceId: UNINIT, InstanceName: "new" },
      HZ,
    );
    await call(
      suite.client,
      "SetDeletionProtection",
      { KmsInstanceId: UNINIT, EnableDeletionProtection: "true" },
      HZ,
    );
    const k = await getInstance(UNINIT);
    expect([k.InstanceName, k.DeletionProtection]).toEqual(["new", true]);
  });
});

describe("connect through the control API", () => {
  const post = (path: string, body?: unknown) =>
    rawRequest(suite.emu.url, {
      method: "POST",
      path,
      headers: body === undefined ? { ...CONTROL_HEADERS } : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("moves it to Connected at once, with VPC, zones, CA chain and its VPC bound", async () => {
    const res = await post(`/_emulator/instances/${UNINIT}/connect`);
    expect(res.status).toBe(200);
    const k = await getInstance(UNINIT);
    expect(k.Status).toBe("Connected");
    expect(k.VpcId).toMatch(/^vpc-[a-z0-9]+$/);
    expect(k.ZoneIds).toHaveLength(2);
    expect((k.VswitchIds as string[])[0]).toMatch(/^vsw-[a-z0-9]+$/);
    expect(k.CaCertificateChainPem).toBe(DEFAULT_CA_CERTIFICATE_CHAIN_PEM);
    expect(k.BindVpcs).toEqual({
      BindVpc: [
        {
          RegionId: HZ,
          VpcId: k.VpcId,
          VSwitchId: (k.VswitchIds as string[])[0],
          VpcOwnerId: EMULATOR_ACCOUNT_ID,
        },
      ],
    });
    // Now the tag APIs answer.
    await call(suite.client, TAG_CALLS[1][0], TAG_CALLS[1][1], HZ);
    const listed = await call(suite.client, TAG_CALLS[0][0], TAG_CALLS[0][1], HZ);
    expect(listed.body.TagResources).toEqual({
      TagResource: [
        { ResourceId: UNINIT, ResourceType: "instance", TagKey: "team", TagValue: "platform" },
      ],
    });
  });

  it("takes the VPC, zones and vSwitches from the body", async () => {
    const body = {
      VpcId: "vpc-mine",
      ZoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
      VswitchIds: ["vsw-mine"],
    };
    expect((await post(`/_emulator/instances/${UNINIT}/connect`, body)).status).toBe(200);
    const k = await getInstance(UNINIT);
    expect([k.VpcId, k.ZoneIds, k.VswitchIds]).toEqual([body.VpcId, body.ZoneIds, body.VswitchIds]);
  });

  it("refuses a bad body, another method and an unknown instance", async () => {
    expect((await post(`/_emulator/instances/${UNINIT}/connect`, { VpcId: 1 })).status).toBe(400);
    const get = await rawRequest(suite.emu.url, {
      method: "GET",
      path: `/_emulator/instances/${UNINIT}/connect`,
      headers: { ...CONTROL_HEADERS },
    });
    expect(get.status).toBe(405);
    expect((await post("/_emulator/instances/kst-nosuch00000/connect")).status).toBe(404);
    expect(suite.emu.control.getInstance(UNINIT)?.KmsInstance.Status).toBe("Uninitialized");
  });

  it("is available in process as connectNow", () => {
    expect(connectNow(suite.emu.control, UNINIT).KmsInstance.Status).toBe("Connected");
    expect(() => connectNow(suite.emu.control, "kst-nosuch00000")).toThrow(/kst-nosuch00000/);
  });
});
