/**
 * `checkDrift`: the drift check on the Automation API. For each stack: read its state
 * (`stack export`), run a refresh preview (`pulumi preview --refresh`, which reads every instance
 * and writes nothing), and turn the engine's events into the report; with `fix`, refresh and `up`
 * exactly the drifted resources. Stacks run one after another, each bounded by the timeout.
 */
import {
  LocalWorkspace,
  type EngineEvent,
  type LocalWorkspaceOptions,
  type PulumiFn,
  type Stack,
} from "@pulumi/pulumi/automation";
import { statusCounts } from "./describe";
import { worstResult } from "./exit-code";
import { describeFailure } from "./failure";
import { fixStack } from "./fix";
import { REPORT_VERSION, type DriftReport, type StackReport } from "./report";
import { stackReport, type PriorResource } from "./stack-report";

/** A stack of a Pulumi project on disk (`Pulumi.yaml` in `workDir`). */
export interface LocalStackTarget {
  /** The stack name (`dev`, or `org/project/dev`). */
  stackName: string;
  /** The project folder. */
  workDir: string;
}

/** A stack of an inline program (run in this process, as `LocalWorkspace` inline programs are). */
export interface InlineStackTarget {
  /** The stack name. */
  stackName: string;
  /** The project name the stack belongs to. */
  projectName: string;
  /** The program. */
  program: PulumiFn;
}

/** A stack to check. */
export type StackTarget = LocalStackTarget | InlineStackTarget;

/** Options of {@link checkDrift}. */
export interface CheckDriftOptions {
  /** The stacks, checked in this order. */
  stacks: readonly StackTarget[];
  /** Refresh and `up` the drifted resources (targeted) after the check. @default false */
  fix?: boolean;
  /** Seconds one stack's check (and fix) may take before it is aborted. @default 600 */
  timeoutSeconds?: number;
  /**
   * Workspace options for every stack (`envVars`, `pulumiCommand`, `pulumiHome`, `workDir` of
   * inline programs…). @default the `pulumi` on PATH and this process's environment
   */
  workspaceOptions?: LocalWorkspaceOptions;
  /** Receives one progress line per stack step (the CLI writes them to stderr). @default none */
  progress?: (line: string) => void;
}

/** The default per-stack bound, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

function isInline(t: StackTarget): t is InlineStackTarget {
  return "program" in t;
}

/** Selects the stack; a missing stack rejects (and the check reports it as an error). */
function selectStack(target: StackTarget, ws: LocalWorkspaceOptions | undefined): Promise<Stack> {
  if (isInline(target)) {
    return LocalWorkspace.selectStack(
      { stackName: target.stackName, projectName: target.projectName, program: target.program },
      ws,
    );
  }
  return LocalWorkspace.selectStack({ stackName: target.stackName, workDir: target.workDir }, ws);
}

interface DeploymentResource {
  urn?: unknown;
  type?: unknown;
  id?: unknown;
  outputs?: unknown;
  delete?: unknown;
}

/** The resources of an exported deployment, in the shape the report needs. */
export function priorResources(deployment: unknown): PriorResource[] {
  const resources = (deployment as { resources?: unknown } | undefined)?.resources;
  if (!Array.isArray(resources)) return [];
  return (resources as DeploymentResource[]).flatMap((r): PriorResource[] => {
    if (typeof r.urn !== "string" || typeof r.type !== "string") return [];
    const p: PriorResource = { urn: r.urn, type: r.type };
    if (typeof r.id === "string") p.id = r.id;
    if (typeof r.outputs === "object" && r.outputs !== null) {
      p.outputs = r.outputs as Record<string, unknown>;
    }
    if (r.delete === true) p.delete = true;
    return [p];
  });
}

/** Seconds a stack gets after its timeout to wind down before it is abandoned. */
export const ABORT_GRACE_SECONDS = 15;

