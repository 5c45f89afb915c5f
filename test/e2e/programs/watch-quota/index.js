// Adopts the instance named in config with watchQuota as config says, and reads its quota with
// getKmsInstanceOutput too.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { KmsInstance, getKmsInstanceOutput } = require("pulumi-alicloud-kms");

const config = new pulumi.Config();
const id = config.require("kmsInstanceId");
const kms = new KmsInstance("kms", {
  kmsInstanceId: id,
  watchQuota: config.getBoolean("watchQuota"),
});

exports.quota = kms.quota;
exports.info = getKmsInstanceOutput({ kmsInstanceId: id }).apply((i) => i.quota);
