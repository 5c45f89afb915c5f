/**
 * Keeps the machine's own Alibaba Cloud credentials out of the matrix: an empty HOME (no
 * `~/.aliyun/config.json`, no `~/.alibabacloud/credentials`) and no `ALIBABA_CLOUD_*` /
 * `ALICLOUD_*` variables, so the only credentials a stack has are the ones its config sets and
 * the "no credentials" rows really have none.
 *
 * It changes `process.env` of the jest test file (jest gives each file its own copy), before the
 * stacks are created: `makePulumiEnv` copies `process.env` into each stack's CLI environment.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Variables that could hand the provider credentials or a region behind the config's back. */
export const CREDENTIAL_ENV = /^(ALIBABA_CLOUD_|ALICLOUD_)/;

/**
 * Makes `env` hermetic in place: HOME becomes a fresh empty folder, every credential variable is
 * removed, and ECS metadata probing stays disabled (it would wait on 100.100.100.200).
 * Returns a function that restores the previous values and removes the folder.
 */
export function useHermeticEnv(env: NodeJS.ProcessEnv = process.env): () => void {
  const saved = { ...env };
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "kms-reliability-home-"));
  for (const k of Object.keys(env)) if (CREDENTIAL_ENV.test(k)) delete env[k];
  env.HOME = home;
  env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  return () => {
    for (const k of Object.keys(env)) delete env[k];
    Object.assign(env, saved);
    fs.rmSync(home, { recursive: true, force: true });
  };
}
