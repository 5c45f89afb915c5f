/**
 * Runs Pulumi's real dynamic-provider gRPC server (`@pulumi/pulumi/cmd/dynamic-provider`) as the
 * engine does: a child process in the program's folder that prints its port.
 */
import { startProviderProcess, type ProviderClient } from "./provider-client";

export type { Props, WireCheckFailure, WireDiff } from "./provider-client";

/** The running server and its client. */
export type DynamicProviderServer = ProviderClient;

/** Starts the server in `cwd` (a folder with the installed package) with `env`. */
export function startDynamicProviderServer(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<DynamicProviderServer> {
  const entry = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
  // The last argument is the engine address; the server never dials it for these calls.
  return startProviderProcess(process.execPath, [entry, "127.0.0.1:1"], env, cwd);
}
