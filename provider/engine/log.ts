/**
 * Messages through the engine's log service, at their real severity: a warning shows as a warning,
 * with a URN under that resource. Used by the plugin and the dynamic provider (whose plain stderr
 * lines would all show as unattributed output). Without a reachable engine they go to stderr.
 */
import * as grpc from "@grpc/grpc-js";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";

/** A log through the engine (or stderr). */
export interface EngineLog {
  /** A warning; `urn` attaches it to a resource in the CLI display. */
  warn(message: string, urn?: string): void;
  /** An informational message; `urn` attaches it to a resource. */
  info(message: string, urn?: string): void;
  /** Resolves when every message sent so far was delivered (or fell back to stderr). */
  flush(): Promise<void>;
  close(): void;
}

/**
 * The engine address. The engine starts every provider (the dynamic-provider server too) with
 * optional flags first (`--logtostderr`, `-v=N`, `--tracing <endpoint>`) and its own gRPC address
 * last (pulumi/pulumi `sdk/go/common/resource/plugin/plugin.go`, `buildPluginArguments`).
 */
export function engineAddressFrom(argv: readonly string[]): string | undefined {
  let address: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--tracing")
      i++; // its value is an endpoint, not the engine
    else if (!a.startsWith("-")) address = a;
  }
  return address;
}

/** Logs through the engine at `engineAddress`, or to stderr when it is undefined. */
export function engineLog(engineAddress: string | undefined): EngineLog {
  const client =
    engineAddress !== undefined
      ? new engrpc.EngineClient(engineAddress, grpc.credentials.createInsecure())
      : undefined;
  const inFlight = new Set<Promise<void>>();
  const send = (severity: engproto.LogSeverity, label: string, message: string, urn?: string) => {
    const stderr = (): void => void process.stderr.write(`${label}${message}\n`);
    if (!client) {
      stderr();
      return;
    }
    const req = new engproto.LogRequest();
    req.setSeverity(severity);
    req.setMessage(message);
    if (urn) req.setUrn(urn);
    const p = new Promise<void>((resolve) =>
      client.log(req, (err) => {
        if (err) stderr();
        resolve();
      }),
    );
    inFlight.add(p);
    void p.then(() => inFlight.delete(p));
  };
  return {
    warn: (m, urn) => send(engproto.LogSeverity.WARNING, "warning: ", m, urn),
    info: (m, urn) => send(engproto.LogSeverity.INFO, "", m, urn),
    flush: async () => {
      await Promise.all([...inFlight]);
    },
    close: () => client?.close(),
  };
}
