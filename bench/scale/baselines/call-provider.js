// Baseline 3 of the scale bench, the floor of any adopting provider: the wide baseline's answers
// (a KmsInstance's outputs, from `wide-template.json`) after one signed `GetKmsInstance` per
// create and read, made with the bare `@alicloud/openapi-client` (`bench/bare-client.ts`, the
// floor `bench:refresh` and `provider-profile` use too) against the same emulator, with the
// stack's region, keys and endpoint. No settings, pool, retry, limiter, mapping or owner check:
// what the KmsInstance provider adds over this is its own cost.
"use strict";
const { URL } = require("node:url");
const template = require("./wide-template.json");
let read;

function outputsFor(id) {
  return { ...template.outputs, kmsInstanceId: id, instanceId: id };
}

async function call(id) {
  if (read === undefined) throw new Error("call baseline: configure was not called");
  await read(id);
}

module.exports = {
  async configure(req) {
    // The compiled bare client, wherever the bench was built (the workspace writes its path);
    // required here, not at the top, so the program that declares the resources does not load
    // the client stack (the KmsInstance SDK does not either).
    const { bareGetKmsInstance } = require(require("./call-client.json").bareClient);
    const get = (key) => req.config.get(key);
    const region = get("alicloud:region");
    const endpoint = new URL(get("alicloud-kms:endpoint").replace("{region}", region)).host;
    read = bareGetKmsInstance({
      endpoint,
      region,
      accessKeyId: get("alicloud:accessKey"),
      accessKeySecret: get("alicloud:secretKey"),
    });
  },
  async check(_olds, news) {
    return { inputs: { ...news, region: news.region ?? template.outputs.region } };
  },
  async diff() {
    return { changes: false };
  },
  async create(inputs) {
    await call(inputs.kmsInstanceId);
    return { id: inputs.kmsInstanceId, outs: outputsFor(inputs.kmsInstanceId) };
  },
  async read(id) {
    await call(id);
    return { id, props: outputsFor(id), inputs: { ...template.inputs, kmsInstanceId: id } };
  },
  async update(id) {
    return { outs: outputsFor(id) };
  },
  async delete() {},
};
