/**
 * End to end with the real Pulumi CLI against the emulator: `watchQuota: true` puts the quota
 * usage in the outputs and a refresh warns at the threshold (not below); turning it off is an
 * update with no API call, after which a refresh is one `GetKmsInstance` again;
 * `getKmsInstanceOutput` returns the same figures.
 */
import { INSTANCE_ID, current, emulatorConfig, mutatingCalls } from "./support/fixture";
import { e2eSuite } from "./support/suite";

const suite = e2eSuite();

const kmsCalls = () =>
  suite
    .emu()
    .control.requests()
    .map((r) => r.action)
    .filter((a) => a !== "GetCallerIdentity");

test("watchQuota: quota outputs, the warning at the threshold, and off again without a call", async () => {
  const emu = suite.emu();
  emu.control.patchInstance(INSTANCE_ID, { QuotaUsed: { key: 899 } }); // of 1000: under 90 %
  const stack = await suite.stackOf("watch-quota", {
    ...emulatorConfig(emu, "cn-hangzhou"),
    kmsInstanceId: INSTANCE_ID,
    watchQuota: "true",
  });
  const up = await stack.up();
  expect(up.output).not.toMatch(/quota of/);
  const inst = current(emu).KmsInstance;
  const outputs = await stack.outputs();
  expect(outputs.quota).toMatchObject({ key: { quota: inst.KeyNum, used: 899 } });
  expect(outputs.info).toEqual(outputs.quota);

  // At the threshold: the refresh warns, records the figure, and plans nothing.
  emu.control.patchInstance(INSTANCE_ID, { QuotaUsed: { key: 900 } });
  const refresh = await stack.ok(["refresh", "--yes"]);
  expect(refresh.output).toMatch(
    new RegExp(
      `warning: .*KMS instance ${INSTANCE_ID} \\(cn-hangzhou\\) has used 900 of its key quota of 1000 \\(90 %`,
    ),
  );
  const kms = await stack.resource("kms");
  expect(kms?.outputs?.quota).toMatchObject({ key: { quota: 1000, used: 900 } });
  expect(kms?.inputs?.watchQuota).toBe(true);
  await stack.ok(["preview", "--expect-no-changes"]);

  // Off: an update without replace and without any call that changes something.
  await stack.ok(["config", "set", "watchQuota", "false"]);
  const preview = await stack.ok(["preview", "--diff"]);
  expect(preview.output).toMatch(/watchQuota/);
  expect(preview.output).not.toMatch(/replace/);
  emu.control.resetStats();
  await stack.up();
  expect(mutatingCalls(emu)).toBe(0);
  expect((await stack.resource("kms"))?.outputs).not.toHaveProperty("quota");

  // Without watchQuota a read is one GetKmsInstance and nothing else (the program's
  // getKmsInstanceOutput does not run on refresh; the engine may read a resource more than once).
  emu.control.resetStats();
  await stack.ok(["refresh", "--yes", "--expect-no-changes"]);
  const calls = kmsCalls();
  expect(calls.length).toBeGreaterThan(0);
  expect(new Set(calls)).toEqual(new Set(["GetKmsInstance"]));
});
