/**
 * Quick start: adopt an existing KMS instance, manage its name, bound VPCs, tags and deletion
 * protection, and export the outputs other resources need. Everything comes from stack config,
 * so the same program runs against the embedded emulator (`npm run demo`) and real Alibaba Cloud.
 *
 *   pulumi config set kmsInstanceId kst-…                  # required
 *   pulumi config set alicloud:region cn-hangzhou
 *   pulumi config set instanceName prod-kms                  # optional: managed when set
 *   pulumi config set --path 'tags.team' platform            # optional: managed when set
 *   pulumi config set deletionProtection true                # optional: managed when set
 *   pulumi config set --path 'bindVpcs[0].vpcId' vpc-…       # optional: managed when set
 */
import * as pulumi from "@pulumi/pulumi";
import { KmsInstance, type BindVpcArgs } from "pulumi-alicloud-kms";

const config = new pulumi.Config();

const kms = new KmsInstance("kms", {
  kmsInstanceId: config.require("kmsInstanceId"),
  instanceName: config.get("instanceName"),
  bindVpcs: config.getObject<BindVpcArgs[]>("bindVpcs"),
  tags: config.getObject<Record<string, string>>("tags"),
  deletionProtection: config.getBoolean("deletionProtection"),
});

/** The VPC the instance is connected to: feeds security groups and vSwitches. */
export const vpcId = kms.vpcId;
/** The CA chain clients must trust for the instance endpoint. */
export const caCertificateChainPem = kms.caCertificateChainPem;
/** When the instance expires (pay-as-you-go too): feeds renewal alarms. */
export const endDate = kms.endDate;
/** Connected, Disconnected, … */
export const status = kms.status;
/** The bound VPCs as they are now. */
export const bindVpcs = kms.bindVpcs;
