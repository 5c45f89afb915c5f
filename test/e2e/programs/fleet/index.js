// Adopts each instance of the `instances` config list ({ name, kmsInstanceId, region,
// instanceName?, bindVpcs?, tags?, deletionProtection? }), managing what each entry declares.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { KmsInstance } = require("pulumi-alicloud-kms");

const config = new pulumi.Config();
for (const entry of config.requireObject("instances")) {
  const { name, ...args } = entry;
  new KmsInstance(name, args);
}
