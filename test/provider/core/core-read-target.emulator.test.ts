/**
 * The engine's first read of a `KmsInstance.get` reference (or an import) whose id only resolved
 * now (an Output): `KmsCore.read` checks the id and the region before any call, so a malformed
 * one is named instead of costing a call and coming back "does not exist".
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import {
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  startEmulator,
  type RunningEmulator,
} from "../../../emulator";
import { KmsCore } from "../../../provider/core/kms-core";

let emu: RunningEmulator;

function deps(region = "cn-hangzhou"): KmsCore {
  const config: Record<string, string> = {
    "alicloud:region": region,
    "alicloud:accessKey": TEST_ACCESS_KEY_ID,
    "alicloud:secretKey": TEST_ACCESS_KEY_SECRET,
    "alicloud-kms:endpoint": emu.endpointTemplate,
    "alicloud-kms:stsEndpoint": emu.url,
    "alicloud-kms:bssEndpoint": emu.url,
  };
  return new KmsCore({
    config: (k) => config[k],
    env: {},
    warn: () => undefined,
    info: () => undefined,
  });
}

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => emu.control.resetStats());

const read = (kmsInstanceId: string, d: KmsCore, idRegion?: string) =>
  d.read({
    kmsInstanceId,
    idRegion,
    stored: {},
    firstRead: "none",
    noRegion: {},
  });

test("a malformed id is named with the accepted form, before any call", async () => {
  await expect(read("not-an-id", deps())).rejects.toThrow(
    /^cannot read "not-an-id": kmsInstanceId must be a KMS instance id: `kst-` and 8–64 lowercase letters or digits/,
  );
  await expect(read("KST-UPPER0000000", deps())).rejects.toThrow(/got "KST-UPPER0000000"/);
  expect(emu.control.stats().total).toBe(0);
});

test("a malformed region named by an import id is named before any call", async () => {
  await expect(read("kst-hzz65f176a0ogplgqxxxx", deps(), "Hangzhou")).rejects.toThrow(
    /region must be a region id \(e\.g\. `cn-hangzhou`, `ap-southeast-1`\); got "Hangzhou"/,
  );
  expect(emu.control.stats().total).toBe(0);
});
