/**
 * The `kms-drift` command line, parsed without side effects so every flag is unit-tested.
 */

/** Output formats. */
export type OutputFormat = "table" | "json" | "markdown";

/** What the command line asks for. */
export interface DriftArgs {
  /** Stacks to check, in order; empty means every stack of the project in `cwd`. */
  stacks: string[];
  /** The Pulumi project folder. @default the current directory */
  cwd: string;
  /** Output format. @default "table" */
  format: OutputFormat;
  /** Run a targeted `up` for the drifted resources. @default false */
  fix: boolean;
  /** Seconds each stack's check (and fix) may take before it is aborted. @default 600 */
  timeoutSeconds: number;
  /** Also write the JSON report to this file, whatever the stdout format (one run, two outputs). */
  jsonFile?: string;
  /** Print the usage and exit 0. */
  help: boolean;
}

/** The usage text. */
export const USAGE = `Usage: kms-drift [--stack NAME]... [--cwd DIR] [--json | --markdown] [--json-file FILE] [--fix] [--timeout SECONDS]

Runs a refresh preview (\`pulumi preview --refresh\`, through the Automation API) of each stack and
reports, for every KMS instance resource, the drifted properties (declared and live values, and the
KMS API calls \`up\` would make), operator warnings, and instances deleted out of band.

  --stack NAME       a stack to check (repeatable); default: every stack of the project
  --cwd DIR          the Pulumi project folder (default: the current directory)
  --json             the versioned JSON report (version 1) on stdout
  --markdown         a Markdown report for a CI job summary on stdout
  --json-file FILE   also write the JSON report to FILE
  --fix              refresh the drifted (and gone) resources, then \`up\` targeting exactly the
                     drifted ones, and report what changed; without it nothing is written
  --timeout SECONDS  abort a stack's check (and fix) after this long (default 600)
  -h, --help         this text

Exit codes: 0 clean, 2 drift (or instances gone or pending), 1 error (never reported as clean).
Progress goes to stderr, one line per stack.
`;

/** A command-line mistake (the caller prints it with the usage and exits 1). */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Parses `argv` (without node and script). Throws `UsageError` on a bad flag or value. */
export function parseArgs(argv: readonly string[], defaultCwd: string): DriftArgs {
  const args: DriftArgs = {
    stacks: [],
    cwd: defaultCwd,
    format: "table",
    fix: false,
    timeoutSeconds: 600,
    help: false,
  };
  let formatFlag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? "";
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
    const flag = eq >= 0 ? raw.slice(0, eq) : raw;
    const inline = eq >= 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const noValue = (): void => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
    };
    const setFormat = (f: OutputFormat): void => {
      noValue();
      if (formatFlag !== undefined && formatFlag !== flag) {
        throw new UsageError(`${formatFlag} and ${flag} exclude each other`);
      }
      formatFlag = flag;
      args.format = f;
    };
    switch (flag) {
      case "--stack":
      case "-s":
        args.stacks.push(value());
        break;
      case "--cwd":
      case "-C":
        args.cwd = value();
        break;
      case "--json":
        setFormat("json");
        break;
      case "--markdown":
        setFormat("markdown");
        break;
      case "--json-file":
        args.jsonFile = value();
        break;
      case "--fix":
        noValue();
        args.fix = true;
        break;
      case "--timeout": {
        const v = value();
        const n = Number(v);
        if (!/^\d+(\.\d+)?$/.test(v) || !(n > 0)) {
          throw new UsageError(
            `--timeout needs a positive number of seconds, not ${JSON.stringify(v)}`,
          );
        }
        args.timeoutSeconds = n;
        break;
      }
      case "--help":
      case "-h":
        noValue();
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(raw)}`);
    }
  }
  return args;
}
