/**
 * Benchmark: what a refresh of many instances costs through the provider, against the floor of
 * the same `GetKmsInstance` calls made with the bare `@alicloud/openapi-client`, side by side in
 * one process against one emulator. "Provider" is exactly what the dynamic provider's `read()`
 * does per resource: take the region's settings and pooled client (resolved once per configure),
 * GetKmsInstance with retry and classification, map to outputs and inputs, check operator warnings.
 *
 * Run: `npm run bench:refresh`. Env: BENCH_INSTANCES (default 300), BENCH_CONCURRENCY (default 16,
 * the engine's refresh parallelism is of that order), BENCH_ROUNDS (default 5, alternating).
 * The reported ratio is the median of the per-round ratios (provider rate / bare rate).
 */
import { performance } from "node:perf_hooks";
import {
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  startEmulator,
  type SeedInstance,
} from "../emulator";
import { KmsCore } from "../provider/core/kms-core";
import { bareGetKmsInstance } from "./bare-client";

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REGION = "cn-hangzhou";

function seed(): SeedInstance[] {
  return Array.from({ length: INSTANCES }, (_, i) => ({
    RegionId: REGION,
    KmsInstance: {
      InstanceId: `kst-hzz${String(i).padStart(5, "0")}bench000xxxx`,
      InstanceName: `bench-${i}`,
      Status: "Connected",
      EndDate: "2030-01-01T00:00:00Z",
      SecretNum: "100",
      KeyNum: 1000,
      ZoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
      BindVpcs: {
        BindVpc: [
          { RegionId: REGION, VpcId: "vpc-1", VSwitchId: "vsw-1", VpcOwnerId: "1234567890123456" },
        ],
      },
    },
  }));
}

/** Runs `work` over every id with `CONCURRENCY` workers; returns reads per second. */
async function refreshAll(ids: string[], work: (id: string) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ids.length) await work(ids[next++]);
    }),
  );
  return ids.length / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const instances = seed();
  const emu = await startEmulator({ seed: { instances } });
  const ids = instances.map((i) => i.KmsInstance.InstanceId as string);
  const config: Record<string, string> = {
    "alicloud:accessKey": TEST_ACCESS_KEY_ID,
    "alicloud:secretKey": TEST_ACCESS_KEY_SECRET,
    "alicloud-kms:endpoint": emu.endpointTemplate,
    "alicloud-kms:stsEndpoint": emu.url,
    "alicloud-kms:bssEndpoint": emu.url,
  };
  const env = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" };

  const bareRead = bareGetKmsInstance({
    endpoint: emu.endpoint,
    region: REGION,
    accessKeyId: TEST_ACCESS_KEY_ID,
    accessKeySecret: TEST_ACCESS_KEY_SECRET,
  });
  let warnings = 0;
  // As dynamic.ts does: one core per configure, shared by every read.
  const core = new KmsCore({
    config: (k) => config[k],
    env,
    warn: () => warnings++,
    info: () => undefined,
  });
  const providerRead = async (id: string): Promise<void> => {
    const r = await core.read({
      kmsInstanceId: id,
      stored: { region: REGION, managedProperties: ["bindVpcs"] },
      firstRead: "none",
      noRegion: {},
    });
    if (!r.found || r.outputs.instanceId !== id) throw new Error(`provider read of ${id} failed`);
  };

  // Warm both paths (connections, JIT) before measuring.
  await refreshAll(ids.slice(0, 50), bareRead);
  await refreshAll(ids.slice(0, 50), providerRead);

  const ratios: number[] = [];
  const rates = { bare: [] as number[], provider: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const b = await refreshAll(ids, bareRead);
    const p = await refreshAll(ids, providerRead);
    rates.bare.push(b);
    rates.provider.push(p);
    ratios.push(p / b);
  }
  await emu.close();
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `refresh of ${INSTANCES} instances, ${CONCURRENCY} in parallel, ${ROUNDS} alternating rounds`,
  );
  console.log(`bare openapi-client GetKmsInstance  ${median(rates.bare).toFixed(0)} reads/s`);
  console.log(
    `provider read (settings, pool, retry, mapping)  ${median(rates.provider).toFixed(0)} reads/s`,
  );
  console.log(
    `  ≈ ${(INSTANCES / median(rates.provider)).toFixed(2)} s of provider time per refresh of ${INSTANCES}`,
  );
  console.log(`per-round ratios: ${ratios.map((r) => r.toFixed(2)).join(" ")}`);
  console.log(`ratio provider/bare (median of rounds): ${median(ratios).toFixed(2)}`);
  if (warnings !== 0) throw new Error(`unexpected warnings: ${warnings}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
