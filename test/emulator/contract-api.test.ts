/**
 * Contract tests: every API of the emulator driven by the real `@alicloud/openapi-client`
 * (ACS3-HMAC-SHA256), checking the reference's field names and JSON types and region scoping.
 */
import { X509Certificate } from "node:crypto";
import {
  DEFAULT_SEED_IDS,
  DEFAULT_SEED_REGIONS,
  EMULATOR_ACCOUNT_ID,
  EXPIRING_IN_DAYS,
  OTHER_ACCOUNT_ID,
  type SeedInstance,
} from "../../emulator";
import { call, callError, emulatorWithTestClient } from "./kms-client";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

const HZ = "cn-hangzhou";
const SH = "cn-shanghai";
const suite = emulatorWithTestClient({ connectDelayMs: 500 });

type Json = Record<string, unknown>;
const instanceOf = (body: Json): Json => body.KmsInstance as Json;

describe("GetKmsInstance", () => {
  it("returns the connected instance with the reference's JSON types", async () => {
    const res = await call(
      suite.client,
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected },
      HZ,
    );
    expect(res.statusCode).toBe(200);
    expect(typeof res.body.RequestId).toBe("string");
    const k = instanceOf(res.body);
    expect(k.InstanceId).toBe(DEFAULT_SEED_IDS.connected);
    expect(k.Status).toBe("Connected");
    expect(typeof k.SecretNum).toBe("string");
    expect(typeof k.KeyNum).toBe("number");
    expect(Array.isArray(k.ZoneIds)).toBe(true);
    expect(k.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const vpcs = (k.BindVpcs as { BindVpc: Json[] }).BindVpc;
    expect(vpcs).toHaveLength(2);
    expect(vpcs.every((v) => typeof v.VpcOwnerId === "string")).toBe(true);
    expect(vpcs.map((v) => v.VpcOwnerId)).toContain(OTHER_ACCOUNT_ID);
    expect(k.DeletionProtection).toBe(true);
  });

  it("serves a real CA chain with CRLF line breaks that X509Certificate parses", async () => {
    const res = await call(
      suite.client,
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected },
      HZ,
    );
    const pem = instanceOf(res.body).CaCertificateChainPem as string;
    expect(pem).toContain("-----END CERTIFICATE-----\r\n-----BEGIN CERTIFICATE-----");
    expect(pem.replace(/\r\n/g, "")).not.toContain("\n");
    const blocks = pem.split(/(?<=-----END CERTIFICATE-----)\r\n/);
    expect(blocks).toHaveLength(2);
    const [leaf, root] = blocks.map((b) => new X509Certificate(b));
    expect(leaf.verify(root.publicKey)).toBe(true);
    expect(root.ca).toBe(true);
  });

  it("returns an Uninitialized instance with empty VPC fields (the reference's example)", async () => {
    const res = await call(
      suite.client,
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.uninitialized },
      HZ,
    );
    const k = instanceOf(res.body);
    expect(k.Status).toBe("Uninitialized");
    expect([k.VpcId, k.ZoneIds, k.VswitchIds]).toEqual(["", [""], [""]]);
    for (const f of ["BindVpcs", "CaCertificateChainPem"]) {
      expect(k).not.toHaveProperty(f);
    }
  });

  it("has an instance ending a few days after start", async () => {
    const res = await call(
      suite.client,
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.expiring },
      SH,
    );
    const end = Date.parse(instanceOf(res.body).EndDate as string);
    const days = (end - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(EXPIRING_IN_DAYS - 0.01);
    expect(days).toBeLessThan(EXPIRING_IN_DAYS + 0.01);
  });

  it("scopes instances to their region: another region's path does not find them", async () => {
    const err = await callError(
      suite.client,
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.expiring },
      HZ,
    );
    expect(err.code).toBe("Forbidden.DKMSInstanceNotFound");
    expect(err.statusCode).toBe(404);
    const ok = await call(
      suite.client,
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.expiring },
      SH,
    );
    expect(instanceOf(ok.body).InstanceId).toBe(DEFAULT_SEED_IDS.expiring);
  });

  it("serves the default region on /", async () => {
    const res = await call(suite.client, "GetKmsInstance", {
      KmsInstanceId: DEFAULT_SEED_IDS.connected,
    });
    expect(instanceOf(res.body).InstanceId).toBe(DEFAULT_SEED_IDS.connected);
  });

  it("answers missing and unknown ids with the documented errors", async () => {
    const missing = await callError(suite.client, "GetKmsInstance", {}, HZ);
    expect([missing.code, missing.statusCode]).toEqual(["MissingKmsInstanceId", 400]);
    const unknown = await callError(
      suite.client,
      "GetKmsInstance",
      { KmsInstanceId: "kst-nope" },
      HZ,
    );
    expect([unknown.code, unknown.statusCode]).toEqual(["Forbidden.DKMSInstanceNotFound", 404]);
    expect(unknown.data).toMatchObject({
      HostId: suite.emu.endpoint,
      Code: "Forbidden.DKMSInstanceNotFound",
    });
    expect(String(unknown.data?.Recommend)).toContain("q=Forbidden.DKMSInstanceNotFound");
  });

  it("ignores unknown parameters like the gateway", async () => {
    const res = await call(
      suite.client,
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected, Foo: "bar" },
      HZ,
    );
    expect(res.statusCode).toBe(200);
  });
});

