/**
 * The provider gRPC service of the plugin, served with the stubs that ship in `@pulumi/pulumi`
 * (its own `provider.main()` drops Configure's config and has no detailed diff). Each handler
 * converts protobuf to plain JSON, calls `KmsPluginProvider`, and converts the answer back.
 */
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import { engineAddressFrom } from "../engine/address";
import { engineLog, type EngineLog } from "../engine/log";
import { KmsPluginProvider, type DetailedDiffKind } from "./plugin-provider";
import { PLUGIN_CONFIG } from "./properties";
import { packageSchema } from "./schema";
import { markSecrets, secretKeysIn } from "./secrets";
import { PLUGIN_VERSION } from "../package/version";
import { fromStruct, toStruct } from "./wire";
import { initFailedMetadata, initFailureOf, type InitFailure } from "./init-failed";

const KIND: Record<DetailedDiffKind, provproto.PropertyDiff.Kind> = {
  ADD: provproto.PropertyDiff.Kind.ADD,
  ADD_REPLACE: provproto.PropertyDiff.Kind.ADD_REPLACE,
  DELETE: provproto.PropertyDiff.Kind.DELETE,
  DELETE_REPLACE: provproto.PropertyDiff.Kind.DELETE_REPLACE,
  UPDATE: provproto.PropertyDiff.Kind.UPDATE,
  UPDATE_REPLACE: provproto.PropertyDiff.Kind.UPDATE_REPLACE,
};

type Unary<Req, Res> = (
  call: grpc.ServerUnaryCall<Req, Res>,
  callback: grpc.sendUnaryData<Res>,
) => void;

/** The config keys the schema marks secret (credentials). */
const SECRET_CONFIG_KEYS: readonly string[] = Object.entries(PLUGIN_CONFIG)
  .filter(([, row]) => row.secret === true)
  .map(([key]) => key);

/** A request's property bag as sent, secret wrappers kept, to see which keys were secret. */
function rawStruct(s: { toJavaScript(): unknown } | undefined): Record<string, unknown> {
  return (s?.toJavaScript() ?? {}) as Record<string, unknown>;
}

function checkResponse(
  r: { inputs: Record<string, unknown>; failures: { property: string; reason: string }[] },
  secretKeys: Iterable<string>,
): provproto.CheckResponse {
  const res = new provproto.CheckResponse();
  res.setInputs(toStruct(markSecrets(r.inputs, secretKeys)));
  res.setFailuresList(
    r.failures.map((f) => new provproto.CheckFailure().setProperty(f.property).setReason(f.reason)),
  );
  return res;
}

