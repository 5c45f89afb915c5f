/**
 * The vocabulary of the fault matrix: the operations a row runs, what a fault case expects of
 * each, and what a row measured. Shared by the runner, the renderer and the catalogue.
 */

/** The Pulumi operations the matrix runs under each fault. */
export type Operation = "refresh" | "update" | "adopt";

/** Every operation, in the order the matrix runs and prints them. */
export const OPERATIONS: readonly Operation[] = ["refresh", "update", "adopt"];

/** What each operation does, as the document describes it. */
export const OPERATION_COMMANDS: Readonly<Record<Operation, string>> = {
  refresh:
    "`pulumi refresh --yes --skip-preview` (with `--run-program` when the fault is a config " +
    "change: a plain refresh configures the provider from the config recorded in state at the " +
    "last `up`, so it would never see the change)",
  update: "`pulumi up --yes --skip-preview` of a declared rename of one adopted instance",
  adopt: "`pulumi up --yes --skip-preview` of a stack that has adopted nothing yet",
};

/** What a row must show for one operation under one fault. */
export interface Expectation {
  /** Whether the CLI must exit 0 (`succeeds`) or non-zero (`fails`). */
  outcome: "succeeds" | "fails";
  /**
   * For a failure: a pattern the CLI output must match, naming the suspicion (the fault the
   * operator has to look at), so a failure for an unrelated reason does not pass.
   */
  message?: RegExp;
  /**
   * For a failure: every resource that failed must report one and the same message (the
   * "no credentials" case, where parallel resources used to race into different errors).
   */
  sameMessageForEveryResource?: boolean;
  /** Why this is the expected behaviour, shown in the document. */
  why: string;
}

/** One measured row: a fault under one operation. */
export interface RowResult {
  /** The fault's short title. */
  fault: string;
  /** The operation run. */
  operation: Operation;
  /** The CLI command run, e.g. `pulumi refresh --yes --skip-preview`. */
  command: string;
  /** What was expected. */
  expected: Expectation["outcome"];
  /** What happened: the CLI's exit code decides. */
  outcome: "succeeded" | "failed";
  /** The CLI's exit code. */
  exitCode: number;
  /** Wall time of the one CLI command, in milliseconds. */
  elapsedMs: number;
  /**
   * Whether the state is what it must be, computed from `pulumi stack export`: unchanged after a
   * failure (and, for adopt, nothing created); the declared change and nothing else after a
   * successful update; every instance still there after a successful refresh or adopt.
   */
  stateKept: boolean;
  /** What differed in state, when `stateKept` is false. */
  stateNote?: string;
  /** The first error line naming the suspicion (or the first error line) of a failure. */
  message?: string;
  /** Whether every assertion of the row held. */
  asExpected: boolean;
  /** Why the row missed its expectation, when it did. */
  problems: string[];
}
