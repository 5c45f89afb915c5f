/**
 * Errors of the dynamic provider, shown once, on one line, without a stack.
 *
 * `@pulumi/pulumi`'s dynamic-provider server (`cmd/dynamic-provider/index.js`, 3.248) answers a
 * failed `check`, `diff`, `read` or `delete` twice: `console.error(\`${e}: ${e.stack}\`)` — which
 * the engine shows as output of the stack, the message twice with TypeScript frames
 * (`KmsError: …: KmsError: … at …`) — and `callback(e)`, which grpc-js sends as the error's
 * `message` and the engine shows under the resource. `create` and `update` only answer the error.
 * So every error leaving the provider gets a stack that is its first line only (no frames, even
 * where something prints it), and the exact line the server would print for it is dropped from
 * `console.error` — nothing else is: other output of the process passes unchanged.
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
 * `err` as an Error to throw out of a provider method: its `stack` is `name: message`, and when
 * `printedByServer` (check, diff, read, delete) the line the server prints for it is expected and
 * dropped by the filter. Other fields (`id`, `properties`, `reasons` of a partial failure) stay.
 */
export function reportOnce(err: unknown, printedByServer: boolean): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  e.stack = `${e.name}: ${e.message}`;
  if (printedByServer && filterInstalled) expectedLines.add(`${String(e)}: ${e.stack}`);
  return e;
}
