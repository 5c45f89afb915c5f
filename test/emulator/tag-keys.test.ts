/**
 * Tag keys that name members of `Object.prototype` (`__proto__`, `constructor`, `toString`, …) are
 * ordinary tags: stored and returned by TagResources, ListTagResources, UntagResources and the
 * control PATCH, and kept through the state file.
 */
import type OpenApi from "@alicloud/openapi-client";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CONTROL_HEADERS,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  type RunningEmulator,
  type SeedFile,
} from "../../emulator";
import { call, kmsClient, rawRequest } from "./kms-client";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

const HZ = "cn-hangzhou";
const ID = "kst-tagkeys1x";
const SEED: SeedFile = {
  instances: [{ RegionId: HZ, KmsInstance: { InstanceId: ID, Status: "Connected" } }],
};
/** Keys an object literal or an assignment would turn into something other than a tag. */
const KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

const KEY = { accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: TEST_ACCESS_KEY_SECRET };

/** Tag.N.Key / Tag.N.Value for each key, value `v-<key>`. */
const tagQuery = (keys: string[]) =>
  Object.fromEntries(
    keys.flatMap((k, i) => [
      [`Tag.${i + 1}.Key`, k],
      [`Tag.${i + 1}.Value`, `v-${k}`],
    ]),
  );

/** The tags ListTagResources returns for the instance, as [key, value] pairs in order. */
async function listedTags(client: OpenApi, filterKeys: string[] = []): Promise<string[][]> {
  const filter = Object.fromEntries(filterKeys.map((k, i) => [`Tag.${i + 1}.Key`, k]));
  const res = await call(
    client,
    "ListTagResources",
    { ResourceType: "instance", "ResourceId.1": ID, MaxResults: 100, ...filter },
    HZ,
  );
  const rows = (res.body.TagResources as { TagResource: { TagKey: string; TagValue: string }[] })
    .TagResource;
  return rows.map((r) => [r.TagKey, r.TagValue]);
}

/** Own tag entries of the stored instance (a prototype change would not show as an entry). */
const storedTags = (emu: RunningEmulator) =>
  Object.entries(emu.control.getInstance(ID)?.Tags ?? {}).sort();

const expected = (keys: string[]) => keys.map((k) => [k, `v-${k}`]).sort();

