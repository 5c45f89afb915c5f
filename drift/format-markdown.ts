/**
 * `--markdown`: the report for a CI job summary (e.g. appended to `$GITHUB_STEP_SUMMARY`): a
 * heading per stack, a table of drifted properties, and the warnings.
 */
import { showCall, showValue, statusCounts } from "./describe";
import type { DriftReport, StackReport } from "./report";

/** A table cell: pipes escaped and newlines flattened, so one value never breaks the table. */
export function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Inline code that survives backticks inside the text. */
function code(text: string): string {
  const t = cell(text);
  return t.includes("`") ? `\`\` ${t} \`\`` : `\`${t}\``;
}

const ICON: Readonly<Record<StackReport["result"], string>> = {
  clean: "✅",
  drift: "⚠️",
  error: "❌",
};

function stackMarkdown(stack: StackReport): string[] {
  const lines = [
    `## ${ICON[stack.result]} Stack \`${cell(stack.stack)}\`: ${stack.result}`,
    "",
    `${statusCounts(stack.instances)} — checked in ${stack.durationSeconds.toFixed(1)}s.`,
    "",
  ];
  if (stack.error !== undefined) lines.push(`**Error:** ${cell(stack.error)}`, "");
  if (stack.instances.length > 0) {
    lines.push(
      "| Instance | Resource | Region | Status | Property | Declared | Live | `up` would call |",
    );
    lines.push("|---|---|---|---|---|---|---|---|");
    for (const i of stack.instances) {
      const who = `${code(i.kmsInstanceId || "(none)")} | ${cell(i.name)} | ${cell(i.region ?? "")}`;
      if (i.drift.length === 0) {
        const what = i.status === "pending" ? `up would ${i.op}` : "";
        lines.push(`| ${who} | ${i.status} | ${cell(what)} | | | |`);
      }
      for (const d of i.drift) {
        const calls = d.calls.map((c) => code(showCall(c))).join("<br>");
        lines.push(
          `| ${who} | ${i.status} | ${cell(d.property)}${d.replace ? " (replace)" : ""} | ${code(showValue(d.declared))} | ${code(showValue(d.live))} | ${calls} |`,
        );
      }
    }
    lines.push("");
  }
  const warnings = [...stack.instances.flatMap((i) => i.warnings), ...stack.warnings];
  if (warnings.length > 0) {
    lines.push("**Warnings**", "");
    for (const w of warnings) {
      lines.push(`- ${w.kind}${w.severity === "info" ? " (info)" : ""}: ${cell(w.message)}`);
    }
    lines.push("");
  }
  if (stack.fix !== undefined) {
    lines.push(`**Fix:** ${stack.fix.result}`, "");
    for (const c of stack.fix.changed) {
      lines.push(
        `- ${c.op} ${code(c.urn)}${c.properties.length > 0 ? `: ${c.properties.join(", ")}` : ""}`,
      );
    }
    for (const o of stack.fix.outcomes ?? []) {
      const why = o.error !== undefined ? `: ${cell(o.error)}` : "";
      lines.push(`- ${o.outcome} ${code(o.urn)}${why}`);
    }
    if (stack.fix.error !== undefined) lines.push(`- error: ${cell(stack.fix.error)}`);
    lines.push("");
  }
  return lines;
}

/** The whole report as Markdown, ending with a newline. */
export function formatMarkdown(report: DriftReport): string {
  const lines = [`# KMS drift report: ${report.result}`, "", `Started ${report.startedAt}.`, ""];
  for (const s of report.stacks) lines.push(...stackMarkdown(s));
  if (report.stacks.length === 0) lines.push("No stack was checked.", "");
  return `${lines.join("\n").trimEnd()}\n`;
}
