/**
 * One Pulumi stack run with the real CLI, offline: its own program folder (inside the repo's
 * git-ignored scratch space, so `pulumi-alicloud-kms` and `@pulumi/pulumi` resolve from the
 * repo's node_modules exactly as from a user's), its own `file://` backend and PULUMI_HOME.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { makePulumiEnv, type PulumiEnv } from "../../../scripts/pulumi-env";
import { SCRATCH_ROOT, ensureBuilt, REPO_ROOT } from "../../support/installed-package";

/** What a CLI run printed and how it ended. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, in arrival order. */
  output: string;
}

/** A resource in an exported deployment. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  external?: boolean;
}

/** A stack of one of the programs under `test/e2e/programs/`. */
export class E2eStack {
  private constructor(
    /** The program folder. */
    readonly dir: string,
    private readonly pulumiEnv: PulumiEnv,
    /** The stack name. */
    readonly name: string,
    /** The project name (the namespace of unqualified config keys). */
    private readonly project: string,
  ) {}

  /**
   * Copies `programs/<program>` into a scratch folder and creates a stack with `config` (keys
   * without a namespace belong to the project; values are strings or JSON objects/arrays) and
   * `secrets` (encrypted), all in one `pulumi config set-all --json`.
   */
  static create(
    program: string,
    config: Record<string, unknown>,
    secrets: Record<string, string> = {},
  ): Promise<E2eStack> {
    return E2eStack.createFrom(path.join(REPO_ROOT, "test/e2e/programs", program), config, secrets);
  }

  /** As {@link E2eStack.create}, for the program folder `source` (e.g. one under `examples/`). */
  static async createFrom(
    source: string,
    config: Record<string, unknown>,
    secrets: Record<string, string> = {},
  ): Promise<E2eStack> {
    ensureBuilt();
    fs.mkdirSync(SCRATCH_ROOT, { recursive: true });
    const program = path.basename(source);
    const dir = fs.mkdtempSync(path.join(SCRATCH_ROOT, `e2e-${program}-`));
    // A user may have run `npm install` in an example: its node_modules are not part of it.
    fs.cpSync(source, dir, {
      recursive: true,
      filter: (src) => path.basename(src) !== "node_modules",
    });
    const project = /^name:\s*(\S+)/m.exec(
      fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"),
    )?.[1];
    if (!project) throw new Error(`no project name in ${program}/Pulumi.yaml`);
    const stack = new E2eStack(dir, makePulumiEnv(), "e2e", project);
    await stack.ok(["stack", "init", stack.name]);
    await stack.setConfig(config, secrets);
    return stack;
  }

  /**
   * Sets `config` (keys without a namespace belong to the project; values are strings or JSON
   * objects/arrays) and `secrets` (encrypted), in one `pulumi config set-all --json`.
   */
  async setConfig(
    config: Record<string, unknown>,
    secrets: Record<string, string> = {},
  ): Promise<void> {
    const values: Record<string, { value: string; objectValue?: unknown; secret: boolean }> = {};
    const key = (k: string): string => (k.includes(":") ? k : `${this.project}:${k}`);
    for (const [k, v] of Object.entries(config)) {
      // Objects keep their string leaves as strings: a 16-digit account id stays exact.
      values[key(k)] =
        typeof v === "string"
          ? { value: v, secret: false }
          : { value: JSON.stringify(v), objectValue: v, secret: false };
    }
    for (const [k, v] of Object.entries(secrets)) values[key(k)] = { value: v, secret: true };
    await this.ok(["config", "set-all", "--json", JSON.stringify(values)]);
  }

  /** Removes the project's config key `key`. */
  async removeConfig(key: string): Promise<void> {
    await this.ok(["config", "rm", `${this.project}:${key}`]);
  }

  /** The environment the CLI runs with (offline, this stack's own backend and home). */
  get env(): NodeJS.ProcessEnv {
    return this.pulumiEnv.env;
  }

  /** Runs `pulumi <args>` in the program folder. */
  run(args: string[]): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, "--color", "never"], {
        cwd: this.dir,
        env: this.pulumiEnv.env,
      });
      let stdout = "";
      let stderr = "";
      let output = "";
      child.stdout.on("data", (d: Buffer) => ((stdout += d), (output += d)));
      child.stderr.on("data", (d: Buffer) => ((stderr += d), (output += d)));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output }));
    });
  }

  /** Runs `pulumi <args>` and throws with the output unless it succeeds. */
  async ok(args: string[]): Promise<RunResult> {
    const r = await this.run(args);
    if (r.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.output}`);
    }
    return r;
  }

  /** Runs `pulumi <args>` and throws unless it fails. */
  async fails(args: string[]): Promise<RunResult> {
    const r = await this.run(args);
    if (r.code === 0)
      throw new Error(`pulumi ${args.join(" ")} succeeded unexpectedly:\n${r.output}`);
    return r;
  }

  /** `pulumi up --yes --skip-preview`. */
  up(extra: string[] = []): Promise<RunResult> {
    return this.ok(["up", "--yes", "--skip-preview", ...extra]);
  }

  /** The stack outputs, secrets shown. */
  async outputs(): Promise<Record<string, unknown>> {
    const r = await this.ok(["stack", "output", "--json", "--show-secrets"]);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  /** `pulumi stack export` as text (the raw state) and parsed resources. */
  async exportState(): Promise<{ text: string; resources: StateResource[] }> {
    const r = await this.ok(["stack", "export"]);
    const parsed = JSON.parse(r.stdout) as { deployment: { resources?: StateResource[] } };
    return { text: r.stdout, resources: parsed.deployment.resources ?? [] };
  }

  /** The state of the resource named `name`, if it is in state. */
  async resource(name: string): Promise<StateResource | undefined> {
    const { resources } = await this.exportState();
    return resources.find((r) => r.urn.endsWith(`::${name}`));
  }

  /** Removes the stack's backend, home and program folder. */
  cleanup(): void {
    this.pulumiEnv.cleanup();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
