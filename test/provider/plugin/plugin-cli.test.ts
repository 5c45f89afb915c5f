/**
 * `pulumi import` and the plugin resource with the real Pulumi CLI: the plugin installed from its
 * tarball into a private PULUMI_HOME (so it runs from the plugin cache, without node_modules),
 * the emulator in this process, programs in a scratch folder with the built package installed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  connectNow,
  DEFAULT_SEED_IDS,
  DEFAULT_SEED_REGIONS,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  startEmulator,
  type RunningEmulator,
  type SeedInstance,
} from "../../../emulator";
import { makePulumiEnv, type PulumiEnv } from "../../../scripts/pulumi-env";
import { READ_ACTIONS } from "../../support/emulator-state";
import { installPackage, removeScratch } from "../../support/installed-package";
import { buildPluginTarball } from "./support/plugin-tarball";
import { pulumi, pulumiOk, startPulumi } from "./support/run-pulumi";
import { execFileSync } from "node:child_process";

const TYPE = "alicloud-kms:index:KmsInstance";
const ID = DEFAULT_SEED_IDS.connected;
// Each test runs several CLI commands (about 1–3 s each).
jest.setTimeout(150_000);

const IMPORT_LINE = 'import * as alicloud_kms from "pulumi-alicloud-kms/plugin";';

let emu: RunningEmulator;
let penv: PulumiEnv;
let dir: string;
/** The environment of every command: `.tools/bin` on PATH, as the README tells users. */
let env: NodeJS.ProcessEnv;

interface StateResource {
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

async function stackResources(stack: string): Promise<StateResource[]> {
  const out = (await pulumiOk(["stack", "export", "--stack", stack], dir, env)).stdout;
  const state = JSON.parse(out) as { deployment: { resources?: StateResource[] } };
  return (state.deployment.resources ?? []).filter((r) => r.type === TYPE);
}

async function newStack(name: string): Promise<void> {
  await pulumiOk(["stack", "init", name], dir, env);
  // One `config set-all` for the stack's whole config (a CLI start per key cost ~5 s a stack).
  const plain = {
    "alicloud-kms:endpoint": emu.endpointTemplate,
    // STS GetCallerIdentity (the owner account) from the emulator, never the public endpoint.
    "alicloud-kms:stsEndpoint": emu.url,
    "alicloud-kms:bssEndpoint": emu.url,
    "alicloud-kms:region": "cn-hangzhou",
    // A failure must fail fast, not retry for a minute.
    "alicloud-kms:retryTimeoutSeconds": "3",
  };
  const secret = {
    "alicloud-kms:accessKey": TEST_ACCESS_KEY_ID,
    "alicloud-kms:secretKey": TEST_ACCESS_KEY_SECRET,
  };
  await pulumiOk(
    [
      "config",
      "set-all",
      "--stack",
      name,
      ...Object.entries(plain).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
      ...Object.entries(secret).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
    ],
    dir,
    env,
  );
}

/** The code `pulumi import` printed: from its first `import` line to the end. */
function printedCode(stdout: string): string {
  const start = stdout.indexOf("import * as pulumi");
  if (start < 0) throw new Error(`no code in:\n${stdout}`);
  return stdout.slice(start);
}

/** Compiles `index.ts` in the project with the strict settings users have; throws on errors. */
function compile(): void {
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.json")],
    { cwd: dir, encoding: "utf8" },
  );
}

function writeProgram(ts: string): void {
  fs.writeFileSync(path.join(dir, "index.ts"), ts);
  compile();
}

function seeded(id: string): SeedInstance {
  const inst = emu.control.getInstance(id);
  if (!inst) throw new Error(`seed instance ${id} missing`);
  return inst;
}

beforeAll(async () => {
  dir = installPackage("plugin-cli");
  const tarball = buildPluginTarball(path.join(dir, "plugin-dist"));
  emu = await startEmulator();
  penv = makePulumiEnv();
  env = penv.env;
  await pulumiOk(
    ["plugin", "install", "resource", "alicloud-kms", "0.1.0", "--file", tarball],
    dir,
    env,
  );
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    "name: kms-plugin-cli\nruntime: nodejs\nmain: index.js\n",
  );
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "commonjs",
        moduleResolution: "node",
        esModuleInterop: true,
        skipLibCheck: true,
        types: [],
      },
      files: ["index.ts"],
    }),
  );
  writeProgram("export {};\n");
}, 300_000);

afterAll(async () => {
  await emu?.close();
  penv?.cleanup();
  if (dir) removeScratch(dir);
});

