/**
 * Benchmark: signed `GetKmsInstance` requests/s and p50/p99 latency against the emulator, side by
 * side with a bare Node HTTP server answering the same JSON, from the same load generator
 * (N concurrent keep-alive loops, every request freshly signed by our signer for both servers, so
 * the client does identical work). Each server runs in its own child process; rounds alternate.
 *
 * Run: `npm run bench:emulator` (builds, then `node dist/bench/emulator.js`).
 * Options (env): BENCH_SECONDS (per server per round, default 2), BENCH_ROUNDS (default 5),
 * BENCH_CONCURRENCY (default 16). The ratio reported is the median of the per-round ratios, so a
 * burst of load from other processes during one round does not decide the result.
 */
import { fork, type ChildProcess } from "node:child_process";
import * as http from "node:http";
import { performance } from "node:perf_hooks";
import {
  DEFAULT_SEED_IDS,
  signAcs3,
  startEmulator,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
} from "../emulator";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REGION = "cn-hangzhou";

type Kind = "emulator" | "bare";

/** Child mode: serve one kind of server, report its port, answer CPU-time queries. */
async function serve(kind: Kind): Promise<void> {
  process.on("message", () => {
    const u = process.cpuUsage();
    process.send?.({ cpuMicros: u.user + u.system });
  });
  const emu = await startEmulator({ seed: undefined });
  if (kind === "emulator") {
    process.send?.({ port: Number(new URL(emu.url).port) });
    return;
  }
  // The bare server answers the emulator's own GetKmsInstance body, precomputed.
  const body = JSON.stringify({
    RequestId: "00000000-0000-0000-0000-000000000000",
    KmsInstance: emu.control.getInstance(DEFAULT_SEED_IDS.connected)?.KmsInstance,
  });
  await emu.close();
  const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, {
        "content-type": "application/json;charset=utf-8",
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const addr = server.address();
    process.send?.({ port: typeof addr === "object" && addr ? addr.port : 0 });
  });
}

/** The child's CPU time so far, in microseconds. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once("message", (m: unknown) => resolve((m as { cpuMicros: number }).cpuMicros));
    child.send("cpu");
  });
}

function startChild(kind: Kind): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ["--serve", kind], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child.once("message", (m: unknown) => resolve({ child, port: (m as { port: number }).port }));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

interface RoundResult {
  requests: number;
  errors: number;
  seconds: number;
  latencies: Float64Array;
}

/** N loops over one keep-alive agent; each request signed just before it is sent. */
async function load(port: number, seconds: number): Promise<RoundResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const host = `127.0.0.1:${port}`;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const signed = signAcs3({
        host,
        path: `/${REGION}`,
        action: "GetKmsInstance",
        query: { KmsInstanceId: DEFAULT_SEED_IDS.connected },
        accessKeyId: TEST_ACCESS_KEY_ID,
        accessKeySecret: TEST_ACCESS_KEY_SECRET,
      });
      const t0 = performance.now();
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: signed.pathWithQuery,
          headers: signed.headers,
          agent,
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode !== 200) errors++;
            latencies.push(performance.now() - t0);
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const loops = Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < deadline) await one();
  });
  await Promise.all(loops);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests: latencies.length,
    errors,
    seconds: elapsed,
    latencies: Float64Array.from(latencies).sort(),
  };
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

interface Summary {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function summarize(rounds: RoundResult[]): Summary {
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const all = Float64Array.from(rounds.flatMap((r) => Array.from(r.latencies))).sort();
  return {
    rps: requests / seconds,
    p50: quantile(all, 0.5),
    p99: quantile(all, 0.99),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
  };
}

async function main(): Promise<void> {
  const servers = { emulator: await startChild("emulator"), bare: await startChild("bare") };
  try {
    // Warm both up (JIT, sockets) before measuring.
    await load(servers.emulator.port, 0.5);
    await load(servers.bare.port, 0.5);
    const results: Record<Kind, RoundResult[]> = { emulator: [], bare: [] };
    const serverCpu: Record<Kind, number> = { emulator: 0, bare: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of (round % 2 === 0
        ? ["emulator", "bare"]
        : ["bare", "emulator"]) as Kind[]) {
        const before = await cpuOf(servers[kind].child);
        results[kind].push(await load(servers[kind].port, SECONDS));
        serverCpu[kind] += (await cpuOf(servers[kind].child)) - before;
      }
    }
    const emu = summarize(results.emulator);
    const bare = summarize(results.bare);
    const ratios = results.emulator
      .map((r, i) => r.requests / r.seconds / (results.bare[i].requests / results.bare[i].seconds))
      .sort((a, b) => a - b);
    const ratio = ratios[Math.floor(ratios.length / 2)];
    const fmt = (name: string, s: Summary): string =>
      `${name.padEnd(9)} ${s.rps.toFixed(0).padStart(7)} req/s   p50 ${s.p50.toFixed(2)} ms   p99 ${s.p99.toFixed(2)} ms   errors ${s.errors}`;
    console.log(
      `signed GetKmsInstance, ${CONCURRENCY} keep-alive loops, ${ROUNDS} rounds x ${SECONDS}s per server (alternating)`,
    );
    console.log(fmt("emulator", emu));
    console.log(fmt("bare", bare));
    console.log(`per-round ratios: ${ratios.map((r) => r.toFixed(2)).join(" ")}`);
    const perRequest = (kind: Kind): number =>
      serverCpu[kind] / results[kind].reduce((n, r) => n + r.requests, 0);
    console.log(
      `server CPU per request: emulator ${perRequest("emulator").toFixed(0)} us, bare ${perRequest("bare").toFixed(0)} us ` +
        `(cost ratio bare/emulator ${(perRequest("bare") / perRequest("emulator")).toFixed(2)}; independent of other load)`,
    );
    console.log(
      `ratio emulator/bare (median of rounds): ${ratio.toFixed(2)} (target >= 0.50) ${ratio >= 0.5 ? "OK" : "BELOW TARGET"}`,
    );
    if (emu.errors > 0 || bare.errors > 0) process.exitCode = 1;
  } finally {
    servers.emulator.child.kill();
    servers.bare.child.kill();
  }
}

const serveIndex = process.argv.indexOf("--serve");
if (serveIndex >= 0) {
  void serve(process.argv[serveIndex + 1] as Kind);
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
