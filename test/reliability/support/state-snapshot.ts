/**
 * "State kept" computed from `pulumi stack export`, never assumed: the KMS instance resources of
 * a deployment reduced to what identifies them and a few outputs an operator feeds elsewhere,
 * and the comparison of two such snapshots.
 */
import type { StateResource } from "../../e2e/support/stack";

/** The part of one KMS instance resource the matrix compares. */
export interface InstanceSnapshot {
  /** The resource's URN. */
  urn: string;
  /** The resource id (the `kst-…` id). */
  id: string | undefined;
  /** Whether it is a read-only reference (`KmsInstance.get`). */
  external: boolean;
  /** Outputs compared: name, status, VPC, end date, region, CA chain. */
  outputs: Record<string, unknown>;
}

/** The outputs compared between snapshots. */
export const COMPARED_OUTPUTS: readonly string[] = [
  "instanceId",
  "instanceName",
  "status",
  "vpcId",
  "endDate",
  "region",
  "caCertificateChainPem",
];

/** Whether a resource in an export is a KMS instance (the dynamic or the plugin type). */
export function isKmsInstance(r: StateResource): boolean {
  return /(^|[:/])alicloud-kms:(index:)?KmsInstance$/.test(r.type);
}

/** The KMS instances of an export, keyed by URN. */
export function snapshotOf(resources: readonly StateResource[]): Map<string, InstanceSnapshot> {
  const out = new Map<string, InstanceSnapshot>();
  for (const r of resources) {
    if (!isKmsInstance(r)) continue;
    const outputs: Record<string, unknown> = {};
    for (const k of COMPARED_OUTPUTS) {
      if (r.outputs && k in r.outputs) outputs[k] = r.outputs[k];
    }
    out.set(r.urn, { urn: r.urn, id: r.id, external: r.external === true, outputs });
  }
  return out;
}

/** How an `after` snapshot differs from `before`. */
export interface SnapshotDiff {
  /** URNs in `before` and not in `after` (instances dropped from state). */
  missing: string[];
  /** URNs in `after` and not in `before` (resources created). */
  added: string[];
  /** `urn: field` for every compared field that changed. */
  changed: string[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Compares two snapshots. `allowed` maps a URN to the outputs that may change (a declared
 * update); any other change, and any resource added or dropped, is reported.
 */
export function diffSnapshots(
  before: ReadonlyMap<string, InstanceSnapshot>,
  after: ReadonlyMap<string, InstanceSnapshot>,
  allowed: ReadonlyMap<string, Record<string, unknown>> = new Map(),
): SnapshotDiff {
  const missing = [...before.keys()].filter((u) => !after.has(u));
  const added = [...after.keys()].filter((u) => !before.has(u));
  const changed: string[] = [];
  for (const [urn, b] of before) {
    const a = after.get(urn);
    if (!a) continue;
    if (a.id !== b.id) changed.push(`${urn}: id`);
    if (a.external !== b.external) changed.push(`${urn}: external`);
    const expected = { ...b.outputs, ...allowed.get(urn) };
    const fields = new Set([...Object.keys(expected), ...Object.keys(a.outputs)]);
    for (const f of fields) {
      if (!same(a.outputs[f], expected[f])) changed.push(`${urn}: ${f}`);
    }
  }
  return { missing, added, changed };
}

/** Whether a diff is empty. */
export function isUnchanged(d: SnapshotDiff): boolean {
  return d.missing.length === 0 && d.added.length === 0 && d.changed.length === 0;
}

/** A short description of a diff for the document (resource names rather than whole URNs). */
export function describeDiff(d: SnapshotDiff): string {
  // A URN ends with `::<name>`; the type before it has colons of its own.
  const name = (s: string): string => s.slice(s.lastIndexOf("::") + 2);
  const parts: string[] = [];
  if (d.missing.length) parts.push(`dropped ${d.missing.map(name).join(", ")}`);
  if (d.added.length) parts.push(`created ${d.added.map(name).join(", ")}`);
  if (d.changed.length) parts.push(`changed ${d.changed.map(name).join(", ")}`);
  return parts.join("; ") || "unchanged";
}
