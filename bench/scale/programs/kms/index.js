// Scale bench subject: adopts every instance named in config `ids` and declares nothing else,
// so each resource costs one GetKmsInstance on create and on refresh.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { KmsInstance } = require("pulumi-alicloud-kms");

const ids = new pulumi.Config().requireObject("ids");
ids.forEach((id, i) => new KmsInstance(`kms-${i}`, { kmsInstanceId: id }));