/** The service implementation: the provider behind every RPC the engine makes. */
export function providerService(
  provider: KmsPluginProvider,
  log: EngineLog,
): Partial<provrpc.IResourceProviderServer> {
  /** Runs `fn`, lets its messages reach the engine, then answers (errors as gRPC errors). */
  function unary<Req, Res>(fn: (req: Req) => Res | Promise<Res>): Unary<Req, Res> {
    return (call, callback) => {
      Promise.resolve()
        .then(() => fn(call.request))
        .then(
          async (res) => {
            await log.flush();
            callback(null, res);
          },
          async (err: unknown) => {
            await log.flush();
            const message = err instanceof Error ? err.message : String(err);
            // A partial create (adopted, not connected) keeps the instance in state.
            const failure = initFailureOf(err);
            const metadata = failure ? initFailedMetadata(message, failure) : undefined;
            callback(
              {
                code: grpc.status.UNKNOWN,
                message,
                details: message,
                ...(metadata && { metadata }),
              },
              null,
            );
          },
        );
    };
  }

  return {
    getPluginInfo: unary(() => new plugproto.PluginInfo().setVersion(PLUGIN_VERSION)),
    getSchema: unary((req: provproto.GetSchemaRequest) => {
      if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
      return new provproto.GetSchemaResponse().setSchema(
        JSON.stringify(packageSchema(PLUGIN_VERSION)),
      );
    }),
    checkConfig: unary((req: provproto.CheckRequest) => {
      // What arrived secret stays secret, and credentials are secret even if set in plain text.
      const secrets = new Set([...secretKeysIn(rawStruct(req.getNews())), ...SECRET_CONFIG_KEYS]);
      return checkResponse(provider.checkConfig(fromStruct(req.getNews())), secrets);
    }),
    diffConfig: unary((req: provproto.DiffRequest) => {
      const changed = provider.diffConfig(fromStruct(req.getOlds()), fromStruct(req.getNews()));
      const res = new provproto.DiffResponse();
      res.setChanges(
        changed.length > 0
          ? provproto.DiffResponse.DiffChanges.DIFF_SOME
          : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      res.setDiffsList(changed);
      return res;
    }),
    configure: unary((req: provproto.ConfigureRequest) => {
      provider.configure(fromStruct(req.getArgs()), req.getVariablesMap().entries());
      // Secrets are not accepted: the engine sends plain inputs and re-marks matching outputs.
      const res = new provproto.ConfigureResponse();
      res.setAcceptsecrets(false);
      res.setAcceptresources(false);
      res.setSupportspreview(false);
      return res;
    }),
    check: unary((req: provproto.CheckRequest) =>
      checkResponse(
        provider.check(fromStruct(req.getNews())),
        secretKeysIn(rawStruct(req.getNews())),
      ),
    ),
    diff: unary((req: provproto.DiffRequest) => {
      const d = provider.diff(fromStruct(req.getOlds()), fromStruct(req.getNews()));
      const res = new provproto.DiffResponse();
      res.setChanges(
        d.changes
          ? provproto.DiffResponse.DiffChanges.DIFF_SOME
          : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      res.setReplacesList(d.replaces);
      res.setDiffsList(d.diffs);
      res.setDeletebeforereplace(false);
      res.setHasdetaileddiff(true);
      const map = res.getDetaileddiffMap();
      for (const [path, kind] of Object.entries(d.detailedDiff)) {
        // inputDiff false: the comparison is against the stored outputs (the live state).
        map.set(path, new provproto.PropertyDiff().setKind(KIND[kind]).setInputdiff(false));
      }
      return res;
    }),
    create: unary(async (req: provproto.CreateRequest) => {
      const secrets = secretKeysIn(rawStruct(req.getProperties()));
      const r = await provider
        .create(req.getUrn(), fromStruct(req.getProperties()), req.getTimeout())
        .catch((err: unknown) => {
          // The outputs of a partial create are marked secret as a full create's are.
          const failure = initFailureOf(err);
          if (failure) (err as InitFailure).properties = markSecrets(failure.properties, secrets);
          throw err;
        });
      return new provproto.CreateResponse()
        .setId(r.id)
        .setProperties(toStruct(markSecrets({ ...r.outputs }, secrets)));
    }),
    read: unary(async (req: provproto.ReadRequest) => {
      const secrets = new Set([
        ...secretKeysIn(rawStruct(req.getProperties())),
        ...secretKeysIn(rawStruct(req.getInputs())),
      ]);
      const r = await provider.read(req.getUrn(), req.getId(), fromStruct(req.getProperties()));
      const res = new provproto.ReadResponse().setId(r.id);
      if (r.outputs) res.setProperties(toStruct(markSecrets({ ...r.outputs }, secrets)));
      if (r.inputs) res.setInputs(toStruct(markSecrets({ ...r.inputs }, secrets)));
      return res;
    }),
    update: unary(async (req: provproto.UpdateRequest) => {
      const secrets = secretKeysIn(rawStruct(req.getNews()));
      const outs = await provider.update(
        req.getUrn(),
        req.getId(),
        fromStruct(req.getNews()),
        fromStruct(req.getOlds()),
        req.getTimeout(),
      );
      return new provproto.UpdateResponse().setProperties(
        toStruct(markSecrets({ ...outs }, secrets)),
      );
    }),
    delete: unary((req: provproto.DeleteRequest) => {
      provider.delete(req.getUrn(), req.getId(), fromStruct(req.getProperties()));
      return new emptyproto.Empty();
    }),
    attach: unary(() => new emptyproto.Empty()),
    // The engine's cancel (first Ctrl-C): connect waits end at once (`KmsPluginProvider.cancel`).
    cancel: unary(() => {
      provider.cancel();
      return new emptyproto.Empty();
    }),
  };
}

export { engineAddressFrom };

/**
 * Starts the plugin: binds `127.0.0.1:0`, prints the port on stdout (the engine reads it to
 * connect) and serves until the engine kills the process.
 */
export async function servePlugin(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ port: number; server: grpc.Server }> {
  const log = engineLog(engineAddressFrom(argv));
  const server = new grpc.Server({ "grpc.max_receive_message_length": 1 << 30 });
  server.addService(
    provrpc.ResourceProviderService,
    providerService(new KmsPluginProvider(env, log), log) as provrpc.IResourceProviderServer,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  process.stdout.write(`${port}\n`);
  return { port, server };
}
