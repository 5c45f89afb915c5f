/**
 * The `kms-drift` command: parses the flags, checks the stacks, prints the report in the chosen
 * format on stdout and progress on stderr, and exits 0 (clean), 2 (drift) or 1 (error).
 */
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { USAGE, UsageError, parseArgs, type DriftArgs } from "./args";
import { checkDrift, type StackTarget } from "./check";
import { exitCodeOf } from "./exit-code";
import { describeFailure } from "./failure";
import { formatJson } from "./format-json";
import { formatMarkdown } from "./format-markdown";
import { formatTable } from "./format-table";
import { REPORT_VERSION, type DriftReport } from "./report";

/** The report in the format the flags chose. */
export function render(report: DriftReport, format: DriftArgs["format"]): string {
  if (format === "json") return formatJson(report);
  if (format === "markdown") return formatMarkdown(report);
  return formatTable(report);
}

/** The stacks to check: those named, else every stack of the project in `cwd`. */
async function stackTargets(args: DriftArgs): Promise<StackTarget[]> {
  const workDir = path.resolve(args.cwd);
  let names = args.stacks;
  if (names.length === 0) {
    const ws = await LocalWorkspace.create({ workDir });
    names = (await ws.listStacks()).map((s) => s.name);
    if (names.length === 0) throw new Error(`the project in ${workDir} has no stacks`);
  }
  return names.map((stackName) => ({ stackName, workDir }));
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

/** Runs the command; resolves to the exit code (the bin exits with it). */
export async function run(argv: readonly string[]): Promise<number> {
  let args: DriftArgs;
  try {
    args = parseArgs(argv, process.cwd());
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    await write(process.stderr, `kms-drift: ${err.message}\n\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    await write(process.stdout, USAGE);
    return 0;
  }

  let report: DriftReport;
  try {
    report = await checkDrift({
      stacks: await stackTargets(args),
      fix: args.fix,
      timeoutSeconds: args.timeoutSeconds,
      progress: (line) => process.stderr.write(`kms-drift: ${line}\n`),
    });
  } catch (err) {
    // Nothing could be checked (no project, no stacks): still a report, and never clean.
    const message = describeFailure(err);
    await write(process.stderr, `kms-drift: error: ${message}\n`);
    report = {
      version: REPORT_VERSION,
      startedAt: new Date().toISOString(),
      result: "error",
      stacks: [],
      error: message,
    };
  }
  if (args.jsonFile !== undefined) {
    try {
      await fs.writeFile(args.jsonFile, formatJson(report));
    } catch (err) {
      await write(
        process.stderr,
        `kms-drift: error: cannot write ${args.jsonFile}: ${describeFailure(err)}\n`,
      );
      report.result = "error";
      report.error ??= `cannot write ${args.jsonFile}`;
    }
  }
  await write(process.stdout, render(report, args.format));
  for (const s of report.stacks) {
    if (s.error !== undefined)
      await write(process.stderr, `kms-drift: ${s.stack}: error: ${s.error}\n`);
  }
  return report.error !== undefined ? 1 : exitCodeOf(report.stacks);
}

/** The bin's entry point: runs and exits with the code (a crash is exit 1, never 0). */
export function main(argv: readonly string[]): void {
  run(argv).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(
        `kms-drift: error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
