/**
 * The Node.js language host in `.tools/bin` (tools/pulumi/nodejs-host), driven over gRPC as the
 * CLI drives it: it answers code generation and the start of a policy pack (RunPlugin of kind
 * analyzer) itself and relays every other call — unary and
 * streaming, results and errors — to the pinned v3.68.0 host it runs as a child, and it never
 * outlives that child or leaves it behind; when its own parent dies, the pinned host and the
 * program it runs go with it. Then the CLI commands that reach the code generators:
 * `pulumi package gen-sdk` and `pulumi convert`.
 */
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as langproto from "@pulumi/pulumi/proto/language_pb";
import * as langrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import {
  localToolsBinDir,
  makePulumiEnv,
  repoRoot,
  type PulumiEnv,
} from "../../scripts/pulumi-env";
import { startFakeEngine, type FakeEngine } from "../provider/plugin/support/fake-engine";

jest.setTimeout(120_000);

/** A running host and a client connected to it. */
interface Host {
  proc: ChildProcess;
  client: langrpc.LanguageRuntimeClient;
  /** Resolves with the exit code (or signal) once the host has exited. */
  exited: Promise<number | NodeJS.Signals | null>;
}

let engine: FakeEngine;
let scratch: string;
const hosts: Host[] = [];

/** Starts `.tools/bin/pulumi-language-nodejs <engine>` and connects on the port it prints. */
async function startHost(): Promise<Host> {
  const proc = spawn(path.join(localToolsBinDir(), "pulumi-language-nodejs"), [engine.address], {
    cwd: scratch,
    // npm (run by InstallDependencies) stays quiet and offline-friendly.
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    proc.once("exit", (code, signal) => resolve(code ?? signal)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    proc.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(Number(out.slice(0, nl).trim()));
    });
    proc.once("exit", (code) => reject(new Error(`host exited ${code} before its port: ${out}`)));
  });
  const client = new langrpc.LanguageRuntimeClient(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  const host = { proc, client, exited };
  hosts.push(host);
  return host;
}

/** Calls a unary method through `invoke`; resolves with the response or rejects with the error. */
function unary<Res>(
  invoke: (cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
): Promise<Res> {
  return new Promise((resolve, reject) => invoke((err, res) => (err ? reject(err) : resolve(res))));
}

/** Reads a server stream to its end; resolves with the messages or rejects with its error. */
function drain<T>(stream: grpc.ClientReadableStream<T>): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const got: T[] = [];
    stream.on("data", (m: T) => got.push(m));
    stream.on("error", reject);
    stream.on("end", () => resolve(got));
  });
}

/** The direct children of `pid`, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return kids;
}

/** The command line of `pid`, arguments joined by spaces ("" once it has ended). */
function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