describe("ListKmsInstances", () => {
  const many = (n: number): void => {
    for (let i = 0; i < n; i++) {
      suite.emu.control.putInstance({
        RegionId: "ap-southeast-1",
        KmsInstance: {
          InstanceId: `kst-sgp${String(i).padStart(3, "0")}x`,
          InstanceName: i % 2 ? "odd" : "even",
        },
      });
    }
  };

  it("pages with TotalCount, PageNumber and PageSize", async () => {
    many(25);
    const p1 = await call(suite.client, "ListKmsInstances", { PageSize: 10 }, "ap-southeast-1");
    expect(p1.body).toMatchObject({ TotalCount: 25, PageNumber: 1, PageSize: 10 });
    const list = (p1.body.KmsInstances as { KmsInstance: Json[] }).KmsInstance;
    expect(list).toHaveLength(10);
    expect(list[0]).toEqual({
      KmsInstanceId: "kst-sgp000x",
      KmsInstanceArn: "acs:kms:ap-southeast-1:1234567890123456:keystore/kst-sgp000x",
    });
    const p3 = await call(
      suite.client,
      "ListKmsInstances",
      { PageSize: 10, PageNumber: 3 },
      "ap-southeast-1",
    );
    expect((p3.body.KmsInstances as { KmsInstance: Json[] }).KmsInstance).toHaveLength(5);
  });

  it("filters with a Filters JSON string", async () => {
    many(6);
    const res = await call(
      suite.client,
      "ListKmsInstances",
      { Filters: JSON.stringify([{ Key: "InstanceName", Values: ["odd"] }]) },
      "ap-southeast-1",
    );
    expect(res.body.TotalCount).toBe(3);
  });

  it.each(["0", "101", "abc", "-1", "1.5"])(
    "rejects PageSize %s with InvalidParameter",
    async (size) => {
      const err = await callError(suite.client, "ListKmsInstances", { PageSize: size }, HZ);
      expect([err.code, err.statusCode]).toEqual(["InvalidParameter", 400]);
    },
  );

  it("rejects bad Filters JSON", async () => {
    for (const f of ["[{", '{"Key":1}', '[{"Key":"a","Values":"b"}]']) {
      const err = await callError(suite.client, "ListKmsInstances", { Filters: f }, HZ);
      expect(err.code).toBe("InvalidParameter");
    }
  });
});

