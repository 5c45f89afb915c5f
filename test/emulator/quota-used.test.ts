/**
 * The emulator's seedable used counts of `GetKmsInstanceQuotaInfos` (`QuotaUsed`): validated
 * like every seed field, settable and removable through the control API, and what the signed
 * API answers (the real client asks it).
 */
import {
  DEFAULT_SEED_IDS,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  defaultSeed,
  startEmulator,
  type RunningEmulator,
} from "../../emulator";
import { validateSeedInstance } from "../../emulator/instance-schema";
import { KmsClient } from "../../provider/kms/client";
import { resolveKmsSettings } from "../../provider/kms/settings";

const ID = DEFAULT_SEED_IDS.connected;
let emu: RunningEmulator;
let client: KmsClient;

beforeAll(async () => {
  const seed = defaultSeed();
  seed.instances[0].QuotaUsed = { key: 7 };
  emu = await startEmulator({ seed });
  const config: Record<string, string> = {
    "alicloud:accessKey": TEST_ACCESS_KEY_ID,
    "alicloud:secretKey": TEST_ACCESS_KEY_SECRET,
    "alicloud-kms:endpoint": emu.endpointTemplate,
  };
  client = new KmsClient(
    resolveKmsSettings({
      region: "cn-hangzhou",
      config: (k) => config[k],
      env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    }),
  );
});
afterAll(() => emu?.close());

const used = async (type: "key" | "secret" | "qps" | "vpc") =>
  (
    (await client.getKmsInstanceQuotaInfos(ID, type)) as {
      KmsInstanceQuotaInfos?: { UsedQuantity?: unknown }[];
    }
  ).KmsInstanceQuotaInfos?.[0]?.UsedQuantity;

test("a seeded count is answered; an unseeded one is 0, bound VPCs for vpc", async () => {
  expect(await used("key")).toBe(7);
  expect(await used("secret")).toBe(0);
  const bound = (emu.control.getInstance(ID)!.KmsInstance.BindVpcs as { BindVpc: unknown[] })
    .BindVpc.length;
  expect(await used("vpc")).toBe(bound);
});

test("the control API replaces the counts, and null removes them", async () => {
  emu.control.patchInstance(ID, { QuotaUsed: { secret: 12, vpc: 1 } });
  expect(await used("secret")).toBe(12);
  expect(await used("vpc")).toBe(1);
  expect(await used("key")).toBe(0);
  emu.control.patchInstance(ID, { QuotaUsed: null });
  expect(emu.control.getInstance(ID)).not.toHaveProperty("QuotaUsed");
});

test.each<[string, unknown, RegExp]>([
  ["an unknown type", { keys: 1 }, /QuotaUsed\.keys is not a quota type/],
  ["a negative count", { key: -1 }, /QuotaUsed\.key must be a non-negative integer/],
  ["a string count", { key: "1" }, /QuotaUsed\.key must be a non-negative integer/],
  ["not an object", [1], /QuotaUsed must be an object/],
])("a seed with %s is refused", (_name, QuotaUsed, message) => {
  const entry = { ...defaultSeed().instances[0], QuotaUsed };
  expect(() => validateSeedInstance(entry, "seed")).toThrow(message);
  // Deliberately ill-typed: the control API receives JSON from outside TypeScript.
  expect(() => emu.control.patchInstance(ID, { QuotaUsed } as never)).toThrow(message);
});
