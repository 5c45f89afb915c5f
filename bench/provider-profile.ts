/**
 * Profile: where the KmsInstance dynamic provider spends time per resource, beside the wide
 * baseline of `bench:scale` (a provider that answers at once with the same outputs). It explains
 * the kms/wide ratios of `bench:scale` in parts that add up:
 * - fixed, once per CLI run: loading the provider module in the dynamic-provider process (after
 *   `@pulumi/pulumi`, which that process has loaded anyway), in fresh processes;
 * - per resource: settings resolution and client pool lookup, a bare signed `GetKmsInstance`
 *   (openapi-client), the provider's whole `read()`, and the baseline's `read()` — wall and CPU
 *   of this process, and CPU of the emulator (a child process, so the two are told apart);
 * - sizes: the serialized `__provider` and the outputs' JSON.
 *
 * The in-process ratios at the end (provider `read()` against the bare call, median of per-round
 * ratios) are the figure to compare between versions of the provider: both arms run
 * interleaved in the same process against the same emulator, so machine load moves both.
 *
 * Run: `npm run build && node dist/bench/provider-profile.js`. Env: BENCH_INSTANCES (300),
 * BENCH_CONCURRENCY (16), BENCH_SAMPLES (5 cold loads per module), BENCH_ROUNDS (7).
 */
import * as pulumi from "@pulumi/pulumi";
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator, TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET } from "../emulator";
import type * as Core from "../provider/core/kms-core";
import { repoRoot } from "../scripts/pulumi-env";
import { bareGetKmsInstance } from "./bare-client";
import { FLEET_REGION, fleetIds, fleetInstance } from "./scale/fleet";
import { median, pairedRatio, rotation } from "./scale/stats";

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

/** The 1-minute load average, printed with the figures (the machine is shared). */
function loadAverage(): string {
  return os.loadavg()[0].toFixed(2);
}

/** What a dynamic provider module exports, as far as this profile calls it. */
interface ReadingProvider {
  configure?(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  read(id: string, props: Record<string, unknown>): Promise<{ id?: string; props?: unknown }>;
}

/** Child mode: an emulator seeded with the fleet; reports its port and, on request, its CPU. */
async function serveEmulator(): Promise<void> {
  const instances = fleetIds(INSTANCES).map((_, i) => fleetInstance(i));
  const emu = await startEmulator({ seed: { instances } });
  process.on("message", () => {
    const u = process.cpuUsage();
    process.send?.({ cpuMicros: u.user + u.system });
  });
  process.send?.({ url: emu.url, endpoint: emu.endpoint, template: emu.endpointTemplate });
}

/** Milliseconds to `require(module)` in a fresh Node process that has loaded @pulumi/pulumi. */
function coldLoadMs(module: string): number {
  const script =
    `require("@pulumi/pulumi");` +
    `const t = performance.now(); require(${JSON.stringify(module)});` +
    `process.stdout.write(String(performance.now() - t));`;
  return Number(
    execFileSync(process.execPath, ["-e", script], { cwd: repoRoot(), encoding: "utf8" }),
  );
}

function emulatorCpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once("message", (m: { cpuMicros: number }) => resolve(m.cpuMicros));
    child.send("cpu");
  });
}

/** One measured pass of `work` over every id with CONCURRENCY workers. */
async function pass(
  emu: ChildProcess,
  ids: readonly string[],
  work: (id: string) => Promise<void>,
): Promise<{ wallUs: number; cpuUs: number; emuCpuUs: number }> {
  const emuBefore = await emulatorCpuMicros(emu);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ids.length) await work(ids[next++]);
    }),
  );
  const wallUs = ((performance.now() - started) * 1000) / ids.length;
  const used = process.cpuUsage(cpu);
  const emuCpuUs = ((await emulatorCpuMicros(emu)) - emuBefore) / ids.length;
  return { wallUs, cpuUs: (used.user + used.system) / ids.length, emuCpuUs };
}

