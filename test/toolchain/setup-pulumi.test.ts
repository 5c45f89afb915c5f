/**
 * scripts/setup-pulumi.sh decides on every run between reusing the toolchain already in `.tools`,
 * linking a full Pulumi installation found on PATH, and building from the Go modules. It runs
 * here on a copy of the repository's `tools/pulumi` in a temp folder, with stand-in binaries
 * (shell scripts) and a stand-in `go` too old to build, so each decision shows in seconds; the
 * real build is what every CLI test in this repository runs on.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumi-env";

const REPO = repoRoot();
const TOO_OLD = /Go 1\.1 is too old: building Pulumi v3\.248\.0 needs Go >= /;

let scratch: string;
/** A folder with a `go` that reports version 1.1, first on PATH: choosing to build fails fast. */
let oldGo: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kms-setup-"));
  oldGo = path.join(scratch, "old-go");
  exe(path.join(oldGo, "go"), 'if [ "$1 $2" = "env GOVERSION" ]; then echo go1.1; fi');
});

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Writes an executable shell script. */
function exe(file: string, body: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

/** A stand-in `pulumi` that reports `version`. */
function fakePulumi(file: string, version: string): void {
  exe(file, `[ "$1" = version ] && echo ${version}`);
}

/** A repository root with the script, a copy of tools/pulumi and the dynamic-provider script. */
function makeRoot(): string {
  const root = fs.mkdtempSync(path.join(scratch, "clone-"));
  fs.mkdirSync(path.join(root, "scripts"));
  fs.copyFileSync(
    path.join(REPO, "scripts/setup-pulumi.sh"),
    path.join(root, "scripts/setup-pulumi.sh"),
  );
  fs.cpSync(path.join(REPO, "tools/pulumi"), path.join(root, "tools/pulumi"), { recursive: true });
  exe(path.join(root, "node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"), "exit 0");
  return root;
}

/**
 * An earlier build in `root/.tools`, stamped with the hash this repository's own build recorded
 * (the same sources, at another path: the hash must not depend on where the clone is).
 */
function earlierBuild(root: string): void {
  const stamp = path.join(REPO, ".tools/source-hash");
  if (!fs.existsSync(stamp)) throw new Error("no .tools/source-hash: run `npm run setup:pulumi`");
  fakePulumi(path.join(root, ".tools/bin/pulumi"), "v3.248.0");
  exe(path.join(root, ".tools/bin/pulumi-language-nodejs"), "exit 0");
  exe(path.join(root, ".tools/libexec/pulumi-language-nodejs"), "exit 0");
  exe(path.join(root, ".tools/libexec/pulumi-codegen-host"), "exit 0");
  exe(path.join(root, ".tools/bin/pulumi-language-dotnet"), "exit 0");
  fs.copyFileSync(stamp, path.join(root, ".tools/source-hash"));
}

/** A full installation: pulumi with its language host and dynamic-provider plugin beside it. */
function installation(version: string, withHost = true): string {
  const dir = fs.mkdtempSync(path.join(scratch, "install-"));
  fakePulumi(path.join(dir, "pulumi"), version);
  if (withHost) exe(path.join(dir, "pulumi-language-nodejs"), "exit 0");
  exe(path.join(dir, "pulumi-resource-pulumi-nodejs"), "exit 0");
  return dir;
}

/** Runs the script in `root` with `first` ahead of the old `go` and of a PATH with no pulumi. */
function setup(
  root: string,
  first: string[] = [],
  extraEnv: Record<string, string> = {},
): { code: number | null; output: string } {
  const base = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((d) => d !== "" && !fs.existsSync(path.join(d, "pulumi")));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [...first, oldGo, ...base].join(path.delimiter),
  };
  delete env.PULUMI_SETUP_FORCE_BUILD;
  Object.assign(env, extraEnv);
  const r = spawnSync("bash", [path.join(root, "scripts/setup-pulumi.sh")], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

test("an earlier build of the same sources is reused, and the dynamic-provider plugin and codegen hosts linked", () => {
  const root = makeRoot();
  earlierBuild(root);
  const r = setup(root);
  expect(r).toMatchObject({ code: 0 });
  expect(r.output).toContain(`reusing the earlier build in ${root}/.tools/bin`);
  expect(fs.readlinkSync(path.join(root, ".tools/bin/pulumi-resource-pulumi-nodejs"))).toBe(
    "../../node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs",
  );
  // One codegen host serves Python and Go; the name it is started under picks the language.
  for (const lang of ["python", "go"]) {
    expect(fs.readlinkSync(path.join(root, `.tools/bin/pulumi-language-${lang}`))).toBe(
      "../libexec/pulumi-codegen-host",
    );
  }
});

test("an earlier build without the codegen hosts is not reused", () => {
  const root = makeRoot();
  earlierBuild(root);
  fs.rmSync(path.join(root, ".tools/libexec/pulumi-codegen-host"));
  const r = setup(root);
  expect(r.code).toBe(1);
  expect(r.output).not.toContain("reusing");
  expect(r.output).toMatch(TOO_OLD);
});

test("a change under tools/pulumi means a rebuild; the earlier build stays until one can start", () => {
  const root = makeRoot();
  earlierBuild(root);
  fs.appendFileSync(path.join(root, "tools/pulumi/nodejs-host/main.go"), "\n// changed\n");
  const r = setup(root);
  expect(r.code).toBe(1);
  expect(r.output).toMatch(TOO_OLD);
  expect(r.output).not.toContain("reusing");
  expect(fs.existsSync(path.join(root, ".tools/bin/pulumi"))).toBe(true);
});

test("PULUMI_SETUP_FORCE_BUILD=1 rebuilds even the same sources", () => {
  const root = makeRoot();
  earlierBuild(root);
  const r = setup(root, [], { PULUMI_SETUP_FORCE_BUILD: "1" });
  expect(r.code).toBe(1);
  expect(r.output).toMatch(TOO_OLD);
});

test("without an earlier build, a full installation on PATH is linked as .tools/bin/pulumi", () => {
  const root = makeRoot();
  // Left by the layout before this one: cleared.
  exe(path.join(root, ".tools/codegen-host/bin/pulumi-language-nodejs"), "exit 0");
  const dir = installation("v3.250.0");
  const r = setup(root, [dir]);
  expect(r).toMatchObject({ code: 0 });
  expect(r.output).toContain(`using the Pulumi v3.250.0 installation at ${fs.realpathSync(dir)}`);
  expect(fs.readlinkSync(path.join(root, ".tools/bin/pulumi"))).toBe(
    fs.realpathSync(path.join(dir, "pulumi")),
  );
  // Its own host and plugin are found next to it: nothing of ours in .tools.
  expect(fs.readdirSync(path.join(root, ".tools/bin"))).toEqual(["pulumi"]);
  expect(fs.readdirSync(path.join(root, ".tools"))).toEqual(["bin"]);
});

test("a pulumi on PATH without its language host, or too old, is not used: build", () => {
  for (const dir of [installation("v3.250.0", false), installation("v3.100.0")]) {
    const root = makeRoot();
    const r = setup(root, [dir]);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(
      /ignoring pulumi v3\.\d+\.0 at .*\(need >= 3\.216\.0 with pulumi-language-nodejs next to it\)/,
    );
    expect(r.output).toMatch(TOO_OLD);
    expect(fs.existsSync(path.join(root, ".tools/bin/pulumi"))).toBe(false);
  }
});

test("an installation on PATH does not replace an earlier build whose sources changed", () => {
  const root = makeRoot();
  earlierBuild(root);
  fs.writeFileSync(path.join(root, ".tools/source-hash"), "stale\n");
  const r = setup(root, [installation("v3.250.0")]);
  expect(r.code).toBe(1);
  expect(r.output).toMatch(TOO_OLD);
  expect(fs.lstatSync(path.join(root, ".tools/bin/pulumi")).isSymbolicLink()).toBe(false);
});
