/**
 * `kms-emulator [--port N] [--host H] [--seed FILE] [--state FILE] [--access-key ID:SECRET[:ACCOUNT]]...
 * [--sts ID:SECRET:TOKEN]... [--default-region R] [--connect-delay-ms N]`.
 * Prints `kms-emulator listening on http://HOST:PORT` as its first stdout line, then one line per
 * request. Exit codes: 0 after SIGINT/SIGTERM, 2 for bad arguments, seed or state file, 1 otherwise.
 */
import { parseAccessKeyArg, parseStsArg, TEST_ACCESS_KEY_ID } from "./credentials";
import { SeedFileError } from "./seed";
import { startEmulator } from "./server";
import { StateFileError } from "./state-file";
import type { EmulatorOptions } from "./types";

/** Wrong command-line usage (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The usage text. */
export const USAGE = `usage: kms-emulator [--port N] [--host H] [--seed FILE] [--state FILE]
                    [--access-key ID:SECRET[:ACCOUNT]]... [--sts ID:SECRET:TOKEN]...
                    [--default-region REGION] [--connect-delay-ms N]`;

/** Parses the command line into emulator options (without `log`). */
export function parseArgs(argv: readonly string[]): EmulatorOptions {
  const opts: EmulatorOptions = {};
  const keys: NonNullable<EmulatorOptions["accessKeys"]> = [];
  const sts: NonNullable<EmulatorOptions["stsTokens"]> = [];
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    let value: string | undefined;
    const eq = flag.indexOf("=");
    if (flag.startsWith("--") && eq > 0) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    const next = (): string => {
      if (value !== undefined) return value;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const int = (v: string): number => {
      if (!/^\d+$/.test(v))
        throw new UsageError(`${flag} expects a non-negative integer, got ${JSON.stringify(v)}`);
      return Number(v);
    };
    try {
      switch (flag) {
        case "--port": {
          const port = int(next());
          if (port > 65535) throw new UsageError("--port must be at most 65535");
          opts.port = port;
          break;
        }
        case "--host":
          opts.host = next();
          break;
        case "--seed":
          opts.seed = next();
          break;
        case "--state":
          opts.statePath = next();
          break;
        case "--access-key":
          keys.push(parseAccessKeyArg(next()));
          break;
        case "--sts":
          sts.push(parseStsArg(next()));
          break;
        case "--default-region":
          opts.defaultRegion = next();
          break;
        case "--connect-delay-ms":
          opts.connectDelayMs = int(next());
          break;
        default:
          throw new UsageError(`unknown argument ${JSON.stringify(flag)}`);
      }
    } catch (err) {
      throw err instanceof UsageError ? err : new UsageError((err as Error).message);
    }
  }
  if (keys.length > 0) opts.accessKeys = keys;
  if (sts.length > 0) opts.stsTokens = sts;
  return opts;
}

/** Runs the CLI; the process ends on a signal or a startup error. */
export function main(argv: string[]): void {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE + "\n");
    return;
  }
  let options: EmulatorOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`kms-emulator: ${(err as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  startEmulator({ ...options, log: (line) => process.stdout.write(line + "\n") }).then(
    (running) => {
      let closing = false;
      const stop = (): void => {
        if (closing) return;
        closing = true;
        running.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      // Announced only once the signal handlers are in place, so a supervisor that signals right
      // after the line always gets a clean exit.
      process.stdout.write(`kms-emulator listening on ${running.url}\n`);
      if (!options.accessKeys) {
        process.stderr.write(
          `kms-emulator: accepting the documented test key ${TEST_ACCESS_KEY_ID} (see emulator/README.md)\n`,
        );
      }
    },
    (err: unknown) => {
      const bad = err instanceof SeedFileError || err instanceof StateFileError;
      process.stderr.write(`kms-emulator: ${(err as Error).message}\n`);
      process.exitCode = bad || (err as Error).message.startsWith("invalid default region") ? 2 : 1;
    },
  );
}
