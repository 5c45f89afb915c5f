/**
 * Where the scale benchmark runs the real Pulumi CLI: a scratch folder inside the repository
 * (git-ignored `.pulumi-tmp/`, so `pulumi-alicloud-kms` and `@pulumi/pulumi` resolve from the
 * repository's `node_modules` exactly as from a user's project) holding the four programs and
 * the baselines' provider package, with one offline `file://` backend for all stacks.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { makePulumiEnv, repoRoot, type PulumiEnv } from "../../scripts/pulumi-env";
import { treeCpuScript, treeCpuSeconds } from "./cpu-times";

/** The four programs measured side by side: the subject and its three baselines. */
export const KINDS = ["kms", "trivial", "wide", "call"] as const;

/** One of {@link KINDS}: the subject or one of the two baselines. */
export type Kind = (typeof KINDS)[number];

/** The outputs and read inputs the wide baseline answers with, and the properties it registers. */
export interface WideTemplate {
  /** A KmsInstance's outputs as the provider stores them (ids replaced per resource). */
  outputs: Record<string, unknown>;
  /** The inputs the provider's read returns for it. */
  inputs: Record<string, unknown>;
  /** Every property a KmsInstance registers. */
  registered: string[];
}

/** One CLI run: how it ended, how long it took, what it printed. */
export interface TimedRun {
  /** Exit code (-1 when killed by a signal). */
  code: number;
  /** Wall time of the whole CLI process, in seconds. */
  seconds: number;
  /** When the CLI was started and when it exited, epoch milliseconds (`Date.now()`). */
  startedAtMs: number;
  endedAtMs: number;
  /** CPU seconds of the CLI and every process it started, however deep (program, plugins). */
  cliCpuSeconds: number;
  /**
   * CPU time this (the bench's) process spent meanwhile, in seconds: the in-process emulator
   * answering the provider's calls, plus a little for reading the CLI's output.
   */
  benchCpuSeconds: number;
  /** stdout and stderr together. */
  output: string;
}

/** The scratch folder, its programs and the backend. */
export interface BenchWorkspace {
  /** The program folder of a kind. */
  programDir(kind: Kind): string;
  /**
   * Runs `pulumi <args>` in the kind's program folder on `stack`, timed; `env` adds variables
   * for this run only (e.g. `NODE_OPTIONS` to profile the provider process).
   */
  run(
    kind: Kind,
    stack: string,
    args: readonly string[],
    env?: NodeJS.ProcessEnv,
  ): Promise<TimedRun>;
  /** Like {@link BenchWorkspace.run}, but throws with the output's tail unless it exits 0. */
  ok(
    kind: Kind,
    stack: string,
    args: readonly string[],
    env?: NodeJS.ProcessEnv,
  ): Promise<TimedRun>;
  /**
   * Creates `stack` of the kind's program with `config` (plain; objects as JSON) and `secrets`
   * (encrypted), in one `pulumi config set-all`.
   */
  createStack(
    kind: Kind,
    stack: string,
    config: Record<string, unknown>,
    secrets: Record<string, string>,
  ): Promise<void>;
  /** `pulumi version` of the CLI the bench runs. */
  cliVersion(): string;
  /** Removes a stack and its state without touching any resource (`stack rm --force`). */
  removeStack(kind: Kind, stack: string): Promise<void>;
  /** Deletes the scratch folder and the backend. */
  cleanup(): void;
}

/** Where the program and baseline sources live (not compiled: copied as they are). */
function sourcesDir(): string {
  return path.join(repoRoot(), "bench", "scale");
}

/** The last `lines` lines of a CLI output, for error messages. */
function tail(text: string, lines = 40): string {
  return text.split("\n").slice(-lines).join("\n");
}

/**
 * Makes the scratch folder: the programs, and `node_modules/bench-baselines` holding the
 * baseline providers and `template` (under `node_modules`, so Pulumi serializes each baseline
 * provider as one `require` line, as it does the KmsInstance provider).
 */
