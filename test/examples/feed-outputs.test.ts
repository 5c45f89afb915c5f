/**
 * `examples/feed-outputs` with Pulumi's mocks: its `@pulumi/alicloud` resources cannot run offline
 * (their plugin would be downloaded), so this checks the wiring — the adopted instance's `vpcId`
 * and CA chain reach the security group and the OOS parameter, and the instance is declared with
 * the dynamic type token and the configured id.
 */
import * as pulumi from "@pulumi/pulumi";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];
const KMS_ID = "kst-hzz65f176a0ogplgqxxxx";
const LIVE = {
  vpcId: "vpc-bp1hzz65f176a0ogplgq",
  caCertificateChainPem: "-----BEGIN CERTIFICATE-----\r\n…",
};

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        if (args.type === "pulumi-nodejs:dynamic/alicloud-kms:KmsInstance") {
          // What the provider's create returns for an adopted instance (outputs include inputs).
          return { id: String(args.inputs.kmsInstanceId), state: { ...args.inputs, ...LIVE } };
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "kms-feed-outputs",
    "test",
    false,
  );
  pulumi.runtime.setConfig("kms-feed-outputs:kmsInstanceId", KMS_ID);
});

function settle<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply(resolve));
}

test("the instance's VPC and CA chain feed the security group and the OOS parameter", async () => {
  const program = (await import("../../examples/feed-outputs/index")) as {
    securityGroupId: pulumi.Output<string>;
    caChainParameter: pulumi.Output<string>;
  };
  expect(await settle(program.securityGroupId)).toBe("kms-clients-id");
  expect(await settle(program.caChainParameter)).toBe(`kms/${KMS_ID}/ca-chain`);

  // Registrations wait for their inputs (the rule waits for the group's id): let them all land.
  for (let i = 0; i < 100 && registered.length < 4; i++)
    await new Promise((r) => setTimeout(r, 10));
  expect(registered.map((r) => r.name).sort()).toEqual([
    "kms",
    "kms-ca-chain",
    "kms-clients",
    "kms-https",
  ]);
  const byName = (name: string): Registered => {
    const r = registered.find((x) => x.name === name);
    if (!r) throw new Error(`${name} was not registered`);
    return r;
  };
  expect(byName("kms").type).toBe("pulumi-nodejs:dynamic/alicloud-kms:KmsInstance");
  expect(byName("kms").inputs.kmsInstanceId).toBe(KMS_ID);
  expect(byName("kms-clients").type).toBe("alicloud:ecs/securityGroup:SecurityGroup");
  expect(byName("kms-clients").inputs.vpcId).toBe(LIVE.vpcId);
  expect(byName("kms-https").inputs).toMatchObject({
    securityGroupId: "kms-clients-id",
    portRange: "443/443",
    type: "egress",
  });
  expect(byName("kms-ca-chain").inputs.value).toBe(LIVE.caCertificateChainPem);
});
