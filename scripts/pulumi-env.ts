/**
 * Locates the Pulumi CLI set up by `npm run setup:pulumi` and builds an environment that
 * runs it fully offline against a throw-away `file://` backend. Shared by the e2e tests
 * and the demo.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Options for {@link makePulumiEnv}. */
export interface PulumiEnvOptions {
  /** Extra variables, applied last so they can override any default. */
  extra?: Record<string, string>;
}

/** An offline Pulumi environment rooted in its own temporary directory. */
export interface PulumiEnv {
  /** Environment for child processes (and the Automation API's `envVars`). */
  env: NodeJS.ProcessEnv;
  /** The temporary directory holding `backend/` and `home/`; free for other scratch files. */
  dir: string;
  /** Deletes {@link PulumiEnv.dir} with everything in it. Safe to call twice. */
  cleanup(): void;
}

/** Passphrase of the throw-away stacks' secrets provider; it protects nothing real. */
const TEST_PASSPHRASE = "pulumi-alicloud-kms-offline";

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The repository root, found by walking up from this file so it also holds when the file
 * runs from a compiled copy under dist/.
 */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, "scripts", "setup-pulumi.sh"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
}

/**
 * `.tools/bin` under the repository root: the toolchain `npm run setup:pulumi` provides (the CLI
 * with its Node.js language host and dynamic-provider plugin beside it), the same one the README
 * tells users to put on PATH.
 */
export function localToolsBinDir(): string {
  return path.join(repoRoot(), ".tools", "bin");
}

/**
 * The directory holding the `pulumi` executable: always `.tools/bin` (setup-pulumi.sh builds the
 * CLI there or links a full installation found on PATH). Throws when it has not run yet.
 */
export function pulumiBinDir(): string {
  const local = localToolsBinDir();
  if (isExecutableFile(path.join(local, "pulumi"))) return local;
  throw new Error(`Pulumi CLI not found in ${local}: run \`npm run setup:pulumi\`.`);
}

/**
 * Creates a temporary directory with a `file://` backend and a private `PULUMI_HOME`, and
 * an environment that runs the CLI there offline: no update check, no plugin download, no
 * prompts, and no Alibaba Cloud ECS metadata probing by the credentials chain.
 */
export function makePulumiEnv(opts: PulumiEnvOptions = {}): PulumiEnv {
  const binDir = pulumiBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-kms-"));
  const backend = path.join(dir, "backend");
  const home = path.join(dir, "home");
  fs.mkdirSync(backend);
  fs.mkdirSync(home);

  // As the README tells users: `.tools/bin` first on PATH, nothing else added.
  const pathParts = [binDir];
  if (process.env.PATH) pathParts.push(process.env.PATH);

  // The dynamic-provider plugin resolves @pulumi/pulumi from its working directory (the
  // program's, or an Automation API workDir); NODE_PATH lets a temp dir resolve ours.
  const nodePath = [path.join(repoRoot(), "node_modules")];
  if (process.env.NODE_PATH) nodePath.push(process.env.NODE_PATH);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: pathParts.join(path.delimiter),
    NODE_PATH: nodePath.join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_HOME: home,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    ...opts.extra,
  };

  return {
    env,
    dir,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
