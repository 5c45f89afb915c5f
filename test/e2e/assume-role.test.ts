/**
 * End to end with the real Pulumi CLI: a stack whose credentials assume a RAM role
 * (`alicloud:assumeRole`, STS `AssumeRole` at the emulator over HTTPS, then the KMS API with the
 * role's temporary keys) adopts and refreshes an instance. Neither the state export nor the
 * verbose engine logs (`-v=9 --logtostderr --logflow`) hold a temporary key the emulator minted,
 * nor the long-term secret.
 *
 * One limit is the engine's, not the provider's: at `-v=9` the Pulumi CLI (v3.248) logs the
 * dynamic provider's Configure inputs, the whole stack config, secrets decrypted ("Marshaling
 * property for RPC[Provider[…].Configure().inputs]: alicloud:secretKey={…}"). Long-term keys
 * kept in stack config therefore show in such logs; kept in the environment (or a profile) they
 * do not. Both setups are run below, each checked for what it can promise.
 */
import { OTHER_ACCOUNT_KEY, type RunningEmulator } from "../../emulator";
import { INSTANCE_ID, current, mutatingCalls } from "./support/fixture";
import {
  ASSUME_ROLE_ENV_KEYS,
  ASSUME_ROLE_SECRETS,
  ROLE_ARN,
  SESSION_NAME,
  TRUST_TEST_CERT,
  assumeRoleConfig,
  startTlsEmulator,
} from "./support/assume-role-fixture";
import { E2eStack, type RunResult } from "./support/stack";

jest.setTimeout(300_000);

let emu: RunningEmulator;
const stacks: E2eStack[] = [];

beforeAll(async () => {
  emu = await startTlsEmulator();
});
afterAll(async () => {
  for (const s of stacks) s.cleanup();
  await emu?.close();
});
beforeEach(() => emu.control.resetStats());

/** Every temporary credential string the emulator minted so far. */
function temporaryKeys(): string[] {
  return emu.issuedSessions().flatMap((s) => [s.accessKeyId, s.accessKeySecret, s.securityToken]);
}

const LONG_TERM = [OTHER_ACCOUNT_KEY.accessKeySecret, OTHER_ACCOUNT_KEY.accessKeyId];

function expectNone(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    const at = text.indexOf(secret);
    if (at >= 0) {
      const context = text.slice(Math.max(0, at - 200), at).replace(/\s+/g, " ");
      throw new Error(`${where} holds a credential (${secret.slice(0, 6)}…) after: ${context}`);
    }
  }
}

/** A stack of the `adopt` program through the role, trusting the test certificate. */
async function roleStack(
  config: Record<string, unknown>,
  secrets: Record<string, string>,
  env: Record<string, string> = {},
): Promise<E2eStack> {
  const stack = await E2eStack.create("adopt", config, secrets);
  stacks.push(stack);
  // The CLI and the provider processes it starts inherit this environment: they trust the test
  // certificate (NODE_EXTRA_CA_CERTS, read at process start); nothing turns verification off.
  Object.assign(stack.env, TRUST_TEST_CERT, env);
  return stack;
}

const VERBOSE = ["-v=9", "--logtostderr", "--logflow"];

/** Adopts, then refreshes and previews verbosely; checks the role was used. Returns every output. */
async function adoptAndRefresh(stack: E2eStack): Promise<RunResult[]> {
  const up = await stack.up();
  const outputs = await stack.outputs();
  const seeded = current(emu).KmsInstance;
  expect(outputs.vpcId).toBe(seeded.VpcId);
  expect(outputs.instanceName).toBe(seeded.InstanceName);
  // Adoption changes nothing: AssumeRole is the only call besides the reads.
  const assumed = emu.control.stats().byAction.AssumeRole?.["200"] ?? 0;
  expect(assumed).toBeGreaterThanOrEqual(1);
  expect(mutatingCalls(emu) - assumed).toBe(0);
  for (const s of emu.issuedSessions()) {
    expect(s).toMatchObject({ roleArn: ROLE_ARN, sessionName: SESSION_NAME });
  }

  emu.control.resetStats();
  const refresh = await stack.ok(["refresh", "--yes", "--expect-no-changes", ...VERBOSE]);
  expect(emu.control.stats().byAction.GetKmsInstance?.["200"]).toBeGreaterThanOrEqual(1);
  expect(emu.control.stats().byAction.AssumeRole?.["200"]).toBeGreaterThanOrEqual(1);
  const preview = await stack.ok(["preview", "--refresh", "--expect-no-changes", ...VERBOSE]);
  // The logs are verbose enough to show a leak: they carry the provider's own calls.
  expect(refresh.stderr.length).toBeGreaterThan(10_000);
  expect(refresh.stderr).toContain(INSTANCE_ID);
  return [up, refresh, preview];
}

test("long-term keys in the environment: adopts and refreshes; no credential in state or verbose logs", async () => {
  const config = assumeRoleConfig(emu, current(emu));
  const stack = await roleStack(config, {}, ASSUME_ROLE_ENV_KEYS);
  const runs = await adoptAndRefresh(stack);
  const exported = await stack.exportState();
  expect(exported.text).toContain(INSTANCE_ID);
  const all = [...LONG_TERM, ...temporaryKeys()];
  expectNone(exported.text, all, "the state export");
  runs.forEach((r, i) => expectNone(r.output, all, `the output of run ${i}`));
});

test("long-term keys as config secrets: no temporary key anywhere, no long-term key in state", async () => {
  const stack = await roleStack(assumeRoleConfig(emu, current(emu)), ASSUME_ROLE_SECRETS);
  const runs = await adoptAndRefresh(stack);
  const exported = await stack.exportState();
  expectNone(exported.text, [...LONG_TERM, ...temporaryKeys()], "the state export");
  runs.forEach((r, i) => expectNone(r.output, temporaryKeys(), `the output of run ${i}`));
});

test("a role that cannot be assumed fails with one clear sentence and no KMS call", async () => {
  const config = assumeRoleConfig(emu, current(emu));
  const stack = await roleStack(
    {
      ...config,
      "alicloud:assumeRole": { roleArn: ROLE_ARN.replace("emulator-role", "missing-role") },
    },
    {},
    ASSUME_ROLE_ENV_KEYS,
  );
  const before = emu.issuedSessions().length;
  const failed = await stack.fails(["up", "--yes", "--skip-preview"]);
  expect(failed.output).toMatch(/could not assume RAM role acs:ram::\d+:role\/missing-role/);
  expect(failed.output).toMatch(/EntityNotExist\.Role/);
  expect(emu.issuedSessions()).toHaveLength(before);
  expect(emu.control.stats().byAction.GetKmsInstance).toBeUndefined();
  expectNone(failed.output, LONG_TERM, "the failed up output");
});

test("an http:// STS endpoint (not loopback) with assumeRole fails the up naming the setting, with no call", async () => {
  const config = assumeRoleConfig(emu, current(emu));
  // The role's keys would cross a network in clear: only a loopback host may be http://.
  const stack = await roleStack(
    { ...config, "alicloud-kms:stsEndpoint": "http://sts.example.invalid:8080" },
    {},
    ASSUME_ROLE_ENV_KEYS,
  );
  // Settings are resolved at the first call (the adopting create), as for every config error.
  const failed = await stack.fails(["up", "--yes", "--skip-preview"]);
  expect(failed.output).toMatch(/alicloud-kms:stsEndpoint must be an https:\/\/ URL/);
  expect(emu.control.stats().total).toBe(0);
});
