/**
 * Starts a provider process as the child of a short-lived parent process — the way the engine
 * (or the shell wrapper `pulumi-resource-pulumi-nodejs`) is its parent — so a test can take the
 * parent away and watch whether the provider notices. The parent relays the provider's port and
 * pid, and on request closes the provider's stdin, as a dying engine's pipe would be closed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";

/** A provider process under a parent of its own. */
export interface ProviderUnderParent {
  /** The provider's gRPC port. */
  port: number;
  /** The provider's pid. */
  pid: number;
  /** Kills the parent (SIGKILL): the provider is orphaned. */
  killParent(): void;
  /** Has the parent close the provider's stdin (only with `stdin: "pipe"`). */
  closeProviderStdin(): void;
  /** Waits until the provider has exited, up to `timeoutMs`; true when it did. */
  waitForExit(timeoutMs: number): Promise<boolean>;
  /** Kills whatever is left. */
  cleanup(): void;
}

const PARENT = `
const { spawn } = require("child_process");
const [stdinMode, exe, ...args] = process.argv.slice(1);
const child = spawn(exe, args, { stdio: [stdinMode, "pipe", "inherit"] });
let out = "";
let told = false;
child.stdout.on("data", (d) => {
  out += d;
  const nl = out.indexOf("\\n");
  if (nl >= 0 && !told) {
    told = true;
    process.stdout.write(JSON.stringify({ port: Number(out.slice(0, nl).trim()), pid: child.pid }) + "\\n");
  }
});
process.stdin.on("data", (d) => {
  if (String(d).includes("close-stdin") && child.stdin) child.stdin.end();
});
`;

/** Whether `pid` is a live process (not gone, not a zombie waiting for a parent to reap it). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The state follows the parenthesised command name.
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/**
 * Starts `executable args` under a parent. `stdin: "pipe"` gives the provider a stdin pipe the
 * parent holds, as the engine does; `"ignore"` gives it /dev/null.
 */
export async function startUnderParent(
  executable: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; stdin: "pipe" | "ignore" },
): Promise<ProviderUnderParent> {
  const parent: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["-e", PARENT, options.stdin, executable, ...args],
    { env: options.env, cwd: options.cwd },
  );
  let stderr = "";
  parent.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const { port, pid } = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    let out = "";
    parent.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)) as { port: number; pid: number });
    });
    parent.once("exit", (code) => reject(new Error(`parent exited ${code}: ${stderr}`)));
  });
  return {
    port,
    pid,
    killParent: () => void parent.kill("SIGKILL"),
    closeProviderStdin: () => void parent.stdin.write("close-stdin\n"),
    async waitForExit(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return !isAlive(pid);
    },
    cleanup() {
      for (const p of [pid, parent.pid]) {
        try {
          if (p !== undefined) process.kill(p, "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
  };
}
