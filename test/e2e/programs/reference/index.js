// A read-only reference: outputs are read and refreshed, nothing is managed.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { KmsInstance } = require("pulumi-alicloud-kms");

const config = new pulumi.Config();
const ref = KmsInstance.get("shared", config.require("kmsInstanceId"), {
  region: config.get("region"),
});
exports.vpcId = ref.vpcId;
exports.instanceName = ref.instanceName;
exports.endDate = ref.endDate;