describe("UpdateKmsInstanceBindVpc", () => {
  it("replaces the list; a numeric 16-digit VpcOwnerId comes back as the exact string", async () => {
    const bind =
      '[{"VpcId":"vpc-a","VSwitchId":"vsw-a","RegionId":"cn-hangzhou","VpcOwnerId":9876543210987654}]';
    await call(
      suite.client,
      "UpdateKmsInstanceBindVpc",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected, BindVpcs: bind },
      HZ,
    );
    const res = await call(
      suite.client,
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected },
      HZ,
    );
    expect(instanceOf(res.body).BindVpcs).toEqual({
      BindVpc: [
        {
          RegionId: "cn-hangzhou",
          VpcId: "vpc-a",
          VSwitchId: "vsw-a",
          VpcOwnerId: "9876543210987654",
        },
      ],
    });
  });

  it("refuses a quoted VpcOwnerId; takes the key absent (the caller's account) and an empty list", async () => {
    const quoted = JSON.stringify([
      { VpcId: "vpc-b", VSwitchId: "vsw-b", RegionId: "cn-hangzhou", VpcOwnerId: "42" },
    ]);
    const err = await callError(
      suite.client,
      "UpdateKmsInstanceBindVpc",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected, BindVpcs: quoted },
      HZ,
    );
    expect([err.code, err.statusCode]).toEqual(["InvalidParameter", 400]);
    expect(err.message).toMatch(/parameter BindVpcs .*VpcOwnerId.*unquoted JSON integer/);
    const absent = JSON.stringify([
      { VpcId: "vpc-b", VSwitchId: "vsw-b", RegionId: "cn-hangzhou" },
    ]);
    await call(
      suite.client,
      "UpdateKmsInstanceBindVpc",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected, BindVpcs: absent },
      HZ,
    );
    expect(suite.emu.control.getInstance(DEFAULT_SEED_IDS.connected)?.KmsInstance.BindVpcs).toEqual(
      {
        BindVpc: [
          {
            RegionId: "cn-hangzhou",
            VpcId: "vpc-b",
            VSwitchId: "vsw-b",
            VpcOwnerId: EMULATOR_ACCOUNT_ID,
          },
        ],
      },
    );
    await call(
      suite.client,
      "UpdateKmsInstanceBindVpc",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected, BindVpcs: "[]" },
      HZ,
    );
    expect(suite.emu.control.getInstance(DEFAULT_SEED_IDS.connected)?.KmsInstance.BindVpcs).toEqual(
      {
        BindVpc: [],
      },
    );
  });

  it("rejects bad BindVpcs and Uninitialized instances", async () => {
    for (const b of [
      "not json",
      "{}",
      '[{"VpcId":"v"}]',
      '[{"VpcId":"v","VSwitchId":"s","RegionId":"x"}]',
    ]) {
      const err = await callError(
        suite.client,
        "UpdateKmsInstanceBindVpc",
        { KmsInstanceId: DEFAULT_SEED_IDS.connected, BindVpcs: b },
        HZ,
      );
      expect([err.code, err.statusCode]).toEqual(["InvalidParameter", 400]);
    }
    const missing = await callError(
      suite.client,
      "UpdateKmsInstanceBindVpc",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected },
      HZ,
    );
    expect(missing.code).toBe("MissingBindVpcs");
    const state = await callError(
      suite.client,
      "UpdateKmsInstanceBindVpc",
      { KmsInstanceId: DEFAULT_SEED_IDS.uninitialized, BindVpcs: "[]" },
      HZ,
    );
    expect([state.code, state.statusCode]).toEqual(["Forbidden.DKMSInstanceStateInvalid", 403]);
  });
});

describe("UpdateKmsInstance and SetDeletionProtection", () => {
  it("renames the instance", async () => {
    await call(
      suite.client,
      "UpdateKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected, InstanceName: "renamed" },
      HZ,
    );
    const res = await call(
      suite.client,
      "GetKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected },
      HZ,
    );
    expect(instanceOf(res.body).InstanceName).toBe("renamed");
    const err = await callError(
      suite.client,
      "UpdateKmsInstance",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected },
      HZ,
    );
    expect(err.code).toBe("MissingInstanceName");
  });

  it("flips deletion protection with an optional description", async () => {
    const id = DEFAULT_SEED_IDS.connected;
    await call(
      suite.client,
      "SetDeletionProtection",
      { KmsInstanceId: id, EnableDeletionProtection: "false" },
      HZ,
    );
    let k = suite.emu.control.getInstance(id)?.KmsInstance;
    expect(k?.DeletionProtection).toBe(false);
    expect(k).not.toHaveProperty("DeletionProtectionDescription");
    await call(
      suite.client,
      "SetDeletionProtection",
      {
        KmsInstanceId: id,
        EnableDeletionProtection: "true",
        DeletionProtectionDescription: "keep",
      },
      HZ,
    );
    k = suite.emu.control.getInstance(id)?.KmsInstance;
    expect([k?.DeletionProtection, k?.DeletionProtectionDescription]).toEqual([true, "keep"]);
    const bad = await callError(
      suite.client,
      "SetDeletionProtection",
      { KmsInstanceId: id, EnableDeletionProtection: "yes" },
      HZ,
    );
    expect(bad.code).toBe("InvalidParameter");
    const missing = await callError(
      suite.client,
      "SetDeletionProtection",
      { KmsInstanceId: id },
      HZ,
    );
    expect(missing.code).toBe("MissingEnableDeletionProtection");
  });
});

