/**
 * The default output: a readable table per stack. Instances in columns, and under each drifted
 * one its properties with declared and live values and the calls `up` would make.
 */
import { showCall, showValue, statusCounts } from "./describe";
import type { DriftReport, InstanceReport, OperatorWarning, StackReport } from "./report";

/** What each non-clean status means, in one line. */
const STATUS_NOTE: Readonly<Record<InstanceReport["status"], string>> = {
  clean: "",
  drift: "",
  gone: "deleted out of band: refresh drops it from state, and up would fail to adopt it again",
  pending: "program and state differ",
  unknown: "not checked: the stack's error says why",
};

function columns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

function warningLines(warnings: readonly OperatorWarning[], indent: string): string[] {
  return warnings.map((w) => `${indent}${w.severity ?? "warning"} (${w.kind}): ${w.message}`);
}

function instanceLines(inst: InstanceReport): string[] {
  const lines: string[] = [];
  if (inst.status === "pending") lines.push(`      up would: ${inst.op}`);
  else if (STATUS_NOTE[inst.status] !== "") lines.push(`      ${STATUS_NOTE[inst.status]}`);
  for (const d of inst.drift) {
    lines.push(`      ${d.property}${d.replace ? " (replace)" : ""}`);
    lines.push(`        declared: ${showValue(d.declared)}`);
    lines.push(`        live:     ${showValue(d.live)}`);
    for (const call of d.calls) lines.push(`        up calls: ${showCall(call)}`);
  }
  lines.push(...warningLines(inst.warnings, "      "));
  return lines;
}

/** One stack as text lines. */
export function stackTable(stack: StackReport): string[] {
  const head = `Stack ${stack.stack}: ${stack.result.toUpperCase()} — ${statusCounts(stack.instances)} (${stack.durationSeconds.toFixed(1)}s)`;
  const lines = [head];
  if (stack.error !== undefined) lines.push(`  error: ${stack.error}`);
  if (stack.instances.length > 0) {
    const rows = [["INSTANCE", "RESOURCE", "REGION", "STATUS"]];
    for (const i of stack.instances)
      rows.push([i.kmsInstanceId || "(none)", i.name, i.region ?? "", i.status]);
    const [header, ...body] = columns(rows);
    lines.push(`  ${header}`);
    stack.instances.forEach((inst, n) => {
      lines.push(`  ${body[n]}`);
      lines.push(...instanceLines(inst));
    });
  }
  lines.push(...warningLines(stack.warnings, "  "));
  if (stack.fix !== undefined) {
    const f = stack.fix;
    lines.push(`  fix: ${f.result}; refreshed ${f.refreshed.length}, targeted ${f.targets.length}`);
    for (const c of f.changed) {
      const props = c.properties.length > 0 ? ` (${c.properties.join(", ")})` : "";
      lines.push(`    ${c.op} ${c.urn}${props}`);
    }
    // Per target: what was fixed, what failed and why, what was left as it was.
    for (const o of f.outcomes ?? []) {
      lines.push(`    ${o.outcome} ${o.urn}${o.error !== undefined ? `: ${o.error}` : ""}`);
    }
    if (f.error !== undefined) lines.push(`    error: ${f.error}`);
  }
  return lines;
}

/** The whole report as text, ending with a newline. */
export function formatTable(report: DriftReport): string {
  const blocks = report.stacks.map((s) => stackTable(s).join("\n"));
  if (report.stacks.length === 0) blocks.push("No stack was checked.");
  return `${blocks.join("\n\n")}\n`;
}
