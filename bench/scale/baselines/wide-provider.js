// Baseline 2 of the scale bench: a dynamic provider that answers at once with the outputs and
// read inputs a KmsInstance has (same keys, strings, numbers, arrays, bindVpcs objects, PEM
// chain), taken from `wide-template.json`, which the bench writes from the provider's own read
// of a fleet instance. Only the ids differ per resource, as they do for the subject.
"use strict";
const template = require("./wide-template.json");

function outputsFor(id) {
  return { ...template.outputs, kmsInstanceId: id, instanceId: id };
}

module.exports = {
  async check(_olds, news) {
    return { inputs: { ...news, region: news.region ?? template.outputs.region } };
  },
  async diff() {
    return { changes: false };
  },
  async create(inputs) {
    return { id: inputs.kmsInstanceId, outs: outputsFor(inputs.kmsInstanceId) };
  },
  async read(id) {
    return { id, props: outputsFor(id), inputs: { ...template.inputs, kmsInstanceId: id } };
  },
  async update(id) {
    return { outs: outputsFor(id) };
  },
  async delete() {},
};
