/**
 * Benchmark: what adopted KmsInstances cost the real Pulumi CLI at scale, against three baselines
 * run by the same CLI in the same run: `pulumi up`, `pulumi refresh` and
 * `pulumi preview --refresh` of N adopted instances (the emulator holds them) beside N trivial
 * dynamic resources, beside N trivial dynamic resources answering with a KmsInstance's
 * outputs (the "wide" baseline the ratios are taken to), and beside the wide baseline plus one
 * bare signed `GetKmsInstance` per create and read (the "call" baseline: the floor of any
 * provider that adopts with the official client). Kinds are interleaved per operation and
 * round; the table shows medians. Then a refresh under the emulator's request quota.
 *
 * Run: `npm run bench:scale` (builds, then `node dist/bench/scale.js`); `--short` for the quick
 * run `npm test` makes. Knobs (env): BENCH_SIZES (default 10,100,300), BENCH_ROUNDS (3),
 * BENCH_THROTTLE_INSTANCES (100), BENCH_THROTTLE_RPS (20), BENCH_THROTTLE_ROUNDS (3).
 * Needs the Pulumi CLI (`npm run setup:pulumi`). Exits 1 if any throttled read failed.
 */
import * as os from "node:os";
import { startEmulator, TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET } from "../emulator";
import { FLEET_REGION, fleetIds, seedFleet } from "./scale/fleet";
import { parseScaleOptions, type ScaleOptions } from "./scale/options";
import {
  OPERATIONS,
  formatTable,
  formatThrottle,
  resultLine,
  toRows,
  toThrottleResult,
  type Operation,
  type ScaleResult,
  type Timings,
} from "./scale/report";
import { rotation } from "./scale/stats";
import { beforeFirstRequestMs, summarizeThrottledRefresh } from "./scale/throttle-summary";
import { wideTemplate } from "./scale/wide-template";
import { KINDS, createWorkspace, type BenchWorkspace } from "./scale/workspace";
import type { RunningEmulator } from "../emulator";

/** Progress goes to stderr, so stdout holds only the results. */
function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

/** The provider's (non-secret) config: the emulator's endpoints, region and test key id. */
function providerConfig(emu: RunningEmulator): Record<string, string> {
  return {
    "alicloud:region": FLEET_REGION,
    "alicloud:accessKey": TEST_ACCESS_KEY_ID,
    "alicloud-kms:endpoint": emu.endpointTemplate,
    // STS GetCallerIdentity (the owner of adopted instances) from the same emulator.
    "alicloud-kms:stsEndpoint": emu.url,
    "alicloud-kms:bssEndpoint": emu.url,
  };
}

/** Stack config of every kind: the subject needs it, and the baselines get the same bytes. */
function stackConfig(emu: RunningEmulator, ids: string[]): Record<string, unknown> {
  return { ...providerConfig(emu), ids };
}

const SECRETS = { "alicloud:secretKey": TEST_ACCESS_KEY_SECRET };

/** Every operation at one size, all kinds interleaved, `rounds` times. */
async function measureSize(
  ws: BenchWorkspace,
  emu: RunningEmulator,
  size: number,
  rounds: number,
): Promise<Timings[]> {
  const timings = (Object.keys(OPERATIONS) as Operation[]).map((op): Timings => ({
    size,
    op,
    kms: [],
    trivial: [],
    wide: [],
    call: [],
    cpu: { kms: [], trivial: [], wide: [], call: [], emulator: [], callEmulator: [] },
  }));
  const config = stackConfig(emu, fleetIds(size));
  for (let round = 0; round < rounds; round++) {
    const order = rotation(KINDS, round);
    const stack = `n${size}-r${round}`;
    for (const kind of order) await ws.createStack(kind, stack, config, SECRETS);
    for (const t of timings) {
      for (const kind of order) {
        const r = await ws.ok(kind, stack, OPERATIONS[t.op]);
        t[kind].push(r.seconds);
        t.cpu[kind].push(r.cliCpuSeconds);
        if (kind === "kms") t.cpu.emulator.push(r.benchCpuSeconds);
        if (kind === "call") t.cpu.callEmulator.push(r.benchCpuSeconds);
        progress(
          `N=${size} round ${round + 1}/${rounds} ${t.op} ${kind}: ${r.seconds.toFixed(2)} s, cpu ${r.cliCpuSeconds.toFixed(2)} s (load ${load()})`,
        );
      }
    }
    for (const kind of order) await ws.removeStack(kind, stack);
  }
  return timings;
}