async function waitUntil(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting until ${what}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

const PCL = 'config "name" "string" {}\noutput "greeting" {\n  value = "hello ${name}"\n}\n';

beforeAll(async () => {
  engine = await startFakeEngine();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kms-langhost-"));
});

afterAll(async () => {
  for (const h of hosts) {
    h.client.close();
    if (h.proc.exitCode === null && h.proc.signalCode === null) h.proc.kill("SIGKILL");
    await h.exited;
  }
  await engine?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("one host, many calls", () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost();
  });

  test("a call it does not serve is answered by the pinned v3.68.0 host", async () => {
    const info = await unary<PluginInfo>((cb) =>
      host.client.getPluginInfo(new emptyproto.Empty(), cb),
    );
    expect(info.getVersion()).toMatch(/^v?3\.68\.0$/);
  });

  test("the pinned host's error status comes back unchanged (Pack is newer than v3.68)", async () => {
    const err = await unary<langproto.PackResponse>((cb) =>
      host.client.pack(new langproto.PackRequest(), cb),
    ).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(err?.code).toBe(grpc.status.UNIMPLEMENTED);
    expect(err?.details).toMatch(/unknown method Pack/);
  });

  test("server streams are relayed: messages of InstallDependencies, in order", async () => {
    const dir = fs.mkdtempSync(path.join(scratch, "deps-"));
    // One dependency from a local folder: npm installs it without the registry.
    fs.mkdirSync(path.join(dir, "local-dep"));
    fs.writeFileSync(
      path.join(dir, "local-dep/package.json"),
      '{ "name": "local-dep", "version": "1.0.0" }',
    );
    fs.writeFileSync(
      path.join(dir, "package.json"),
      '{ "name": "deps", "version": "1.0.0", "dependencies": { "local-dep": "file:./local-dep" } }',
    );
    const req = new langproto.InstallDependenciesRequest();
    req.setDirectory(dir);
    const msgs = await drain(host.client.installDependencies(req));
    const stdout = msgs.map((m) => Buffer.from(m.getStdout_asU8()).toString()).join("");
    expect(stdout).toMatch(/Installing dependencies\.\.\.[\s\S]*Finished installing dependencies/);
    expect(fs.existsSync(path.join(dir, "node_modules/local-dep/package.json"))).toBe(true);
  });

  test("server streams are relayed: the error of RunPlugin, which v3.68 does not support", async () => {
    const err = await drain(host.client.runPlugin(new langproto.RunPluginRequest())).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(err?.code).toBe(grpc.status.UNKNOWN);
    expect(err?.details).toBe("not supported");
  });

  test("RunPlugin of a policy pack (kind analyzer) is run here, with the project's @pulumi/pulumi", async () => {
    // A pack whose folder cannot reach @pulumi/pulumi: refused with what to install.
    const lonely = fs.mkdtempSync(path.join(scratch, "pack-"));
    const info = new langproto.ProgramInfo();
    info.setRootDirectory(lonely);
    info.setProgramDirectory(lonely);
    info.setEntryPoint(".");
    const req = new langproto.RunPluginRequest();
    req.setKind("analyzer");
    req.setInfo(info);
    req.setArgsList(["127.0.0.1:1"]);
    req.setEnvList([`PATH=${process.env.PATH ?? ""}`]);
    const err = await drain(host.client.runPlugin(req)).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(err?.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(err?.details).toContain("cannot find @pulumi/pulumi/cmd/run-policy-pack");
    expect(err?.details).toContain("install @pulumi/pulumi and @pulumi/policy");

    // A pack that resolves it (NODE_PATH, as Node's require does): its output and exit code
    // stream back. run-policy-pack loads the folder's index.js, which prints and exits.
    fs.writeFileSync(path.join(lonely, "index.js"), 'console.log("4242"); process.exit(3);\n');
    req.setEnvList([
      `PATH=${process.env.PATH ?? ""}`,
      `NODE_PATH=${path.join(repoRoot(), "node_modules")}`,
    ]);
    const msgs = await drain(host.client.runPlugin(req));
    const stdout = msgs.map((m) => Buffer.from(m.getStdout_asU8()).toString()).join("");
    expect(stdout).toContain("4242");
    expect(msgs[msgs.length - 1].getExitcode()).toBe(3);
  });

  test("GenerateProgram is served here, with the v3.248 TypeScript generator", async () => {
    const req = new langproto.GenerateProgramRequest();
    req.getSourceMap().set("main.pp", PCL);
    // A program without resources never asks the schema loader; the address is never dialled.
    req.setLoaderTarget("127.0.0.1:1");
    const res = await unary<langproto.GenerateProgramResponse>((cb) =>
      host.client.generateProgram(req, cb),
    );
    expect(res.getDiagnosticsList()).toEqual([]);
    const ts = Buffer.from(res.getSourceMap().get("index.ts") as Uint8Array).toString();
    expect(ts).toContain('const name = config.require("name");');
    expect(ts).toContain("export const greeting = `hello ${name}`;");
  });

  test("PCL errors come back as diagnostics, not as a failed call", async () => {
    const req = new langproto.GenerateProgramRequest();
    req.getSourceMap().set("main.pp", 'output "x" {\n  value = \n');
    req.setLoaderTarget("127.0.0.1:1");
    const res = await unary<langproto.GenerateProgramResponse>((cb) =>
      host.client.generateProgram(req, cb),
    );
    expect(res.getDiagnosticsList().length).toBeGreaterThan(0);
    expect(res.getSourceMap().getLength()).toBe(0);
  });

  test("a request without a loader target is refused, and the host keeps serving", async () => {
    const req = new langproto.GenerateProgramRequest();
    req.getSourceMap().set("main.pp", PCL);
    const err = await unary<langproto.GenerateProgramResponse>((cb) =>
      host.client.generateProgram(req, cb),
    ).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(err?.code).toBe(grpc.status.INVALID_ARGUMENT);
    const info = await unary<PluginInfo>((cb) =>
      host.client.getPluginInfo(new emptyproto.Empty(), cb),
    );
    expect(info.getVersion()).toMatch(/3\.68\.0/);
  });

  test("Link with nothing to link (what `pulumi convert` sends) succeeds; real SDKs are refused", async () => {
    const none = await unary<langproto.LinkResponse>((cb) =>
      host.client.link(new langproto.LinkRequest(), cb),
    );
    expect(none.getImportInstructions()).toBe("");
    const req = new langproto.LinkRequest();
    req.addPackages(new langproto.LinkRequest.LinkDependency());
    const err = await unary<langproto.LinkResponse>((cb) => host.client.link(req, cb)).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(err?.code).toBe(grpc.status.UNIMPLEMENTED);
    expect(err?.details).toMatch(/linking local SDKs \(1 package\(s\)\)/);
  });
});

test("when the pinned host dies, the host exits too", async () => {
  const host = await startHost();
  const pid = host.proc.pid as number;
  const [pinned] = childrenOf(pid);
  expect(pinned).toBeDefined();
  process.kill(pinned, "SIGKILL");
  // Killed by a signal, the pinned host has no exit code: the relay reports 1.
  await expect(host.exited).resolves.toBe(1);
});

test("when the host is killed (SIGKILL, as the CLI's last resort), the pinned host goes too", async () => {
  const host = await startHost();
  const pid = host.proc.pid as number;
  const [pinned] = childrenOf(pid);
  expect(pinned).toBeDefined();
  host.proc.kill("SIGKILL");
  await host.exited;
  await waitUntil(() => !isAlive(pinned), `the pinned host ${pinned} is gone`);
});

test("when the process that started the host is killed (SIGKILL), the host, the pinned host and the program all exit", async () => {
  // The parent stands for the CLI: a node process that starts the host and is then SIGKILLed,
  // which stops nothing. The host's stdout is the parent's, so the port reaches us through it.
  const relay = path.join(localToolsBinDir(), "pulumi-language-nodejs");
  const parent = spawn(
    process.execPath,
    [
      "-e",
      `require("node:child_process").spawn(${JSON.stringify(relay)}, [${JSON.stringify(engine.address)}], { stdio: "inherit" }); setInterval(() => {}, 1e9);`,
    ],
    {
      cwd: scratch,
      env: { ...process.env, NODE_PATH: path.join(__dirname, "../../node_modules") },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const parentExited = new Promise<void>((resolve) => parent.once("exit", () => resolve()));
  // A monitor that accepts connections and never answers: the program waits on it, alive.
  const silent: net.Socket[] = [];
  const monitor = net.createServer((s) => silent.push(s));
  await new Promise<void>((resolve) => monitor.listen(0, "127.0.0.1", resolve));
  let client: langrpc.LanguageRuntimeClient | undefined;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      parent.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf("\n");
        if (nl >= 0) resolve(Number(out.slice(0, nl).trim()));
      });
      parent.once("exit", (code) => reject(new Error(`parent exited ${code}: ${out}`)));
    });
    const [host] = childrenOf(parent.pid as number);
    const [pinned] = childrenOf(host);
    expect(pinned).toBeDefined();

    // Run makes the pinned host start the program's node process: the host's grandchild.
    const prog = fs.mkdtempSync(path.join(scratch, "waiting-program-"));
    fs.writeFileSync(path.join(prog, "index.js"), "setTimeout(() => {}, 120000);\n");
    client = new langrpc.LanguageRuntimeClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    const req = new langproto.RunRequest();
    req.setProject("waiting");
    req.setStack("dev");
    req.setPwd(prog);
    req.setProgram(prog);
    req.setMonitorAddress(`127.0.0.1:${(monitor.address() as net.AddressInfo).port}`);
    // Never answered: the host dies first.
    client.run(req, () => undefined);
    let program = 0;
    await waitUntil(() => {
      program = childrenOf(pinned).find((pid) => cmdline(pid).includes(prog)) ?? 0;
      return program !== 0;
    }, "the pinned host runs the program");

    parent.kill("SIGKILL");
    await parentExited;
    const started = Date.now();
    await waitUntil(
      () => ![host, pinned, program].some(isAlive),
      `the host ${host}, the pinned host ${pinned} and the program ${program} are gone`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  } finally {
    client?.close();
    if (parent.exitCode === null && parent.signalCode === null) parent.kill("SIGKILL");
    for (const s of silent) s.destroy();
    monitor.close();
  }
});

