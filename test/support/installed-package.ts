/**
 * Installs the built package the way users get it — a copy of `package.json` + `dist/` under a
 * `node_modules/pulumi-alicloud-kms` folder — so Pulumi's serializer sees a package under
 * `node_modules` (and writes `__provider` as one `require` line), exactly as for the published
 * package. Its own dependencies resolve by walking up to the repository's `node_modules`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "../..");

/** Git-ignored scratch space inside the repo (so `node_modules` resolution reaches the repo's). */
export const SCRATCH_ROOT = path.join(REPO_ROOT, ".pulumi-tmp");

/** Builds `dist/` when it is missing (`npm test` builds first; a bare `npx jest` may not). */
export function ensureBuilt(): void {
  if (!fs.existsSync(path.join(REPO_ROOT, "dist/provider/dynamic.js"))) {
    execFileSync(
      process.execPath,
      [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      {
        cwd: REPO_ROOT,
        stdio: "inherit",
      },
    );
  }
}

/**
 * A fresh scratch folder with the package installed in its `node_modules`; returns the folder
 * (use it as the working directory of programs and provider processes).
 */
export function installPackage(prefix: string): string {
  ensureBuilt();
  fs.mkdirSync(SCRATCH_ROOT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(SCRATCH_ROOT, `${prefix}-`));
  // A project of its own, as a user's is (and not part of this package's own tree).
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: prefix, private: true }));
  const pkgDir = path.join(dir, "node_modules", "pulumi-alicloud-kms");
  fs.mkdirSync(pkgDir, { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(pkgDir, "package.json"));
  fs.cpSync(path.join(REPO_ROOT, "dist"), path.join(pkgDir, "dist"), { recursive: true });
  for (const extra of ["bin", "plugin"]) {
    if (fs.existsSync(path.join(REPO_ROOT, extra))) {
      fs.cpSync(path.join(REPO_ROOT, extra), path.join(pkgDir, extra), { recursive: true });
    }
  }
  return dir;
}

/** Removes a scratch folder made by `installPackage`. */
export function removeScratch(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
