/**
 * The entry point of the `pulumi-resource-alicloud-kms` plugin: the engine starts it with its own
 * address as argument; it binds `127.0.0.1:0`, prints the port on stdout (the engine reads it to
 * connect) and serves until the engine kills it or goes away (the watchdog).
 */
import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import { engineAddressFrom, engineLog } from "../engine/log";
import { startWatchdog } from "../engine/watchdog";
import { providerService } from "./server";

startWatchdog();

async function serve(): Promise<void> {
  const log = engineLog(engineAddressFrom(process.argv.slice(2)));
  const server = new grpc.Server({ "grpc.max_receive_message_length": 1 << 30 });
  server.addService(
    provrpc.ResourceProviderService,
    providerService(process.env, log) as provrpc.IResourceProviderServer,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  process.stdout.write(`${port}\n`);
}

serve().catch((err: unknown) => {
  process.stderr.write(`pulumi-resource-alicloud-kms: ${String(err)}\n`);
  process.exit(1);
});
