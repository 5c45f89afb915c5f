/**
 * The entry point of the `pulumi-resource-alicloud-kms` plugin: the engine starts it with its own
 * address as argument and reads the port it prints.
 */
import { watchEngine } from "../engine/watchdog";
import { servePlugin } from "./server";

// Ends the plugin when the engine goes away (killed engines cannot stop their plugins).
watchEngine();

servePlugin(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`pulumi-resource-alicloud-kms: ${String(err)}\n`);
  process.exit(1);
});
