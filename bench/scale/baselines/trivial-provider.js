// Baseline 1 of the scale bench: a dynamic provider that does nothing and answers at once.
// It is this module's only export (like the KmsInstance provider), so Pulumi serializes it as
// one require line and both pay the same to load their provider.
"use strict";

module.exports = {
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff() {
    return { changes: false };
  },
  async create(inputs) {
    return { id: inputs.kmsInstanceId, outs: { kmsInstanceId: inputs.kmsInstanceId } };
  },
  async read(id) {
    return { id, props: { kmsInstanceId: id }, inputs: { kmsInstanceId: id } };
  },
  async update(_id, _olds, news) {
    return { outs: { kmsInstanceId: news.kmsInstanceId } };
  },
  async delete() {},
};
