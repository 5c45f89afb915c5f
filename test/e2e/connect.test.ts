/**
 * End to end with the real Pulumi CLI: an instance bought but not enabled yet (status
 * `Uninitialized`) adopted with a declared `connection` and tags. One `up` enables it (the
 * emulator turns Connecting into Connected after its delay), waits, tags it and exports `vpcId`
 * and `caCertificateChainPem`; the next preview is clean; a changed connection then fails
 * `preview` with the clear message and no API call at all.
 */
import { DEFAULT_SEED_IDS } from "../../emulator";
import { current, emulatorConfig, mutatingCalls } from "./support/fixture";
import { e2eSuite } from "./support/suite";

const suite = e2eSuite();
const ID = DEFAULT_SEED_IDS.uninitialized;
const NET = {
  vpcId: "vpc-bp1e2enet0001",
  zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
  vswitchIds: ["vsw-bp1e2ek0001", "vsw-bp1e2ej0001"],
};

test("one up connects, waits, tags and exports; preview is then clean; a changed network fails preview", async () => {
  const stack = await suite.stackOf("connect", {
    ...emulatorConfig(suite.emu(), "cn-hangzhou"),
    kmsInstanceId: ID,
    connection: NET,
    tags: { team: "platform" },
  });
  const up = await stack.up();
  expect(up.output).toContain(`${ID}: connecting to ${NET.vpcId}`);
  expect(up.output).toMatch(/Connected after \d+ s/);
  const inst = current(suite.emu(), ID);
  expect(inst.KmsInstance.Status).toBe("Connected");
  expect(inst.Tags).toEqual({ team: "platform" });
  const out = await stack.outputs();
  expect(out.vpcId).toBe(NET.vpcId);
  expect(out.status).toBe("Connected");
  expect(out.caCertificateChainPem).toMatch(/BEGIN CERTIFICATE/);

  await stack.ok(["preview", "--expect-no-changes"]);
  await stack.ok(["preview", "--refresh", "--expect-no-changes"]);

  // Another VPC for an enabled instance: preview fails before any call.
  await stack.ok(["config", "set", "--path", "connection.vpcId", "vpc-bp1othernet01"]);
  suite.emu().control.resetStats();
  const failed = await stack.fails(["preview"]);
  expect(failed.output).toContain(`connection.vpcId of KMS instance ${ID} is "${NET.vpcId}"`);
  expect(failed.output).toContain('the program declares "vpc-bp1othernet01"');
  expect(failed.output).toMatch(/an enabled instance's network cannot change/);
  expect(failed.output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(suite.emu().control.requests()).toEqual([]);
  expect(mutatingCalls(suite.emu())).toBe(0);
});
