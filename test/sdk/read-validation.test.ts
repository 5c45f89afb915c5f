/**
 * The SDK's reads check the id and the region before any call (issue 10): `getKmsInstance`,
 * `getKmsInstanceOutput`, `listKmsInstances` and `KmsInstance.get` (both classes) name the
 * property and the accepted form, and the emulator records no request. And an instance that is
 * not enabled yet reads fine: no tags, no VPC outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_SEED_IDS, startEmulator, type RunningEmulator } from "../../emulator";
import { setEmulatorProgramConfig } from "./support/program-config";
import { KmsInstance, getKmsInstance, getKmsInstanceOutput, listKmsInstances } from "../../sdk";
import { KmsInstance as PluginKmsInstance } from "../../sdk/plugin/kms-instance";

let emu: RunningEmulator;

beforeAll(async () => {
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  emu = await startEmulator();
  setEmulatorProgramConfig(emu);
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.control.reset();
  emu.control.resetStats();
});

const ID_FORM =
  /kmsInstanceId must be a KMS instance id: `kst-` and 8–64 lowercase letters or digits, e\.g\. `kst-[a-z0-9]+`; got "not-an-id"\./;
const REGION_FORM =
  /region must be a region id \(e\.g\. `cn-hangzhou`, `ap-southeast-1`\); got "Hangzhou"\./;

/**
 * The value of an Output, or its failure. The Output's other internal promises (known, secret)
 * carry the same failure: they are observed too, so it is not reported as unhandled.
 */
function settle(o: pulumi.Output<unknown>): Promise<unknown> {
  const impl = o as unknown as {
    promise(): Promise<unknown>;
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
  };
  impl.isKnown.catch(() => undefined);
  impl.isSecret.catch(() => undefined);
  return impl.promise();
}

test("getKmsInstance rejects a malformed id or region, naming it, with no API call", async () => {
  await expect(getKmsInstance({ kmsInstanceId: "not-an-id" })).rejects.toThrow(
    new RegExp(`^getKmsInstance: ${ID_FORM.source} No API call was made\\.$`),
  );
  await expect(
    getKmsInstance({ kmsInstanceId: DEFAULT_SEED_IDS.connected, region: "Hangzhou" }),
  ).rejects.toThrow(REGION_FORM);
  await expect(getKmsInstance({ kmsInstanceId: "not-an-id", region: "Hangzhou" })).rejects.toThrow(
    /kmsInstanceId must be .* region must be/,
  );
  expect(emu.control.stats().total).toBe(0);
});

test("getKmsInstanceOutput rejects a malformed id with no API call", async () => {
  const out = getKmsInstanceOutput({ kmsInstanceId: pulumi.output("not-an-id") });
  await expect(settle(out)).rejects.toThrow(ID_FORM);
  expect(emu.control.stats().total).toBe(0);
});

test("listKmsInstances rejects a malformed region with no API call", async () => {
  await expect(listKmsInstances({ region: "Hangzhou" })).rejects.toThrow(
    new RegExp(`^listKmsInstances: ${REGION_FORM.source}`),
  );
  expect(emu.control.stats().total).toBe(0);
});

test.each([
  ["dynamic", KmsInstance.get.bind(KmsInstance)],
  ["plugin", PluginKmsInstance.get.bind(PluginKmsInstance)],
] as const)("%s KmsInstance.get throws on a malformed plain id or region", (_kind, get) => {
  expect(() => get("ref", "not-an-id")).toThrow(
    new RegExp(`^KmsInstance.get\\("ref"\\): ${ID_FORM.source}`),
  );
  expect(() => get("ref", DEFAULT_SEED_IDS.connected, { region: "Hangzhou" })).toThrow(REGION_FORM);
  expect(emu.control.stats().total).toBe(0);
});

test("the plugin class also takes the import form <region>/kst-…, checking both parts", () => {
  expect(() => PluginKmsInstance.get("ref", "Hangzhou/kst-hzz65f176a0ogplgqxxxx")).toThrow(
    REGION_FORM,
  );
  expect(() => PluginKmsInstance.get("ref", "cn-hangzhou/not-an-id")).toThrow(ID_FORM);
});

test("getKmsInstance of an Uninitialized instance: no tags, no VPC outputs, never empty strings", async () => {
  const info = await getKmsInstance({ kmsInstanceId: DEFAULT_SEED_IDS.uninitialized });
  expect(info.status).toBe("Uninitialized");
  expect(info.tags).toEqual({});
  for (const k of ["vpcId", "zoneIds", "vswitchIds", "caCertificateChainPem"]) {
    expect(info).not.toHaveProperty(k);
  }
  expect(Object.values(info)).not.toContain("");
});

test("a malformed configured region is named as such, with no API call", async () => {
  pulumi.runtime.setConfig("alicloud:region", "Hangzhou!");
  try {
    await expect(getKmsInstance({ kmsInstanceId: DEFAULT_SEED_IDS.connected })).rejects.toThrow(
      /^getKmsInstance: region \(from the `alicloud:region` config, ALIBABA_CLOUD_REGION or ALICLOUD_REGION\) must be a region id .*got "Hangzhou!"/,
    );
    await expect(listKmsInstances({})).rejects.toThrow(
      /^listKmsInstances: region \(from the `alicloud:region` config, ALIBABA_CLOUD_REGION or ALICLOUD_REGION\) must be a region id .*got "Hangzhou!"/,
    );
  } finally {
    setEmulatorProgramConfig(emu);
  }
  expect(emu.control.stats().total).toBe(0);
});
