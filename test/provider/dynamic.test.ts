/**
 * The dynamic provider's costs that are not per call: which methods load the API client stack
 * (the built module in a fresh Node process, so `require.cache` shows what was loaded), and that
 * settings and credentials are resolved once per `configure` (the TypeScript module in-process).
 * Both read from the emulator over HTTP with the real, signing `@alicloud/openapi-client`.
 */
import * as path from "node:path";
import {
  DEFAULT_SEED_IDS,
  TEST_ACCESS_KEY_SECRET,
  startEmulator,
  type RunningEmulator,
} from "../../emulator";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import provider from "../../provider/dynamic";
import type { KmsInstanceOutputs } from "../../provider/instance";
import { emulatorConfig } from "../support/emulator-deps";
import { COUNT_ALICLOUD_MODULES, runFreshNode } from "../support/fresh-node";
import { ensureBuilt, REPO_ROOT } from "../support/installed-package";

const ID = DEFAULT_SEED_IDS.connected;
const REGION = "cn-hangzhou";

let emu: RunningEmulator;

beforeAll(async () => {
  ensureBuilt();
  emu = await startEmulator();
}, 120_000);

afterAll(async () => {
  await emu?.close();
});

function stackConfig(secret = TEST_ACCESS_KEY_SECRET): Record<string, string> {
  return emulatorConfig(emu, {
    "alicloud:region": REGION,
    "alicloud:secretKey": secret,
    "alicloud-kms:retryTimeoutSeconds": "2",
  });
}

/** What the child process reports: how many `@alicloud/*` modules were loaded after each step. */
interface Loading {
  afterRequire: number;
  afterCheckAndDiff: number;
  checkFailures: unknown[];
  diffChanges: boolean;
  readId: string | undefined;
  afterRead: number;
}

/**
 * Runs the built provider in a fresh Node process as the dynamic-provider server does after it
 * has loaded `@pulumi/pulumi`: configure, check, diff, then (when check passed) read.
 */
function runChild(config: Record<string, string>): Promise<Loading> {
  const script = `
    require("@pulumi/pulumi");
    const provider = require(process.env.DYNAMIC_JS);
    const config = JSON.parse(process.env.STACK_CONFIG);
    const id = process.env.INSTANCE_ID;
    ${COUNT_ALICLOUD_MODULES}
    (async () => {
      await provider.configure({ config: { get: (k) => config[k] } });
      const afterRequire = alicloud();
      const checked = await provider.check({}, { kmsInstanceId: id });
      const diffed = await provider.diff(id, { ...checked.inputs, managedProperties: [] }, checked.inputs);
      const afterCheckAndDiff = alicloud();
      // The engine reads nothing that failed its check.
      const read = checked.failures.length > 0
        ? undefined
        : await provider.read(id, { region: checked.inputs.region, managedProperties: [] });
      process.stdout.write(JSON.stringify({
        afterRequire, afterCheckAndDiff, checkFailures: checked.failures,
        diffChanges: diffed.changes, readId: read?.id, afterRead: alicloud(),
      }));
    })().catch((e) => { console.error(e); process.exit(1); });
  `;
  return runFreshNode<Loading>(script, {
    DYNAMIC_JS: path.join(REPO_ROOT, "dist/provider/dynamic.js"),
    STACK_CONFIG: JSON.stringify(config),
    INSTANCE_ID: ID,
  });
}

test("loading the provider, check and diff load no API client code; the first read does", async () => {
  const loading = await runChild(stackConfig());
  expect(loading.afterRequire).toBe(0);
  expect(loading.checkFailures).toEqual([]);
  expect(loading.diffChanges).toBe(false);
  expect(loading.afterCheckAndDiff).toBe(0);
  expect(loading.readId).toBe(ID);
  // openapi-client, tea-util, credentials, … — the stack the read signs its request with.
  expect(loading.afterRead).toBeGreaterThan(0);
}, 120_000);

test("check still refuses an endpoint override that names another region, without the client stack", async () => {
  const loading = await runChild({
    ...stackConfig(),
    "alicloud-kms:endpoint": "https://kms.cn-shanghai.aliyuncs.com",
  });
  expect(loading.checkFailures).toEqual([
    expect.objectContaining({
      property: "region",
      reason: expect.stringContaining("names region cn-shanghai") as unknown,
    }),
  ]);
  expect(loading.afterCheckAndDiff).toBe(0);
  expect(loading.readId).toBeUndefined();
}, 120_000);

/** A config whose reads of `alicloud:secretKey` are counted: only settings resolution reads it. */
function countingConfig(values: Record<string, string>): {
  get(key: string): string | undefined;
  secretReads(): number;
} {
  let reads = 0;
  return {
    get: (key) => {
      if (key === "alicloud:secretKey") reads++;
      return values[key];
    },
    secretReads: () => reads,
  };
}

/** The engine's ConfigureRequest over `config` (the provider calls only `config.get`). */
function configureWith(config: { get(key: string): string | undefined }): Promise<void> {
  return provider.configure!({ config } as unknown as dynamic.ConfigureRequest);
}

async function readOnce(): Promise<string | undefined> {
  // Stored outputs as a refresh passes them; a read needs only the region and managed list.
  const stored = { region: REGION, managedProperties: [] } as unknown as KmsInstanceOutputs;
  return (await provider.read!(ID, stored)).id;
}

test("settings are resolved once per configure, and again after the next configure", async () => {
  const first = countingConfig(stackConfig());
  await configureWith(first);
  expect(await readOnce()).toBe(ID);
  const resolutions = first.secretReads();
  expect(resolutions).toBeGreaterThan(0);
  expect(await readOnce()).toBe(ID);
  expect(await readOnce()).toBe(ID);
  expect(first.secretReads()).toBe(resolutions);

  // A new configure drops the cached settings: a wrong secret now fails the signature check.
  const wrong = countingConfig(stackConfig("NotTheEmulatorSecret000000000000"));
  await configureWith(wrong);
  await expect(readOnce()).rejects.toThrow(/SignatureDoesNotMatch|signature/i);
  expect(wrong.secretReads()).toBeGreaterThan(0);

  const again = countingConfig(stackConfig());
  await configureWith(again);
  expect(await readOnce()).toBe(ID);
  expect(first.secretReads()).toBe(resolutions);
}, 120_000);
