/**
 * The fault matrix (issue 8): every fault × refresh, update and adopt, with the real Pulumi CLI
 * against the emulator. Each row asserts its outcome, a message naming the suspicion, and state
 * kept (from `pulumi stack export`). With `RELIABILITY_DOC=<path>` (what `npm run
 * test:reliability` sets) the measured matrix is written there as Markdown.
 *
 * One emulator and three stacks (one per operation) serve every row (support/matrix-suite.ts);
 * `npm test` runs the refresh rows alone (refresh-rows.test.ts), this file runs them all.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/installed-package";
import { FAULT_CASES, type FaultCase } from "./support/fault-cases";
import { FLEET, NEWCOMERS, RENAMED } from "./support/fleet";
import { OPERATIONS } from "./support/matrix-types";
import { registerMatrix, type MatrixRun } from "./support/matrix-suite";
import { renderMatrix } from "./support/render-matrix";

const started = Date.now();

registerMatrix(OPERATIONS, (run) => {
  const out = process.env.RELIABILITY_DOC;
  if (out) writeDocument(path.resolve(REPO_ROOT, out), run);
});

/** Writes the measured matrix as Markdown. */
function writeDocument(file: string, run: MatrixRun): void {
  let cli = "Pulumi CLI (version unknown)";
  try {
    const env = {
      ...process.env,
      PATH: `${path.join(REPO_ROOT, ".tools", "bin")}:${process.env.PATH ?? ""}`,
    };
    cli = `Pulumi CLI ${execFileSync("pulumi", ["version"], { env, encoding: "utf8" }).trim()}`;
  } catch {
    // The version is a note in the header; the matrix itself is what matters.
  }
  const environment =
    `Commit ${gitDescription()}; ${cli}, Node ${process.version}, ${os.cpus().length} CPUs, ` +
    `load average ${os.loadavg()[0]?.toFixed(1)} at the end`;
  const text = renderMatrix(
    {
      command: "npm run test:reliability",
      date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      environment,
      totalMs: Date.now() - started,
      baseConfig: printableConfig(run.baseConfig()),
      stacks: {
        refresh:
          `${FLEET.length} adopted instances (each declaring its name) and one read-only ` +
          "reference (`KmsInstance.get`), all in cn-hangzhou",
        update:
          `${RENAMED.length} adopted instances; each row declares a new name for the first ` +
          "(nothing else in the stack calls the API on `up`)",
        adopt: `${NEWCOMERS.length} instances adopted as they are (no changing call)`,
      },
    },
    FAULT_CASES.map((f) => ({
      title: f.title,
      setup: f.setup,
      expected: expectedText(f),
    })),
    run.rows,
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The base config as the document shows it: the port generic, the key id by name. */
function printableConfig(config: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    out[k] = k === "alicloud:accessKey" ? "<TEST_STS.accessKeyId>" : v.replace(/:\d+/, ":PORT");
  }
  return out;
}

/** The expected outcomes of a fault, once when every operation shares them. */
function expectedText(f: FaultCase): string {
  const texts = OPERATIONS.map((op) => `${f.expect[op].outcome} — ${f.expect[op].why}`);
  if (texts.every((t) => t === texts[0])) return `every operation ${texts[0]}`;
  return OPERATIONS.map((op, i) => `${op}: ${texts[i]}`).join("; ");
}

/** The commit the matrix ran on, and whether the tree had uncommitted changes. */
function gitDescription(): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " with uncommitted changes" : ""}`;
  } catch {
    return "unknown (not a git checkout)";
  }
}
