// Adopts the instance named in config with the connection and tags config declares, and exports
// the outputs that exist only once the instance is enabled.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { KmsInstance } = require("pulumi-alicloud-kms");

const config = new pulumi.Config();
const kms = new KmsInstance("kms", {
  kmsInstanceId: config.require("kmsInstanceId"),
  connection: config.requireObject("connection"),
  tags: config.getObject("tags"),
});

exports.vpcId = kms.vpcId;
exports.caCertificateChainPem = kms.caCertificateChainPem;
exports.status = kms.status;
