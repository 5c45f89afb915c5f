// Reads the instance named in config with getKmsInstance: a plain read at program run time.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { getKmsInstance } = require("pulumi-alicloud-kms");

const config = new pulumi.Config();
exports.info = getKmsInstance({ kmsInstanceId: config.require("kmsInstanceId") });
