/**
 * The "Importing from the CLI" commands of `docs/guides/import-cli.md` (the page the README
 * links for `pulumi import`), run as written: the `# in this repository`
 * block in this checkout (standing in for a fresh clone after `npm ci && npm run setup:pulumi`),
 * then, in the same shell, the `# in your project` block in a new project with the built package
 * installed. PATH starts without any `pulumi`: the README's one `export PATH=…/.tools/bin` line is
 * what makes the CLI, its language host and plugins found. The environment only supplies what a
 * user's own machine has (a backend login, a `~/.pulumi`, a secrets passphrase) in temp folders.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { DEFAULT_SEED_IDS } from "../../emulator";
import {
  localToolsBinDir,
  makePulumiEnv,
  repoRoot,
  type PulumiEnv,
} from "../../scripts/pulumi-env";
import { installPackage, removeScratch } from "../support/installed-package";
import { placedScripts, sectionCodeBlocks, type PlacedScript } from "./support/readme-blocks";

// Packaging the plugin, a dozen CLI commands and a TypeScript compile, on a loaded machine.
jest.setTimeout(600_000);

const TYPE = "alicloud-kms:index:KmsInstance";

let scripts: PlacedScript[];
let project: string;
let penv: PulumiEnv;
/** The user's shell before the README: PATH without `.tools/bin` (and so without any pulumi). */
let shellEnv: NodeJS.ProcessEnv;
/** The process group of the README run: its background emulator outlives the shell. */
let group: number | undefined;
let run: { code: number | null; output: string };

/** The port the repository block starts the emulator on (`--port N`). */
function emulatorPort(script: string): number {
  const m = /--port (\d+)/.exec(script);
  if (!m) throw new Error(`no emulator --port in:\n${script}`);
  return Number(m[1]);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/**
 * Runs `script` with bash in its own process group; resolves with the exit code and output once
 * bash exits. Output goes to a file, not pipes: the background emulator inherits it and keeps it
 * open after bash is gone.
 */
async function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<typeof run> {
  const log = path.join(penv.dir, `bash-${Date.now()}.log`);
  const fd = fs.openSync(log, "w");
  try {
    const child = spawn("bash", ["-c", script], {
      cwd,
      env,
      detached: true,
      stdio: ["ignore", fd, fd],
    });
    group = child.pid;
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (c) => resolve(c));
    });
    return { code, output: fs.readFileSync(log, "utf8") };
  } finally {
    fs.closeSync(fd);
  }
}

function pulumiIn(args: string[]): string {
  const env = { ...shellEnv, PATH: `${localToolsBinDir()}${path.delimiter}${shellEnv.PATH}` };
  return execFileSync("pulumi", [...args, "--non-interactive", "--color=never"], {
    cwd: project,
    env,
    encoding: "utf8",
  });
}

beforeAll(async () => {
  const readme = fs.readFileSync(path.join(repoRoot(), "docs/guides/import-cli.md"), "utf8");
  scripts = placedScripts(sectionCodeBlocks(readme, "Importing from the CLI"));
  const port = emulatorPort(scripts.find((s) => s.place === "repository")?.script ?? "");
  if (!(await portIsFree(port))) {
    throw new Error(`port ${port}, which the README's emulator command uses, is taken`);
  }

  // The user's project: Pulumi.yaml, `npm install pulumi-alicloud-kms`, and a strict tsconfig.
  project = installPackage("readme-import");
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: kms-import\nruntime: nodejs\n");
  fs.writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "commonjs",
        moduleResolution: "node",
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
      },
      files: ["index.ts"],
    }),
  );

  penv = makePulumiEnv();
  const tools = path.resolve(localToolsBinDir());
  const basePath = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((d) => d !== "" && path.resolve(d) !== tools);
  shellEnv = { ...penv.env, PATH: basePath.join(path.delimiter) };
  // Nothing the tests set up for themselves: no NODE_PATH.
  delete shellEnv.NODE_PATH;
  const which = await bash("command -v pulumi || true", project, shellEnv);
  expect(which.output.trim()).toBe("");

  // The blocks in README order, each in its folder; between the two, the emulator gets time to
  // listen (a user reads on, the test waits for its port).
  const steps = ["set -e"];
  for (const s of scripts) {
    if (s.place === "project") {
      steps.push(
        `for i in $(seq 1 240); do (echo > /dev/tcp/127.0.0.1/${port}) 2>/dev/null && break; sleep 0.5; done`,
      );
    }
    steps.push(`cd ${JSON.stringify(s.place === "repository" ? repoRoot() : project)}`, s.script);
  }
  run = await bash(steps.join("\n"), repoRoot(), shellEnv);
});

afterAll(() => {
  if (group) {
    try {
      process.kill(-group, "SIGTERM");
    } catch {
      // The group is gone already.
    }
  }
  penv?.cleanup();
  if (project) removeScratch(project);
});

test("the README's import commands, as written, import an instance with only .tools/bin added to PATH", () => {
  if (run.code !== 0) throw new Error(`the README commands exited ${run.code}:\n${run.output}`);
  expect(run.output).toMatch(/= +1 imported/);
  // The host that generated the code was the one beside the CLI, not another from PATH.
  expect(run.output).not.toMatch(/using pulumi-language-nodejs from \$PATH/);

  const state = JSON.parse(pulumiIn(["stack", "export", "--stack", "dev"])) as {
    deployment: { resources?: { type: string; id?: string }[] };
  };
  const imported = (state.deployment.resources ?? []).filter((r) => r.type === TYPE);
  expect(imported.map((r) => r.id)).toEqual([DEFAULT_SEED_IDS.connected]);

  // The program it wrote. That such a program compiles strictly and previews clean is
  // test/provider/plugin/plugin-cli.test.ts's first test (one import through the CLI there).
  const code = fs.readFileSync(path.join(project, "index.ts"), "utf8");
  expect(code).toContain('import * as alicloud_kms from "pulumi-alicloud-kms/plugin";');
  expect(code).toContain('new alicloud_kms.KmsInstance("prod", {');
  expect(code).toContain(`kmsInstanceId: "${DEFAULT_SEED_IDS.connected}"`);
});
