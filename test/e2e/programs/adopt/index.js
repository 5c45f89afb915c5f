// Adopts the instance named in config, manages what config declares, and passes vpcId and the
// CA chain to a small dynamic resource of the test's own (its state must show them).
"use strict";
const pulumi = require("@pulumi/pulumi");
const { KmsInstance } = require("pulumi-alicloud-kms");

const config = new pulumi.Config();
const kms = new KmsInstance("kms", {
  kmsInstanceId: config.require("kmsInstanceId"),
  instanceName: config.get("instanceName"),
  bindVpcs: config.getObject("bindVpcs"),
  tags: config.getObject("tags"),
  deletionProtection: config.getBoolean("deletionProtection"),
  renewal: config.getObject("renewal"),
});

/** A consumer that only records its inputs. */
const recorder = {
  async create(inputs) {
    return { id: "consumer", outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: olds.vpcId !== news.vpcId || olds.caChain !== news.caChain };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
};
new pulumi.dynamic.Resource(
  recorder,
  "consumer",
  { vpcId: kms.vpcId, caChain: kms.caCertificateChainPem },
  { dependsOn: [kms] },
);

exports.vpcId = kms.vpcId;
exports.caCertificateChainPem = kms.caCertificateChainPem;
exports.endDate = kms.endDate;
exports.status = kms.status;
exports.instanceName = kms.instanceName;
exports.renewal = kms.renewal;
