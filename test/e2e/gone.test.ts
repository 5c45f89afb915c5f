/**
 * End to end with the real Pulumi CLI: a refresh never empties a stack on a "not found" it cannot
 * confirm. A stack adopts the connected seed instance and holds a `KmsInstance.get` reference to
 * another; then the endpoint is switched to another region's, or the keys to another account's:
 * refresh fails with the suspicion and `pulumi stack export` still holds every instance. A real
 * out-of-band deletion still drops the instance. (Refresh configures providers from state; a
 * changed stack config reaches them with `--run-program`, which runs the program first.)
 */
import {
  DEFAULT_SEED_IDS,
  EMULATOR_ACCOUNT_ID,
  OTHER_ACCOUNT_ID,
  OTHER_ACCOUNT_KEY,
} from "../../emulator";
import { INSTANCE_ID, current, emulatorConfig, mutatingCalls } from "./support/fixture";
import type { E2eStack, StateResource } from "./support/stack";
import { e2eSuite } from "./support/suite";

const suite = e2eSuite();
const REFERENCE_ID = DEFAULT_SEED_IDS.uninitialized;

/** The stack, after `pulumi up`: the adopted instance and the reference, both in cn-hangzhou. */
async function adoptedWithReference(): Promise<E2eStack> {
  const seeded = current(suite.emu());
  const stack = await suite.stackOf("adopt-with-reference", {
    ...emulatorConfig(suite.emu(), seeded.RegionId),
    kmsInstanceId: INSTANCE_ID,
    instanceName: seeded.KmsInstance.InstanceName as string,
    referenceId: REFERENCE_ID,
  });
  await stack.up();
  return stack;
}

/** The two instance resources as state holds them. */
async function instances(stack: E2eStack): Promise<(StateResource | undefined)[]> {
  const { resources } = await stack.exportState();
  return ["kms", "shared"].map((name) => resources.find((r) => r.urn.endsWith(`::${name}`)));
}

test("up records the owning account of the adopted instance and of the reference", async () => {
  const stack = await adoptedWithReference();
  const outputs = await stack.outputs();
  expect(outputs.owner).toBe(EMULATOR_ACCOUNT_ID);
  expect(outputs.referenceOwner).toBe(EMULATOR_ACCOUNT_ID);
  // Recorded, never an input: refresh and preview see no changes.
  await stack.ok(["refresh", "--yes", "--expect-no-changes"]);
  await stack.ok(["preview", "--expect-no-changes"]);
});

test("refresh through another region's endpoint (no {region}) fails clearly; every instance stays", async () => {
  const stack = await adoptedWithReference();
  const before = await instances(stack);
  expect(before.every((r) => r !== undefined)).toBe(true);

  await stack.ok(["config", "set", "alicloud-kms:endpoint", suite.emu().regionUrl("cn-shanghai")]);
  suite.emu().control.resetStats();
  const refresh = await stack.fails(["refresh", "--yes", "--run-program"]);
  expect(refresh.output).toContain(
    `the endpoint ${suite.emu().regionUrl("cn-shanghai")} answers for region cn-shanghai, not cn-hangzhou`,
  );
  expect(refresh.output).toMatch(/wrong region/);
  expect(refresh.output).toContain("Pulumi state was left unchanged");
  for (const id of [INSTANCE_ID, REFERENCE_ID]) expect(refresh.output).toContain(id);
  expect(await instances(stack)).toEqual(before);
  expect(mutatingCalls(suite.emu())).toBe(0);
});

test("refresh with another account's keys fails clearly; every instance stays", async () => {
  const stack = await adoptedWithReference();
  const before = await instances(stack);

  await stack.ok(["config", "set", "alicloud:accessKey", OTHER_ACCOUNT_KEY.accessKeyId]);
  await stack.ok([
    "config",
    "set",
    "--secret",
    "alicloud:secretKey",
    OTHER_ACCOUNT_KEY.accessKeySecret,
  ]);
  await stack.ok(["config", "rm", "alicloud:securityToken"]);
  const refresh = await stack.fails(["refresh", "--yes", "--run-program"]);
  expect(refresh.output).toContain(
    `these credentials belong to account ${OTHER_ACCOUNT_ID}; the instance was adopted in account ${EMULATOR_ACCOUNT_ID}`,
  );
  expect(refresh.output).toMatch(/other account/);
  expect(refresh.output).not.toContain(OTHER_ACCOUNT_KEY.accessKeySecret);
  expect(await instances(stack)).toEqual(before);
});

test("a real out-of-band deletion still drops the instance on refresh; the reference stays", async () => {
  const stack = await adoptedWithReference();
  const [, referenceBefore] = await instances(stack);
  suite.emu().control.deleteInstance(INSTANCE_ID);
  suite.emu().control.resetStats();
  await stack.ok(["refresh", "--yes"]);
  const [kms, reference] = await instances(stack);
  expect(kms).toBeUndefined();
  expect(reference?.outputs).toEqual(referenceBefore?.outputs);
  // The deletion was confirmed by the evidence: the account, then the region's listing.
  expect(suite.emu().control.stats().byAction.ListKmsInstances?.["200"]).toBeGreaterThanOrEqual(1);
  expect(mutatingCalls(suite.emu())).toBe(0);
});
