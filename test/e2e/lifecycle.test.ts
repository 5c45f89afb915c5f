/**
 * End to end with the real Pulumi CLI against the emulator, one stack through its life: adopt, no
 * drift, what state holds, drift and its correction, destroy. The tests run in order on the same
 * stack; the emulator is reset to its seed before each, which is the instance the stack adopted.
 */
import { TEST_STS } from "../../emulator";
import { INSTANCE_ID, current, mutatingCalls } from "./support/fixture";
import type { E2eStack } from "./support/stack";
import { e2eSuite } from "./support/suite";

const suite = e2eSuite();
let shared: E2eStack | undefined;

/** The file's stack, adopted by the first test that asks. */
async function adoptedStack(): Promise<E2eStack> {
  shared ??= await suite.adoptedStack();
  return shared;
}

test("1. adopt: stack outputs equal the instance's values and feed a second resource", async () => {
  const stack = await adoptedStack();
  const api = current(suite.emu()).KmsInstance;
  const outputs = await stack.outputs();
  expect(outputs.vpcId).toBe(api.VpcId);
  expect(outputs.caCertificateChainPem).toBe(api.CaCertificateChainPem);
  expect(outputs.endDate).toBe(api.EndDate);
  const consumer = await stack.resource("consumer");
  expect(consumer?.outputs?.vpcId).toBe(api.VpcId);
  expect(consumer?.outputs?.caChain).toBe(api.CaCertificateChainPem);
  // Adoption changed nothing in the cloud.
  expect(mutatingCalls(suite.emu())).toBe(0);
});

test("2. no drift: refresh and preview expect no changes", async () => {
  const stack = await adoptedStack();
  await stack.ok(["refresh", "--yes", "--expect-no-changes"]);
  await stack.ok(["preview", "--expect-no-changes"]);
  await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
});

test("8. safety: state holds neither the secret key nor the STS token; __provider is small", async () => {
  const stack = await adoptedStack();
  await stack.ok(["refresh", "--yes"]);
  const { text, resources } = await stack.exportState();
  expect(text).not.toContain(TEST_STS.accessKeySecret);
  expect(text).not.toContain(TEST_STS.securityToken);
  const kms = resources.find((r) => r.urn.endsWith("::kms"));
  const provider = kms?.outputs?.__provider;
  expect(typeof provider).toBe("string");
  const size = Buffer.byteLength(provider as string, "utf8");
  console.log(`__provider in state: ${size} bytes`);
  expect(size).toBeLessThanOrEqual(2048);
  expect(provider).toContain('require("pulumi-alicloud-kms/dist/provider/dynamic.js")');
});

test("3. drift: out-of-band changes show on preview --refresh, refresh records them, up restores them", async () => {
  const stack = await adoptedStack();
  const seeded = current(suite.emu());
  const vpcs = (seeded.KmsInstance.BindVpcs as { BindVpc: unknown[] }).BindVpc;
  suite.emu().control.patchInstance(INSTANCE_ID, {
    KmsInstance: {
      InstanceName: "renamed-in-console",
      BindVpcs: { BindVpc: vpcs.slice(1) },
      DeletionProtection: !seeded.KmsInstance.DeletionProtection,
    },
    Tags: { ...seeded.Tags, team: "someone-else" },
  });

  const preview = await stack.fails(["preview", "--refresh", "--expect-no-changes", "--diff"]);
  for (const property of ["instanceName", "bindVpcs", "tags", "deletionProtection"]) {
    expect(preview.output).toContain(property);
  }
  expect(preview.output).toMatch(/no changes were expected/);

  const refresh = await stack.ok(["refresh", "--yes", "--diff"]);
  expect(refresh.output).toMatch(/renamed-in-console/);
  expect(refresh.output).toMatch(/~ 1 (updated|changed)/);

  suite.emu().control.resetStats();
  await stack.up();
  const restored = current(suite.emu());
  expect(restored.KmsInstance.InstanceName).toBe(seeded.KmsInstance.InstanceName);
  expect(restored.KmsInstance.BindVpcs).toEqual(seeded.KmsInstance.BindVpcs);
  expect(restored.KmsInstance.DeletionProtection).toBe(seeded.KmsInstance.DeletionProtection);
  expect(restored.Tags).toEqual(seeded.Tags);
  expect(mutatingCalls(suite.emu())).toBe(4);

  await stack.ok(["refresh", "--yes", "--expect-no-changes"]);
  await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
});

test("7. destroy leaves the instance running and says so", async () => {
  const stack = await adoptedStack();
  suite.emu().control.resetStats();
  const destroy = await stack.ok(["destroy", "--yes", "--skip-preview"]);
  expect(destroy.output).toMatch(/no longer managed by Pulumi; it keeps running/);
  expect(suite.emu().control.getInstance(INSTANCE_ID)).toBeDefined();
  expect(mutatingCalls(suite.emu())).toBe(0);
});
