/**
 * `--fix`: puts the drifted instances back, touching nothing else. First a refresh targeted at
 * the drifted resources (so the engine's Diff compares the program with the live values, not with
 * the stale stored ones) and at the gone ones (a confirmed not-found drops them from state, as any
 * refresh would); then `up` targeted at exactly the drifted resources, which makes the calls the
 * report listed.
 */
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import type { FixReport, StackReport } from "./report";

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
 * Runs the fix for the stack `report` describes and marks each drifted instance `fixed` when
 * `up` updated it. Rejects when the refresh or the `up` fails (the caller reports the error).
 */
export async function fixStack(
  stack: Stack,
  report: StackReport,
  signal: AbortSignal,
): Promise<FixReport> {
  const targets = report.instances.filter((i) => i.status === "drift").map((i) => i.urn);
  const gone = report.instances.filter((i) => i.status === "gone").map((i) => i.urn);
  const refreshed = [...targets, ...gone];
  if (refreshed.length > 0) {
    await stack.refresh({ target: refreshed, color: "never", suppressProgress: true, signal });
  }
  const events: EngineEvent[] = [];
  if (targets.length > 0) {
    await stack.up({
      target: targets,
      color: "never",
      suppressProgress: true,
      signal,
      onEvent: (e) => void events.push(e),
    });
  }
  const changed = changedResources(events);
  for (const inst of report.instances) {
    if (inst.status === "drift") inst.fixed = changed.some((c) => c.urn === inst.urn);
  }
  return { result: "succeeded", refreshed, targets, changed };
}
