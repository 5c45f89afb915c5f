/**
 * `--fix`: puts the drifted instances back, touching nothing else. First a refresh targeted at
 * the drifted resources (so the engine's Diff compares the program with the live values, not with
 * the stale stored ones) and at the gone ones (a confirmed not-found drops them from state, as any
 * refresh would); then `up` targeted at exactly the drifted resources, which makes the calls the
 * report listed.
 *
 * What became of each target comes from the `up`'s engine events, also when the `up` failed as a
 * whole (the Automation API then rejects with the CLI's last line, "update failed"): a
 * `resOutputsEvent` with a changing op is a fix that landed; a `resOpFailedEvent` or an `error`
 * diagnostic carrying the target's URN is a failure, with the provider's message (pulumi/pulumi
 * v3.248.0 `sdk/nodejs/automation/events.ts`: `DiagnosticEvent.urn`, `ResOpFailedEvent.metadata`);
 * a target with neither was left as it was.
 */
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { describeFailure } from "./failure";
import type { FixOutcome, FixReport, StackReport } from "./report";
import { urnName } from "./stack-report";
import { cleanDiagnostic } from "./warnings";

/** The changes an `up` reported, from its resource-outputs events (sames left out). */
export function changedResources(events: readonly EngineEvent[]): FixReport["changed"] {
  const changed: FixReport["changed"] = [];
  for (const e of events) {
    const m = e.resOutputsEvent?.metadata;
    if (m === undefined || m.op === "same" || m.op === "refresh") continue;
    changed.push({ urn: m.urn, op: m.op, properties: [...(m.diffs ?? [])] });
  }
  return changed;
}

/**
 * What became of each of `targets` in the `up` whose events are `events`: `fixed` when it changed
 * the resource, `failed` (with the provider's messages for that URN, else the failed operation)
 * when its step failed, else `left`. In the order of `targets`.
 */
export function fixOutcomes(
  targets: readonly string[],
  events: readonly EngineEvent[],
): FixOutcome[] {
  const changed = new Set(changedResources(events).map((c) => c.urn));
  const messages = new Map<string, string[]>();
  const failedOps = new Map<string, string>();
  for (const e of events) {
    const d = e.diagnosticEvent;
    if (d?.severity === "error" && d.urn !== undefined && d.urn !== "") {
      const text = cleanDiagnostic(d.message);
      const list = messages.get(d.urn) ?? [];
      if (text !== "" && !list.includes(text)) list.push(text);
      messages.set(d.urn, list);
    }
    const f = e.resOpFailedEvent?.metadata;
    if (f !== undefined) failedOps.set(f.urn, f.op);
  }
  return targets.map((urn): FixOutcome => {
    const said = messages.get(urn) ?? [];
    if (said.length > 0 || failedOps.has(urn)) {
      const error = said.length > 0 ? said.join("; ") : `the ${failedOps.get(urn)} failed`;
      return { urn, outcome: "failed", error };
    }
    return { urn, outcome: changed.has(urn) ? "fixed" : "left" };
  });
}

/** The fix's error: each failed resource by name with its message, else the run's own. */
function fixError(outcomes: readonly FixOutcome[], runError: string): string {
  const failed = outcomes.filter((o) => o.outcome === "failed");
  if (failed.length === 0) return runError;
  const fixed = outcomes.filter((o) => o.outcome === "fixed").length;
  const each = failed.map((o) => `${urnName(o.urn)}: ${o.error ?? "failed"}`).join("; ");
  return `${failed.length} of ${outcomes.length} fixes failed (${fixed} fixed): ${each}`;
}

/**
 * Runs the fix for the stack `report` describes and marks each drifted instance `fixed` when
 * `up` updated it, or with `fixError` when its update failed. A failed refresh or `up` is a
 * `failed` fix report that still says what each target became; rejects only when aborted.
 */
export async function fixStack(
  stack: Stack,
  report: StackReport,
  signal: AbortSignal,
): Promise<FixReport> {
  const targets = report.instances.filter((i) => i.status === "drift").map((i) => i.urn);
  const gone = report.instances.filter((i) => i.status === "gone").map((i) => i.urn);
  const refreshed = [...targets, ...gone];
  const events: EngineEvent[] = [];
  let runError: string | undefined;
  try {
    if (refreshed.length > 0) {
      await stack.refresh({ target: refreshed, color: "never", suppressProgress: true, signal });
    }
  } catch (err) {
    if (signal.aborted) throw err;
    runError = `the refresh before the fix failed: ${describeFailure(err)}`;
  }
  if (runError === undefined && targets.length > 0) {
    try {
      await stack.up({
        target: targets,
        color: "never",
        suppressProgress: true,
        signal,
        onEvent: (e) => void events.push(e),
      });
    } catch (err) {
      if (signal.aborted) throw err;
      runError = describeFailure(err);
    }
  }
  return fixReportOf(report, { refreshed, targets, events, ...(runError ? { runError } : {}) });
}

/**
 * The fix report of `report`'s stack from what the fix observed (pure): marks each drifted
 * instance `fixed`, or not with its `fixError`, and lists every target's outcome.
 */
export function fixReportOf(
  report: StackReport,
  run: {
    refreshed: string[];
    targets: string[];
    events: readonly EngineEvent[];
    runError?: string;
  },
): FixReport {
  const outcomes = fixOutcomes(run.targets, run.events);
  const failed = run.runError !== undefined || outcomes.some((o) => o.outcome === "failed");
  for (const inst of report.instances) {
    if (inst.status !== "drift") continue;
    const o = outcomes.find((x) => x.urn === inst.urn);
    inst.fixed = o?.outcome === "fixed";
    if (o?.error !== undefined) inst.fixError = o.error;
  }
  return {
    result: failed ? "failed" : "succeeded",
    refreshed: run.refreshed,
    targets: run.targets,
    changed: changedResources(run.events),
    outcomes,
    ...(failed ? { error: fixError(outcomes, run.runError ?? "the fix failed") } : {}),
  };
}
