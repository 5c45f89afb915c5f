// Scale bench baseline 3: the wide baseline (registered like a KmsInstance, answering with its
// outputs) whose provider also makes the one signed GetKmsInstance per create and read that
// adopting an instance costs, with the bare openapi-client.
"use strict";
const pulumi = require("@pulumi/pulumi");
const provider = require("bench-baselines/call-provider.js");
const { registered } = require("bench-baselines/wide-template.json");

class Call extends pulumi.dynamic.Resource {
  constructor(name, args) {
    const props = {};
    for (const key of registered) props[key] = undefined;
    super(provider, name, { ...props, ...args }, undefined, "bench", "Call");
  }
}

const ids = new pulumi.Config().requireObject("ids");
ids.forEach((id, i) => new Call(`c-${i}`, { kmsInstanceId: id }));
