/**
 * Runs a script in a fresh Node process in the repository (so `require.cache` shows exactly what
 * the script loaded), with the instance metadata service off and `env` added; resolves with the
 * JSON the script wrote to stdout.
 */
import { execFile } from "node:child_process";
import { REPO_ROOT } from "./installed-package";

/**
 * A script prelude defining `alicloud()`: how many `@alicloud/*` modules are loaded so far (the
 * client stack the provider signs its requests with).
 */
export const COUNT_ALICLOUD_MODULES = `
  const alicloud = () =>
    Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]@alicloud[\\\\/]/.test(k)).length;
`;

/** Runs `script` with `node -e` in the repository root; rejects with its stderr when it fails. */
export function runFreshNode<T>(script: string, env: Record<string, string>): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["-e", script],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
        env: { ...process.env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ...env },
      },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as T),
    );
  });
}
