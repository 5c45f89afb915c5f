/**
 * The `kms-emulator` command, spawned as users run it (`node bin/kms-emulator.js`, which loads the
 * compiled `dist/`): first stdout line, request log lines, exit codes, signals.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  DEFAULT_SEED_IDS,
  signAcs3,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
} from "../../emulator";
import { rawRequest } from "./kms-client";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/kms-emulator.js");
const LISTENING = /^kms-emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

/** Builds dist/ when it is missing or older than the emulator sources (npm test builds first). */
beforeAll(() => {
  const compiled = path.join(ROOT, "dist/emulator/cli.js");
  const srcDir = path.join(ROOT, "emulator");
  const newest = Math.max(
    ...fs.readdirSync(srcDir).map((f) => fs.statSync(path.join(srcDir, f)).mtimeMs),
  );
  if (!fs.existsSync(compiled) || fs.statSync(compiled).mtimeMs < newest) {
    try {
      execFileSync(
        process.execPath,
        [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
        {
          cwd: ROOT,
          stdio: "pipe",
        },
      );
    } catch {
      // Type errors elsewhere in the project do not stop tsc from emitting the emulator.
    }
  }
  expect(fs.existsSync(compiled)).toBe(true);
}, 120_000);

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  lines: string[];
  exited: Promise<number | null>;
}

function run(args: string[]): Running & { firstLine: Promise<string> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
  });
  const lines: string[] = [];
  let buffered = "";
  let resolveFirst: (l: string) => void = () => undefined;
  const firstLine = new Promise<string>((r) => (resolveFirst = r));
  child.stdout.on("data", (c: Buffer) => {
    buffered += c.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const l of parts) {
      if (lines.length === 0) resolveFirst(l);
      lines.push(l);
    }
  });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  void exited.then(() => resolveFirst(""));
  return { child, url: "", lines, exited, firstLine };
}

async function start(args: string[]): Promise<Running> {
  const r = run(args);
  const first = await r.firstLine;
  const m = LISTENING.exec(first);
  if (!m) throw new Error(`unexpected first line ${JSON.stringify(first)}`);
  return { ...r, url: m[1] };
}

function stderrOf(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    child.stderr.on("data", (c: Buffer) => (text += c.toString()));
    child.on("exit", () => resolve(text));
  });
}

async function getInstance(
  url: string,
  key: { accessKeyId: string; accessKeySecret: string },
  id: string,
  region = "cn-hangzhou",
) {
  const req = signAcs3({
    host: new URL(url).host,
    path: `/${region}`,
    action: "GetKmsInstance",
    query: { KmsInstanceId: id },
    ...key,
  });
  return rawRequest(url, { path: req.pathWithQuery, headers: req.headers });
}

const TEST_KEY = { accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: TEST_ACCESS_KEY_SECRET };

it("prints the listening line first, logs each request, and exits 0 on SIGTERM", async () => {
  const emu = await start(["--port", "0"]);
  const res = await getInstance(emu.url, TEST_KEY, DEFAULT_SEED_IDS.connected);
  expect(res.status).toBe(200);
  await new Promise((r) => setTimeout(r, 100));
  expect(emu.lines[1]).toMatch(
    new RegExp(`GetKmsInstance cn-hangzhou ${DEFAULT_SEED_IDS.connected} 200 [\\d.]+ms$`),
  );
  expect(emu.lines.join("\n")).not.toContain(TEST_ACCESS_KEY_SECRET);
  emu.child.kill("SIGTERM");
  expect(await emu.exited).toBe(0);
});

it("exits 0 on SIGINT too", async () => {
  const emu = await start(["--port=0"]);
  emu.child.kill("SIGINT");
  expect(await emu.exited).toBe(0);
});

