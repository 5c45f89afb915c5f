// Reads the instance named in config two ways: a read-only reference and getKmsInstanceOutput.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { KmsInstance, getKmsInstanceOutput } = require("pulumi-alicloud-kms");

const config = new pulumi.Config();
const id = config.require("kmsInstanceId");
const ref = KmsInstance.get("ref", id);
exports.refStatus = ref.status;
exports.refVpcId = ref.vpcId;
exports.refZoneIds = ref.zoneIds;
exports.refVswitchIds = ref.vswitchIds;
exports.info = getKmsInstanceOutput({ kmsInstanceId: id });