describe("one stack: CLI import, clean preview, drift shown per property, corrected", () => {
  beforeAll(() => newStack("cli"), 60_000);

  test("`pulumi import` imports with id only and prints TypeScript that compiles and previews clean", async () => {
    const before = emu.control.stats().total;
    const r = await pulumiOk(["import", TYPE, "prod", ID, "--yes", "--stack", "cli"], dir, env);
    // The language host came from `.tools/bin`, next to the CLI: no "using … from $PATH" warning.
    expect(r.output).not.toMatch(/using pulumi-language-nodejs from \$PATH/);
    const code = printedCode(r.stdout);
    expect(code).toContain(IMPORT_LINE);
    expect(code).toContain('new alicloud_kms.KmsInstance("prod", {');
    expect(code).toContain(`kmsInstanceId: "${ID}"`);
    expect(code).toContain('region: "cn-hangzhou"');
    expect(code).toContain("protect: true");
    // Import reads, never writes.
    const writes = emu.control
      .requests()
      .slice(-(emu.control.stats().total - before))
      .filter((q) => !READ_ACTIONS.has(q.action));
    expect(writes).toEqual([]);

    writeProgram(code);
    await pulumiOk(["preview", "--expect-no-changes", "--stack", "cli"], dir, env);
    const [res] = await stackResources("cli");
    expect(res.id).toBe(ID);
    expect(res.outputs?.vpcId).toBe(seeded(ID).KmsInstance.VpcId);
  });

  test("after an out-of-band unbind, `preview --refresh --diff` shows the bindVpcs entry; `up --refresh` rebinds", async () => {
    const vpcs = (seeded(ID).KmsInstance.BindVpcs as { BindVpc: unknown[] }).BindVpc;
    emu.control.patchInstance(ID, { KmsInstance: { BindVpcs: { BindVpc: vpcs.slice(0, 1) } } });

    const drift = await pulumi(
      ["preview", "--refresh", "--diff", "--expect-no-changes", "--stack", "cli"],
      dir,
      env,
    );
    expect(drift.code).not.toBe(0);
    // The detailed diff names the binding the program declares and the instance lost.
    expect(drift.stdout).toMatch(/~ alicloud-kms:index:KmsInstance: \(update\)/);
    expect(drift.stdout).toMatch(/~ bindVpcs: \[\s*\n\s*\+ \[1\]: \{/);
    expect(drift.stdout).toContain('vpcId     : "vpc-bp1shared9x8y7z6w5v4"');

    await pulumiOk(["up", "--refresh", "--yes", "--stack", "cli"], dir, env);
    expect((seeded(ID).KmsInstance.BindVpcs as { BindVpc: unknown[] }).BindVpc).toHaveLength(2);
    expect(emu.control.stats().byAction.UpdateKmsInstanceBindVpc).toEqual({ "200": 1 });
    await pulumiOk(["preview", "--refresh", "--expect-no-changes", "--stack", "cli"], dir, env);
  });
});

test("the `import` resource option imports with the plugin resource; `alicloud:region` config applies", async () => {
  await newStack("opt");
  // Only the key `@pulumi/alicloud` users already have: the SDK class passes it on as the region.
  await pulumiOk(["config", "rm", "alicloud-kms:region", "--stack", "opt"], dir, env);
  await pulumiOk(["config", "set", "alicloud:region", "cn-hangzhou", "--stack", "opt"], dir, env);
  const id = DEFAULT_SEED_IDS.uninitialized;
  writeProgram(
    [
      'import * as alicloud_kms from "pulumi-alicloud-kms/plugin";',
      // An import carries no inputs, so the id names the region the plugin has no config for.
      `const kms = new alicloud_kms.KmsInstance("adopted", { kmsInstanceId: "${id}" }, { import: "cn-hangzhou/${id}" });`,
      "export const status = kms.status;",
      "",
    ].join("\n"),
  );
  const up = await pulumiOk(["up", "--yes", "--stack", "opt"], dir, env);
  expect(up.stdout).toMatch(/= +1 imported/);
  const [res] = await stackResources("opt");
  expect(res.id).toBe(id);
  expect(res.outputs?.status).toBe(seeded(id).KmsInstance.Status);
  expect(res.inputs?.region).toBe("cn-hangzhou");
  // The instance is not Connected: the operator warning reaches the CLI output.
  expect(up.stdout).toMatch(/warning: .*Uninitialized/);
  await pulumiOk(["preview", "--expect-no-changes", "--stack", "opt"], dir, env);
  writeProgram("export {};\n");
});

test("`pulumi import --file` brings three instances from two regions in one run; a missing id fails and leaves state alone", async () => {
  await newStack("file");
  const importFile = path.join(dir, "import.json");
  const { connected, uninitialized, expiring } = DEFAULT_SEED_IDS;
  fs.writeFileSync(
    importFile,
    JSON.stringify({
      resources: [
        { type: TYPE, name: "hz-prod", id: connected },
        { type: TYPE, name: "hz-new", id: uninitialized },
        { type: TYPE, name: "sh-expiring", id: `${DEFAULT_SEED_REGIONS.expiring}/${expiring}` },
      ],
    }),
  );
  const r = await pulumiOk(["import", "--file", importFile, "--yes", "--stack", "file"], dir, env);
  expect(r.stdout).toMatch(/= +3 imported/);
  // The near end date of the Shanghai instance is shown as a warning.
  expect(r.output).toMatch(/warning: .*expires in/);
  const code = printedCode(r.stdout);
  expect(code.split(IMPORT_LINE)).toHaveLength(2);
  expect(code).toContain('region: "cn-shanghai"');
  const resources = await stackResources("file");
  // The engine imports in parallel: the order in state varies.
  expect(resources.map((x) => [x.id, x.outputs?.region]).sort()).toEqual(
    [
      [connected, "cn-hangzhou"],
      [uninitialized, "cn-hangzhou"],
      [expiring, "cn-shanghai"],
    ].sort(),
  );
  writeProgram(code);
  await pulumiOk(["preview", "--expect-no-changes", "--stack", "file"], dir, env);

  const before = (await pulumiOk(["stack", "export", "--stack", "file"], dir, env)).stdout;
  const missing = await pulumi(
    ["import", TYPE, "ghost", "kst-doesnotexist0000", "--yes", "--stack", "file"],
    dir,
    env,
  );
  expect(missing.code).not.toBe(0);
  expect(missing.output).toMatch(
    /KMS instance kst-doesnotexist0000 does not exist in cn-hangzhou or is not visible to these credentials/,
  );
  const after = (await pulumiOk(["stack", "export", "--stack", "file"], dir, env)).stdout;
  const resourcesOf = (s: string) =>
    (JSON.parse(s) as { deployment: { resources: unknown[] } }).deployment.resources;
  expect(resourcesOf(after)).toEqual(resourcesOf(before));
  writeProgram("export {};\n");
});

test("`pulumi import` of an Uninitialized instance prints code that compiles and previews clean; a declared connection then enables it in one up", async () => {
  await newStack("uninit");
  const id = DEFAULT_SEED_IDS.uninitialized;
  const r = await pulumiOk(["import", TYPE, "fresh", id, "--yes", "--stack", "uninit"], dir, env);
  const code = printedCode(r.stdout);
  expect(code).toContain(`kmsInstanceId: "${id}"`);
  // Not enabled yet: there is no network to declare.
  expect(code).not.toContain("connection");
  writeProgram(code);
  await pulumiOk(["preview", "--expect-no-changes", "--stack", "uninit"], dir, env);

  // The plugin resource with `connection` and tags: the resource's custom timeout is the budget.
  const net = {
    vpcId: "vpc-bp1plugnet01",
    zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
    vswitchIds: ["vsw-bp1plugk01", "vsw-bp1plugj01"],
  };
  writeProgram(
    [
      'import * as alicloud_kms from "pulumi-alicloud-kms/plugin";',
      `const kms = new alicloud_kms.KmsInstance("fresh", {`,
      `  kmsInstanceId: "${id}",`,
      `  region: "cn-hangzhou",`,
      `  connection: ${JSON.stringify(net)},`,
      `  tags: { team: "platform" },`,
      `}, { protect: true, customTimeouts: { update: "5m" } });`,
      "export const vpcId = kms.vpcId;",
      "export const caChain = kms.caCertificateChainPem;",
      "",
    ].join("\n"),
  );
  const up = await pulumiOk(["up", "--yes", "--stack", "uninit"], dir, env);
  expect(up.stdout).toMatch(/waiting up to 300 s for Connected/);
  expect(seeded(id).KmsInstance.Status).toBe("Connected");
  expect(seeded(id).Tags).toEqual({ team: "platform" });
  const [res] = await stackResources("uninit");
  expect(res.outputs?.vpcId).toBe(net.vpcId);
  expect(res.outputs?.caCertificateChainPem).toMatch(/BEGIN CERTIFICATE/);
  await pulumiOk(["preview", "--expect-no-changes", "--stack", "uninit"], dir, env);
  writeProgram("export {};\n");
});

test("the plugin resource: Error while connecting fails the up; state keeps the adopted instance (a partial create)", async () => {
  emu.control.reset();
  await newStack("partial");
  const id = DEFAULT_SEED_IDS.uninitialized;
  writeProgram(
    [
      'import * as alicloud_kms from "pulumi-alicloud-kms/plugin";',
      `new alicloud_kms.KmsInstance("partial", {`,
      `  kmsInstanceId: "${id}",`,
      `  region: "cn-hangzhou",`,
      `  connection: { vpcId: "vpc-bp1part01", zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"], vswitchIds: ["vsw-bp1part01"] },`,
      `});`,
      "",
    ].join("\n"),
  );
  // As soon as the instance is Connecting, the service puts it in Error (the provider's next
  // poll is 2 s later).
  let done = false;
  let patched = false;
  const watch = (async () => {
    while (!done) {
      if (seeded(id).KmsInstance.Status === "Connecting") {
        emu.control.patchInstance(id, { KmsInstance: { Status: "Error" } });
        patched = true;
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const up = await pulumi(["up", "--yes", "--stack", "partial"], dir, env).finally(() => {
    done = true;
  });
  await watch;
  expect(patched).toBe(true);
  expect(up.code).not.toBe(0);
  expect(up.output).toContain(`KMS instance ${id} went to status Error while connecting`);
  const [res] = await stackResources("partial");
  expect(res.id).toBe(id);
  expect(res.outputs?.status).toBe("Error");
  writeProgram("export {};\n");
});

test("the plugin resource: Ctrl-C during the connect wait ends the up within seconds; state keeps the instance (a partial create, no pending operation); the next up continues without a second connect", async () => {
  emu.control.reset();
  await newStack("cancel");
  const id = DEFAULT_SEED_IDS.uninitialized;
  const net = {
    vpcId: "vpc-bp1cancel01",
    zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
    vswitchIds: ["vsw-bp1cancelk01", "vsw-bp1cancelj01"],
  };
  writeProgram(
    [
      'import * as alicloud_kms from "pulumi-alicloud-kms/plugin";',
      `new alicloud_kms.KmsInstance("cancel", {`,
      `  kmsInstanceId: "${id}",`,
      `  region: "cn-hangzhou",`,
      `  connection: ${JSON.stringify(net)},`,
      `  tags: { team: "platform" },`,
      `});`,
      "",
    ].join("\n"),
  );
  const connects = () => emu.control.requests().filter((r) => r.action === "ConnectKmsInstance");
  const until = async (what: string, ok: () => boolean) => {
    const deadline = Date.now() + 60_000;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  const run = startPulumi(["up", "--yes", "--stack", "cancel"], dir, env);
  await until("ConnectKmsInstance", () => connects().length > 0);
  // The service keeps the instance Connecting (put back as it is: no connect is due any more).
  emu.control.putInstance(seeded(id));
  const interruptedAt = Date.now();
  run.child.kill("SIGINT");
  const up = await run.result;
  expect(Date.now() - interruptedAt).toBeLessThan(10_000);
  expect(up.code).not.toBe(0);
  expect(up.output).toContain(`KMS instance ${id}: the wait for Connected was cancelled`);
  expect(up.output).toContain("continues from the live status, without connecting again");

  const state = JSON.parse(
    (await pulumiOk(["stack", "export", "--stack", "cancel"], dir, env)).stdout,
  ) as { deployment: { resources?: StateResource[]; pending_operations?: unknown[] } };
  expect(state.deployment.pending_operations ?? []).toEqual([]);
  const [res] = (state.deployment.resources ?? []).filter((r) => r.type === TYPE);
  expect(res.id).toBe(id);
  expect(res.outputs?.status).toBe("Connecting");

  // The next up updates the instance: it waits out Connecting (the service finishes the
  // connect meanwhile), then tags, and sends no second connect.
  const finish = setTimeout(
    () =>
      connectNow(emu.control, id, {
        VpcId: net.vpcId,
        ZoneIds: net.zoneIds,
        VswitchIds: net.vswitchIds,
      }),
    1_000,
  );
  const next = await pulumi(["up", "--yes", "--stack", "cancel"], dir, env).finally(() =>
    clearTimeout(finish),
  );
  expect(next.code).toBe(0);
  expect(seeded(id).KmsInstance.Status).toBe("Connected");
  expect(seeded(id).Tags).toEqual({ team: "platform" });
  expect(connects()).toHaveLength(1);
  await pulumiOk(["preview", "--expect-no-changes", "--stack", "cancel"], dir, env);
  writeProgram("export {};\n");
});
