/**
 * What a user's program pays to import the SDK: `require("pulumi-alicloud-kms")` and
 * `require("pulumi-alicloud-kms/plugin")` load no `@alicloud/*` module (the client stack takes
 * 57–302 ms to load, `docs/benchmarks.md`), and the first read loads it and works: the built
 * package in a fresh Node process, reading the emulator over HTTP with the real signing client.
 */
import { DEFAULT_SEED_IDS, startEmulator, type RunningEmulator } from "../../emulator";
import { emulatorConfig } from "../support/emulator-deps";
import { COUNT_ALICLOUD_MODULES, runFreshNode } from "../support/fresh-node";
import { ensureBuilt, REPO_ROOT } from "../support/installed-package";
import { PROGRAM_REGION } from "./support/program-config";

const ID = DEFAULT_SEED_IDS.connected;
let emu: RunningEmulator;

beforeAll(async () => {
  ensureBuilt();
  emu = await startEmulator();
}, 120_000);
afterAll(() => emu?.close());

/** What the child reports: `@alicloud/*` modules loaded after each step, and what it read. */
interface Loading {
  afterImport: number;
  status: string;
  calls: number;
  afterRead: number;
}

/** Imports both SDK entry points as a program does, then reads once with `getKmsInstance`. */
async function runProgramImport(): Promise<Loading> {
  const script = `
    ${COUNT_ALICLOUD_MODULES}
    const sdk = require(process.env.PACKAGE_ROOT);
    require(process.env.PACKAGE_ROOT + "/dist/sdk/plugin");
    const afterImport = alicloud();
    sdk.getKmsInstance({ kmsInstanceId: process.env.INSTANCE_ID }).then((info) => {
      process.stdout.write(JSON.stringify({ afterImport, status: info.status, afterRead: alicloud() }));
    }).catch((e) => { console.error(e); process.exit(1); });
  `;
  const config = emulatorConfig(emu, { "alicloud:region": PROGRAM_REGION });
  const loaded = await runFreshNode<Omit<Loading, "calls">>(script, {
    // How the engine hands stack config to a program.
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(["alicloud:secretKey"]),
    PACKAGE_ROOT: REPO_ROOT,
    INSTANCE_ID: ID,
  });
  return { ...loaded, calls: emu.control.requests().length };
}

test("importing the SDK loads no API client code; the first read loads it and reads", async () => {
  emu.control.reset();
  emu.control.resetStats();
  const loading = await runProgramImport();
  expect(loading.afterImport).toBe(0);
  expect(loading.status).toBe("Connected");
  // openapi-client, tea-util, credentials, … — the stack the read signed its requests with.
  expect(loading.afterRead).toBeGreaterThan(0);
  expect(loading.calls).toBeGreaterThan(0);
}, 120_000);
