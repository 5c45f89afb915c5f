/**
 * The plugin's gRPC provider service, on the stubs `@pulumi/pulumi` ships: its `provider.main()`
 * drops Configure's config and has no detailed diff.
 */
import * as grpc from "@grpc/grpc-js";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { KmsCore, type OperationOptions } from "../core/kms-core";
import type { Host, Log } from "../core/region-context";
import { isUnknown } from "../core/unknown";
import type { EngineLog } from "../engine/log";
import type { CheckFailure, KmsInstanceInputs } from "../instance";
import { CONFIG_KEYS, NO_REGION_MESSAGE, resolveKmsSettings, resolveRegion } from "../kms/settings";
import { PACKAGE_NAME } from "../package/identity";
import { PLUGIN_VERSION } from "../package/version";
import { Refusal } from "../refusal";
import { PLUGIN_CONFIG } from "./properties";
import { packageSchema } from "./schema";
import { markSecrets, secretKeysIn, unwrapSecrets } from "./secrets";

const K = provproto.PropertyDiff.Kind;
const { DIFF_NONE, DIFF_SOME } = provproto.DiffResponse.DiffChanges;

/** The engine's detailed-diff kind of a core difference: `[kind, kind forcing a replace]`. */
const KIND = {
  add: [K.ADD, K.ADD_REPLACE],
  delete: [K.DELETE, K.DELETE_REPLACE],
  update: [K.UPDATE, K.UPDATE_REPLACE],
} as const;

/**
 * Configure's `args` (provider inputs such as `region`, possibly secret or non-string) and
 * `variables` (`alicloud-kms:config:region` → string) as one plain map; args win. Keys are in the
 * plugin's namespace (`alicloud-kms:region` as `region`); `pluginHost` maps them onto the core's.
 */
export function pluginConfigFrom(
  args: Record<string, unknown>,
  variables: ReadonlyMap<string, string> | Iterable<[string, string]>,
): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of variables) {
    // `alicloud-kms:config:region` → `region`; a foreign namespace keeps its full name.
    const m = /^([^:]+):(?:config:)?(.+)$/.exec(key);
    if (!m) out[key] = value;
    else out[m[1] === PACKAGE_NAME ? m[2] : `${m[1]}:${m[2]}`] = value;
  }
  for (const [key, raw] of Object.entries(unwrapSecrets(args) as Record<string, unknown>)) {
    if (key === "version" || raw === undefined || raw === null) continue;
    out[key] = typeof raw === "string" ? raw : JSON.stringify(raw);
  }
  return out;
}

const BY_CORE_KEY: ReadonlyMap<string, string> = new Map(
  Object.entries(CONFIG_KEYS).map(([key, coreKey]) => [coreKey, key]),
);

/**
 * The core's `Host` over plugin config (keys as the engine named them: `region`, or a full
 * `ns:key`): a core key (`alicloud:region`) answers the plugin key (`region`), else itself.
 */
export function pluginHost(
  config: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
  log: Log,
): Host {
  return {
    config: (key) => {
      const own = BY_CORE_KEY.get(key);
      const v = (own !== undefined ? config[own] : undefined) ?? config[key];
      return v === undefined || v === "" ? undefined : v;
    },
    env,
    warn: (m) => log.warn(m),
    info: (m) => log.info(m),
  };
}

/**
 * The failures of a provider config: a configured region must be a region id, and when a region
 * is known the whole client configuration (endpoint, key pairs, numbers) must resolve. No region
 * is not a failure: every resource may declare its own.
 */
function checkPluginConfig(
  news: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  log: Log,
): CheckFailure[] {
  const known = Object.fromEntries(Object.entries(news).filter(([, v]) => !hasUnknown(v)));
  const input = { config: pluginHost(pluginConfigFrom(known, []), env, log).config, env };
  const region = resolveRegion(input);
  if (region.error === NO_REGION_MESSAGE) return [];
  if (region.error !== undefined) return [{ property: "region", reason: region.error }];
  try {
    resolveKmsSettings(input);
    return [];
  } catch (err) {
    return [{ property: "", reason: (err as Error).message }];
  }
}

function hasUnknown(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (typeof v === "object" && v !== null) return Object.values(v).some(hasUnknown);
  return false;
}

/**
 * A request's property bag: as plain JSON, secrets unwrapped (the values only ever reach the KMS
 * client), and the keys that arrived secret, for the answer to mark again.
 */
