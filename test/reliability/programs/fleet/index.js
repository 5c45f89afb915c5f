// Adopts every instance of the `instances` config list (managing only its name, so an update is
// one rename) and, when `reference` is set, reads one more instance as a read-only reference
// (KmsInstance.get): the shape of a real stack that the fault matrix refreshes and updates.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { KmsInstance } = require("pulumi-alicloud-kms");

const config = new pulumi.Config();
/** @type {{ name: string, kmsInstanceId: string, instanceName: string }[]} */
const instances = config.requireObject("instances");
const adopted = instances.map(
  (i) => new KmsInstance(i.name, { kmsInstanceId: i.kmsInstanceId, instanceName: i.instanceName }),
);

/** @type {{ name: string, kmsInstanceId: string } | undefined} */
const reference = config.getObject("reference");
const shared = reference ? KmsInstance.get(reference.name, reference.kmsInstanceId) : undefined;

exports.instanceNames = pulumi.all(adopted.map((k) => k.instanceName));
exports.referenceName = shared ? shared.instanceName : undefined;
