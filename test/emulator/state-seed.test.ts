/**
 * Persistence (`statePath`: atomic writes, reload, corrupt files) and seed files (valid, invalid).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  DEFAULT_SEED_IDS,
  SeedFileError,
  startEmulator,
  StateFileError,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  type SeedFile,
} from "../../emulator";
import { call, kmsClient } from "./kms-client";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-emulator-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const KEY = { accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: TEST_ACCESS_KEY_SECRET };
const SEED: SeedFile = {
  instances: [
    {
      RegionId: "cn-hangzhou",
      KmsInstance: { InstanceId: "kst-seed1x", InstanceName: "one" },
      Tags: { t: "1" },
    },
  ],
};

describe("state file", () => {
  it("writes every mutation and reloads it at start", async () => {
    const statePath = path.join(dir, "state.json");
    const first = await startEmulator({ seed: SEED, statePath });
    expect(JSON.parse(fs.readFileSync(statePath, "utf8")).instances).toHaveLength(1);
    await call(
      kmsClient(first.endpoint, KEY),
      "UpdateKmsInstance",
      { KmsInstanceId: "kst-seed1x", InstanceName: "renamed" },
      "cn-hangzhou",
    );
    first.control.putInstance({
      RegionId: "cn-shanghai",
      KmsInstance: { InstanceId: "kst-added1x" },
    });
    await first.close();
    // No temp files left behind: just the state and the nonce journal (state-recovery.test.ts).
    expect(fs.readdirSync(dir).sort()).toEqual(["state.json", "state.json.nonces"]);

    const second = await startEmulator({ seed: SEED, statePath });
    try {
      expect(second.control.getInstance("kst-seed1x")?.KmsInstance.InstanceName).toBe("renamed");
      expect(second.control.getInstance("kst-added1x")?.RegionId).toBe("cn-shanghai");
      second.control.reset();
      const saved = JSON.parse(fs.readFileSync(statePath, "utf8")) as SeedFile;
      expect(saved.instances.map((i) => i.KmsInstance.InstanceName)).toEqual(["one"]);
    } finally {
      await second.close();
    }
  });

  it("replaces the file by rename, never editing it in place", async () => {
    const statePath = path.join(dir, "state.json");
    const emu = await startEmulator({ seed: SEED, statePath });
    try {
      const before = fs.statSync(statePath).ino;
      emu.control.patchInstance("kst-seed1x", { Tags: { t: "2" } });
      expect(fs.statSync(statePath).ino).not.toBe(before);
      expect(JSON.parse(fs.readFileSync(statePath, "utf8")).instances[0].Tags).toEqual({ t: "2" });
    } finally {
      await emu.close();
    }
  });

  it("keeps a pending connection across a restart", async () => {
    const statePath = path.join(dir, "state.json");
    const seed: SeedFile = {
      instances: [
        {
          RegionId: "cn-hangzhou",
          KmsInstance: { InstanceId: "kst-new1x", Status: "Uninitialized" },
        },
      ],
    };
    const first = await startEmulator({ seed, statePath, connectDelayMs: 100 });
    await call(
      kmsClient(first.endpoint, KEY),
      "ConnectKmsInstance",
      {
        KmsInstanceId: "kst-new1x",
        VpcId: "vpc-1",
        ZoneIds: "z1,z2",
        VSwitchIds: "vsw-1",
        KMProvider: "Aliyun",
      },
      "cn-hangzhou",
    );
    await first.close();
    await new Promise((r) => setTimeout(r, 150));
    const second = await startEmulator({ seed, statePath });
    try {
      expect(second.control.getInstance("kst-new1x")?.KmsInstance.Status).toBe("Connected");
    } finally {
      await second.close();
    }
  });

  it.each([
    ["not JSON", "{ nope"],
    ["wrong shape", '{"instances": {}}'],
    [
      "wrong field type",
      '{"instances":[{"RegionId":"cn-hangzhou","KmsInstance":{"InstanceId":"kst-a","SecretNum":1}}]}',
    ],
    ["empty file", ""],
  ])("refuses a corrupt state file (%s) and leaves it untouched", async (_name, content) => {
    const statePath = path.join(dir, "state.json");
    fs.writeFileSync(statePath, content);
    await expect(startEmulator({ statePath })).rejects.toThrow(StateFileError);
    await expect(startEmulator({ statePath })).rejects.toThrow(/corrupt/);
    expect(fs.readFileSync(statePath, "utf8")).toBe(content);
  });
});

describe("seed", () => {
  it("loads a seed file from a path", async () => {
    const seedPath = path.join(dir, "seed.json");
    fs.writeFileSync(seedPath, JSON.stringify(SEED));
    const emu = await startEmulator({ seed: seedPath });
    try {
      expect(emu.control.listInstances()).toEqual(SEED.instances);
      const res = await call(
        kmsClient(emu.endpoint, KEY),
        "GetKmsInstance",
        { KmsInstanceId: "kst-seed1x" },
        "cn-hangzhou",
      );
      expect(res.body.KmsInstance).toEqual(SEED.instances[0].KmsInstance);
    } finally {
      await emu.close();
    }
  });

  it("starts empty with { instances: [] } and with the default seed otherwise", async () => {
    const empty = await startEmulator({ seed: { instances: [] } });
    const dflt = await startEmulator();
    try {
      expect(empty.control.listInstances()).toEqual([]);
      expect(dflt.control.listInstances().map((i) => i.KmsInstance.InstanceId)).toEqual(
        Object.values(DEFAULT_SEED_IDS),
      );
    } finally {
      await Promise.all([empty.close(), dflt.close()]);
    }
  });

  it.each([
    ["a missing file", undefined, /cannot read/],
    ["bad JSON", "{", /not valid JSON/],
    ["no instances array", "{}", /instances/],
    [
      "a bad region",
      '{"instances":[{"RegionId":"Hangzhou","KmsInstance":{"InstanceId":"kst-a"}}]}',
      /RegionId/,
    ],
    [
      "a bad id",
      '{"instances":[{"RegionId":"cn-hangzhou","KmsInstance":{"InstanceId":"i-123"}}]}',
      /InstanceId/,
    ],
    [
      "a numeric VpcOwnerId",
      '{"instances":[{"RegionId":"cn-hangzhou","KmsInstance":{"InstanceId":"kst-a","BindVpcs":{"BindVpc":[{"VpcOwnerId":1}]}}}]}',
      /BindVpc/,
    ],
    [
      "a date with milliseconds",
      '{"instances":[{"RegionId":"cn-hangzhou","KmsInstance":{"InstanceId":"kst-a","EndDate":"2024-01-01T00:00:00.000Z"}}]}',
      /EndDate/,
    ],
    [
      "duplicate ids",
      '{"instances":[{"RegionId":"cn-hangzhou","KmsInstance":{"InstanceId":"kst-a"}},{"RegionId":"cn-beijing","KmsInstance":{"InstanceId":"kst-a"}}]}',
      /duplicate/,
    ],
  ])("rejects a seed file with %s", async (_name, content, message) => {
    const seedPath = path.join(dir, "seed.json");
    if (content !== undefined) fs.writeFileSync(seedPath, content);
    const started = startEmulator({ seed: seedPath });
    await expect(started).rejects.toThrow(SeedFileError);
    await expect(started).rejects.toThrow(message);
  });
});
