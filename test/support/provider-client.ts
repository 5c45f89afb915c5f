/**
 * Starts a resource provider process the way the engine does — engine address as argument, port
 * read from stdout — and gives a promise-based client of the ResourceProvider protocol with
 * plain-JS property bags: the provider plugin and Pulumi's dynamic-provider server alike
 * (GetSchema, CheckConfig, DiffConfig and GetPluginInfo matter only to the plugin).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";

/** A plain JSON property bag. */
export type Props = Record<string, unknown>;

/** A check failure as the engine receives it. */
export interface WireCheckFailure {
  property: string;
  reason: string;
}

/** A Diff answer as the engine receives it, kinds by name. */
export interface WireDiff {
  changes: "DIFF_UNKNOWN" | "DIFF_NONE" | "DIFF_SOME";
  replaces: string[];
  diffs: string[];
  hasDetailedDiff: boolean;
  detailedDiff: Record<string, { kind: string; inputDiff: boolean }>;
}

/** A running provider process and a typed client. */
export interface ProviderClient {
  getPluginInfo(): Promise<string>;
  getSchema(): Promise<Record<string, unknown>>;
  checkConfig(news: Props): Promise<{ inputs: Props; failures: WireCheckFailure[] }>;
  diffConfig(olds: Props, news: Props): Promise<WireDiff>;
  configure(args: Props, variables?: Record<string, string>): Promise<{ acceptSecrets: boolean }>;
  check(urn: string, news: Props): Promise<{ inputs: Props; failures: WireCheckFailure[] }>;
  diff(id: string, urn: string, olds: Props, news: Props): Promise<WireDiff>;
  create(urn: string, props: Props): Promise<{ id: string; properties: Props }>;
  read(
    id: string,
    urn: string,
    props?: Props,
  ): Promise<{ id: string; properties: Props; inputs?: Props }>;
  update(id: string, urn: string, olds: Props, news: Props): Promise<{ properties: Props }>;
  delete(id: string, urn: string, props: Props): Promise<void>;
  /** The engine's `Cancel` (sent to every provider on the first Ctrl-C). */
  cancel(): Promise<void>;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /**
   * Waits (up to 5 s) until stderr after offset `from` matches `pattern`, and returns that part:
   * the stderr pipe may deliver a message after the gRPC answer that followed it.
   */
  waitForStderr(pattern: RegExp, from: number): Promise<string>;
  close(): Promise<void>;
}

const toStruct = (p: Props): structproto.Struct => structproto.Struct.fromJavaScript(p as never);
const fromStruct = (s: structproto.Struct | undefined): Props => (s?.toJavaScript() ?? {}) as Props;

const CHANGES = ["DIFF_UNKNOWN", "DIFF_NONE", "DIFF_SOME"] as const;
const KINDS = Object.fromEntries(
  Object.entries(provproto.PropertyDiff.Kind).map(([name, n]) => [n, name]),
) as Record<number, string>;

function wireDiff(res: provproto.DiffResponse): WireDiff {
  const detailedDiff: WireDiff["detailedDiff"] = {};
  res.getDetaileddiffMap().forEach((v, k) => {
    detailedDiff[k] = { kind: KINDS[v.getKind()], inputDiff: v.getInputdiff() };
  });
  return {
    changes: CHANGES[res.getChanges()],
    replaces: res.getReplacesList(),
    diffs: res.getDiffsList(),
    hasDetailedDiff: res.getHasdetaileddiff(),
    detailedDiff,
  };
}

/** Starts `executable` with `args` (ending with the engine address) in `env`, in `cwd`. */
export async function startProviderProcess(
  executable: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<ProviderClient> {
  const child: ChildProcessWithoutNullStreams = spawn(executable, args, { env, cwd });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n")[0].trim();
      if (out.includes("\n") && /^\d+$/.test(line)) resolve(Number(line));
    });
    child.on("exit", (code) => reject(new Error(`provider exited ${code}: ${stderr}`)));
  });
  return providerClient(`127.0.0.1:${port}`, {
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once("exit", r)));
    },
  });
}

/**
 * A client of the provider serving at `address` (a process, or a server in this process):
 * `stderr` is what it wrote so far, `stop` ends it after the client closed.
 */
