/**
 * CPU time of a whole CLI run: the `pulumi` process and every process it waited for (language
 * host, program, provider plugins), read from bash's `times` builtin after the CLI exits. CPU
 * seconds hardly move with the machine's load, unlike wall time, so they cross-check the wall
 * ratios on a shared machine.
 */

/** The bash script that runs `pulumi "$@"`, then writes `times` to fd 3 and exits with its code. */
export const TIMED_PULUMI_SCRIPT = 'pulumi "$@"; rc=$?; times >&3; exit $rc';

function seconds(field: string): number {
  const m = /^(\d+)m(\d+(?:\.\d+)?)s$/.exec(field);
  if (!m) throw new Error(`not a bash time: ${JSON.stringify(field)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Children's user + system seconds from the output of bash's `times` (two lines: the shell's
 * own user and system time, then its children's, each like `1m2.345s 0m0.120s`).
 */
export function childCpuSeconds(timesOutput: string): number {
  const lines = timesOutput.trim().split("\n");
  if (lines.length !== 2)
    throw new Error(`unexpected output of times: ${JSON.stringify(timesOutput)}`);
  const fields = lines[1].trim().split(/\s+/);
  if (fields.length !== 2)
    throw new Error(`unexpected output of times: ${JSON.stringify(timesOutput)}`);
  return seconds(fields[0]) + seconds(fields[1]);
}
