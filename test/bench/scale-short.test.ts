/**
 * `npm run bench:scale -- --short` end to end: the built bench drives the real Pulumi CLI
 * through up, refresh and preview --refresh of 3 adopted instances and both baselines, then a
 * refresh of 10 under a 5 requests/s quota. It checks that the bench runs and prints a
 * well-formed table and result — never how fast anything was (that would flake on a loaded machine).
 */
import { spawn, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { RESULT_PREFIX, type ScaleResult } from "../../bench/scale/report";
import { TEST_ACCESS_KEY_SECRET } from "../../emulator";
import { REPO_ROOT } from "../support/installed-package";

const SCRIPT = path.join(REPO_ROOT, "dist/bench/scale.js");

/** `npm test` builds first; a bare `npx jest` may not have, so build and install the package. */
function ensureBenchBuilt(): void {
  if (fs.existsSync(SCRIPT)) return;
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: REPO_ROOT,
      stdio: "inherit",
    },
  );
  execFileSync(process.execPath, ["scripts/install-self.js"], { cwd: REPO_ROOT, stdio: "inherit" });
}

function runShort(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, "--short"], {
      cwd: REPO_ROOT,
      env: { ...process.env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test("bench:scale --short runs every kind and operation and prints well-formed ratios", async () => {
  ensureBenchBuilt();
  const run = await runShort();
  if (run.code !== 0) throw new Error(`bench exited ${run.code}:\n${run.stdout}\n${run.stderr}`);

  const line = run.stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (line === undefined) throw new Error(`no result line in:\n${run.stdout}`);
  const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ScaleResult;

  expect(result.rows.map((r) => `${r.size} ${r.op}`)).toStrictEqual([
    "3 up",
    "3 refresh",
    "3 preview-refresh",
  ]);
  for (const row of result.rows) {
    expect(row.rounds).toBe(1);
    for (const value of [
      row.medianSeconds.kms,
      row.medianSeconds.trivial,
      row.medianSeconds.wide,
      row.medianSeconds.call,
      row.kmsToWide,
      row.trivialToWide,
      row.callToWide,
      row.kmsToCall,
      row.cpuCallToWide,
      row.cpuKmsToCall,
    ]) {
      expect(Number.isFinite(value) && value > 0).toBe(true);
    }
    for (const cpu of Object.values(row.medianCpuSeconds)) {
      expect(Number.isFinite(cpu) && cpu >= 0).toBe(true);
    }
    expect(row.medianCpuSeconds.kms).toBeGreaterThan(0);
    expect(Number.isFinite(row.cpuKmsToWide) && row.cpuKmsToWide > 0).toBe(true);
    // The printed table holds the same figures as the result line.
    const label = row.op === "preview-refresh" ? "preview --refresh" : row.op;
    expect(run.stdout).toMatch(
      new RegExp(
        `^\\s*3 ${label.replace(/-/g, "\\-")}\\s+.*\\s${row.kmsToWide.toFixed(2)}\\s+` +
          `${row.trivialToWide.toFixed(2)}\\s+${row.callToWide.toFixed(2)}\\s+` +
          `${row.kmsToCall.toFixed(2)}\\s+.*\\s${row.cpuKmsToWide.toFixed(2)}\\s+` +
          `${row.cpuCallToWide.toFixed(2)}\\s+${row.cpuKmsToCall.toFixed(2)}\\s+1$`,
        "m",
      ),
    );
  }

  const t = result.throttle;
  expect(t).toMatchObject({ instances: 10, rps: 5, rounds: 1, floorSeconds: 2, failures: 0 });
  expect(Number.isFinite(t.medianSeconds) && t.medianSeconds > 0).toBe(true);
  expect(run.stdout).toMatch(/pulumi refresh wall time\s+\d+\.\d\d s = \d+\.\d\d× the floor/);
  // The wall time in three parts: before the first request, the API span, after the last answer.
  expect(run.stdout).toMatch(/CLI start → first request\s+\d+\.\d\d s$/m);
  expect(run.stdout).toMatch(/last answer → CLI exit\s+\d+\.\d\d s$/m);
  expect(t.medianBeforeFirstRequestSeconds).toBeGreaterThan(0);
  expect(t.medianUnthrottledBeforeFirstRequestSeconds).toBeGreaterThan(0);
  expect(t.medianCallBeforeFirstRequestSeconds).toBeGreaterThan(0);
  expect(run.stdout).toMatch(
    /without quota, CLI start → first request: \d+\.\d\d s; call baseline \d+\.\d\d s$/m,
  );
  expect(t.medianApiSpanSeconds).toBeGreaterThan(0);
  expect(result.machine.nproc).toBeGreaterThanOrEqual(1);
  expect(result.machine.pulumi).toMatch(/^v3\./);

  // The test key's secret never reaches what the bench prints.
  expect(run.stdout + run.stderr).not.toContain(TEST_ACCESS_KEY_SECRET);
}, 900_000);
