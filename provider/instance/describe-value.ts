/** A short, safe rendering of a rejected value for messages (long strings by length only). */
export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === "object") return "an object";
  if (typeof v === "string") {
    return v.length > 80 ? `a string of ${v.length} characters` : JSON.stringify(v);
  }
  return `${typeof v} ${String(v)}`;
}

/** True for an object that is neither null nor an array (a map or a record as declared). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
