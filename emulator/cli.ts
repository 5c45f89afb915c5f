/**
 * `kms-emulator [--port N] [--host H] [--seed FILE] [--state FILE] [--access-key ID:SECRET[:ACCOUNT]]...
 * [--sts ID:SECRET:TOKEN]... [--default-region R] [--connect-delay-ms N] [--role ARN]...
 * [--tls-cert FILE --tls-key FILE [--tls-port N]]`.
 * Prints `kms-emulator listening on http://HOST:PORT` as its first stdout line (with TLS, then
 * `kms-emulator listening on https://HOST:PORT`), then one line per request. Exit codes: 0 after SIGINT/SIGTERM; 2 for bad arguments, default region, seed or state
 * file (a `UsageError`, or an `EmulatorStartError` of kind `configuration`); 1 otherwise.
 */
import { readFileSync } from "node:fs";
import { parseArgs as utilParseArgs, type ParseArgsConfig } from "node:util";
import { parseAccessKeyArg, parseStsArg, TEST_ACCESS_KEY_ID } from "./credentials";
import { startEmulator } from "./server";
import { EmulatorStartError } from "./start-error";
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
                    [--default-region REGION] [--connect-delay-ms N] [--role ARN]...
                    [--tls-cert FILE --tls-key FILE [--tls-port N]]`;

/** The options `node:util` `parseArgs` knows; every one but `--help` takes a value. */
const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  seed: { type: "string" },
  state: { type: "string" },
  "access-key": { type: "string", multiple: true },
  sts: { type: "string", multiple: true },
  "default-region": { type: "string" },
  "connect-delay-ms": { type: "string" },
  role: { type: "string", multiple: true },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  "tls-port": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

type OptionName = keyof typeof OPTIONS;

/**
 * The command line as `node:util` tokens, parsed leniently (`strict: false`) so that an unknown
 * flag, a stray word or a missing value is reported in the CLI's own words, naming the argument
 * as typed.
 */
function rawTokens(argv: readonly string[]) {
  return utilParseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  }).tokens;
}

/** The known options with their values; throws a `UsageError` for anything else. */
function optionsOf(argv: readonly string[]): { name: OptionName; flag: string; value?: string }[] {
  return rawTokens(argv).flatMap((t) => {
    if (t.kind === "option-terminator") throw new UsageError('unknown argument "--"');
    if (t.kind === "positional")
      throw new UsageError(`unknown argument ${JSON.stringify(t.value)}`);
    if (!Object.hasOwn(OPTIONS, t.name)) {
      throw new UsageError(`unknown argument ${JSON.stringify(t.rawName)}`);
    }
    const name = t.name as OptionName;
    if (OPTIONS[name].type === "string" && t.value === undefined) {
      throw new UsageError(`${t.rawName} needs a value`);
    }
    return [{ name, flag: t.rawName, ...(t.value !== undefined ? { value: t.value } : {}) }];
  });
}

/** Whether the command line asks for the usage text (`--help` or `-h`, whatever else it holds). */
export function wantsHelp(argv: readonly string[]): boolean {
  return rawTokens(argv).some((t) => t.kind === "option" && t.name === "help");
}

/** Parses the command line into emulator options (without `log`). */
export function parseArgs(argv: readonly string[]): EmulatorOptions {
  const opts: EmulatorOptions = {};
  const keys: NonNullable<EmulatorOptions["accessKeys"]> = [];
  const sts: NonNullable<EmulatorOptions["stsTokens"]> = [];
  const roles: string[] = [];
  const tls: { cert?: Buffer; key?: Buffer; port?: number } = {};
  const pem = (flag: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new UsageError(`${flag}: cannot read ${file}: ${(err as Error).message}`);
    }
  };
  for (const { name, flag, value = "" } of optionsOf(argv)) {
    const int = (v: string): number => {
      if (!/^\d+$/.test(v))
        throw new UsageError(`${flag} expects a non-negative integer, got ${JSON.stringify(v)}`);
      return Number(v);
    };
    try {
      switch (name) {
        case "port": {
          const port = int(value);
          if (port > 65535) throw new UsageError("--port must be at most 65535");
          opts.port = port;
          break;
        }
        case "host":
          opts.host = value;
          break;
        case "seed":
          opts.seed = value;
          break;
        case "state":
          opts.statePath = value;
          break;
        case "access-key":
          keys.push(parseAccessKeyArg(value));
          break;
        case "sts":
          sts.push(parseStsArg(value));
          break;
        case "default-region":
          opts.defaultRegion = value;
          break;
        case "connect-delay-ms":
          opts.connectDelayMs = int(value);
          break;
        case "role":
          roles.push(value);
          break;
        case "tls-cert":
          tls.cert = pem(flag, value);
          break;
        case "tls-key":
          tls.key = pem(flag, value);
          break;
        case "tls-port": {
          const port = int(value);
          if (port > 65535) throw new UsageError("--tls-port must be at most 65535");
          tls.port = port;
          break;
        }
        case "help":
          break;
      }
    } catch (err) {
      throw err instanceof UsageError ? err : new UsageError((err as Error).message);
    }
  }
  if (keys.length > 0) opts.accessKeys = keys;
  if (sts.length > 0) opts.stsTokens = sts;
  if (roles.length > 0) opts.roles = roles;
  if (tls.cert !== undefined || tls.key !== undefined || tls.port !== undefined) {
    if (tls.cert === undefined || tls.key === undefined) {
      throw new UsageError("TLS needs both --tls-cert and --tls-key");
    }
    opts.tls = {
      cert: tls.cert,
      key: tls.key,
      ...(tls.port !== undefined ? { port: tls.port } : {}),
    };
  }
  return opts;
}

/** Runs the CLI; the process ends on a signal or a startup error. */
export function main(argv: string[]): void {
  if (wantsHelp(argv)) {
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
      if (running.tls) process.stdout.write(`kms-emulator listening on ${running.tls.url}\n`);
      if (!options.accessKeys) {
        process.stderr.write(
          `kms-emulator: accepting the documented test key ${TEST_ACCESS_KEY_ID} (see emulator/README.md)\n`,
        );
      }
    },
    (err: unknown) => {
      process.stderr.write(`kms-emulator: ${(err as Error).message}\n`);
      const configuration = err instanceof EmulatorStartError && err.kind === "configuration";
      process.exitCode = configuration ? 2 : 1;
    },
  );
}
