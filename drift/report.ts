/**
 * The drift report: what `kms-drift --json` prints and what `checkDrift` returns. The shape is
 * versioned (`version`); a field is only ever added within a version, never renamed, retyped or
 * removed, so a CI job can rely on everything it reads.
 */
import type { PlannedCall } from "../provider/instance";

/** The report format version this module writes. */
export const REPORT_VERSION = 1;

/** A plain JSON value (what the engine's events carry). */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * What became of one KMS instance resource:
 * - `clean`: read back live, and `up` would change nothing;
 * - `drift`: live managed properties differ from the program; `up` would make the listed calls;
 * - `gone`: the read confirmed the instance no longer exists (deleted out of band): refresh
 *   would drop it from state and `up` would try to adopt it again, which fails;
 * - `pending`: no out-of-band change, but program and state disagree: `up` would adopt an
 *   instance not yet in state, release one no longer declared, or replace one whose id or
 *   region changed in the program (see {@link InstanceReport.op});
 * - `unknown`: the check did not finish for it (the stack's `error` says why).
 */
export type InstanceStatus = "clean" | "drift" | "gone" | "pending" | "unknown";

/** The result of one stack, and of the whole run (the worst of its stacks). */
export type CheckResult = "clean" | "drift" | "error";

/** Which kind of operator warning a message is. */
export type WarningKind = "status" | "expiry" | "quota" | "other";

/** A warning the provider gave during the refresh (never a diff: output-only facts). */
export interface OperatorWarning {
  /** `status`: not Connected; `expiry`: expired or expiring soon; `quota`: near a quota; else `other`. */
  kind: WarningKind;
  /**
   * `info` for the informational line of an instance near its end date that renews automatically
   * (the provider logs it as information, not a warning); absent for a warning.
   */
  severity?: "info";
  /** The provider's sentence, as shown by the CLI (without the `warning: ` label). */
  message: string;
}

/** One differing detail of a property (a bound VPC, a tag key) as the provider's diff names it. */
export interface DriftDetail {
  /** `add`: declared, not live; `delete`: live, not declared; `update`: both, different. */
  kind: "add" | "delete" | "update";
  /** Property path (`bindVpcs[1]`, `tags.team`); absent when the whole property differs. */
  path?: string;
}

/** One drifted property of an instance. */
export interface PropertyDrift {
  /** The input property (`instanceName`, `bindVpcs`, `tags`, `deletionProtection`, …). */
  property: string;
  /** The value the program declares (`"[secret]"` when it is a secret). */
  declared: JsonValue;
  /** The value read from the instance; `null` when the instance reported none. */
  live: JsonValue;
  /** True when this difference makes `up` replace the resource (another instance id or region). */
  replace: boolean;
  /** The differing parts, as the provider's diff reports them. */
  details: DriftDetail[];
  /** The KMS API calls `up` would make for this property, in the order it would make them. */
  calls: PlannedCall[];
}

/** The report of one KMS instance resource of a stack. */
export interface InstanceReport {
  /** The resource URN. */
  urn: string;
  /** The resource's logical name. */
  name: string;
  /** Its type token (dynamic or provider-plugin class). */
  type: string;
  /** The instance id (`kst-…`); `""` when neither state nor program names one. */
  kmsInstanceId: string;
  /** The instance's region, when known. */
  region?: string;
  /** See {@link InstanceStatus}. */
  status: InstanceStatus;
  /** What the preview planned for this resource (`same`, `update`, `create`, `delete`, `replace`, `read`…). */
  op: string;
  /** Drifted properties (empty unless `status` is `drift`, or `pending` for a replace). */
  drift: PropertyDrift[];
  /** Operator warnings about this instance. */
  warnings: OperatorWarning[];
  /** Present after `--fix`: true when the targeted `up` updated this drifted instance. */
  fixed?: boolean;
  /** After a failed `--fix`: why this instance's update failed (the provider's message). */
  fixError?: string;
}

/**
 * What `--fix` did to one target: `fixed` (its update landed), `failed` (with `error`), or `left`
 * as it was (the `up` stopped before it, or did not change it).
 */
export interface FixOutcome {
  /** The resource URN. */
  urn: string;
  /** See above. */
  outcome: "fixed" | "failed" | "left";
  /** For `failed`: the provider's message for this resource, as the engine reported it. */
  error?: string;
}

/** What `--fix` did to one stack. */
export interface FixReport {
  /** `succeeded` when the refresh and the targeted `up` both finished without error. */
  result: "succeeded" | "failed";
  /** URNs refreshed first (the drifted ones, and the gone ones, which refresh drops from state). */
  refreshed: string[];
  /** URNs given to `up` as targets (exactly the drifted ones). */
  targets: string[];
  /** Resources `up` changed, with the operation and the properties it reported changed. */
  changed: { urn: string; op: string; properties: string[] }[];
  /** One per target, in order: fixed, failed (and why) or left. Absent when the fix timed out. */
  outcomes?: FixOutcome[];
  /** Why the fix failed: each failed resource by name with its message, when the events say. */
  error?: string;
}

/** The report of one stack. */
export interface StackReport {
  /** The stack name as selected. */
  stack: string;
  /** `error` when the check could not finish (then nothing about the stack is known to be clean). */
  result: CheckResult;
  /** What went wrong, when `result` is `error`. */
  error?: string;
  /** Every KMS instance resource in the stack's state or program. */
  instances: InstanceReport[];
  /** Operator warnings that name no instance of the stack. */
  warnings: OperatorWarning[];
  /** Present when `--fix` ran. */
  fix?: FixReport;
  /** Wall time of the check (and fix) in seconds. */
  durationSeconds: number;
}

/** The whole report. */
export interface DriftReport {
  /** Always {@link REPORT_VERSION} for this shape. */
  version: typeof REPORT_VERSION;
  /** When the check started (ISO-8601 UTC). */
  startedAt: string;
  /** The worst stack result: `error` over `drift` over `clean`. */
  result: CheckResult;
  /** One entry per stack, in the order checked. */
  stacks: StackReport[];
  /** Why no stack could be checked at all (no project, no stacks); then `result` is `error`. */
  error?: string;
}
