/** `--json`: the report as documented in `report.ts` (versioned), pretty-printed. */
import type { DriftReport } from "./report";

/** The report as JSON text, ending with a newline. */
export function formatJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
