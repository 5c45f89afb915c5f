/**
 * The value the engine sends for a property unknown during preview, in the dynamic-provider
 * protocol and in a plugin's protobuf Struct. Spelled out so the plugin bundle need not load
 * `@pulumi/pulumi`'s runtime; a test pins it to `@pulumi/pulumi/runtime/rpc`'s `unknownValue`.
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for the engine's "unknown during preview" marker. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}