describe("tags", () => {
  const id = DEFAULT_SEED_IDS.connected;

  it("tags, lists and untags an instance", async () => {
    await call(
      suite.client,
      "TagResources",
      {
        ResourceType: "instance",
        "ResourceId.1": id,
        "Tag.1.Key": "owner",
        "Tag.1.Value": "alice",
        RegionId: HZ,
      },
      HZ,
    );
    const res = await call(
      suite.client,
      "ListTagResources",
      { ResourceType: "instance", "ResourceId.1": id },
      HZ,
    );
    const rows = (res.body.TagResources as { TagResource: Json[] }).TagResource;
    expect(rows).toContainEqual({
      ResourceId: id,
      ResourceType: "instance",
      TagKey: "owner",
      TagValue: "alice",
    });
    expect(rows).toHaveLength(3);
    await call(
      suite.client,
      "UntagResources",
      { ResourceType: "instance", "ResourceId.1": id, "TagKey.1": "env" },
      HZ,
    );
    expect(suite.emu.control.getInstance(id)?.Tags).toEqual({ team: "platform", owner: "alice" });
    await call(
      suite.client,
      "UntagResources",
      { ResourceType: "instance", "ResourceId.1": id, All: "true" },
      HZ,
    );
    expect(suite.emu.control.getInstance(id)?.Tags).toBeUndefined();
  });

  it("pages ListTagResources with NextToken", async () => {
    const tags: Record<string, string> = {};
    for (let i = 0; i < 15; i++) tags[`k${i}`] = `v${i}`;
    suite.emu.control.patchInstance(id, { Tags: tags });
    const seen: string[] = [];
    let token = "";
    let pages = 0;
    do {
      const q: Record<string, string> = {
        ResourceType: "instance",
        "ResourceId.1": id,
        MaxResults: "4",
      };
      if (token) q.NextToken = token;
      const res = await call(suite.client, "ListTagResources", q, HZ);
      seen.push(
        ...(res.body.TagResources as { TagResource: Json[] }).TagResource.map(
          (r) => r.TagKey as string,
        ),
      );
      token = res.body.NextToken as string;
      pages++;
    } while (token);
    expect(pages).toBe(4);
    expect(seen).toEqual(Object.keys(tags));
    const bad = await callError(
      suite.client,
      "ListTagResources",
      { ResourceType: "instance", NextToken: "garbage" },
      HZ,
    );
    expect(bad.code).toBe("InvalidParameter");
  });

  it("validates ResourceType and unknown resources", async () => {
    const type = await callError(
      suite.client,
      "TagResources",
      { ResourceType: "key", "ResourceId.1": id, "Tag.1.Key": "a" },
      HZ,
    );
    expect(type.code).toBe("InvalidParameter");
    const gone = await callError(
      suite.client,
      "TagResources",
      { ResourceType: "instance", "ResourceId.1": DEFAULT_SEED_IDS.expiring, "Tag.1.Key": "a" },
      HZ,
    );
    expect(gone.code).toBe("Forbidden.DKMSInstanceNotFound");
  });
});