function received(s: structproto.Struct | undefined): {
  values: Record<string, unknown>;
  secrets: Set<string>;
} {
  const raw = (s?.toJavaScript() ?? {}) as Record<string, unknown>;
  return { values: unwrapSecrets(raw) as Record<string, unknown>, secrets: secretKeysIn(raw) };
}

/** Plain JSON as a Struct; `undefined` members are dropped (a Struct cannot hold them). */
function toStruct(p: object): structproto.Struct {
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(p)) as never);
}

function checkResponse(
  r: { inputs: object; failures: CheckFailure[] },
  secretKeys: Iterable<string>,
): provproto.CheckResponse {
  return new provproto.CheckResponse()
    .setInputs(toStruct(markSecrets(r.inputs, secretKeys)))
    .setFailuresList(
      r.failures.map((f) =>
        new provproto.CheckFailure().setProperty(f.property).setReason(f.reason),
      ),
    );
}

/** Whether `err` is a partial create: a refusal carrying `id` and `properties`. */
function isInitFailure(
  err: unknown,
): err is Refusal & { id: string; properties: Record<string, unknown> } {
  return err instanceof Refusal && Boolean(err.id) && err.properties !== undefined;
}

/**
 * For a partial create (see `Refusal.id`), metadata telling the engine: a `google.rpc.Status`
 * packing `ErrorResourceInitFailed` in `grpc-status-details-bin`, the dynamic-provider host's form.
 */
function initFailedMetadata(message: string, err: unknown): grpc.Metadata | undefined {
  if (!isInitFailure(err)) return undefined;
  const detail = new provproto.ErrorResourceInitFailed()
    .setId(err.id)
    .setProperties(toStruct(err.properties))
    .setReasonsList(err.reasons ?? []);
  const any = new anyproto.Any();
  any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
  const status = new statusproto.Status().setCode(grpc.status.UNKNOWN).setMessage(message);
  status.addDetails(any);
  const metadata = new grpc.Metadata();
  metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  return metadata;
}

/**
 * Splits an id of `pulumi import` or the `import` option: `kst-…` (region from the provider config
 * or the environment) or `<region>/kst-…`, as an import has no inputs to name another region in.
 * The stored resource id is always the bare `kst-…`.
 */
export function parseImportId(id: string): { kmsInstanceId: string; region?: string } {
  const slash = id.indexOf("/");
  if (slash <= 0) return { kmsInstanceId: id };
  return { region: id.slice(0, slash), kmsInstanceId: id.slice(slash + 1) };
}

