/**
 * End to end with the real Pulumi CLI: binding VPCs whose owners have a 16- and a 19-digit
 * account id. `pulumi up` sends each `VpcOwnerId` as an unquoted JSON number with its exact
 * digits (the form the API reference and the SDK model document), the emulator stores those
 * digits, and the next preview and refresh find no change.
 */
import { current, INSTANCE_ID, adoptConfig } from "./support/fixture";
import { e2eSuite } from "./support/suite";
import { declaredBindVpcs } from "../support/emulator-state";

const suite = e2eSuite();

const OWNER_16 = "1234567890123456";
// Above 2^53: a JS number would round it to 1234567890123456800.
const OWNER_19 = "1234567890123456789";

test("bound VPCs keep 16- and 19-digit owner ids digit for digit through up, state and preview", async () => {
  const emu = suite.emu();
  const seeded = current(emu);
  const added = [
    {
      vpcId: "vpc-owner16",
      vSwitchId: "vsw-owner16",
      regionId: "cn-hangzhou",
      vpcOwnerId: OWNER_16,
    },
    {
      vpcId: "vpc-owner19",
      vSwitchId: "vsw-owner19",
      regionId: "cn-shanghai",
      vpcOwnerId: OWNER_19,
    },
  ];
  const stack = await suite.stackOf("adopt", {
    ...adoptConfig(emu, seeded),
    bindVpcs: [...declaredBindVpcs(seeded), ...added],
  });
  await stack.up();

  // The request pulumi up made: the owner ids unquoted, with every digit.
  const sent = emu.control
    .requests()
    .filter((r) => r.action === "UpdateKmsInstanceBindVpc" && r.status === 200);
  expect(sent).toHaveLength(1);
  const bindVpcs = sent[0].params?.BindVpcs ?? "";
  expect(bindVpcs).toContain(`"VpcOwnerId":${OWNER_16}}`);
  expect(bindVpcs).toContain(`"VpcOwnerId":${OWNER_19}}`);
  expect(bindVpcs).not.toMatch(/"VpcOwnerId":"/);

  // What the emulator stored (and GetKmsInstance answers): the exact digits, as strings.
  const stored = (
    current(emu, INSTANCE_ID).KmsInstance.BindVpcs as {
      BindVpc: Record<string, string>[];
    }
  ).BindVpc;
  expect(stored.filter((v) => v.VpcId.startsWith("vpc-owner"))).toEqual([
    {
      RegionId: "cn-hangzhou",
      VpcId: "vpc-owner16",
      VSwitchId: "vsw-owner16",
      VpcOwnerId: OWNER_16,
    },
    {
      RegionId: "cn-shanghai",
      VpcId: "vpc-owner19",
      VSwitchId: "vsw-owner19",
      VpcOwnerId: OWNER_19,
    },
  ]);

  // State holds them as strings with every digit, and nothing is left to change.
  const kms = await stack.resource("kms");
  const outputs = kms?.outputs?.bindVpcs as { vpcOwnerId: string }[];
  expect(outputs.map((v) => v.vpcOwnerId)).toEqual(expect.arrayContaining([OWNER_16, OWNER_19]));
  await stack.ok(["preview", "--expect-no-changes"]);
  await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
});
