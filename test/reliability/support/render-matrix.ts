/**
 * Renders the measured fault matrix as `docs/reliability.md`: a header saying what produced it
 * and when, the matrix's shape and how to run it, the faults and how each is injected, and one
 * table row per fault × operation. Pure: everything it prints is passed in.
 */
import { OPERATION_COMMANDS, OPERATIONS, type RowResult } from "./matrix-types";

/** Where and how the matrix was produced. */
export interface MatrixMeta {
  /** The command that produced the document. */
  command: string;
  /** When the run finished (ISO 8601). */
  date: string;
  /** Versions and machine notes, e.g. `Pulumi CLI v3.248.0, Node v20.19.0, 2 CPUs, load 3.1`. */
  environment: string;
  /** How long the whole matrix took, in milliseconds. */
  totalMs: number;
  /** The provider config every row starts from (secrets left out). */
  baseConfig: Readonly<Record<string, string>>;
  /** What the stack of each operation holds. */
  stacks: Readonly<Record<"refresh" | "update" | "adopt", string>>;
}

/** A fault as the document describes it. */
export interface FaultDescription {
  /** The short title used in the rows. */
  title: string;
  /** How it is injected (emulator fault spec or config change). */
  setup: string;
  /** The expected outcome per operation, with why. */
  expected: string;
}

/** Makes `text` safe inside one Markdown table cell: one line, pipes escaped, bounded length. */
export function tableCell(text: string, max = 240): string {
  const oneLine = text
    .replace(/\r?\n|\r/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const bounded = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  return bounded.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

/** Seconds with one decimal, e.g. `12.3 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** One Markdown table row of a measured result. */
export function matrixRow(r: RowResult): string {
  const state = r.stateKept ? "yes" : `**no** (${r.stateNote ?? "changed"})`;
  const ok = r.asExpected ? "yes" : `**no**: ${r.problems.join("; ")}`;
  const outcome = `${r.outcome} (exit ${r.exitCode})`;
  const cells = [
    r.fault,
    r.command.includes("--run-program") ? `${r.operation} (--run-program)` : r.operation,
    r.expected,
    outcome,
    seconds(r.elapsedMs),
    state,
    ok,
    r.message ?? "",
  ];
  return `| ${cells.map((c) => tableCell(c)).join(" | ")} |`;
}

/** The whole document. */
export function renderMatrix(
  meta: MatrixMeta,
  faults: readonly FaultDescription[],
  rows: readonly RowResult[],
): string {
  const missed = rows.filter((r) => !r.asExpected).length;
  const lines: string[] = [
    "# Reliability: the fault matrix",
    "",
    `Produced by \`${meta.command}\` on ${meta.date} — generated, do not edit by hand.`,
    `${meta.environment}. The whole matrix took ${seconds(meta.totalMs)}.`,
    `${rows.length} rows, ${rows.length - missed} as expected, ${missed} not.`,
    "",
    "## Shape",
    "",
    "Every row is one fault × one operation, run with the real Pulumi CLI against the local KMS",
    "emulator (`emulator/`), offline, with a `file://` backend:",
    "",
    ...OPERATIONS.map((op) => `- **${op}**: ${OPERATION_COMMANDS[op]}`),
    "",
    "One stack per operation, reused from row to row:",
    "",
    `- refresh: ${meta.stacks.refresh};`,
    `- update: ${meta.stacks.update};`,
    `- adopt: ${meta.stacks.adopt}; after a successful adoption the next adopt row uses a new`,
    "  stack with the base config, so every adopt row starts from a stack that has adopted nothing.",
    "",
    "A row sets its fault (through `emu.control`, or by changing the stack's config), runs the one",
    "command and times it, clears the fault, then compares `pulumi stack export` with the export",
    "taken before the row. Emulator faults apply to the KMS instance API's actions only: STS,",
    "which the provider asks whose the credentials are, is another service with its own endpoint",
    "(the emulator merely serves both).",
    "",
    "**State kept** is computed from that comparison (ids, external flag and the outputs",
    "`instanceId`, `instanceName`, `status`, `vpcId`, `endDate`, `region`, `caCertificateChainPem`",
    "of every KMS instance): after a failure nothing may differ (for adopt: nothing was created);",
    "after a successful update only the declared name may differ; after a successful refresh or",
    "adopt every instance is there with its outputs. **As expected** checks the exit code, that",
    "every instance that failed names the suspicion, state kept, that the fault really struck",
    "(the emulator's request log), no changing call after a failure, and no credential in the",
    "output or the state. Times are the wall time of the one command on a shared machine: read",
    "them as orders of magnitude, not benchmarks.",
    "",
    "Provider config every row starts from (the credentials are the emulator's public test STS",
    "triple, set as secrets):",
    "",
    ...Object.entries(meta.baseConfig).map(([k, v]) => `- \`${k}\` = \`${v}\``),
    "",
    "## How to run",
    "",
    "```sh",
    "npm ci && npm run setup:pulumi   # once: dependencies and the pinned Pulumi CLI",
    "npm run test:reliability         # builds, runs the matrix, rewrites this file",
    "```",
    "",
    "`npx jest test/reliability/fault-matrix.test.ts --testPathIgnorePatterns=/node_modules/` runs",
    "the same assertions without rewriting this file. `npm test` runs the refresh rows, the",
    "never-drop cases (`test/reliability/refresh-rows.test.ts`); `.ci/run` runs the whole matrix",
    "after `npm test`.",
    "",
    "## Faults",
    "",
    "| fault | how it is injected | expected |",
    "|---|---|---|",
    ...faults.map(
      (f) =>
        `| ${tableCell(f.title)} | ${tableCell(f.setup, 400)} | ${tableCell(f.expected, 400)} |`,
    ),
    "",
    "## Matrix",
    "",
    "| fault | operation | expected | outcome | time | state kept | as expected | message |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map(matrixRow),
    "",
  ];
  return lines.join("\n");
}
