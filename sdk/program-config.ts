import * as pulumi from "@pulumi/pulumi";
import { KmsCore } from "../provider/core/kms-core";

/**
 * The core for code that runs inside the Pulumi program (the `get…`/`list…` functions): stack
 * config as the program sees it (`alicloud:region`, `alicloud:accessKey`, …,
 * `alicloud-kms:endpoint`), the process environment, and Pulumi's own log for messages. Cheap to
 * make per call: clients and credentials are shared process-wide below it, and the client stack
 * is loaded at the first read, not when the program imports the SDK.
 */
export function programCore(): KmsCore {
  return new KmsCore({
    // The raw value, secret or not: it only ever reaches the KMS client, never an output.
    config: (key) => pulumi.runtime.getConfig(key),
    env: process.env,
    warn: (message) => void pulumi.log.warn(message),
    info: (message) => void pulumi.log.info(message),
  });
}
