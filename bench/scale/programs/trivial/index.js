// Scale bench baseline 1: one dynamic resource per id in config `ids`, with the same input as
// the subject (`kmsInstanceId`) and a provider that answers at once with that one value.
"use strict";
const pulumi = require("@pulumi/pulumi");
const provider = require("bench-baselines/trivial-provider.js");

const ids = new pulumi.Config().requireObject("ids");
ids.forEach(
  (id, i) =>
    new pulumi.dynamic.Resource(
      provider,
      `r-${i}`,
      { kmsInstanceId: id },
      undefined,
      "bench",
      "Trivial",
    ),
);
