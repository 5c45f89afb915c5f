/**
 * From what a refresh preview emitted to the report of one stack. Pure: the stack's state before
 * the preview, the engine events, and the preview's failure (if any) in; the instances, their
 * drift, warnings and the stack result out.
 *
 * How a refresh preview reports a resource (pulumi/pulumi v3.248.0: `RefreshStep` in
 * `pkg/resource/deploy/step.go`, whose `New()` is nil when the read returned an empty id): a
 * `refresh` step whose outputs event carries the read state (`new`), absent when the read found the
 * resource gone; then the program's step, whose `old` is the refreshed state (outputs = what the
 * read returned) and whose `new.inputs` are the checked program inputs — the same two sides the
 * provider's Diff compared.
 */
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import { resultOfInstances } from "./exit-code";
import { isKmsInstanceType } from "./kms-types";
import { propertyDrifts } from "./property-drift";
import type { InstanceReport, InstanceStatus, PropertyDrift, StackReport } from "./report";
import {
  attributeWarnings,
  cleanDiagnostic,
  RENEWAL_INFO,
  type WarningDiagnostic,
} from "./warnings";

/** A resource of the stack's state before the check (from `stack export`). */
export interface PriorResource {
  /** The resource URN. */
  urn: string;
  /** Its type token. */
  type: string;
  /** The resource id (the instance id for a KMS instance). */
  id?: string;
  /** Stored outputs. */
  outputs?: Record<string, unknown>;
  /** True for a resource waiting to be deleted (a replaced one): not a live instance. */
  delete?: boolean;
}

/** What the check of one stack produced. */
export interface StackObservation {
  /** The stack name. */
  stack: string;
  /** The stack's resources before the preview. */
  prior: readonly PriorResource[];
  /** Every engine event of the preview, in order. */
  events: readonly EngineEvent[];
  /** Why the preview failed (it threw, timed out, or the stack could not be read). */
  failure?: string;
  /** True when the failure is the timeout (then it is the message, whatever the engine said). */
  timedOut?: boolean;
  /** Wall time in seconds. */
  durationSeconds: number;
}

/** What the events said about one URN. */
interface Seen {
  type: string;
  /** A refresh step's outcome: true when the read found it, false when gone. */
  readFound?: boolean;
  /** The program step (not a refresh), the last one seen. */
  step?: StepEventMetadata;
}

const REPLACE_OPS = new Set(["replace", "create-replacement", "delete-replaced"]);

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The logical name at the end of a URN (`…::name`). */
export function urnName(urn: string): string {
  const i = urn.lastIndexOf("::");
  return i >= 0 ? urn.slice(i + 2) : urn;
}

function observe(events: readonly EngineEvent[]): {
  seen: Map<string, Seen>;
  warnings: WarningDiagnostic[];
  errors: string[];
} {
  const seen = new Map<string, Seen>();
  const warnings: WarningDiagnostic[] = [];
  const errors: string[] = [];
  const entry = (m: StepEventMetadata): Seen => {
    const s = seen.get(m.urn) ?? { type: m.type };
    seen.set(m.urn, s);
    return s;
  };
  for (const e of events) {
    const diag = e.diagnosticEvent;
    if (diag !== undefined) {
      // A dynamic provider's warnings are lines on its stderr, which the engine relays as
      // `info#err` diagnostics without a URN (sdk/go/common/resource/plugin/plugin.go, v3.248.0).
      const providerWarning = diag.severity === "info#err" && /^\s*warning:/i.test(diag.message);
      if (diag.severity === "warning" || providerWarning) {
        warnings.push({ urn: diag.urn, message: diag.message });
      } else if (/^info/.test(diag.severity) && RENEWAL_INFO.test(diag.message)) {
        // An expiry the instance's auto-renewal takes care of: filed as information.
        warnings.push({ urn: diag.urn, message: diag.message, info: true });
      }
      if (diag.severity === "error") errors.push(cleanDiagnostic(diag.message));
    }
    if (e.resOpFailedEvent !== undefined) {
      errors.push(
        `the ${e.resOpFailedEvent.metadata.op} of ${e.resOpFailedEvent.metadata.urn} failed`,
      );
    }
    const pre = e.resourcePreEvent?.metadata;
    const out = e.resOutputsEvent?.metadata;
    for (const m of [pre, out]) {
      if (m === undefined || !isKmsInstanceType(m.type)) continue;
      const s = entry(m);
      if (m.op === "refresh") {
        // The read's result is in the outputs event; no `new` there means the read found nothing.
        if (m === out) s.readFound = m.new !== undefined && m.new !== null && m.new.id !== "";
      } else {
        s.step = m;
      }
    }
  }
  return { seen, warnings, errors };
}

