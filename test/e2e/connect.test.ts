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

test("Error while connecting fails the up with the status; state keeps the adopted instance", async () => {
  const emu = suite.emu();
  const stack = await suite.stackOf("connect", {
    ...emulatorConfig(emu, "cn-hangzhou"),
    kmsInstanceId: ID,
    connection: NET,
    tags: { team: "platform" },
  });
  // As soon as the instance is Connecting, the service puts it in Error: the provider's polls
  // (the first one 2 s after the one that saw Connecting) find Error, not Connected.
  let done = false;
  let patched = false;
  const watch = (async () => {
    while (!done) {
      if (current(emu, ID).KmsInstance.Status === "Connecting") {
        emu.control.patchInstance(ID, { KmsInstance: { Status: "Error" } });
        patched = true;
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const failed = await stack.fails(["up", "--yes", "--skip-preview"]).finally(() => {
    done = true;
  });
  await watch;
  expect(patched).toBe(true);
  expect(failed.output).toContain(`KMS instance ${ID} went to status Error while connecting`);
  expect(failed.output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  // A partial create: the instance is in state, with what was read after the failure.
  const kms = await stack.resource("kms");
  expect(kms?.id).toBe(ID);
  expect(kms?.outputs?.status).toBe("Error");
  // The tags were not applied.
  expect(current(emu, ID).Tags).toBeUndefined();
});
