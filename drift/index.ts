/**
 * The drift check for programmatic use (`require("pulumi-alicloud-kms/dist/drift")`): run it over
 * stacks on disk or inline programs, and render or judge its versioned report.
 */
export { checkDrift, DEFAULT_TIMEOUT_SECONDS, priorResources } from "./check";
export type { CheckDriftOptions, StackTarget, LocalStackTarget, InlineStackTarget } from "./check";
export * from "./report";
export { exitCodeOf, worstResult, EXIT_CODES } from "./exit-code";
export { formatJson } from "./format-json";
export { formatMarkdown } from "./format-markdown";
export { formatTable } from "./format-table";
export { stackReport } from "./stack-report";
export type { StackObservation, PriorResource } from "./stack-report";
export { KMS_INSTANCE_TYPES, isKmsInstanceType } from "./kms-types";
