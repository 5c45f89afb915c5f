/**
 * The value the engine sends for a property not yet known during preview (the same string in
 * the dynamic-provider protocol and in a plugin's protobuf Struct).
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for the engine's "unknown during preview" marker. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}
