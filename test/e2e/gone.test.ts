/**
 * End to end with the real Pulumi CLI, one stack: it adopts the connected seed instance and holds
 * a `KmsInstance.get` reference to another; `up` records the owning account of both; a real
 * out-of-band deletion drops the adopted instance on refresh (the reference stays), and the next
 * `up` fails clearly without a changing call. The other half of the rule — a "not found" that
 * cannot be confirmed (another region's endpoint, another account's keys) never empties a stack —
 * runs through the CLI in the fault matrix's refresh rows (test/reliability/refresh-rows.test.ts).
 */
import { DEFAULT_SEED_IDS, EMULATOR_ACCOUNT_ID } from "../../emulator";
import { INSTANCE_ID, current, emulatorConfig, mutatingCalls } from "./support/fixture";
import type { E2eStack, StateResource } from "./support/stack";
import { e2eSuite } from "./support/suite";

const suite = e2eSuite();
const REFERENCE_ID = DEFAULT_SEED_IDS.uninitialized;

let shared: E2eStack | undefined;

/** The file's stack, after `pulumi up`: the adopted instance and the reference, in cn-hangzhou. */
async function adoptedWithReference(): Promise<E2eStack> {
  if (shared) return shared;
  const seeded = current(suite.emu());
  const stack = await suite.stackOf("adopt-with-reference", {
    ...emulatorConfig(suite.emu(), seeded.RegionId),
    kmsInstanceId: INSTANCE_ID,
    instanceName: seeded.KmsInstance.InstanceName as string,
    referenceId: REFERENCE_ID,
  });
  await stack.up();
  shared = stack;
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

test("a real out-of-band deletion drops the instance on refresh, the reference stays; the next up fails clearly, changing nothing", async () => {
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

  // The program still declares it: the next up refuses to adopt what does not exist.
  suite.emu().control.resetStats();
  const up = await stack.fails(["up", "--yes", "--skip-preview"]);
  expect(up.output).toMatch(
    new RegExp(
      `KMS instance ${INSTANCE_ID} does not exist in cn-hangzhou or is not visible to these credentials`,
    ),
  );
  expect(up.output).toMatch(/buy one first/);
  expect(mutatingCalls(suite.emu())).toBe(0);
});
