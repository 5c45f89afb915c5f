/**
 * A killed CLI leaves nothing running. `pulumi up` of a program that waits starts the Node.js
 * language host (`.tools/bin/pulumi-language-nodejs`), the pinned host it relays to and the
 * program's node process; SIGKILL of `pulumi` stops none of them itself, so the language host has
 * to notice and end the rest (tools/pulumi/README.md). Every process of the run carries a marker
 * variable that is unique to this test, found through /proc/<pid>/environ (Linux). The
 * code-generation hosts start no children; they only have to exit themselves.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { localToolsBinDir, makePulumiEnv, type PulumiEnv } from "../../scripts/pulumi-env";

jest.setTimeout(120_000);

const MARKER = "KMS_LINGER_TEST_MARKER";
const marker = randomUUID();

let penv: PulumiEnv;

beforeAll(() => {
  penv = makePulumiEnv({ extra: { [MARKER]: marker } });
});
afterAll(() => {
  // Whatever the assertions found, nothing of this run outlives the test.
  for (const p of marked()) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // Ended meanwhile.
    }
  }
  penv?.cleanup();
});

/** A running process of this test's run. */
interface Marked {
  pid: number;
  cmd: string;
}

/** The live processes whose environment holds this test's marker (zombies are not live). */
function marked(): Marked[] {
  const found: Marked[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue;
      if (!fs.readFileSync(`/proc/${entry}/environ`, "utf8").includes(`${MARKER}=${marker}`)) {
        continue;
      }
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
      found.push({ pid: Number(entry), cmd });
    } catch {
      // Ended while we looked, or not ours to read.
    }
  }
  return found;
}

async function waitUntil(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (cond()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("after SIGKILL of `pulumi up`, the language host, the pinned host and the program exit within 10 s", async () => {
  const prog = path.join(penv.dir, "waiting-program");
  fs.mkdirSync(prog);
  fs.writeFileSync(
    path.join(prog, "Pulumi.yaml"),
    "name: waiting\nruntime: nodejs\nmain: index.js\n",
  );
  fs.writeFileSync(path.join(prog, "package.json"), '{ "name": "waiting", "version": "1.0.0" }\n');
  fs.writeFileSync(
    path.join(prog, "index.js"),
    'require("@pulumi/pulumi");\nconsole.log("program waiting");\n' +
      "module.exports = new Promise((resolve) => setTimeout(resolve, 120000));\n",
  );
  const opts = { cwd: prog, env: penv.env, stdio: "pipe" as const };
  execFileSync("pulumi", ["stack", "init", "dev", "--non-interactive"], opts);

  const up = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive"], {
    cwd: prog,
    env: penv.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  up.stdout.on("data", (d: Buffer) => (output += d.toString()));
  up.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const upExited = new Promise<void>((resolve) => up.once("exit", () => resolve()));

  // The program runs: its node process, the pinned host and the language host are all up.
  const running = await waitUntil(() => output.includes("program waiting"), 90_000);
  expect({ running, output }).toMatchObject({ running: true });
  const before = marked();
  const of = (what: string) => before.filter((p) => p.cmd.includes(what));
  expect(of(path.join(".tools", "bin", "pulumi-language-nodejs"))).toHaveLength(1);
  expect(of(path.join(".tools", "libexec", "pulumi-language-nodejs"))).toHaveLength(1);
  expect(of(`--pwd ${prog}`)).toHaveLength(1);

  up.kill("SIGKILL");
  await upExited;
  const gone = await waitUntil(() => marked().length === 0, 10_000);
  expect({ gone, left: marked() }).toEqual({ gone: true, left: [] });
});

test.each(["pulumi-language-python", "pulumi-language-go", "pulumi-language-dotnet"])(
  "%s (code generation only, no children) exits when its parent is SIGKILLed",
  async (name) => {
    // The parent stands for the CLI; the host's port line, on the parent's stdout, says it is up.
    const exe = path.join(localToolsBinDir(), name);
    const parent = spawn(
      process.execPath,
      [
        "-e",
        `require("node:child_process").spawn(${JSON.stringify(exe)}, ["127.0.0.1:1"], { stdio: "inherit" }); setInterval(() => {}, 1e9);`,
      ],
      { env: penv.env, stdio: ["ignore", "pipe", "inherit"] },
    );
    const parentExited = new Promise<void>((resolve) => parent.once("exit", () => resolve()));
    try {
      let out = "";
      parent.stdout.on("data", (d: Buffer) => (out += d.toString()));
      expect(await waitUntil(() => /^\d+\n/.test(out), 30_000)).toBe(true);
      const host = marked().filter((p) => p.cmd.startsWith(exe));
      expect(host).toHaveLength(1);
      parent.kill("SIGKILL");
      await parentExited;
      expect(await waitUntil(() => !marked().some((p) => p.pid === host[0].pid), 5_000)).toBe(true);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill("SIGKILL");
    }
  },
);
