/**
 * Adopt a KMS instance and use its outputs where they matter: a security group in the instance's
 * VPC that lets clients reach the instance endpoint on 443, and the CA chain those clients must
 * trust, published as an OOS parameter they can read at boot. A later `pulumi up` keeps both in
 * step if the instance moves to another VPC or rotates its CA.
 *
 * Run against Alibaba Cloud (needs the alicloud provider plugin):
 *   npm install && pulumi config set kmsInstanceId kst-… && pulumi config set alicloud:region cn-hangzhou && pulumi up
 * Offline, its wiring is tested with Pulumi mocks (test/examples/feed-outputs.test.ts).
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { KmsInstance } from "pulumi-alicloud-kms";

const config = new pulumi.Config();
const kms = new KmsInstance("kms", { kmsInstanceId: config.require("kmsInstanceId") });

const clients = new alicloud.ecs.SecurityGroup("kms-clients", {
  vpcId: kms.vpcId,
  description: pulumi.interpolate`Clients of KMS instance ${kms.kmsInstanceId}`,
});

new alicloud.ecs.SecurityGroupRule("kms-https", {
  securityGroupId: clients.id,
  type: "egress",
  ipProtocol: "tcp",
  portRange: "443/443",
  cidrIp: "0.0.0.0/0",
  description: "HTTPS to the KMS instance endpoint",
});

const caChain = new alicloud.oos.Parameter("kms-ca-chain", {
  parameterName: pulumi.interpolate`kms/${kms.kmsInstanceId}/ca-chain`,
  type: "String",
  value: kms.caCertificateChainPem.apply((pem) => pem ?? ""),
  description: "CA chain of the KMS instance endpoint (PEM)",
});

/** The security group clients of the instance join. */
export const securityGroupId = clients.id;
/** Where clients read the CA chain. */
export const caChainParameter = caChain.parameterName;
/** When the instance expires. */
export const endDate = kms.endDate;
