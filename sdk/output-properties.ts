import type * as pulumi from "@pulumi/pulumi";
import { OUTPUT_NAMES, type KmsInstanceOutputs } from "../provider/instance";

/**
 * Every output of a KMS instance resource as a `pulumi.Output` (documentation carried over from
 * `KmsInstanceOutputs`). Both resource classes — the dynamic one and the plugin one — take their
 * output properties from here by declaration merging, so the two never drift apart.
 */
export type KmsInstanceOutputProperties = {
  readonly [K in keyof KmsInstanceOutputs]-?: pulumi.Output<KmsInstanceOutputs[K]>;
};

/**
 * The property bag a KMS instance class registers: every output (`OUTPUT_NAMES`) set to
 * `undefined` (so the engine registers each one as an output), with the declared arguments over it.
 */
export function registeredProps(args: object): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const key of OUTPUT_NAMES) props[key] = undefined;
  for (const [k, v] of Object.entries(args)) if (v !== undefined) props[k] = v;
  return props;
}

/** True when `obj` is a resource of type token `type`, also across copies of this package. */
export function isResourceOfType(obj: unknown, type: string): boolean {
  return (
    typeof obj === "object" &&
    obj !== null &&
    (obj as { __pulumiType?: unknown }).__pulumiType === type
  );
}
