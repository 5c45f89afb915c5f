/**
 * Runs the `pulumi` CLI in a project folder and returns what it printed. Asynchronous on
 * purpose: the emulator serves from the test's own process, so the event loop must keep running.
 */
import { spawn, type ChildProcess } from "node:child_process";

/** The outcome of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions on what the user sees. */
  output: string;
}

/** A CLI run under way: the process (to signal it) and its outcome. */
export interface RunningPulumi {
  /** The `pulumi` process. */
  child: ChildProcess;
  /** Resolves when it exits, whatever the exit code. */
  result: Promise<CliResult>;
}

/** Starts `pulumi <args>` in `cwd` with `env`, without waiting for it. */
export function startPulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv): RunningPulumi {
  const child = spawn("pulumi", [...args, "--non-interactive", "--color=never"], { cwd, env });
  const result = new Promise<CliResult>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, output: `${stdout}\n${stderr}` });
    });
  });
  return { child, result };
}

/** Runs `pulumi <args>` in `cwd` with `env`; resolves whatever the exit code. */
export function pulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return startPulumi(args, cwd, env).result;
}

/** Like {@link pulumi}, but rejects with the output when the exit code is not 0. */
export async function pulumiOk(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<CliResult> {
  const r = await pulumi(args, cwd, env);
  if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.output}`);
  return r;
}