describe("ConnectKmsInstance", () => {
  it("moves Uninitialized → Connecting → Connected after the delay", async () => {
    const id = DEFAULT_SEED_IDS.uninitialized;
    await call(
      suite.client,
      "ConnectKmsInstance",
      {
        KmsInstanceId: id,
        VpcId: "vpc-new",
        ZoneIds: "cn-hangzhou-k,cn-hangzhou-j",
        VSwitchIds: "vsw-new",
        KMProvider: "Aliyun",
      },
      HZ,
    );
    let k = instanceOf(
      (await call(suite.client, "GetKmsInstance", { KmsInstanceId: id }, HZ)).body,
    );
    expect(k.Status).toBe("Connecting");
    expect(k.ZoneIds).toEqual(["cn-hangzhou-k", "cn-hangzhou-j"]);
    await new Promise((r) => setTimeout(r, 600));
    k = instanceOf((await call(suite.client, "GetKmsInstance", { KmsInstanceId: id }, HZ)).body);
    expect(k.Status).toBe("Connected");
    expect(typeof k.CaCertificateChainPem).toBe("string");
    expect((k.BindVpcs as { BindVpc: Json[] }).BindVpc[0]).toMatchObject({
      VpcId: "vpc-new",
      VSwitchId: "vsw-new",
    });
    const again = await callError(
      suite.client,
      "ConnectKmsInstance",
      { KmsInstanceId: id, VpcId: "v", ZoneIds: "a,b", VSwitchIds: "s", KMProvider: "Aliyun" },
      HZ,
    );
    expect(again.code).toBe("Forbidden.DKMSInstanceStateInvalid");
  });
});

describe("GetKmsInstanceQuotaInfos", () => {
  it("reports the quota of a resource type", async () => {
    const res = await call(
      suite.client,
      "GetKmsInstanceQuotaInfos",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected, ResourceType: "vpc" },
      HZ,
    );
    expect(res.body).toMatchObject({
      KmsInstanceId: DEFAULT_SEED_IDS.connected,
      KmsInstanceQuotaInfos: [{ ResourceType: "vpc", ResourceQuota: 7, UsedQuantity: 2 }],
    });
    const secret = await call(
      suite.client,
      "GetKmsInstanceQuotaInfos",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected, ResourceType: "secret" },
      HZ,
    );
    expect((secret.body.KmsInstanceQuotaInfos as Json[])[0].ResourceQuota).toBe(100);
    const bad = await callError(
      suite.client,
      "GetKmsInstanceQuotaInfos",
      { KmsInstanceId: DEFAULT_SEED_IDS.connected, ResourceType: "x" },
      HZ,
    );
    expect(bad.code).toBe("InvalidParameter");
  });
});

describe("out-of-band changes are visible to the API", () => {
  it("sees an instance added, patched and deleted through control", async () => {
    const inst: SeedInstance = {
      RegionId: DEFAULT_SEED_REGIONS.expiring,
      KmsInstance: { InstanceId: "kst-oob1x", Status: "Connected", SecretNum: "1" },
    };
    suite.emu.control.putInstance(inst);
    expect(
      instanceOf(
        (await call(suite.client, "GetKmsInstance", { KmsInstanceId: "kst-oob1x" }, SH)).body,
      ).Status,
    ).toBe("Connected");
    suite.emu.control.patchInstance("kst-oob1x", { KmsInstance: { Status: "Disconnected" } });
    expect(
      instanceOf(
        (await call(suite.client, "GetKmsInstance", { KmsInstanceId: "kst-oob1x" }, SH)).body,
      ).Status,
    ).toBe("Disconnected");
    expect(suite.emu.control.deleteInstance("kst-oob1x")).toBe(true);
    expect(
      (await callError(suite.client, "GetKmsInstance", { KmsInstanceId: "kst-oob1x" }, SH))
        .statusCode,
    ).toBe(404);
  });

  it("rejects instances whose fields have the wrong JSON types", () => {
    expect(() =>
      suite.emu.control.putInstance({
        RegionId: HZ,
        KmsInstance: { InstanceId: "kst-bad1x", SecretNum: 10 },
      }),
    ).toThrow(/SecretNum must be a string/);
    expect(() =>
      suite.emu.control.patchInstance(DEFAULT_SEED_IDS.connected, {
        KmsInstance: { ZoneIds: "a,b" },
      }),
    ).toThrow(/ZoneIds must be an array/);
  });
});
