/**
 * `npm run gen:sdks` end to end: `pulumi package gen-sdk` (the pinned CLI, offline) generates the
 * Python, Go and .NET SDKs through the repository's codegen language hosts, each with its README;
 * the Python package byte-compiles and the Go module builds against
 * `github.com/pulumi/pulumi/sdk/v3` from the module proxy. No .NET SDK can be installed here
 * (Debian has no dotnet package, and NuGet is out of reach), so the C# output is checked for the
 * namespace and the Pulumi package reference only.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CSHARP_NAMESPACE, GO_MODULE_PATH, PYTHON_PACKAGE } from "../../provider/plugin/schema";
import { generateSdks, SDK_LANGUAGES, type GenSdkRun } from "../../scripts/gen-sdks";
import { repoRoot } from "../../scripts/pulumi-env";

jest.setTimeout(120_000);

let out: string;
let runs: GenSdkRun[];

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "kms-sdks-"));
  runs = await generateSdks(out);
}, 300_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** Runs a command in `cwd`; the result carries its output for a readable failure. */
function run(cmd: string, args: string[], cwd: string, timeout: number): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    timeout,
    env: { ...process.env, GOTOOLCHAIN: "local" },
  });
}

/** The code and output of a finished command, as one value to compare. */
function outcome(r: SpawnSyncReturns<string>): { code: number | null; output: string } {
  return { code: r.status, output: r.status === 0 ? "" : `${r.stdout}${r.stderr}` };
}

test("gen-sdk succeeds for python, go and dotnet, and each SDK has its README", () => {
  expect(runs.map((r) => ({ language: r.language, code: r.code }))).toEqual(
    SDK_LANGUAGES.map((language) => ({ language, code: 0 })),
  );
  for (const language of SDK_LANGUAGES) {
    const readme = fs.readFileSync(path.join(out, language, "README.md"), "utf8");
    expect(readme).toContain("pulumi plugin install resource alicloud-kms");
  }
});

test("the Python package is pulumi_alicloud_kms, and it byte-compiles", () => {
  const pkg = path.join(out, "python", PYTHON_PACKAGE);
  expect(fs.readFileSync(path.join(pkg, "kms_instance.py"), "utf8")).toContain(
    "class KmsInstance(pulumi.CustomResource)",
  );
  expect(
    outcome(run("python3", ["-m", "compileall", "-q", "."], path.join(out, "python"), 60_000)),
  ).toEqual({ code: 0, output: "" });
  expect(
    fs.readdirSync(path.join(pkg, "__pycache__")).some((f) => f.startsWith("kms_instance.")),
  ).toBe(true);
});

/**
 * The generated go.mod asks for an old sdk/v3 (v3.30.0), which `go mod tidy` would raise to the
 * newest release and compile from scratch (about 7 min here). Requiring the module versions the
 * toolchain's own go.mod pins instead (tools/pulumi: sdk/v3 v3.248.0 and its dependencies) lets
 * the build reuse what `npm run setup:pulumi` compiled.
 */
function pinToToolchainVersions(goDir: string): void {
  const generated = fs.readFileSync(path.join(goDir, "go.mod"), "utf8");
  const moduleLine = generated.split("\n").find((l) => l.startsWith("module "));
  expect(moduleLine).toBe(`module ${GO_MODULE_PATH}`);
  const toolchain = fs.readFileSync(path.join(repoRoot(), "tools/pulumi/go.mod"), "utf8");
  const requires = toolchain.match(/^require \([\s\S]*?^\)$/gm) ?? [];
  const replaces = toolchain.split("\n").filter((l) => l.startsWith("replace "));
  fs.writeFileSync(
    path.join(goDir, "go.mod"),
    [moduleLine, "", "go 1.25.11", "", ...requires, ...replaces, ""].join("\n"),
  );
  fs.copyFileSync(path.join(repoRoot(), "tools/pulumi/go.sum"), path.join(goDir, "go.sum"));
}

test("the Go module builds against github.com/pulumi/pulumi/sdk/v3", () => {
  const goDir = path.join(out, "go");
  expect(fs.readFileSync(path.join(goDir, "alicloudkms", "kmsInstance.go"), "utf8")).toContain(
    "func NewKmsInstance(",
  );
  pinToToolchainVersions(goDir);
  expect(outcome(run("go", ["mod", "tidy"], goDir, 300_000))).toEqual({ code: 0, output: "" });
  expect(fs.readFileSync(path.join(goDir, "go.mod"), "utf8")).toMatch(
    /github\.com\/pulumi\/pulumi\/sdk\/v3 v3\.248\.0/,
  );
  // With the usage example of its README as a program in the module, so that compiles too.
  const example = path.join(goDir, "readme-example");
  fs.mkdirSync(example);
  fs.writeFileSync(path.join(example, "main.go"), readmeGoProgram());
  expect(outcome(run("go", ["build", "-trimpath", "./..."], goDir, 900_000))).toEqual({
    code: 0,
    output: "",
  });
}, 1_200_000);

/**
 * The Go README's usage block as a program: its `import` line joins pulumi's, the statements
 * run inside `pulumi.Run`.
 */
function readmeGoProgram(): string {
  const readme = fs.readFileSync(path.join(repoRoot(), "scripts/sdk-readmes/go.md"), "utf8");
  const block = /```go\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const importLine = block.split("\n").find((l) => l.startsWith("import "));
  expect(importLine).toBe(`import "${GO_MODULE_PATH}/alicloudkms"`);
  const body = block.replace(`${importLine}\n`, "");
  return [
    "package main",
    "",
    'import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"',
    importLine,
    "",
    "func main() {",
    "\tpulumi.Run(func(ctx *pulumi.Context) error {",
    body,
    "\t\treturn nil",
    "\t})",
    "}",
    "",
  ].join("\n");
}

test("the .NET SDK declares the Pulumi.AlicloudKms namespace and references the Pulumi package", () => {
  const dir = path.join(out, "dotnet");
  const files = fs.readdirSync(dir);
  const csproj = files.find((f) => f.endsWith(".csproj"));
  expect(csproj).toBe(`${CSHARP_NAMESPACE}.csproj`);
  expect(fs.readFileSync(path.join(dir, csproj ?? ""), "utf8")).toMatch(
    /<PackageReference Include="Pulumi" Version="3\.\*"/,
  );
  const resource = fs.readFileSync(path.join(dir, "KmsInstance.cs"), "utf8");
  expect(resource).toContain(`namespace ${CSHARP_NAMESPACE}`);
  expect(resource).toContain('[AlicloudKmsResourceType("alicloud-kms:index:KmsInstance")]');
});
