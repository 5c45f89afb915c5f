/**
 * End to end with the real Pulumi CLI against the emulator: what refresh does with output-only
 * changes and read-only references, and bad input. Deletions run in gone.test.ts; faults during
 * refresh, in the fault matrix's refresh rows (test/reliability/refresh-rows.test.ts).
 */
import { DEFAULT_SEED_IDS } from "../../emulator";
import {
  INSTANCE_ID,
  adoptConfig,
  apiDateIn,
  current,
  emulatorConfig,
  mutatingCalls,
} from "./support/fixture";
import { e2eSuite } from "./support/suite";

const suite = e2eSuite();
const { stackOf, adoptedStack } = suite;

test("4. output-only change: refresh warns, outputs change, no update is planned", async () => {
  const stack = await adoptedStack();
  const endDate = apiDateIn(10);
  suite.emu().control.patchInstance(INSTANCE_ID, {
    KmsInstance: { Status: "Disconnected", EndDate: endDate },
  });

  // The scheduled drift check warns but passes: status and end date are not drift.
  const check = await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
  expect(check.output).toMatch(/warning: .*Disconnected/);

  const refresh = await stack.ok(["refresh", "--yes"]);
  expect(refresh.output).toMatch(/warning: .*Disconnected/);
  // The seeded instance renews automatically: its end date is an informational line.
  expect(refresh.output).toMatch(/ends in 10 days, .* renews automatically then/);
  expect(refresh.output).not.toMatch(/warning: .*expires in/);
  const kms = await stack.resource("kms");
  expect(kms?.outputs?.status).toBe("Disconnected");
  expect(kms?.outputs?.endDate).toBe(endDate);

  await stack.ok(["preview", "--expect-no-changes"]);
  suite.emu().control.resetStats();
  await stack.up();
  expect(mutatingCalls(suite.emu())).toBe(0);
  const outputs = await stack.outputs();
  expect(outputs.status).toBe("Disconnected");
  expect(outputs.endDate).toBe(endDate);
});

test("6. KmsInstance.get: outputs available, refresh picks up an out-of-band change", async () => {
  const stack = await stackOf("reference", {
    kmsInstanceId: DEFAULT_SEED_IDS.expiring,
    region: "cn-shanghai",
    ...emulatorConfig(suite.emu(), "cn-hangzhou"),
  });
  await stack.up();
  const seeded = current(suite.emu(), DEFAULT_SEED_IDS.expiring).KmsInstance;
  const outputs = await stack.outputs();
  expect(outputs.vpcId).toBe(seeded.VpcId);
  expect(outputs.instanceName).toBe(seeded.InstanceName);
  const ref = await stack.resource("shared");
  expect(ref?.external).toBe(true);

  suite.emu().control.patchInstance(DEFAULT_SEED_IDS.expiring, {
    KmsInstance: { InstanceName: "renamed" },
  });
  suite.emu().control.resetStats();
  await stack.ok(["refresh", "--yes"]);
  expect((await stack.resource("shared"))?.outputs?.instanceName).toBe("renamed");
  expect(mutatingCalls(suite.emu())).toBe(0);
});

test("10. bad input: preview fails naming the property, with no API call", async () => {
  const config = adoptConfig(suite.emu(), current(suite.emu()));
  const [first, ...rest] = config.bindVpcs as Record<string, string>[];
  const stack = await stackOf("adopt", {
    ...config,
    kmsInstanceId: "kst_NOT-valid",
    bindVpcs: [{ ...first, vSwitchId: "switch-1" }, ...rest],
  });
  suite.emu().control.resetStats();
  const preview = await stack.fails(["preview"]);
  expect(preview.output).toMatch(/kmsInstanceId/);
  expect(preview.output).toMatch(/bindVpcs\[0\]\.vSwitchId/);
  expect(suite.emu().control.stats().total).toBe(0);
});

test("11. getKmsInstance of a missing instance fails the program in one line, promptly", async () => {
  const missing = "kst-hzz0000notthere00xxxx";
  const stack = await stackOf("read-missing", {
    kmsInstanceId: missing,
    ...emulatorConfig(suite.emu(), "cn-hangzhou"),
  });
  const started = Date.now();
  const up = await stack.fails(["up", "--yes", "--skip-preview"]);
  const seconds = (Date.now() - started) / 1000;
  const sentence = `KMS instance ${missing} does not exist in cn-hangzhou or is not visible to these credentials`;
  expect(up.output).toContain(`error: ${sentence}`);
  // No stack, no dump of the error's fields, no runtime warning.
  expect(up.output).not.toMatch(
    /unhandled exception|^\s+at |\[cause\]|PromiseRejectionHandledWarning/m,
  );
  // The runtime used to spend 20–45 s inspecting the error's cause before the program exited.
  expect(seconds).toBeLessThan(15);
});
