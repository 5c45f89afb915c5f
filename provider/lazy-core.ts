/**
 * The API code (`provider/core`: the client stack, `@alicloud/openapi-client`, credentials),
 * loaded on first use rather than at import. The user's program imports the SDK only to declare
 * resources (and the dynamic provider object it hands to the engine), and a provider process
 * that only checks and diffs calls no API: neither pays the load of the client stack (57 ms on
 * a quiet machine, 302 ms on a loaded one, `docs/benchmarks.md`) unless it makes a call.
 */
import type * as Core from "./core";

let loaded: typeof Core | undefined;

/** `provider/core`, required on the first call and reused after. */
export function lazyCore(): typeof Core {
  // A plain require, the point of which is to run late: synchronous in CommonJS, unlike `import()`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require("./core") as typeof Core;
  return loaded;
}
