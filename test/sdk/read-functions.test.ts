/**
 * `getKmsInstance`, `getKmsInstanceOutput` and `listKmsInstances` as a program calls them:
 * stack config through Pulumi's runtime config, the real client, the emulator over HTTP.
 */
import * as pulumi from "@pulumi/pulumi";
import { LISTING_PAGE_SIZE } from "../../provider/core/gone-evidence";
import {
  DEFAULT_SEED_IDS,
  DEFAULT_SEED_REGIONS,
  defaultSeed,
  startEmulator,
  type RunningEmulator,
  type SeedInstance,
} from "../../emulator";
import { setEmulatorProgramConfig } from "./support/program-config";
import { getKmsInstance, getKmsInstanceOutput, listKmsInstances } from "../../sdk";

let emu: RunningEmulator;

/** 130 extra instances in cn-shanghai, so listing needs two pages of 100. */
function bulk(n: number): SeedInstance[] {
  return Array.from({ length: n }, (_, i) => ({
    RegionId: "cn-shanghai",
    KmsInstance: {
      InstanceId: `kst-shh${String(i).padStart(4, "0")}bulk0000xxxx`,
      InstanceName: i % 10 === 0 ? "batch-ten" : `bulk-${i}`,
      Status: "Uninitialized",
    },
  }));
}

beforeAll(async () => {
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  const seed = defaultSeed();
  seed.instances.push(...bulk(130));
  emu = await startEmulator({ seed });
  setEmulatorProgramConfig(emu);
});

afterAll(async () => {
  await emu?.close();
});

test("getKmsInstance returns every field, typed, with user tags", async () => {
  const info = await getKmsInstance({ kmsInstanceId: DEFAULT_SEED_IDS.connected });
  const api = emu.control.getInstance(DEFAULT_SEED_IDS.connected)!;
  expect(info.kmsInstanceId).toBe(DEFAULT_SEED_IDS.connected);
  expect(info.region).toBe("cn-hangzhou");
  expect(info.vpcId).toBe(api.KmsInstance.VpcId);
  expect(info.secretNum).toBe(Number(api.KmsInstance.SecretNum));
  expect(info.caCertificateChainPem).toBe(api.KmsInstance.CaCertificateChainPem);
  expect(info.bindVpcs?.map((v) => v.vpcOwnerId)).toEqual(
    (api.KmsInstance.BindVpcs as { BindVpc: { VpcOwnerId: string }[] }).BindVpc.map(
      (v) => v.VpcOwnerId,
    ),
  );
  expect(info.tags).toEqual(api.Tags);
  expect(info).not.toHaveProperty("managedProperties");
});

test("getKmsInstance in another region, and a clear error for a missing instance", async () => {
  const other = await getKmsInstance({
    kmsInstanceId: DEFAULT_SEED_IDS.expiring,
    region: DEFAULT_SEED_REGIONS.expiring,
  });
  expect(other.region).toBe(DEFAULT_SEED_REGIONS.expiring);
  // The same id through the other region's endpoint is not found.
  await expect(getKmsInstance({ kmsInstanceId: DEFAULT_SEED_IDS.expiring })).rejects.toThrow(
    `KMS instance ${DEFAULT_SEED_IDS.expiring} does not exist in cn-hangzhou`,
  );
});

test("getKmsInstanceOutput waits for its inputs", async () => {
  const out = getKmsInstanceOutput({ kmsInstanceId: pulumi.output(DEFAULT_SEED_IDS.connected) });
  const status = await new Promise((resolve) => out.apply((o) => resolve(o.status)));
  expect(status).toBe("Connected");
});

test("listKmsInstances returns every page, and filters by name", async () => {
  emu.control.resetStats();
  const all = await listKmsInstances({ region: "cn-shanghai" });
  const expected = emu.control
    .listInstances()
    .filter((i) => i.RegionId === "cn-shanghai")
    .map((i) => i.KmsInstance.InstanceId as string)
    .sort();
  expect(expected.length).toBeGreaterThan(100);
  expect([...all.ids].sort()).toEqual(expected);
  expect(new Set(all.ids).size).toBe(all.ids.length);
  expect(all.instances[0].kmsInstanceArn).toMatch(/^acs:kms:cn-shanghai:\d+:keystore\/kst-/);
  expect(emu.control.stats().byAction.ListKmsInstances["200"]).toBe(
    Math.ceil(expected.length / LISTING_PAGE_SIZE),
  );

  const ten = await listKmsInstances({ region: "cn-shanghai", instanceName: "batch-ten" });
  expect(ten.ids).toHaveLength(13);
  const home = await listKmsInstances();
  expect(home.region).toBe("cn-hangzhou");
  expect(home.ids).toEqual(expect.arrayContaining([DEFAULT_SEED_IDS.connected]));
});
