/**
 * Short human renderings shared by the table and the Markdown report: a JSON value on one line,
 * a planned API call, a summary of a stack's instances.
 */
import type { PlannedCall } from "../provider/instance";
import type { InstanceReport, JsonValue } from "./report";

/** A value on one line: strings quoted, `null` as `(none)`, long values cut at `max` characters. */
export function showValue(value: JsonValue, max = 120): string {
  const text = value === null ? "(none)" : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A planned call as `Action(param=value, …)`, with the parameters `up` would send. */
export function showCall(call: PlannedCall): string {
  const { action, ...params } = call;
  const args = Object.entries(params).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${action}(${args.join(", ")})`;
}

/** `2 drift, 1 gone, 3 clean` — counts of each status present, in a fixed order. */
export function statusCounts(instances: readonly InstanceReport[]): string {
  const order = ["drift", "gone", "pending", "unknown", "clean"] as const;
  const parts: string[] = [];
  for (const status of order) {
    const n = instances.filter((i) => i.status === status).length;
    if (n > 0) parts.push(`${n} ${status}`);
  }
  return parts.length > 0 ? parts.join(", ") : "no KMS instances";
}
