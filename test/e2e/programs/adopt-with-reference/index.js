// Adopts the instance named in config (managing its name) and holds a read-only reference to
// another: refresh must keep both in state unless each one is confirmed gone.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { KmsInstance } = require("pulumi-alicloud-kms");

const config = new pulumi.Config();
const kms = new KmsInstance("kms", {
  kmsInstanceId: config.require("kmsInstanceId"),
  instanceName: config.get("instanceName"),
});
const ref = KmsInstance.get("shared", config.require("referenceId"));

exports.owner = kms.ownerAccountId;
exports.referenceOwner = ref.ownerAccountId;
exports.referenceStatus = ref.status;
