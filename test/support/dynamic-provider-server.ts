/**
 * Runs Pulumi's real dynamic-provider gRPC server (`@pulumi/pulumi/cmd/dynamic-provider`) as
 * the engine does — a child process that prints its port — and gives a promise-based client for
 * the resource provider protocol with plain-JS property bags.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";

/** A plain JSON property bag. */
export type Props = Record<string, unknown>;

/** A check failure as the engine receives it. */
export interface WireCheckFailure {
  property: string;
  reason: string;
}

/** The running server and a typed client. */
export interface DynamicProviderServer {
  configure(config: Record<string, string>): Promise<void>;
  check(
    urn: string,
    olds: Props,
    news: Props,
  ): Promise<{ inputs: Props; failures: WireCheckFailure[] }>;
  diff(
    id: string,
    urn: string,
    olds: Props,
    news: Props,
  ): Promise<{ changes: number; replaces: string[] }>;
  create(urn: string, props: Props): Promise<{ id: string; properties: Props }>;
  read(
    id: string,
    urn: string,
    props: Props,
    inputs?: Props,
  ): Promise<{ id: string; properties: Props; inputs?: Props }>;
  update(id: string, urn: string, olds: Props, news: Props): Promise<{ properties: Props }>;
  delete(id: string, urn: string, props: Props): Promise<void>;
  /** Everything the provider process wrote to stderr so far (warnings, messages). */
  stderr(): string;
  /**
   * Waits (up to 5 s) until stderr after offset `from` matches `pattern`, and returns that part:
   * the process's stderr pipe may deliver a message after the gRPC answer that followed it.
   */
  waitForStderr(pattern: RegExp, from: number): Promise<string>;
  close(): Promise<void>;
}

const toStruct = (p: Props): structproto.Struct => structproto.Struct.fromJavaScript(p as never);
const fromStruct = (s: structproto.Struct | undefined): Props => (s?.toJavaScript() ?? {}) as Props;

/** Starts the server in `cwd` (a folder with the installed package) with `env`. */
export async function startDynamicProviderServer(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<DynamicProviderServer> {
  const entry = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
  // The first argument is the engine address; this server never dials it for these calls.
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [entry, "127.0.0.1:1"], {
    cwd,
    env,
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && /^\d+$/.test(line.trim())) resolve(Number(line.trim()));
    });
    child.on("exit", (code) => reject(new Error(`provider exited ${code}: ${stderr}`)));
  });
  const client = new provrpc.ResourceProviderClient(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  function call<Req, Res>(method: string, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      type Unary = (r: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => void;
      const fn = (client as unknown as Record<string, Unary>)[method].bind(client);
      fn(req, (err: grpc.ServiceError | null, res: Res) => (err ? reject(err) : resolve(res)));
    });
  }
  return {
    async configure(config) {
      const req = new provproto.ConfigureRequest();
      req.setArgs(toStruct(config));
      req.setAcceptsecrets(true);
      req.setAcceptresources(true);
      await call("configure", req);
    },
    async check(urn, olds, news) {
      const req = new provproto.CheckRequest();
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await call<provproto.CheckRequest, provproto.CheckResponse>("check", req);
      return {
        inputs: fromStruct(res.getInputs()),
        failures: res
          .getFailuresList()
          .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(id, urn, olds, news) {
      const req = new provproto.DiffRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await call<provproto.DiffRequest, provproto.DiffResponse>("diff", req);
      return { changes: res.getChanges(), replaces: res.getReplacesList() };
    },
    async create(urn, props) {
      const req = new provproto.CreateRequest();
      req.setUrn(urn);
      req.setProperties(toStruct(props));
      const res = await call<provproto.CreateRequest, provproto.CreateResponse>("create", req);
      return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    },
    async read(id, urn, props, inputs) {
      const req = new provproto.ReadRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(toStruct(props));
      if (inputs) req.setInputs(toStruct(inputs));
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
    stderr: () => stderr,
    async waitForStderr(pattern, from) {
      const deadline = Date.now() + 5000;
      while (!pattern.test(stderr.slice(from)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return stderr.slice(from);
    },
    async close() {
      client.close();
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once("exit", r)));
    },
  };
}
