/**
 * `--fix` per resource (issue 20 item 8): from the events of a targeted `up` in which one of two
 * updates failed, the report says which instance was fixed, which failed with the provider's
 * message, and which was left — not `changed: []` and "update failed". Pure: recorded engine
 * events in the shape the Automation API delivers them (pulumi/pulumi v3.248.0
 * `sdk/nodejs/automation/events.ts`), no CLI.
 */
import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { fixOutcomes, fixReportOf } from "../../drift/fix";
import { formatMarkdown } from "../../drift/format-markdown";
import { formatTable } from "../../drift/format-table";
import type { DriftReport, InstanceReport, StackReport } from "../../drift/report";
import { KMS_INSTANCE_TYPE } from "../../sdk/kms-instance";

const TYPE = KMS_INSTANCE_TYPE;
const urn = (name: string): string => `urn:pulumi:dev::fleet::${TYPE}::${name}`;
const STACK_URN = "urn:pulumi:dev::fleet::pulumi:pulumi:Stack::fleet-dev";
const TAG_FAILURE =
  "TagResources failed for KMS instance kst-b in cn-hangzhou: Forbidden.NoPermission (HTTP 403): " +
  "not allowed [request id r-1]";

let seq = 0;
const ev = (e: Omit<EngineEvent, "sequence" | "timestamp">): EngineEvent => ({
  sequence: seq++,
  timestamp: 0,
  ...e,
});
const meta = (op: OpType, name: string, diffs?: string[]): StepEventMetadata => ({
  op,
  urn: urn(name),
  type: TYPE,
  provider: "",
  ...(diffs ? { diffs } : {}),
});
const error = (message: string, u?: string): EngineEvent =>
  ev({ diagnosticEvent: { severity: "error", message, color: "never", ...(u ? { urn: u } : {}) } });

/** What the engine emitted for `up --target a --target b --target c`, b's TagResources refused. */
const EVENTS: EngineEvent[] = [
  ev({ preludeEvent: { config: {} } }),
  ev({ resourcePreEvent: { metadata: meta("update", "a") } }),
  ev({ resourcePreEvent: { metadata: meta("update", "b") } }),
  ev({ resOutputsEvent: { metadata: meta("update", "a", ["tags"]) } }),
  error(`error: ${TAG_FAILURE}\n`, urn("b")),
  ev({ resOpFailedEvent: { metadata: meta("update", "b"), status: 1, steps: 0 } }),
  error("update failed", STACK_URN),
  error("error: update failed\n"),
];

function instance(name: string, status: InstanceReport["status"]): InstanceReport {
  return {
    urn: urn(name),
    name,
    type: TYPE,
    kmsInstanceId: `kst-${name}`,
    region: "cn-hangzhou",
    status,
    op: status === "drift" ? "update" : "same",
    drift: [],
    warnings: [],
  };
}

function stack(): StackReport {
  return {
    stack: "dev",
    result: "drift",
    instances: [
      instance("a", "drift"),
      instance("b", "drift"),
      instance("c", "drift"),
      instance("d", "gone"),
    ],
    warnings: [],
    durationSeconds: 1,
  };
}

test("each target's outcome: fixed, failed with the provider's message, left", () => {
  expect(fixOutcomes([urn("a"), urn("b"), urn("c")], EVENTS)).toEqual([
    { urn: urn("a"), outcome: "fixed" },
    { urn: urn("b"), outcome: "failed", error: TAG_FAILURE },
    { urn: urn("c"), outcome: "left" },
  ]);
});

test("a failed step without a message of its own names the operation", () => {
  const events = [ev({ resOpFailedEvent: { metadata: meta("update", "b"), status: 1, steps: 0 } })];
  expect(fixOutcomes([urn("b")], events)).toEqual([
    { urn: urn("b"), outcome: "failed", error: "the update failed" },
  ]);
});

test("the fix report of a half-failed up: the fixed instance is fixed, the error names the failure", () => {
  const report = stack();
  const targets = [urn("a"), urn("b"), urn("c")];
  const fix = fixReportOf(report, {
    refreshed: [...targets, urn("d")],
    targets,
    events: EVENTS,
    runError: "update failed",
  });
  expect(fix).toMatchObject({
    result: "failed",
    refreshed: [...targets, urn("d")],
    targets,
    changed: [{ urn: urn("a"), op: "update", properties: ["tags"] }],
  });
  expect(fix.outcomes?.map((o) => o.outcome)).toEqual(["fixed", "failed", "left"]);
  expect(fix.error).toBe(`1 of 3 fixes failed (1 fixed): b: ${TAG_FAILURE}`);
  const [a, b, c, d] = report.instances;
  expect(a).toMatchObject({ fixed: true });
  expect(a).not.toHaveProperty("fixError");
  expect(b).toMatchObject({ fixed: false, fixError: TAG_FAILURE });
  expect(c).toMatchObject({ fixed: false });
  expect(d).not.toHaveProperty("fixed");

  const shown: DriftReport = {
    version: 1,
    startedAt: "2026-01-01T00:00:00Z",
    result: "error",
    stacks: [{ ...report, result: "error", fix }],
  };
  const table = formatTable(shown);
  expect(table).toContain("fix: failed; refreshed 4, targeted 3");
  expect(table).toContain(`    fixed ${urn("a")}\n`);
  expect(table).toContain(`    failed ${urn("b")}: ${TAG_FAILURE}\n`);
  expect(table).toContain(`    left ${urn("c")}\n`);
  const md = formatMarkdown(shown);
  expect(md).toContain(`- failed \`${urn("b")}\`: ${TAG_FAILURE}`);
  expect(md).toContain(`- fixed \`${urn("a")}\``);
});

test("an up that succeeded: every target fixed, no error", () => {
  const report = stack();
  const events = [ev({ resOutputsEvent: { metadata: meta("update", "a", ["tags"]) } })];
  const fix = fixReportOf(report, { refreshed: [urn("a")], targets: [urn("a")], events });
  expect(fix.result).toBe("succeeded");
  expect(fix).not.toHaveProperty("error");
  expect(fix.outcomes).toEqual([{ urn: urn("a"), outcome: "fixed" }]);
});

test("a refresh that failed before the up: every target left, the refresh's error kept", () => {
  const report = stack();
  const fix = fixReportOf(report, {
    refreshed: [urn("a")],
    targets: [urn("a")],
    events: [],
    runError: "the refresh before the fix failed: boom",
  });
  expect(fix).toMatchObject({
    result: "failed",
    outcomes: [{ urn: urn("a"), outcome: "left" }],
    error: "the refresh before the fix failed: boom",
  });
});
