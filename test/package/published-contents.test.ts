/**
 * What `npm publish` would ship, read from `npm pack --dry-run --json`: only what users run —
 * the SDK, the provider, the emulator, the bins, the plugin entry and the policy pack — and none of the
 * repository's benchmarks, dev scripts, tests, examples or plugin tarballs. The demo is not
 * shipped either: it builds the package and the Pulumi CLI from a clone (`npm run demo`).
 * Every entry point package.json names, and every relative `require` of a shipped file, must
 * resolve inside the package.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, ensureBuilt } from "../support/installed-package";

jest.setTimeout(180_000);

interface PackedFile {
  path: string;
  size: number;
  mode: number;
}

interface PackResult {
  name: string;
  files: PackedFile[];
}

interface PackageJson {
  main: string;
  types: string;
  bin: Record<string, string>;
}

let files: Map<string, PackedFile>;

beforeAll(() => {
  ensureBuilt();
  // --ignore-scripts: `prepare` would rebuild; the list depends only on `files` and dist/.
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [result] = JSON.parse(out) as PackResult[];
  expect(result.name).toBe("pulumi-alicloud-kms");
  files = new Map(result.files.map((f) => [f.path, f]));
});

const readJson = <T>(rel: string): T =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel), "utf8")) as T;

test("holds the README, the changelog, the SDK entry, the bins, the plugin entry and the policy pack", () => {
  for (const p of [
    "package.json",
    "README.md",
    "CHANGELOG.md",
    "dist/index.js",
    "dist/index.d.ts",
    "dist/provider/dynamic.js",
    "dist/emulator/cli.js",
    "plugin/package.json",
    "policy/PulumiPolicy.yaml",
    "policy/package.json",
    "dist/policy/index.js",
    "dist/policy/policies.js",
  ]) {
    expect(files.has(p)).toBe(true);
  }
  const binFiles = [...files.keys()].filter((p) => p.startsWith("bin/"));
  expect(binFiles.sort()).toEqual([
    "bin/kms-drift.js",
    "bin/kms-emulator.js",
    "bin/pulumi-resource-alicloud-kms",
  ]);
  // Executables stay executable: the plugin launcher is started by the Pulumi CLI directly.
  for (const p of binFiles) expect((files.get(p)?.mode ?? 0) & 0o111).toBe(0o111);
});

test("holds no benchmarks, dev scripts, tests, examples, plugin tarballs or sources", () => {
  const unwanted = [...files.keys()].filter(
    (p) =>
      /^dist\/(bench|scripts|test|examples|plugin)\//.test(p) ||
      p.endsWith(".tgz") ||
      p.endsWith(".tar.gz") ||
      (p.endsWith(".ts") && !p.endsWith(".d.ts")) ||
      /\.test\.(js|d\.ts)$/.test(p) ||
      /^(test|bench|scripts|tools|examples|emulator|provider|sdk)\//.test(p),
  );
  expect(unwanted).toEqual([]);
  // The repository's build does produce some of them: the exclusion is doing work.
  expect(fs.existsSync(path.join(REPO_ROOT, "dist/bench"))).toBe(true);
  expect(fs.existsSync(path.join(REPO_ROOT, "dist/scripts"))).toBe(true);
});

test("every entry point package.json names is in the package", () => {
  const pkg = readJson<PackageJson>("package.json");
  const plugin = readJson<{ main: string; types: string }>("plugin/package.json");
  const policy = readJson<{ main: string }>("policy/package.json");
  const targets = [
    pkg.main,
    pkg.types,
    ...Object.values(pkg.bin),
    path.posix.join("plugin", plugin.main),
    path.posix.join("plugin", plugin.types),
    path.posix.join("policy", policy.main),
  ].map((p) => path.posix.normalize(p));
  for (const t of targets) expect([t, files.has(t)]).toEqual([t, true]);
});

test("every relative require of a shipped file resolves inside the package", () => {
  const missing: string[] = [];
  const shippedJs = [...files.keys()].filter(
    (p) => p.endsWith(".js") || p === "bin/pulumi-resource-alicloud-kms",
  );
  expect(shippedJs.length).toBeGreaterThan(50);
  for (const file of shippedJs) {
    const text = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
    for (const m of text.matchAll(/require\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]));
      const candidates = [base, `${base}.js`, `${base}.json`, `${base}/index.js`];
      if (!candidates.some((c) => files.has(c))) missing.push(`${file} → ${m[1]}`);
    }
  }
  // The plugin launcher is a shell script naming the compiled plugin.
  const launcher = fs.readFileSync(
    path.join(REPO_ROOT, "bin/pulumi-resource-alicloud-kms"),
    "utf8",
  );
  const target = /\$here\/\.\.\/(\S+?\.js)/.exec(launcher)?.[1];
  expect(target).toBeDefined();
  if (target !== undefined && !files.has(target)) missing.push(`launcher → ${target}`);
  expect(missing).toEqual([]);
});