/**
 * Runs `work` with an abort signal that fires after `seconds`. The Automation API answers the
 * signal with SIGINT, which the CLI may take as "finish gracefully", so whatever arrives after the
 * timeout counts as timed out, and after a grace period the work is abandoned (its CLI process is
 * killed when this process exits).
 */
async function bounded<T>(
  seconds: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<{ value?: T; error?: unknown; timedOut: boolean }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let grace: NodeJS.Timeout | undefined;
  const abandoned = new Promise<{ timedOut: true }>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      grace = setTimeout(() => resolve({ timedOut: true }), ABORT_GRACE_SECONDS * 1000);
    }, seconds * 1000);
  });
  try {
    const outcome = await Promise.race([
      work(controller.signal).then(
        (value) => ({ value, timedOut: false }),
        (error: unknown) => ({ error, timedOut: false }),
      ),
      abandoned,
    ]);
    return controller.signal.aborted ? { timedOut: true } : outcome;
  } finally {
    clearTimeout(timer);
    clearTimeout(grace);
  }
}

async function checkStack(
  target: StackTarget,
  opts: CheckDriftOptions,
  label: string,
): Promise<StackReport> {
  const started = Date.now();
  const seconds = opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const progress = opts.progress ?? (() => undefined);
  const events: EngineEvent[] = [];
  let prior: PriorResource[] = [];
  let stack: Stack | undefined;
  progress(`${label} stack ${target.stackName}: refresh preview…`);
  const run = await bounded(seconds, async (signal) => {
    stack = await selectStack(target, opts.workspaceOptions);
    prior = priorResources((await stack.exportStack()).deployment);
    await stack.preview({
      refresh: true,
      color: "never",
      suppressProgress: true,
      signal,
      onEvent: (e) => void events.push(e),
    });
  });
  const elapsed = (): number => (Date.now() - started) / 1000;
  const failed = run.error !== undefined || run.timedOut;
  const report = stackReport({
    stack: target.stackName,
    prior,
    events,
    ...(failed ? { failure: describeFailure(run.error, run.timedOut ? seconds : undefined) } : {}),
    timedOut: run.timedOut,
    durationSeconds: elapsed(),
  });

  if (opts.fix === true && stack !== undefined && report.result === "drift") {
    progress(`${label} stack ${target.stackName}: fixing…`);
    const remaining = Math.max(1, seconds - elapsed());
    const s = stack;
    const outcome = await bounded(remaining, (signal) => fixStack(s, report, signal));
    report.fix = outcome.value ?? {
      result: "failed",
      refreshed: [],
      targets: [],
      changed: [],
      error: describeFailure(outcome.error, outcome.timedOut ? remaining : undefined),
    };
    if (report.fix.result === "failed") {
      report.result = "error";
      report.error = `the fix failed: ${report.fix.error ?? "unknown error"}`;
    } else {
      // Corrected drift is clean now; instances gone or pending still need a person.
      const open = report.instances.some(
        (i) => i.status !== "clean" && !(i.status === "drift" && i.fixed === true),
      );
      report.result = open ? "drift" : "clean";
    }
    report.durationSeconds = elapsed();
  }

  progress(
    `${label} stack ${target.stackName}: ${report.result} — ${statusCounts(report.instances)} (${report.durationSeconds.toFixed(1)}s)`,
  );
  return report;
}

/**
 * Checks every stack of `opts.stacks` for drift of its KMS instances (read-only unless
 * `opts.fix`). Never rejects for a failing stack: the failure is that stack's `error`, and its
 * result is `error`, never `clean`.
 */
export async function checkDrift(opts: CheckDriftOptions): Promise<DriftReport> {
  const startedAt = new Date().toISOString();
  const stacks: StackReport[] = [];
  const n = opts.stacks.length;
  for (const [i, target] of opts.stacks.entries()) {
    stacks.push(await checkStack(target, opts, `[${i + 1}/${n}]`));
  }
  return {
    version: REPORT_VERSION,
    startedAt,
    result: n === 0 ? "error" : worstResult(stacks.map((s) => s.result)),
    stacks,
  };
}
