/**
 * CPU time of a whole CLI run: the `pulumi` process and every process it started, however deep
 * (language host, program, provider plugins), measured by `tree-cpu.py`, which runs the command
 * as a Linux child subreaper so that orphaned descendants are reaped, and counted, by it. (Bash's
 * `times`, used before, missed the program's Node process in `up` and `preview`: the CLI ends
 * the language host before the host reaps the program.) CPU seconds hardly move with the
 * machine's load, unlike wall time, so they cross-check the wall ratios on a shared machine.
 */
import * as path from "node:path";

/** The script that runs a command and writes its process tree's CPU seconds to fd 3. */
export function treeCpuScript(sourcesDir: string): string {
  return path.join(sourcesDir, "tree-cpu.py");
}

/**
 * The tree's user + system seconds from what `tree-cpu.py` wrote to fd 3: one line of two
 * decimals, user then system (`12.340 1.250`).
 */
export function treeCpuSeconds(output: string): number {
  const m = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(output.trim());
  if (!m) throw new Error(`unexpected output of tree-cpu.py: ${JSON.stringify(output)}`);
  return Number(m[1]) + Number(m[2]);
}
