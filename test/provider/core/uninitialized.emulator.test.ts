/**
 * The lifecycle on an instance that is not enabled yet (status `Uninitialized`), with the real
 * client against the emulator: reads never fail (no tags, no VPC outputs); declaring tags or
 * bound VPCs fails before any call with the status gate's message; once connected, they apply.
 */
import { Refusal } from "../../../provider/refusal";
import { DEFAULT_SEED_IDS, connectNow } from "../../../emulator";
import type { KmsCore } from "../../../provider/core/kms-core";
import { type KmsInstanceInputs } from "../../../provider/instance";
import { coreFor, emulatorConfig, emulatorPerSuite, readStored } from "../../support/emulator-deps";

const UNINIT = DEFAULT_SEED_IDS.uninitialized;
const HZ = "cn-hangzhou";
const VPC = {
  vpcId: "vpc-extra",
  vSwitchId: "vsw-extra",
  regionId: HZ,
  vpcOwnerId: "1234567890123456",
};
const suite = emulatorPerSuite();

function deps(): KmsCore {
  return coreFor(emulatorConfig(suite.emu));
}

/** The actions that change something, as the emulator recorded them. */
const changes = () =>
  suite.emu.control
    .requests()
    .map((r) => r.action)
    .filter((a) => !/^(Get|List)/.test(a));

test("a refresh with managed tags reads no tags and no VPC outputs", async () => {
  const r = await readStored(deps(), UNINIT, {
    region: HZ,
    managedProperties: ["tags", "bindVpcs"],
  });
  if (!r.found) throw new Error("expected the instance to be found");
  expect(r.inputs.tags).toEqual({});
  expect(r.inputs.bindVpcs).toEqual([]);
  expect(r.outputs.status).toBe("Uninitialized");
  for (const k of ["vpcId", "zoneIds", "vswitchIds", "caCertificateChainPem"]) {
    expect(r.outputs).not.toHaveProperty(k);
  }
});

test.each<[string, Partial<KmsInstanceInputs>]>([
  ["tags", { tags: { team: "platform" } }],
  ["bindVpcs", { bindVpcs: [VPC] }],
])("adopting with %s fails with the clear message and changes nothing", async (name, declared) => {
  const adopt = deps().create({
    kmsInstanceId: UNINIT,
    region: HZ,
    instanceName: "n",
    ...declared,
  });
  await expect(adopt).rejects.toBeInstanceOf(Refusal);
  await expect(deps().create({ kmsInstanceId: UNINIT, region: HZ, ...declared })).rejects.toThrow(
    new RegExp(
      `${UNINIT} in cn-hangzhou is not enabled yet \\(status Uninitialized\\).*\`${name}\``,
    ),
  );
  // Not even the rename planned beside it was made.
  expect(changes()).toEqual([]);
  expect(suite.emu.control.getInstance(UNINIT)?.KmsInstance.InstanceName).toBe(UNINIT);
});

test("declared values equal to what it has (no tags, no bound VPCs) adopt fine", async () => {
  const out = await deps().create({
    kmsInstanceId: UNINIT,
    region: HZ,
    tags: {},
    bindVpcs: [],
    deletionProtection: true,
  });
  expect(out.tags).toEqual({});
  expect(out.deletionProtection).toBe(true);
  expect(changes()).toEqual(["SetDeletionProtection"]);
});

test("an update that adds tags fails before any call; after a connect it applies", async () => {
  const news = { kmsInstanceId: UNINIT, region: HZ, tags: { team: "platform" } };
  await expect(deps().update(UNINIT, news)).rejects.toThrow(/applies once the instance is enabled/);
  expect(changes()).toEqual([]);

  connectNow(suite.emu.control, UNINIT);
  const out = await deps().update(UNINIT, news);
  expect(out.tags).toEqual({ team: "platform" });
  expect(out.vpcId).toMatch(/^vpc-/);
  expect(suite.emu.control.getInstance(UNINIT)?.Tags).toEqual({ team: "platform" });
});
