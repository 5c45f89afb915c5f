import * as pulumi from "@pulumi/pulumi";
import type { ConfigDeps } from "../provider/core";
import { lazyCore } from "../provider/lazy-core";

/**
 * Operation deps for code that runs inside the Pulumi program (the `get…`/`list…` functions):
 * stack config as the program sees it (`alicloud:region`, `alicloud:accessKey`, …,
 * `alicloud-kms:endpoint`), the process environment, and Pulumi's own log for messages. The
 * client stack is loaded here, at the first read, not when the program imports the SDK.
 */
export function programDeps(): ConfigDeps {
  return lazyCore().configDeps({
    // The raw value, secret or not: it only ever reaches the KMS client, never an output.
    config: (key) => pulumi.runtime.getConfig(key),
    env: process.env,
    warn: (message) => void pulumi.log.warn(message),
    info: (message) => void pulumi.log.info(message),
  });
}
