/**
 * Builds the plugin tarball with the real packaging script (esbuild bundle + launcher) into a
 * folder of the test's own, so parallel test files never race on `dist/plugin`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "../../../..");

/** Packages the plugin into `outDir` and returns the tarball's path. */
export function buildPluginTarball(outDir: string): string {
  const out = execFileSync(
    process.execPath,
    [path.join(REPO_ROOT, "scripts/package-plugin.js"), outDir],
    { cwd: REPO_ROOT, encoding: "utf8" },
  );
  const tarball = out.trim().split(" ")[0];
  if (!fs.existsSync(tarball)) throw new Error(`no tarball: ${out}`);
  return tarball;
}

/**
 * Extracts the tarball into a fresh folder outside the repository (no `node_modules` above it,
 * as in the plugin cache) and returns the path of the `pulumi-resource-alicloud-kms` executable.
 */
export function extractPlugin(tarball: string): { dir: string; executable: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-plugin-run-"));
  execFileSync("tar", ["-xzf", tarball, "-C", dir]);
  return { dir, executable: path.join(dir, "pulumi-resource-alicloud-kms") };
}
