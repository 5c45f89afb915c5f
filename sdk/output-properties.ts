import type * as pulumi from "@pulumi/pulumi";
import type { KmsInstanceOutputs } from "../provider/instance";

/**
 * Every output of a KMS instance resource as a `pulumi.Output` (documentation carried over from
 * `KmsInstanceOutputs`). Both resource classes — the dynamic one and the plugin one — take their
 * output properties from here by declaration merging, so the two never drift apart.
 */
export type KmsInstanceOutputProperties = {
  readonly [K in keyof KmsInstanceOutputs]-?: pulumi.Output<KmsInstanceOutputs[K]>;
};