describe("the CLI commands that generate code", () => {
  let penv: PulumiEnv;
  const pulumi = (args: string[], cwd: string): string =>
    execFileSync("pulumi", [...args, "--non-interactive", "--color=never"], {
      cwd,
      env: penv.env,
      encoding: "utf8",
    });
  beforeAll(() => {
    penv = makePulumiEnv();
  });
  afterAll(() => penv?.cleanup());

  test("`pulumi package gen-sdk --language nodejs` writes a TypeScript SDK", () => {
    const dir = fs.mkdtempSync(path.join(penv.dir, "gen-sdk-"));
    const schema = path.join(dir, "schema.json");
    fs.writeFileSync(
      schema,
      JSON.stringify({
        name: "demo",
        version: "1.2.3",
        resources: {
          "demo:index:Thing": {
            inputProperties: { size: { type: "integer" } },
            properties: { size: { type: "integer" } },
            required: ["size"],
          },
        },
      }),
    );
    pulumi(
      ["package", "gen-sdk", schema, "--language", "nodejs", "--out", path.join(dir, "sdk")],
      dir,
    );
    const thing = fs.readFileSync(path.join(dir, "sdk/nodejs/thing.ts"), "utf8");
    expect(thing).toContain("export class Thing extends pulumi.CustomResource {");
    expect(thing).toContain("declare public readonly size: pulumi.Output<number>;");
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "sdk/nodejs/package.json"), "utf8")) as {
      name: string;
    };
    expect(pkg.name).toBe("@pulumi/demo");
  });

  test("`pulumi convert --from pcl --language typescript` writes a project", () => {
    const dir = fs.mkdtempSync(path.join(penv.dir, "convert-"));
    fs.mkdirSync(path.join(dir, "pcl"));
    fs.writeFileSync(path.join(dir, "pcl/main.pp"), PCL);
    const out = path.join(dir, "out");
    pulumi(
      ["convert", "--from", "pcl", "--language", "typescript", "--out", out, "--generate-only"],
      path.join(dir, "pcl"),
    );
    expect(fs.readFileSync(path.join(out, "index.ts"), "utf8")).toContain(
      "export const greeting = `hello ${name}`;",
    );
    expect(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8")).toMatch(/runtime: nodejs/);
  });
});