it("takes keys, STS triples, a seed and a default region from the command line", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-cli-"));
  const seed = path.join(dir, "seed.json");
  fs.writeFileSync(
    seed,
    JSON.stringify({
      instances: [{ RegionId: "eu-west-1", KmsInstance: { InstanceId: "kst-cli1x" } }],
    }),
  );
  const emu = await start([
    "--port",
    "0",
    "--seed",
    seed,
    "--access-key",
    "AK1:se:cret",
    "--sts",
    "STS.1:s2:tok:en",
    "--default-region",
    "eu-west-1",
  ]);
  try {
    expect(
      (
        await getInstance(
          emu.url,
          { accessKeyId: "AK1", accessKeySecret: "se:cret" },
          "kst-cli1x",
          "eu-west-1",
        )
      ).status,
    ).toBe(200);
    const rejected = await getInstance(emu.url, TEST_KEY, "kst-cli1x", "eu-west-1");
    expect(rejected.json().Code).toBe("InvalidAccessKeyId.NotFound");
    const sts = signAcs3({
      host: new URL(emu.url).host,
      path: "/",
      action: "GetKmsInstance",
      query: { KmsInstanceId: "kst-cli1x" },
      accessKeyId: "STS.1",
      accessKeySecret: "s2",
      securityToken: "tok:en",
    });
    expect(
      (await rawRequest(emu.url, { path: sts.pathWithQuery, headers: sts.headers })).status,
    ).toBe(200);
  } finally {
    emu.child.kill("SIGTERM");
    await emu.exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it.each([
  ["a missing seed file", ["--seed", "/nonexistent/seed.json"], /seed file/],
  ["a bad argument", ["--bogus"], /unknown argument/],
  ["a bad port", ["--port", "http"], /--port/],
  ["a bad access key", ["--access-key", "nocolon"], /ID:SECRET/],
  ["a missing value", ["--seed"], /--seed needs a value/],
  ["a stray word", ["--port", "0", "extra"], /unknown argument "extra"/],
  [
    "an invalid default region",
    ["--port", "0", "--default-region", "Hangzhou"],
    /invalid default region "Hangzhou"/,
  ],
])("exits 2 on %s with a clear message", async (_name, args, message) => {
  const r = run(args);
  const stderr = stderrOf(r.child);
  expect(await r.exited).toBe(2);
  expect(await stderr).toMatch(message);
  expect(r.lines).toEqual([]);
});

it("exits 1 when the port is taken (a failure to listen, not a usage error)", async () => {
  const first = await start(["--port", "0"]);
  try {
    const r = run(["--port", new URL(first.url).port]);
    const stderr = stderrOf(r.child);
    expect(await r.exited).toBe(1);
    expect(await stderr).toMatch(/EADDRINUSE/);
  } finally {
    first.child.kill("SIGTERM");
    await first.exited;
  }
});

it("prints the usage on --help or -h, whatever else the line holds, and exits 0", async () => {
  for (const args of [["--help"], ["-h", "--bogus"]]) {
    const r = run(args);
    expect(await r.exited).toBe(0);
    expect(r.lines[0]).toMatch(/^usage: kms-emulator/);
  }
});

it("exits 2 on a corrupt state file and leaves it as it was", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-cli-"));
  const state = path.join(dir, "state.json");
  fs.writeFileSync(state, "{ broken");
  try {
    const r = run(["--port", "0", "--state", state]);
    const stderr = stderrOf(r.child);
    expect(await r.exited).toBe(2);
    expect(await stderr).toMatch(/corrupt/);
    expect(fs.readFileSync(state, "utf8")).toBe("{ broken");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it("after a kill -9, removes the stale temp files and refuses a replayed request", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-cli-"));
  const state = path.join(dir, "state.json");
  try {
    const first = await start(["--port", "0", "--state", state]);
    const port = new URL(first.url).port;
    const req = signAcs3({
      host: new URL(first.url).host,
      path: "/cn-hangzhou",
      action: "GetKmsInstance",
      query: { KmsInstanceId: DEFAULT_SEED_IDS.connected },
      accessKeyId: TEST_ACCESS_KEY_ID,
      accessKeySecret: TEST_ACCESS_KEY_SECRET,
    });
    const replay = () => rawRequest(first.url, { path: req.pathWithQuery, headers: req.headers });
    expect((await replay()).status).toBe(200);
    first.child.kill("SIGKILL");
    await first.exited;
    // What a kill during a write leaves: the temp files of the state file and of the journal.
    const stale = [
      `.state.json.${first.child.pid}.${Date.now()}.tmp`,
      `.state.json.nonces.${first.child.pid}.${Date.now()}.tmp`,
    ];
    for (const name of stale) fs.writeFileSync(path.join(dir, name), '{"instances":');

    const second = await start(["--port", port, "--state", state]);
    try {
      expect(fs.readdirSync(dir).sort()).toEqual(["state.json", "state.json.nonces"]);
      const res = await replay();
      expect([res.status, res.json().Code]).toEqual([400, "SignatureNonceUsed"]);
      expect((await getInstance(second.url, TEST_KEY, DEFAULT_SEED_IDS.connected)).status).toBe(
        200,
      );
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
