import * as pulumi from "@pulumi/pulumi";
import { inspect } from "node:util";

/**
 * `err` as the error a Pulumi program should fail with: a `pulumi.RunError` with the same one-line
 * message, which the Node runtime prints as that message only — `@pulumi/pulumi` 3.248
 * `cmd/run/run.js` logs a `RunError` with `log.error(err.message)`, every other error as "Running
 * program … failed with an unhandled exception:" followed by `util.inspect(err)` (its stack and
 * every field). The original error stays reachable as `cause` (a `KmsError` with its `kind`,
 * `code`, `requestId`, and its full stack for debugging); the `RunError`'s own `stack` is its
 * message, so whatever else prints it shows one line. A `RunError` is returned as it is; a
 * string becomes the message.
 */
export function programError(err: unknown): pulumi.RunError {
  if (pulumi.RunError.isInstance(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  const e = new pulumi.RunError(message, err instanceof Error ? { cause: err } : undefined);
  e.stack = `${e.name}: ${message}`;
  // The runtime also records every unhandled error as a trace event through
  // `util.inspect(err, { colors: true })` (cmd/run/run.js `uncaughtHandler`, RunErrors included),
  // which follows `cause` and formats its stack: under the runtime's source-map and ts-node hooks
  // that took 20–45 s (of garbage collection) before the program could exit. Inspected, the
  // error is its one line; `cause` stays readable.
  Object.defineProperty(e, inspect.custom, { value: () => e.stack, enumerable: false });
  return e;
}

/** Runs `fn`, failing with {@link programError} of whatever it throws or rejects with. */
export async function asProgramError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw programError(err);
  }
}
