/**
 * End to end with the real Pulumi CLI: an instance bought but not enabled yet (status
 * `Uninitialized`). Adopting it with managed tags fails with the clear message and leaves state
 * and instance alone; a `KmsInstance.get` of it and `getKmsInstance` read it without VPC outputs;
 * after a connect (the emulator's control API), `up` applies the tags and preview is clean.
 */
import { CONTROL_HEADERS, DEFAULT_SEED_IDS } from "../../emulator";
import { current, emulatorConfig, mutatingCalls } from "./support/fixture";
import { e2eSuite } from "./support/suite";

const suite = e2eSuite();
const ID = DEFAULT_SEED_IDS.uninitialized;

/** Connects the instance through the control API over HTTP, as a test harness outside would. */
async function connect(): Promise<void> {
  const res = await fetch(`${suite.emu().url}/_emulator/instances/${ID}/connect`, {
    method: "POST",
    headers: { ...CONTROL_HEADERS },
  });
  expect(res.status).toBe(200);
}

test("adopting with managed tags fails clearly; after a connect, up applies them", async () => {
  const stack = await suite.stackOf("adopt", {
    ...emulatorConfig(suite.emu(), "cn-hangzhou"),
    kmsInstanceId: ID,
    tags: { team: "platform" },
  });
  const failed = await stack.fails(["up", "--yes", "--skip-preview"]);
  expect(failed.output).toContain(
    `KMS instance ${ID} in cn-hangzhou is not enabled yet (status Uninitialized)`,
  );
  expect(failed.output).toContain("`tags`");
  expect(failed.output).toMatch(/applies once the instance is enabled: connect it to a VPC/);
  // A clear failure, not a crash: no stack trace.
  expect(failed.output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(await stack.resource("kms")).toBeUndefined();
  expect(mutatingCalls(suite.emu())).toBe(0);
  expect(current(suite.emu(), ID).Tags).toBeUndefined();

  await connect();
  suite.emu().control.resetStats();
  await stack.up();
  expect(current(suite.emu(), ID).Tags).toEqual({ team: "platform" });
  expect(mutatingCalls(suite.emu())).toBe(1); // one TagResources
  const kms = await stack.resource("kms");
  expect(kms?.outputs?.tags).toEqual({ team: "platform" });
  expect(kms?.outputs?.status).toBe("Connected");
  await stack.ok(["preview", "--expect-no-changes"]);
  await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
});

test("a KmsInstance.get reference and getKmsInstance read it, without VPC outputs", async () => {
  const stack = await suite.stackOf("uninitialized-read", {
    ...emulatorConfig(suite.emu(), "cn-hangzhou"),
    kmsInstanceId: ID,
  });
  await stack.up();
  const out = await stack.outputs();
  expect(out.refStatus).toBe("Uninitialized");
  for (const k of ["refVpcId", "refZoneIds", "refVswitchIds"]) expect(out).not.toHaveProperty(k);
  const info = out.info as Record<string, unknown>;
  expect(info.status).toBe("Uninitialized");
  expect(info.tags).toEqual({});
  for (const k of ["vpcId", "zoneIds", "vswitchIds", "caCertificateChainPem"]) {
    expect(info).not.toHaveProperty(k);
  }
  expect(Object.values(info)).not.toContain("");
  expect(mutatingCalls(suite.emu())).toBe(0);
  await stack.ok(["refresh", "--yes", "--expect-no-changes"]);
});