export function providerClient(
  address: string,
  serving: { stderr: () => string; stop: () => Promise<void> },
): ProviderClient {
  const { stderr } = serving;
  const client = new provrpc.ResourceProviderClient(address, grpc.credentials.createInsecure());
  type Callback<Res> = (err: grpc.ServiceError | null, res: Res) => void;
  function call<Req, Res>(method: keyof provrpc.IResourceProviderClient, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      const fn = client[method] as unknown as (req: Req, cb: Callback<Res>) => void;
      fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res)));
    });
  }
  const checkLike = async (method: "check" | "checkConfig", urn: string, news: Props) => {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(toStruct({}));
    req.setNews(toStruct(news));
    const res = await call<provproto.CheckRequest, provproto.CheckResponse>(method, req);
    return {
      inputs: fromStruct(res.getInputs()),
      failures: res
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  };
  return {
    async getPluginInfo() {
      const res = await call<emptyproto.Empty, plugproto.PluginInfo>(
        "getPluginInfo",
        new emptyproto.Empty(),
      );
      return res.getVersion();
    },
    async getSchema() {
      const res = await call<provproto.GetSchemaRequest, provproto.GetSchemaResponse>(
        "getSchema",
        new provproto.GetSchemaRequest(),
      );
      return JSON.parse(res.getSchema()) as Record<string, unknown>;
    },
    checkConfig: (news) =>
      checkLike(
        "checkConfig",
        "urn:pulumi:test::proj::pulumi:providers:alicloud-kms::default",
        news,
      ),
    async diffConfig(olds, news) {
      const req = new provproto.DiffRequest();
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      return wireDiff(await call<provproto.DiffRequest, provproto.DiffResponse>("diffConfig", req));
    },
    async configure(args, variables = {}) {
      const req = new provproto.ConfigureRequest();
      req.setArgs(toStruct(args));
      for (const [k, v] of Object.entries(variables)) req.getVariablesMap().set(k, v);
      req.setAcceptsecrets(true);
      req.setAcceptresources(true);
      const res = await call<provproto.ConfigureRequest, provproto.ConfigureResponse>(
        "configure",
        req,
      );
      return { acceptSecrets: res.getAcceptsecrets() };
    },
    check: (urn, news) => checkLike("check", urn, news),
    async diff(id, urn, olds, news) {
      const req = new provproto.DiffRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      return wireDiff(await call<provproto.DiffRequest, provproto.DiffResponse>("diff", req));
    },
    async create(urn, props) {
      const req = new provproto.CreateRequest();
      req.setUrn(urn);
      req.setProperties(toStruct(props));
      const res = await call<provproto.CreateRequest, provproto.CreateResponse>("create", req);
      return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    },
    async read(id, urn, props) {
      const req = new provproto.ReadRequest();
      req.setId(id);
      req.setUrn(urn);
      // An import sends neither state nor inputs: leave them unset, as the engine does.
      if (props) req.setProperties(toStruct(props));
      const res = await call<provproto.ReadRequest, provproto.ReadResponse>("read", req);
      const ins = res.getInputs();
      return {
        id: res.getId(),
        properties: fromStruct(res.getProperties()),
        ...(ins ? { inputs: fromStruct(ins) } : {}),
      };
    },
    async update(id, urn, olds, news) {
      const req = new provproto.UpdateRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await call<provproto.UpdateRequest, provproto.UpdateResponse>("update", req);
      return { properties: fromStruct(res.getProperties()) };
    },
    async delete(id, urn, props) {
      const req = new provproto.DeleteRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(toStruct(props));
      await call("delete", req);
    },
    async cancel() {
      await call("cancel", new emptyproto.Empty());
    },
    stderr,
    async waitForStderr(pattern, from) {
      const deadline = Date.now() + 5000;
      while (!pattern.test(stderr().slice(from)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return stderr().slice(from);
    },
    async close() {
      client.close();
      await serving.stop();
    },
  };
}

/**
 * What the engine does to create a resource: Check the program's inputs (which must pass), then
 * Create with the checked inputs; returns both and checks the id is `expectedId`.
 */
export async function checkAndCreate(
  client: ProviderClient,
  urn: string,
  news: Props,
  expectedId: string,
): Promise<{ inputs: Props; outputs: Props }> {
  const checked = await client.check(urn, news);
  expect(checked.failures).toEqual([]);
  const created = await client.create(urn, checked.inputs);
  expect(created.id).toBe(expectedId);
  return { inputs: checked.inputs, outputs: created.properties };
}
