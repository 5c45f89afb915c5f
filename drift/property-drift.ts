/**
 * Drifted properties of one instance, computed by the provider's own semantics: `diffInstance`
 * says what differs (exactly what the engine's Diff saw), `planUpdate` says which KMS API calls
 * `up` would make. Nothing here re-decides what counts as drift.
 */
import { isUnknown } from "../provider/core/unknown";
import {
  diffInstance,
  moduleOfCall,
  planUpdate,
  type KmsInstanceInputs,
  type KmsInstanceOutputs,
  type PlannedCall,
} from "../provider/instance";
import type { DriftDetail, JsonValue, PropertyDrift } from "./report";

/** The input properties a planned call changes: those its module owns. */
function propertiesOf(call: PlannedCall): readonly string[] {
  return moduleOfCall(call).names;
}

/** A JSON copy of a value from an engine event (`undefined` becomes `null`). */
export function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/**
 * The drifted properties between `live` (the refreshed outputs: the engine's `olds` of the
 * planned step) and `declared` (the checked program inputs: its `news`), in the provider's
 * property order. Each planned call is listed under the first drifted property it changes, so a
 * call is never counted twice (deletion protection and its description share one call).
 */
export function propertyDrifts(
  live: Record<string, unknown>,
  declared: Record<string, unknown>,
): PropertyDrift[] {
  const news = declared as unknown as KmsInstanceInputs;
  const diff = diffInstance(live, news, { isUnknown });
  const properties: string[] = [];
  const details = new Map<string, DriftDetail[]>();
  const replaces = new Set(diff.replaces);
  for (const d of diff.diffs) {
    if (!details.has(d.property)) {
      properties.push(d.property);
      details.set(d.property, []);
    }
    details
      .get(d.property)
      ?.push(d.path === undefined ? { kind: d.kind } : { kind: d.kind, path: d.path });
  }

  // A replace means another instance: no update call is planned for it.
  const calls = replaces.size > 0 ? [] : planUpdate(live as unknown as KmsInstanceOutputs, news);
  const callsOf = new Map<string, PlannedCall[]>(properties.map((p) => [p, []]));
  for (const call of calls) {
    const home = propertiesOf(call).find((p) => callsOf.has(p));
    if (home !== undefined) callsOf.get(home)?.push(call);
  }

  return properties.map((property) => ({
    property,
    declared: toJson(declared[property]),
    live: toJson(live[property]),
    replace: replaces.has(property),
    details: details.get(property) ?? [],
    calls: callsOf.get(property) ?? [],
  }));
}
