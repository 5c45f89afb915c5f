/**
 * A refresh-sized burst under a quota: 100 parallel GetKmsInstance reads of 100 instances in two
 * regions, through the session's clients, against the emulator throttling at 20 requests/s. The
 * session's limiter has to bring the whole burst to the quota: zero failures, and a time near the 5 s floor
 * (printed; asserted only loosely, so a loaded machine cannot fail it).
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import {
  RunningEmulator,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  type SeedInstance,
} from "../../../emulator";
import { collectCallStats } from "../../../provider/kms/retry";
import { clearSessions, kmsClientCount, sessionFor } from "../../../provider/kms/session";
import { resolveKmsSettings } from "../../../provider/kms/settings";

const N = 100;
const QUOTA = 20;
const REGIONS = ["cn-hangzhou", "cn-shanghai"] as const;

const ids = Array.from({ length: N }, (_, i) => {
  const region = REGIONS[i % 2];
  const tag = region === "cn-hangzhou" ? "hzz" : "shh";
  return { region, id: `kst-${tag}${String(i).padStart(4, "0")}quota000xxxx` };
});

function seedInstances(): SeedInstance[] {
  return ids.map(({ region, id }, i) => ({
    RegionId: region,
    KmsInstance: { InstanceId: id, InstanceName: `quota-${i}`, Status: "Connected" },
  }));
}

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ seed: { instances: seedInstances() } });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  clearSessions();
});

function settings(region: string) {
  return resolveKmsSettings({
    region,
    config: (k) =>
      ({
        "alicloud:accessKey": TEST_ACCESS_KEY_ID,
        "alicloud:secretKey": TEST_ACCESS_KEY_SECRET,
        "alicloud-kms:endpoint": emu.endpointTemplate,
      })[k],
    env: {},
  });
}

test(`${N} parallel reads under a ${QUOTA} requests/s quota all succeed, near the floor`, async () => {
  emu.control.setFaults({ throttleRps: QUOTA });
  const started = Date.now();
  const outcomes = await Promise.all(
    ids.map(async ({ region, id }) => {
      const s = settings(region);
      const { stats, result } = collectCallStats(() => sessionFor(s).client(s).getKmsInstance(id));
      try {
        const inst = await result;
        return { ok: inst.InstanceId === id, stats };
      } catch (err) {
        return { ok: false, error: String(err), stats };
      }
    }),
  );
  const elapsedS = (Date.now() - started) / 1000;
  const floorS = N / QUOTA;
  const failures = outcomes.filter((o) => !o.ok);
  const retried = outcomes.reduce((n, o) => n + o.stats.throttledRetries, 0);
  const stats = emu.control.stats().byAction.GetKmsInstance ?? {};
  console.log(
    `${N} reads at ${QUOTA} req/s: ${elapsedS.toFixed(2)} s = ${(elapsedS / floorS).toFixed(2)} × ` +
      `the ${floorS} s floor; ${retried} throttled calls retried; limiter at ` +
      `${sessionFor(settings(REGIONS[0])).limiter.rate()?.toFixed(1)} req/s; answers ${JSON.stringify(stats)}`,
  );
  expect(failures).toEqual([]);
  expect(kmsClientCount()).toBe(REGIONS.length);
  expect(stats["200"]).toBe(N);
  // The quota was hit (else this tested nothing) and every throttled answer was retried.
  expect(stats["400"]).toBeGreaterThan(0);
  expect(retried).toBe(stats["400"]);
  // Loose: the time is printed above; a hung limiter or a blind retry storm would exceed this.
  expect(elapsedS).toBeLessThan(floorS * 6);
}, 120_000);
