/**
 * The offline Pulumi environment drives the real CLI built by `npm run setup:pulumi`:
 * a tiny dynamic-provider program goes through up, refresh and destroy on a `file://`
 * backend with no network. (An Automation API inline program runs in test/drift/inline.test.ts.)
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { makePulumiEnv, pulumiBinDir, repoRoot, type PulumiEnv } from "../../../scripts/pulumi-env";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) { return { id: "thing-" + inputs.name, outs: { ...inputs, size: 3 } }; },
  async read(id, props) { return { id, props }; },
};
class Thing extends pulumi.dynamic.Resource {
  constructor(name, args) { super(provider, name, { size: undefined, ...args }, undefined, "Thing"); }
}
const thing = new Thing("t1", { name: new pulumi.Config().require("name") });
exports.thingId = thing.id;
exports.size = thing.size;
`;

/** Writes the program with @pulumi/pulumi linked from the repository's node_modules. */
function writeProgram(dir: string): string {
  const prog = path.join(dir, "prog");
  fs.mkdirSync(path.join(prog, "node_modules", "@pulumi"), { recursive: true });
  fs.symlinkSync(
    path.join(repoRoot(), "node_modules", "@pulumi", "pulumi"),
    path.join(prog, "node_modules", "@pulumi", "pulumi"),
  );
  fs.writeFileSync(path.join(prog, "Pulumi.yaml"), "name: env-proof\nruntime: nodejs\n");
  fs.writeFileSync(path.join(prog, "package.json"), '{ "name": "env-proof", "main": "index.js" }');
  fs.writeFileSync(path.join(prog, "index.js"), PROGRAM);
  return prog;
}

describe("makePulumiEnv", () => {
  let penv: PulumiEnv | undefined;
  afterEach(() => penv?.cleanup());

  it("builds an offline environment in a fresh temp dir", () => {
    penv = makePulumiEnv({ extra: { PULUMI_CONFIG_PASSPHRASE: "override", FOO: "bar" } });
    const { env, dir } = penv;
    expect(env.PATH?.split(path.delimiter)[0]).toBe(pulumiBinDir());
    expect(env.PULUMI_BACKEND_URL).toBe(`file://${path.join(dir, "backend")}`);
    expect(fs.statSync(path.join(dir, "backend")).isDirectory()).toBe(true);
    expect(env.PULUMI_HOME).toBe(path.join(dir, "home"));
    expect(fs.statSync(path.join(dir, "home")).isDirectory()).toBe(true);
    expect(env).toMatchObject({
      PULUMI_CONFIG_PASSPHRASE: "override",
      FOO: "bar",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    });
    penv.cleanup();
    expect(fs.existsSync(dir)).toBe(false);
    penv.cleanup();
  });

  it("runs a dynamic-provider program through up, refresh and destroy offline", () => {
    penv = makePulumiEnv();
    const prog = writeProgram(penv.dir);
    const env = penv.env;
    const pulumi = (...args: string[]): string =>
      execFileSync("pulumi", args, { cwd: prog, env, encoding: "utf8", stdio: "pipe" });

    expect(pulumi("version").trim()).toMatch(/^v3\.\d+\.\d+/);
    pulumi("login");
    pulumi("stack", "init", "dev");
    pulumi("config", "set", "name", "alpha");
    pulumi("up", "--yes", "--skip-preview");
    expect(JSON.parse(pulumi("stack", "output", "--json"))).toEqual({
      thingId: "thing-alpha",
      size: 3,
    });
    // --expect-no-changes makes the CLI exit non-zero (and execFileSync throw) on drift.
    pulumi("refresh", "--yes", "--skip-preview", "--expect-no-changes");
    pulumi("destroy", "--yes", "--skip-preview");
    const state = JSON.parse(pulumi("stack", "export")) as { deployment?: { resources?: unknown } };
    expect(state.deployment).toBeDefined();
    expect(state.deployment?.resources ?? []).toEqual([]);
    // Nothing was downloaded: no plugin landed in the private PULUMI_HOME.
    expect(fs.existsSync(path.join(penv.dir, "home", "plugins"))).toBe(false);
  }, 120_000);
});