async function main(): Promise<void> {
  if (process.argv[2] === "--serve-emulator") return serveEmulator();

  console.log(`load average (1 min) at start: ${loadAverage()}`);
  // Fixed cost: the provider module, cold, as the dynamic-provider process loads it.
  const modules = {
    "baseline provider (trivial-provider.js)": path.join(
      repoRoot(),
      "bench/scale/baselines/trivial-provider.js",
    ),
    "program's import (pulumi-alicloud-kms)": "pulumi-alicloud-kms",
    "KmsInstance provider (dynamic.js)": "pulumi-alicloud-kms/dist/provider/dynamic.js",
    "  its API code (core/lifecycle)": "pulumi-alicloud-kms/dist/provider/core/lifecycle.js",
    "  of which @alicloud/openapi-client": "@alicloud/openapi-client",
    "  of which @alicloud/credentials": "@alicloud/credentials",
  };
  console.log(`cold require after @pulumi/pulumi, median of ${SAMPLES} fresh processes:`);
  for (const [label, module] of Object.entries(modules)) {
    const ms = Array.from({ length: SAMPLES }, () => coldLoadMs(module));
    console.log(`  ${label.padEnd(38)} ${median(ms).toFixed(0).padStart(6)} ms`);
  }

  // Per resource: against an emulator in a child process.
  const child = fork(__filename, ["--serve-emulator"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const emu = await new Promise<{ url: string; endpoint: string; template: string }>((resolve) =>
    child.once("message", (m: { url: string; endpoint: string; template: string }) => resolve(m)),
  );
  try {
    const ids = fleetIds(INSTANCES);
    const config: Record<string, string> = {
      "alicloud:region": FLEET_REGION,
      "alicloud:accessKey": TEST_ACCESS_KEY_ID,
      "alicloud:secretKey": TEST_ACCESS_KEY_SECRET,
      "alicloud-kms:endpoint": emu.template,
      "alicloud-kms:stsEndpoint": emu.url,
      "alicloud-kms:bssEndpoint": emu.url,
    };
    // The installed package, as the engine's dynamic-provider process requires it.
    const load = createRequire(path.join(repoRoot(), "package.json"));
    const provider = load("pulumi-alicloud-kms/dist/provider/dynamic.js") as ReadingProvider;
    await provider.configure?.({ config: { get: (k) => config[k] } });
    const stored = { region: FLEET_REGION, managedProperties: [] as string[] };
    const read = await provider.read(ids[0], stored);
    const outputs = read.props as Record<string, unknown>;
    const baseline = load("./bench/scale/baselines/trivial-provider.js") as ReadingProvider;
    // The same package's core (one module instance: the provider's pool, limiter, credentials).
    const { KmsCore } = load("pulumi-alicloud-kms/dist/provider/core/kms-core.js") as typeof Core;

    const bareRead = bareGetKmsInstance({
      endpoint: emu.endpoint,
      region: FLEET_REGION,
      accessKeyId: TEST_ACCESS_KEY_ID,
      accessKeySecret: TEST_ACCESS_KEY_SECRET,
    });
    const source = {
      config: (k: string) => config[k],
      env: process.env,
      warn: () => undefined,
      info: () => undefined,
    };
    const PER_CALL = "same read, settings resolved per call";
    const work: Record<string, (id: string) => Promise<void>> = {
      "settings + client, uncached (no call)": async () => {
        new KmsCore(source).context(FLEET_REGION);
      },
      "bare openapi-client GetKmsInstance": bareRead,
      "KmsInstance provider read()": async (id) => {
        const r = await provider.read(id, stored);
        if (r.id !== id) throw new Error(`read of ${id} failed`);
      },
      // What read() did before one core was kept per configure: settings resolved on every call.
      [PER_CALL]: async (id) => {
        const o = await new KmsCore(source).read({
          kmsInstanceId: id,
          stored,
          firstRead: "none",
          noRegion: {},
        });
        if (!o.found) throw new Error(`read of ${id} failed`);
      },
      "baseline provider read()": async (id) => {
        await baseline.read(id, stored);
      },
    };
    // Warm every path (JIT, sockets) before measuring; then alternate rounds, the order of the
    // arms rotated by one each round so none always runs after the same other.
    for (const w of Object.values(work)) await pass(child, ids.slice(0, 50), w);
    const results: Record<string, { wallUs: number[]; cpuUs: number[]; emuCpuUs: number[] }> = {};
    for (const label of Object.keys(work)) results[label] = { wallUs: [], cpuUs: [], emuCpuUs: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const label of rotation(Object.keys(work), round)) {
        const r = await pass(child, ids, work[label]);
        const acc = results[label];
        acc.wallUs.push(r.wallUs);
        acc.cpuUs.push(r.cpuUs);
        acc.emuCpuUs.push(r.emuCpuUs);
      }
    }
    console.log(
      `per resource, ${INSTANCES} resources, ${CONCURRENCY} in parallel, median of ${ROUNDS} rounds (µs):`,
    );
    console.log(
      `  ${"".padEnd(38)} ${"wall".padStart(7)} ${"cpu".padStart(7)} ${"emu cpu".padStart(8)}`,
    );
    for (const [label, r] of Object.entries(results)) {
      console.log(
        `  ${label.padEnd(38)} ${median(r.wallUs).toFixed(0).padStart(7)} ` +
          `${median(r.cpuUs).toFixed(0).padStart(7)} ${median(r.emuCpuUs).toFixed(0).padStart(8)}`,
      );
    }
    const b = results["bare openapi-client GetKmsInstance"];
    const plusEmu = (r: typeof b): number[] => r.cpuUs.map((c, i) => c + r.emuCpuUs[i]);
    console.log(`in-process ratios, median of ${ROUNDS} per-round ratios:`);
    const ratioLine = (label: string, subject: typeof b, base: typeof b): void => {
      console.log(
        `  ${label.padEnd(38)} wall ${pairedRatio(subject.wallUs, base.wallUs).toFixed(2)}  ` +
          `cpu ${pairedRatio(subject.cpuUs, base.cpuUs).toFixed(2)}  ` +
          `cpu+emu ${pairedRatio(plusEmu(subject), plusEmu(base)).toFixed(2)}  ` +
          `(cpu per round: ${subject.cpuUs.map((c, i) => (c / base.cpuUs[i]).toFixed(2)).join(" ")})`,
      );
    };
    ratioLine("provider read() / bare call", results["KmsInstance provider read()"], b);
    ratioLine("settings per call / bare call", results[PER_CALL], b);
    ratioLine(
      "provider read() / settings per call",
      results["KmsInstance provider read()"],
      results[PER_CALL],
    );
    console.log(`load average (1 min) at end: ${loadAverage()}`);

    const serialized = await pulumi.runtime.serializeFunction(() => provider);
    console.log(
      `sizes: __provider ${serialized.text.length} bytes; outputs JSON ${JSON.stringify(outputs).length} bytes, ${Object.keys(outputs).length} keys`,
    );
  } finally {
    child.kill();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
