/**
 * Errors of the dynamic provider, shown once, on one line, without a stack. `@pulumi/pulumi`'s
 * dynamic-provider server (`cmd/dynamic-provider/index.js`, 3.248) answers a failed `check`,
 * `diff`, `read` or `delete` twice: `console.error(\`${e}: ${e.stack}\`)`, shown as stack output
 * (the message twice, with TypeScript frames: `KmsError: …: KmsError: … at …`), and `callback(e)`,
 * which grpc-js sends as the error's `message`, shown under the resource. `create` and `update`
 * only answer the error. So every error leaving the provider gets a stack of its first line only
 * (no frames wherever it is printed), and the exact line the server would print for it is dropped
 * from `console.error`; other output passes unchanged.
 */

const expectedLines = new Set<string>();
let filterInstalled = false;

/** Drops, once each, the lines `reportOnce` announced; installs once per process. */
export function installConsoleFilter(): void {
  if (filterInstalled) return;
  filterInstalled = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]): void => {
    if (args.length === 1 && typeof args[0] === "string" && expectedLines.delete(args[0])) return;
    original(...args);
  };
}

/**
 * `err` as an Error to throw, `stack` set to `name: message`; when `printedByServer`, the filter
 * drops the line the server prints for it. Other fields (`id`, `properties`, `reasons`) stay.
 */
export function reportOnce(err: unknown, printedByServer: boolean): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  e.stack = `${e.name}: ${e.message}`;
  if (printedByServer && filterInstalled) expectedLines.add(`${String(e)}: ${e.stack}`);
  return e;
}
