/**
 * Runs Pulumi's real dynamic-provider gRPC server (`@pulumi/pulumi/cmd/dynamic-provider`) as the
 * engine does: a child process in the program's folder that prints its port.
 */
import { startProviderProcess, type ProviderClient } from "./provider-client";

export type { Props, WireCheckFailure, WireDiff } from "./provider-client";

/** The running server and its client. */
export type DynamicProviderServer = ProviderClient;

/** The server's entry point, as `pulumi-resource-pulumi-nodejs` starts it. */
export const DYNAMIC_PROVIDER_ENTRY =
  require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");

/**
 * Starts the server in `cwd` (a folder with the installed package) with `env`. The last argument
 * is the engine address: by default one where nothing listens (messages then fall back to
 * stderr); a fake engine's address to see them as the engine does.
 */
export function startDynamicProviderServer(
  cwd: string,
  env: NodeJS.ProcessEnv,
  engineAddress = "127.0.0.1:1",
): Promise<DynamicProviderServer> {
  return startProviderProcess(process.execPath, [DYNAMIC_PROVIDER_ENTRY, engineAddress], env, cwd);
}
