/**
 * The engine's log service, as the plugin sees it: a real gRPC server implementing
 * `pulumirpc.Engine/Log` that records every message, so tests assert what reaches the CLI.
 */
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";

/** One logged message. */
export interface LoggedMessage {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
}

/** A running fake engine. */
export interface FakeEngine {
  /** `127.0.0.1:PORT`, the plugin's argument. */
  address: string;
  /** Messages so far, oldest first. */
  messages: LoggedMessage[];
  close(): Promise<void>;
}

const SEVERITY = ["debug", "info", "warning", "error"] as const;

/** Starts the log service on a free port. */
export async function startFakeEngine(): Promise<FakeEngine> {
  const messages: LoggedMessage[] = [];
  const server = new grpc.Server();
  const impl: Partial<engrpc.IEngineServer> = {
    log: (call, callback) => {
      const r: engproto.LogRequest = call.request;
      messages.push({
        severity: SEVERITY[r.getSeverity()],
        message: r.getMessage(),
        urn: r.getUrn(),
      });
      callback(null, new emptyproto.Empty());
    },
  };
  server.addService(engrpc.EngineService, impl as engrpc.IEngineServer);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