describe("in memory", () => {
  let emu: RunningEmulator;
  let client: OpenApi;
  beforeAll(async () => {
    emu = await startEmulator({ seed: SEED });
    client = kmsClient(emu.endpoint, KEY);
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.control.reset());

  it("TagResources stores them and ListTagResources returns them, filters included", async () => {
    await call(
      client,
      "TagResources",
      { ResourceType: "instance", "ResourceId.1": ID, ...tagQuery(KEYS) },
      HZ,
    );
    expect(storedTags(emu)).toEqual(expected(KEYS));
    expect((await listedTags(client)).sort()).toEqual(expected(KEYS));
    expect(await listedTags(client, ["__proto__"])).toEqual([["__proto__", "v-__proto__"]]);
    expect(await listedTags(client, ["toString", "constructor"])).toEqual([
      ["constructor", "v-constructor"],
      ["toString", "v-toString"],
    ]);
  });

  it("TagResources overwrites such a key rather than adding a second one", async () => {
    const tag = (value: string) =>
      call(
        client,
        "TagResources",
        {
          ResourceType: "instance",
          "ResourceId.1": ID,
          "Tag.1.Key": "__proto__",
          "Tag.1.Value": value,
        },
        HZ,
      );
    await tag("one");
    await tag("two");
    expect(await listedTags(client)).toEqual([["__proto__", "two"]]);
  });

  it("UntagResources removes exactly the named ones", async () => {
    await call(
      client,
      "TagResources",
      { ResourceType: "instance", "ResourceId.1": ID, ...tagQuery(KEYS) },
      HZ,
    );
    const untag = (keys: string[]) =>
      call(
        client,
        "UntagResources",
        {
          ResourceType: "instance",
          "ResourceId.1": ID,
          ...Object.fromEntries(keys.map((k, i) => [`TagKey.${i + 1}`, k])),
        },
        HZ,
      );
    await untag(["constructor", "toString"]);
    const left = KEYS.filter((k) => k !== "constructor" && k !== "toString");
    expect(storedTags(emu)).toEqual(expected(left));
    expect((await listedTags(client)).sort()).toEqual(expected(left));
    await untag(["__proto__"]);
    expect(storedTags(emu)).toEqual(expected(["hasOwnProperty", "valueOf"]));
  });

  it("the control PATCH over HTTP stores them and GET returns them", async () => {
    const body = `{"Tags":{${KEYS.map((k) => `"${k}":"v-${k}"`).join(",")}}}`;
    const patched = await rawRequest(emu.url, {
      method: "PATCH",
      path: `/_emulator/instances/${ID}`,
      headers: { "content-type": "application/json" },
      body,
    });
    expect(patched.status).toBe(200);
    expect(Object.entries(patched.json().Tags as object).sort()).toEqual(expected(KEYS));
    const got = await rawRequest(emu.url, {
      method: "GET",
      path: `/_emulator/instances/${ID}`,
      headers: { ...CONTROL_HEADERS },
    });
    expect(Object.entries(got.json().Tags as object).sort()).toEqual(expected(KEYS));
    expect((await listedTags(client)).sort()).toEqual(expected(KEYS));
  });

  it("emu.control.patchInstance stores them (computed keys make them own properties)", async () => {
    emu.control.patchInstance(ID, { Tags: { ["__proto__"]: "p", ["toString"]: "t" } });
    expect(storedTags(emu)).toEqual([
      ["__proto__", "p"],
      ["toString", "t"],
    ]);
    expect((await listedTags(client)).sort()).toEqual([
      ["__proto__", "p"],
      ["toString", "t"],
    ]);
  });

  it("a `__proto__` field in a KmsInstance PATCH is a field, never a prototype", async () => {
    const res = await rawRequest(emu.url, {
      method: "PATCH",
      path: `/_emulator/instances/${ID}`,
      headers: { "content-type": "application/json" },
      body: '{"KmsInstance":{"__proto__":{"Status":"Injected"}}}',
    });
    expect(res.status).toBe(200);
    const got = await call(client, "GetKmsInstance", { KmsInstanceId: ID }, HZ);
    const inst = got.body.KmsInstance as Record<string, unknown>;
    expect(inst.Status).toBe("Connected");
    expect(Object.getOwnPropertyDescriptor(inst, "__proto__")?.value).toEqual({
      Status: "Injected",
    });
  });
});

describe("through the state file", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-tagkeys-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps them across a restart", async () => {
    const statePath = path.join(dir, "state.json");
    const first = await startEmulator({ seed: SEED, statePath });
    try {
      await call(
        kmsClient(first.endpoint, KEY),
        "TagResources",
        { ResourceType: "instance", "ResourceId.1": ID, ...tagQuery(KEYS) },
        HZ,
      );
    } finally {
      await first.close();
    }
    expect(fs.readFileSync(statePath, "utf8")).toContain('"__proto__": "v-__proto__"');

    const second = await startEmulator({ seed: SEED, statePath });
    try {
      expect(storedTags(second)).toEqual(expected(KEYS));
      expect((await listedTags(kmsClient(second.endpoint, KEY))).sort()).toEqual(expected(KEYS));
    } finally {
      await second.close();
    }
  });

  it("keeps them in a seed file", async () => {
    const seedPath = path.join(dir, "seed.json");
    fs.writeFileSync(
      seedPath,
      `{"instances":[{"RegionId":"${HZ}","KmsInstance":{"InstanceId":"${ID}"},"Tags":{"__proto__":"s","constructor":"c"}}]}`,
    );
    const emu = await startEmulator({ seed: seedPath });
    try {
      expect(storedTags(emu)).toEqual([
        ["__proto__", "s"],
        ["constructor", "c"],
      ]);
    } finally {
      await emu.close();
    }
  });
});