function statusOf(seen: Seen | undefined, inPrior: boolean, failed: boolean): InstanceStatus {
  if (seen?.readFound === false) return "gone";
  const op = seen?.step?.op;
  // Only a successful read of an instance that was in state, then a step that changes nothing,
  // makes "clean"; anything not seen in full is "unknown" rather than assumed fine.
  if (failed || op === undefined) return "unknown";
  if (inPrior && seen?.readFound !== true) return "unknown";
  if (op === "same" || op === "read" || op === "refresh") return "clean";
  if (op === "update") return "drift";
  return "pending";
}

function driftOf(step: StepEventMetadata | undefined): PropertyDrift[] {
  if (step === undefined) return [];
  if (step.op !== "update" && !REPLACE_OPS.has(step.op)) return [];
  const live = step.old?.outputs;
  const declared = step.new?.inputs;
  if (live === undefined || declared === undefined) return [];
  return propertyDrifts(live, declared);
}

/** The report of one stack from what its check observed. */
export function stackReport(obs: StackObservation): StackReport {
  const { seen, warnings, errors } = observe(obs.events);
  const prior = obs.prior.filter((r) => isKmsInstanceType(r.type) && r.delete !== true);
  const priorUrns = new Set(prior.map((r) => r.urn));
  const urns = [...prior.map((r) => r.urn), ...[...seen.keys()].filter((u) => !priorUrns.has(u))];
  // The engine's error diagnostics name the cause best; a bare CLI failure or the timeout else.
  // "preview failed" only repeats that the others failed.
  const causes = [...new Set(errors)].filter(
    (e, _, all) => all.length === 1 || !/^(preview|update|refresh) failed\.?$/i.test(e),
  );
  let failure = obs.timedOut === true || causes.length === 0 ? obs.failure : causes.join("\n");

  const instances: InstanceReport[] = urns.map((urn) => {
    const p = prior.find((r) => r.urn === urn);
    const s = seen.get(urn);
    const step = s?.step;
    const kmsInstanceId =
      str(step?.new?.inputs?.kmsInstanceId) ??
      str(step?.old?.outputs?.kmsInstanceId) ??
      str(p?.outputs?.kmsInstanceId) ??
      str(p?.id) ??
      "";
    const region =
      str(step?.new?.inputs?.region) ?? str(step?.old?.outputs?.region) ?? str(p?.outputs?.region);
    const status = statusOf(s, p !== undefined, failure !== undefined);
    const report: InstanceReport = {
      urn,
      name: urnName(urn),
      type: p?.type ?? s?.type ?? "",
      kmsInstanceId,
      status,
      op: status === "gone" ? "refresh" : (step?.op ?? "none"),
      drift: status === "drift" || status === "pending" ? driftOf(step) : [],
      warnings: [],
    };
    if (region !== undefined) report.region = region;
    return report;
  });

  // A preview that "succeeded" without reporting on an instance proves nothing about it.
  const unseen = instances.filter((i) => i.status === "unknown");
  if (failure === undefined && unseen.length > 0) {
    failure = `the preview reported no refresh result for ${unseen.map((i) => i.urn).join(", ")}`;
  }

  const attributed = attributeWarnings(warnings, instances);
  for (const inst of instances) inst.warnings = attributed.byUrn.get(inst.urn) ?? [];

  const report: StackReport = {
    stack: obs.stack,
    result: failure !== undefined ? "error" : resultOfInstances(instances),
    instances,
    warnings: attributed.stack,
    durationSeconds: obs.durationSeconds,
  };
  if (failure !== undefined) report.error = failure;
  return report;
}
