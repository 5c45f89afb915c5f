// Scale bench baseline 2: one dynamic resource per id in config `ids`, registered like a
// KmsInstance (every property of the resource as an output, `kmsInstanceId` as the input) and
// served by a provider that answers at once with a KmsInstance's outputs.
"use strict";
const pulumi = require("@pulumi/pulumi");
const provider = require("bench-baselines/wide-provider.js");
const { registered } = require("bench-baselines/wide-template.json");

class Wide extends pulumi.dynamic.Resource {
  constructor(name, args) {
    const props = {};
    for (const key of registered) props[key] = undefined;
    super(provider, name, { ...props, ...args }, undefined, "bench", "Wide");
  }
}

const ids = new pulumi.Config().requireObject("ids");
ids.forEach((id, i) => new Wide(`w-${i}`, { kmsInstanceId: id }));
