import { bindVpcChanges } from "./bind-vpc-set";
import { type BindVpc, type KmsInstanceInputs } from "./model";
import { storedBindVpcs, storedBoolean, storedString, storedTags } from "./stored-outputs";
import { isSystemTagKey } from "./system-tags";
import { tagChanges } from "./tag-changes";

/** One difference between what the program declares and what the stored outputs hold. */
export interface PropertyDiff {
  /** The top-level input property (`bindVpcs`, `tags`, …). */
  property: string;
  /** `add`: declared, absent live; `delete`: live, not declared; `update`: both, different. */
  kind: "add" | "delete" | "update";
  /** True when this difference forces a replace. */
  replace: boolean;
  /** Finer path for a provider plugin's detailed diff (`bindVpcs[0]`, `tags.team`); absent means the whole property. */
  path?: string;
}

/** The result of `diffInstance`, shaped like a dynamic provider's `DiffResult` plus detail. */
export interface InstanceDiff {
  /** True when an `up` would call the provider (update or replace). */
  changes: boolean;
  /** Properties whose change forces a replace. */
  replaces: string[];
  /** Every difference, property by property in input order. */
  diffs: PropertyDiff[];
}

/** What `diffInstance` needs besides the two sides. */
export interface DiffOptions {
  /** True for a value the engine does not know yet (preview). */
  isUnknown: (v: unknown) => boolean;
}

/**
 * Compares the declared inputs (`news`, after `checkInputs`) with the stored outputs (`olds`).
 * Only declared properties are compared — never output-only fields, never `__provider` — so a
 * refresh that changed only the status or end date shows no diff. `bindVpcs` compare as a set,
 * `tags` as a map; a live boolean that is absent is `false` and an absent description `""`
 * (the API's defaults, matching `readResult`). An unknown value is always a change.
 *
 * Newly declaring (or no longer declaring) a property whose live value already equals the
 * declaration is NOT a change, although `managedProperties` in the outputs then goes stale
 * until the next update: the only thing read through that list is tags, and tags that were
 * not managed are absent from the outputs, so declaring them is always a change ("add") that
 * runs an update, which stores the new list. A stale list that still names tags costs at most
 * one extra ListTagResources call per refresh.
 */
export function diffInstance(
  olds: Record<string, unknown>,
  news: KmsInstanceInputs,
  opts: DiffOptions,
): InstanceDiff {
  const diffs: PropertyDiff[] = [];
  const unknown = opts.isUnknown;
  const n = news as unknown as Record<string, unknown>;
  const declared = (key: string): boolean => n[key] !== undefined && n[key] !== null;

  for (const property of ["kmsInstanceId", "region"] as const) {
    if (!declared(property)) continue;
    const v = n[property];
    const old = storedString(olds[property]);
    if (unknown(v) || v !== old) {
      diffs.push({ property, kind: old === undefined ? "add" : "update", replace: true });
    }
  }

  if (declared("instanceName")) {
    const v = n.instanceName;
    const old = storedString(olds.instanceName);
    if (unknown(v) || v !== old) {
      diffs.push({
        property: "instanceName",
        kind: old === undefined ? "add" : "update",
        replace: false,
      });
    }
  }

  if (declared("bindVpcs")) {
    diffs.push(...diffBindVpcs(olds.bindVpcs, n.bindVpcs, unknown));
  }

  if (declared("tags")) {
    diffs.push(...diffTags(olds.tags, n.tags, unknown));
  }

  if (declared("deletionProtection")) {
    const v = n.deletionProtection;
    const old = storedBoolean(olds.deletionProtection) ?? false;
    if (unknown(v) || v !== old) {
      diffs.push({ property: "deletionProtection", kind: "update", replace: false });
    }
  }

  if (declared("deletionProtectionDescription")) {
    const v = n.deletionProtectionDescription;
    const stored = storedString(olds.deletionProtectionDescription);
    if (unknown(v) || v !== (stored ?? "")) {
      diffs.push({
        property: "deletionProtectionDescription",
        kind: stored === undefined ? "add" : "update",
        replace: false,
      });
    }
  }

  const replaces = [...new Set(diffs.filter((d) => d.replace).map((d) => d.property))];
  return { changes: diffs.length > 0, replaces, diffs };
}

function diffBindVpcs(
  stored: unknown,
  declared: unknown,
  unknown: (v: unknown) => boolean,
): PropertyDiff[] {
  const whole = (kind: PropertyDiff["kind"]): PropertyDiff[] => [
    { property: "bindVpcs", kind, replace: false },
  ];
  if (unknown(declared) || !Array.isArray(declared) || containsUnknown(declared, unknown))
    return whole("update");
  // An absent list in the outputs means the API reported no bindings.
  const live = storedBindVpcs(stored) ?? [];
  const desired = declared as BindVpc[];
  const c = bindVpcChanges(live, desired);
  return [
    ...c.removed.map((i): PropertyDiff => ({
      property: "bindVpcs",
      kind: "delete",
      replace: false,
      path: `bindVpcs[${i}]`,
    })),
    ...c.added.map((i): PropertyDiff => ({
      property: "bindVpcs",
      kind: "add",
      replace: false,
      path: `bindVpcs[${i}]`,
    })),
    ...c.ownerChanged.map((i): PropertyDiff => ({
      property: "bindVpcs",
      kind: "update",
      replace: false,
      path: `bindVpcs[${i}].vpcOwnerId`,
    })),
  ];
}

function diffTags(
  stored: unknown,
  declared: unknown,
  unknown: (v: unknown) => boolean,
): PropertyDiff[] {
  const live = storedTags(stored);
  // Tags not managed before were never read: the live map is not known, so declaring them is a change.
  if (live === undefined) return [{ property: "tags", kind: "add", replace: false }];
  if (
    unknown(declared) ||
    typeof declared !== "object" ||
    declared === null ||
    containsUnknown(declared, unknown)
  ) {
    return [{ property: "tags", kind: "update", replace: false }];
  }
  const liveUser = Object.fromEntries(Object.entries(live).filter(([k]) => !isSystemTagKey(k)));
  const c = tagChanges(liveUser, declared as Record<string, string>);
  const at = (key: string) => ({ property: "tags", replace: false, path: tagPath(key) });
  return [
    ...c.removed.map((k): PropertyDiff => ({ ...at(k), kind: "delete" })),
    ...c.added.map((k): PropertyDiff => ({ ...at(k), kind: "add" })),
    ...c.changed.map((k): PropertyDiff => ({ ...at(k), kind: "update" })),
  ];
}

/** `tags.team` for a plain key, `tags["acs:x"]` otherwise (Pulumi property-path syntax). */
function tagPath(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `tags.${key}` : `tags[${JSON.stringify(key)}]`;
}

/** True when the value or anything inside it (one or two levels down) is unknown. */
function containsUnknown(value: object, unknown: (v: unknown) => boolean): boolean {
  return Object.values(value).some(
    (v: unknown) =>
      unknown(v) ||
      (typeof v === "object" && v !== null && Object.values(v).some((x: unknown) => unknown(x))),
  );
}