export function createWorkspace(template: WideTemplate): BenchWorkspace {
  const scratchRoot = path.join(repoRoot(), ".pulumi-tmp");
  fs.mkdirSync(scratchRoot, { recursive: true });
  const dir = fs.mkdtempSync(path.join(scratchRoot, "bench-scale-"));
  const src = sourcesDir();
  for (const kind of KINDS) {
    fs.cpSync(path.join(src, "programs", kind), path.join(dir, kind), { recursive: true });
  }
  const baselines = path.join(dir, "node_modules", "bench-baselines");
  fs.cpSync(path.join(src, "baselines"), baselines, { recursive: true });
  fs.writeFileSync(path.join(baselines, "wide-template.json"), JSON.stringify(template));
  // The call baseline's bare client: the compiled `bench/bare-client.ts` next to this module.
  fs.writeFileSync(
    path.join(baselines, "call-client.json"),
    JSON.stringify({ bareClient: path.join(__dirname, "..", "bare-client.js") }),
  );
  const pulumiEnv: PulumiEnv = makePulumiEnv();
  const programDir = (kind: Kind): string => path.join(dir, kind);

  const treeCpu = treeCpuScript(src);
  // The interpreter itself, not a version manager's shim (pyenv's is a bash script whose CPU
  // would be counted into every run).
  const python = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
    encoding: "utf8",
  }).trim();
  /** Runs `pulumi <args>` in the kind's program folder, timed, its whole process tree's CPU counted. */
  const exec = (kind: Kind, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<TimedRun> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const startedAtMs = Date.now();
      const cpu = process.cpuUsage();
      const child = spawn(python, [treeCpu, "pulumi", ...args, "--color", "never"], {
        cwd: programDir(kind),
        env: { ...pulumiEnv.env, ...env },
        stdio: ["ignore", "pipe", "pipe", "pipe"],
      });
      let output = "";
      let times = "";
      child.stdout?.on("data", (d: Buffer) => (output += d));
      child.stderr?.on("data", (d: Buffer) => (output += d));
      child.stdio[3]?.on("data", (d: Buffer) => (times += d));
      child.on("error", reject);
      child.on("close", (code) => {
        const seconds = (performance.now() - started) / 1000;
        const endedAtMs = Date.now();
        const used = process.cpuUsage(cpu);
        try {
          resolve({
            code: code ?? -1,
            seconds,
            startedAtMs,
            endedAtMs,
            cliCpuSeconds: treeCpuSeconds(times),
            benchCpuSeconds: (used.user + used.system) / 1e6,
            output,
          });
        } catch (err) {
          reject(err instanceof Error ? new Error(`${err.message}\n${tail(output)}`) : err);
        }
      });
    });
  const run = (
    kind: Kind,
    stack: string,
    args: readonly string[],
    env?: NodeJS.ProcessEnv,
  ): Promise<TimedRun> => exec(kind, [...args, "--stack", stack], env);
  const mustSucceed = (kind: Kind, args: readonly string[], r: TimedRun): TimedRun => {
    if (r.code !== 0) {
      throw new Error(`${kind}: pulumi ${args.join(" ")} exited ${r.code}:\n${tail(r.output)}`);
    }
    return r;
  };

  const ok = async (
    kind: Kind,
    stack: string,
    args: readonly string[],
    env?: NodeJS.ProcessEnv,
  ): Promise<TimedRun> => mustSucceed(kind, args, await run(kind, stack, args, env));

  return {
    programDir,
    run,
    ok,
    async createStack(kind, stack, config, secrets) {
      // `stack init` names its stack as an argument; it also selects it for later commands.
      const init = ["stack", "init", stack];
      mustSucceed(kind, init, await exec(kind, init));
      const project = `bench-${kind}`;
      const key = (k: string): string => (k.includes(":") ? k : `${project}:${k}`);
      const values: Record<string, { value: string; objectValue?: unknown; secret: boolean }> = {};
      for (const [k, v] of Object.entries(config)) {
        values[key(k)] =
          typeof v === "string"
            ? { value: v, secret: false }
            : { value: JSON.stringify(v), objectValue: v, secret: false };
      }
      for (const [k, v] of Object.entries(secrets)) values[key(k)] = { value: v, secret: true };
      await ok(kind, stack, ["config", "set-all", "--json", JSON.stringify(values)]);
    },
    cliVersion() {
      return execFileSync("pulumi", ["version"], { env: pulumiEnv.env, encoding: "utf8" }).trim();
    },
    async removeStack(kind, stack) {
      await ok(kind, stack, ["stack", "rm", "--force", "--yes"]);
    },
    cleanup() {
      pulumiEnv.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
