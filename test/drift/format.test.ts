/** The three renderings of a report: table, Markdown, JSON. */
import fc from "fast-check";
import { showCall, showValue, statusCounts } from "../../drift/describe";
import { formatJson } from "../../drift/format-json";
import { cell, formatMarkdown } from "../../drift/format-markdown";
import { formatTable } from "../../drift/format-table";
import type { DriftReport, InstanceReport } from "../../drift/report";

const drifted: InstanceReport = {
  urn: "urn:pulumi:dev::fleet::pulumi-nodejs:dynamic/alicloud-kms:KmsInstance::a",
  name: "a",
  type: "pulumi-nodejs:dynamic/alicloud-kms:KmsInstance",
  kmsInstanceId: "kst-a",
  region: "cn-hangzhou",
  status: "drift",
  op: "update",
  drift: [
    {
      property: "instanceName",
      declared: "prod",
      live: "renamed|x",
      replace: false,
      details: [{ kind: "update" }],
      calls: [{ action: "UpdateKmsInstance", instanceName: "prod" }],
    },
  ],
  warnings: [{ kind: "expiry", message: "KMS instance kst-a (cn-hangzhou) expires in 3 days" }],
};
const autoRenewing: InstanceReport = {
  ...drifted,
  urn: drifted.urn.replace(/a$/, "c"),
  name: "c",
  kmsInstanceId: "kst-c",
  status: "clean",
  op: "same",
  drift: [],
  warnings: [
    {
      kind: "expiry",
      severity: "info",
      message: "KMS instance kst-c (cn-hangzhou) ends in 3 days, and renews automatically then",
    },
  ],
};
const gone: InstanceReport = {
  ...drifted,
  urn: drifted.urn.replace(/a$/, "b"),
  name: "b",
  kmsInstanceId: "kst-b",
  status: "gone",
  op: "refresh",
  drift: [],
  warnings: [],
};

const report: DriftReport = {
  version: 1,
  startedAt: "2026-01-01T00:00:00.000Z",
  result: "error",
  stacks: [
    {
      stack: "dev",
      result: "drift",
      instances: [drifted, gone],
      warnings: [{ kind: "other", message: "stack-wide note" }],
      durationSeconds: 12.34,
    },
    {
      stack: "prod",
      result: "error",
      error: "GetKmsInstance: InternalFailure",
      instances: [],
      warnings: [],
      durationSeconds: 3,
    },
  ],
};

describe("describe", () => {
  it("shows values, calls and counts on one line", () => {
    expect(showValue("a")).toBe('"a"');
    expect(showValue(null)).toBe("(none)");
    expect(showValue({ k: "v" })).toBe('{"k":"v"}');
    expect(showValue("x".repeat(300))).toHaveLength(120);
    expect(showCall({ action: "UntagResources", keys: ["a", "b"] })).toBe(
      'UntagResources(keys=["a","b"])',
    );
    expect(statusCounts([drifted, gone, drifted])).toBe("2 drift, 1 gone");
    expect(statusCounts([])).toBe("no KMS instances");
  });
});

describe("formatTable", () => {
  it("shows each stack, each instance, each drifted property with both values and the calls", () => {
    const text = formatTable(report);
    expect(text).toContain("Stack dev: DRIFT — 1 drift, 1 gone (12.3s)");
    expect(text).toMatch(/INSTANCE\s+RESOURCE\s+REGION\s+STATUS/);
    expect(text).toMatch(/kst-a\s+a\s+cn-hangzhou\s+drift/);
    expect(text).toContain('declared: "prod"');
    expect(text).toContain('live:     "renamed|x"');
    expect(text).toContain('up calls: UpdateKmsInstance(instanceName="prod")');
    expect(text).toContain("warning (expiry): KMS instance kst-a (cn-hangzhou) expires in 3 days");
    expect(text).toMatch(/kst-b\s+b\s+cn-hangzhou\s+gone\n\s+deleted out of band/);
    expect(text).toContain("warning (other): stack-wide note");
    expect(text).toContain(
      "Stack prod: ERROR — no KMS instances (3.0s)\n  error: GetKmsInstance: InternalFailure",
    );
    expect(formatTable({ ...report, stacks: [] })).toBe("No stack was checked.\n");
  });

  it("labels the auto-renewal line as information", () => {
    const text = formatTable({
      ...report,
      stacks: [{ ...report.stacks[0]!, instances: [autoRenewing] }],
    });
    expect(text).toContain(
      "info (expiry): KMS instance kst-c (cn-hangzhou) ends in 3 days, and renews automatically then",
    );
    expect(text).not.toContain("warning (expiry)");
    const md = formatMarkdown({
      ...report,
      stacks: [{ ...report.stacks[0]!, instances: [autoRenewing] }],
    });
    expect(md).toContain("- expiry (info): KMS instance kst-c (cn-hangzhou) ends in 3 days");
  });

  it("reports a fix", () => {
    const text = formatTable({
      ...report,
      stacks: [
        {
          ...report.stacks[0]!,
          fix: {
            result: "succeeded",
            refreshed: [drifted.urn, gone.urn],
            targets: [drifted.urn],
            changed: [{ urn: drifted.urn, op: "update", properties: ["instanceName"] }],
          },
        },
      ],
    });
    expect(text).toContain("fix: succeeded; refreshed 2, targeted 1");
    expect(text).toContain(`update ${drifted.urn} (instanceName)`);
  });
});

describe("formatMarkdown", () => {
  it("has a heading per stack and a table row per drifted property", () => {
    const md = formatMarkdown(report);
    expect(md).toMatch(/^# KMS drift report: error\n/);
    expect(md).toContain("## ⚠️ Stack `dev`: drift");
    expect(md).toContain("## ❌ Stack `prod`: error");
    expect(md).toContain(
      '| `kst-a` | a | cn-hangzhou | drift | instanceName | `"prod"` | `"renamed\\|x"` | `UpdateKmsInstance(instanceName="prod")` |',
    );
    expect(md).toContain("| `kst-b` | b | cn-hangzhou | gone |");
    expect(md).toContain("- expiry: KMS instance kst-a (cn-hangzhou) expires in 3 days");
    expect(md).toContain("**Error:** GetKmsInstance: InternalFailure");
  });

  it("a cell never breaks a table row", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const c = cell(s);
        expect(c).not.toMatch(/\n/);
        expect(c.replace(/\\\\/g, "").replace(/\\\|/g, "")).not.toContain("|");
      }),
    );
  });
});

describe("formatJson", () => {
  it("round-trips the report", () => {
    expect(JSON.parse(formatJson(report))).toEqual(report);
  });
});