/** The service's handlers; `env` is the environment the core falls back to. */
export function providerService(
  env: NodeJS.ProcessEnv,
  log: EngineLog,
): Partial<provrpc.IResourceProviderServer> {
  const coreOf = (config: Readonly<Record<string, string>>): KmsCore =>
    new KmsCore(pluginHost(config, env, log), `${PACKAGE_NAME}:region`);
  let core = coreOf({});
  /** The engine's `Cancel` RPC (first Ctrl-C) ends every connect wait (`ConnectTiming.signal`). */
  const cancellation = new AbortController();

  /** The messages of one operation, attached to its resource. */
  const on = (urn: string): Log => ({
    warn: (m) => log.warn(m, urn),
    info: (m) => log.info(m, urn),
  });

  /**
   * One operation's options: messages under `urn`; the connect wait's budget is the resource's
   * custom create/update timeout (`CreateRequest.timeout`, seconds, 0 when none: core default).
   */
  const options = (urn: string, timeoutSeconds: number): OperationOptions => ({
    log: on(urn),
    connect: {
      ...(timeoutSeconds > 0 ? { timeoutMs: timeoutSeconds * 1000 } : {}),
      signal: cancellation.signal,
    },
  });

  /** Runs `fn`, lets its messages reach the engine, then answers (errors as gRPC errors). */
  function unary<Req, Res>(fn: (req: Req) => Res | Promise<Res>): grpc.handleUnaryCall<Req, Res> {
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
            const metadata = initFailedMetadata(message, err);
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
      const { values: news, secrets } = received(req.getNews());
      for (const [key, row] of Object.entries(PLUGIN_CONFIG)) {
        if (row.secret === true) secrets.add(key);
      }
      return checkResponse({ inputs: news, failures: checkPluginConfig(news, env, log) }, secrets);
    }),
    diffConfig: unary((req: provproto.DiffRequest) => {
      // A config change never replaces resources: it only re-routes calls.
      const olds = received(req.getOlds()).values;
      const news = received(req.getNews()).values;
      const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
        (k) => k !== "version" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
      );
      return new provproto.DiffResponse()
        .setChanges(changed.length > 0 ? DIFF_SOME : DIFF_NONE)
        .setDiffsList(changed);
    }),
    configure: unary((req: provproto.ConfigureRequest) => {
      const args = received(req.getArgs()).values;
      core = coreOf(pluginConfigFrom(args, req.getVariablesMap().entries()));
      // Secrets are not accepted: the engine sends resource inputs plain and re-marks matching
      // outputs (config values may still come wrapped: `received` unwraps them).
      return new provproto.ConfigureResponse()
        .setAcceptsecrets(false)
        .setAcceptresources(false)
        .setSupportspreview(false);
    }),
    check: unary((req: provproto.CheckRequest) => {
      const { values, secrets } = received(req.getNews());
      return checkResponse(core.check(values), secrets);
    }),
    diff: unary((req: provproto.DiffRequest) => {
      const news = received(req.getNews()).values as unknown as KmsInstanceInputs;
      const d = core.diff(received(req.getOlds()).values, news);
      const res = new provproto.DiffResponse()
        .setChanges(d.changes ? DIFF_SOME : DIFF_NONE)
        .setReplacesList(d.replaces)
        .setDiffsList([...new Set(d.diffs.map((p) => p.property))])
        .setDeletebeforereplace(false)
        .setHasdetaileddiff(true);
      const map = res.getDetaileddiffMap();
      for (const p of d.diffs) {
        // Keyed by the finer path (`bindVpcs[1]`, `tags.team`) where there is one. inputDiff
        // false: the comparison is against the stored outputs (the live state).
        const kind = KIND[p.kind][p.replace ? 1 : 0];
        map.set(
          p.path ?? p.property,
          new provproto.PropertyDiff().setKind(kind).setInputdiff(false),
        );
      }
      return res;
    }),
    create: unary(async (req: provproto.CreateRequest) => {
      const { values, secrets } = received(req.getProperties());
      const news = values as unknown as KmsInstanceInputs;
      const outputs = await core
        .create(news, options(req.getUrn(), req.getTimeout()))
        .catch((err: unknown) => {
          // The outputs of a partial create are marked secret as a full create's are.
          if (isInitFailure(err)) err.properties = markSecrets(err.properties, secrets);
          throw err;
        });
      return new provproto.CreateResponse()
        .setId(news.kmsInstanceId)
        .setProperties(toStruct(markSecrets(outputs, secrets)));
    }),
    // See `KmsCore.read` and `ReadRequest.firstRead`; an import's id may name the region.
    read: unary(async (req: provproto.ReadRequest) => {
      const stored = received(req.getProperties());
      const secrets = new Set([...stored.secrets, ...received(req.getInputs()).secrets]);
      const id = req.getId();
      const parsed = parseImportId(id);
      const outcome = await core.read(
        {
          kmsInstanceId: parsed.kmsInstanceId,
          idRegion: parsed.region,
          stored: stored.values,
          firstRead: "all",
          // The plugin only sees its own config namespace, so the hint names `alicloud-kms:region`.
          noRegion: {
            subject: `cannot read ${id}`,
            declare: `import it as \`<region>/${id}\``,
            configKey: `${PACKAGE_NAME}:region`,
          },
        },
        { log: on(req.getUrn()) },
      );
      if (!outcome.found) return new provproto.ReadResponse().setId("");
      return new provproto.ReadResponse()
        .setId(parsed.kmsInstanceId)
        .setProperties(toStruct(markSecrets(outcome.outputs, secrets)))
        .setInputs(toStruct(markSecrets(outcome.inputs, secrets)));
    }),
    update: unary(async (req: provproto.UpdateRequest) => {
      const { values, secrets } = received(req.getNews());
      const outs = await core.update(
        req.getId(),
        values as unknown as KmsInstanceInputs,
        received(req.getOlds()).values,
        options(req.getUrn(), req.getTimeout()),
      );
      return new provproto.UpdateResponse().setProperties(toStruct(markSecrets(outs, secrets)));
    }),
    delete: unary((req: provproto.DeleteRequest) => {
      core.delete(req.getId(), received(req.getProperties()).values, { log: on(req.getUrn()) });
      return new emptyproto.Empty();
    }),
    attach: unary(() => new emptyproto.Empty()),
    cancel: unary(() => {
      cancellation.abort();
      return new emptyproto.Empty();
    }),
  };
}