/**
 * The refresh measured under the quota: without its preview, so each instance is read once
 * (`pulumi refresh --yes` reads every resource twice, preview then refresh) and the quota
 * floor is exactly instances / rps.
 */
const THROTTLED_REFRESH = ["refresh", "--yes", "--skip-preview", "--expect-no-changes"];

/**
 * The refresh under the quota, each round beside the same refresh without it, and beside the
 * call baseline's refresh of the same instances without it (how long the CLI takes to reach the
 * first request when the provider adds nothing).
 */
async function measureThrottled(
  ws: BenchWorkspace,
  emu: RunningEmulator,
  opts: ScaleOptions,
): Promise<ScaleResult["throttle"]> {
  const ids = fleetIds(opts.throttleInstances);
  const stack = "throttled";
  for (const kind of ["kms", "call"] as const) {
    await ws.createStack(kind, stack, stackConfig(emu, ids), SECRETS);
    await ws.ok(kind, stack, OPERATIONS.up);
  }
  /** An unthrottled refresh of `kind`, and how long its CLI took to reach the first request. */
  const unthrottled = async (kind: "kms" | "call") => {
    emu.control.resetStats();
    const run = await ws.ok(kind, stack, THROTTLED_REFRESH);
    return {
      seconds: run.seconds,
      beforeFirstMs: beforeFirstRequestMs(emu.control.requests(), run),
    };
  };
  const rounds = [];
  for (let round = 0; round < opts.throttleRounds; round++) {
    const plain = await unthrottled("kms");
    emu.control.resetStats();
    emu.control.setFaults({ throttleRps: opts.throttleRps });
    const throttled = await ws.run("kms", stack, THROTTLED_REFRESH);
    emu.control.clearFaults();
    const summary = summarizeThrottledRefresh({
      log: emu.control.requests(),
      stats: emu.control.stats(),
      ids,
      exitCode: throttled.code,
      cli: throttled,
    });
    const call = await unthrottled("call");
    if (throttled.code !== 0) progress(`throttled refresh failed:\n${throttled.output}`);
    progress(
      `throttled round ${round + 1}/${opts.throttleRounds}: ${throttled.seconds.toFixed(2)} s ` +
        `(unthrottled ${plain.seconds.toFixed(2)} s), ${summary.throttled} throttled, ` +
        `${summary.failures} failed (load ${load()})`,
    );
    rounds.push({
      ...summary,
      seconds: throttled.seconds,
      unthrottledSeconds: plain.seconds,
      unthrottledBeforeFirstRequestMs: plain.beforeFirstMs,
      callBeforeFirstRequestMs: call.beforeFirstMs,
    });
  }
  for (const kind of ["kms", "call"] as const) await ws.removeStack(kind, stack);
  return toThrottleResult({ instances: ids.length, rps: opts.throttleRps, rounds });
}

async function main(): Promise<void> {
  const opts = parseScaleOptions(process.argv.slice(2), process.env);
  const emu = await startEmulator({ seed: { instances: [] } });
  let ws: BenchWorkspace | undefined;
  try {
    seedFleet(emu, Math.max(...opts.sizes, opts.throttleInstances));
    const template = await wideTemplate(emu, { ...providerConfig(emu), ...SECRETS });
    ws = createWorkspace(template);
    // Interrupted (Ctrl-C, a killed test run): leave no scratch folder or backend behind.
    const workspace = ws;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        workspace.cleanup();
        process.exit(130);
      });
    }
    const machine: ScaleResult["machine"] = {
      date: new Date().toISOString(),
      nproc: os.availableParallelism(),
      loadBefore: os.loadavg(),
      loadAfter: [],
      node: process.version,
      pulumi: ws.cliVersion(),
    };
    console.log(
      `scale bench${opts.short ? " (--short)" : ""}: ${machine.date}, nproc ${machine.nproc}, ` +
        `load ${load()}, node ${machine.node}, pulumi ${machine.pulumi}, ` +
        `sizes ${opts.sizes.join(",")}, ${opts.rounds} round(s)`,
    );
    const timings: Timings[] = [];
    for (const size of opts.sizes) timings.push(...(await measureSize(ws, emu, size, opts.rounds)));
    const throttle = await measureThrottled(ws, emu, opts);
    machine.loadAfter = os.loadavg();
    const result: ScaleResult = { machine, rows: toRows(timings), throttle };
    console.log(formatTable(result.rows));
    console.log(formatThrottle(result.throttle));
    console.log(`load average (1, 5, 15 min) at the end: ${load()}`);
    console.log(resultLine(result));
    if (throttle.failures > 0) process.exitCode = 1;
  } finally {
    ws?.cleanup();
    await emu.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
