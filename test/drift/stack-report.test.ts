/**
 * From engine events to the report of a stack: drift, gone, pending, warnings, and above all that
 * nothing incomplete or failed is ever called clean.
 */
import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { stackReport, type PriorResource } from "../../drift/stack-report";
import { KMS_INSTANCE_TYPE } from "../../sdk/kms-instance";

const TYPE = KMS_INSTANCE_TYPE;
const urn = (name: string): string => `urn:pulumi:dev::fleet::${TYPE}::${name}`;
const VPC = { vpcId: "vpc-1", vSwitchId: "vsw-1", regionId: "cn-hangzhou", vpcOwnerId: "1" };

function outputs(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kmsInstanceId: id,
    region: "cn-hangzhou",
    managedProperties: ["instanceName", "bindVpcs"],
    instanceName: "prod",
    bindVpcs: [VPC],
    status: "Connected",
    ...over,
  };
}
const inputs = (id: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  kmsInstanceId: id,
  region: "cn-hangzhou",
  instanceName: "prod",
  bindVpcs: [VPC],
  ...over,
});

function prior(name: string, id: string): PriorResource {
  return { urn: urn(name), type: TYPE, id, outputs: outputs(id) };
}

let seq = 0;
function meta(
  op: OpType,
  name: string,
  old?: Record<string, unknown>,
  news?: Record<string, unknown>,
): StepEventMetadata {
  const state = (o: Record<string, unknown>, i: Record<string, unknown>) => ({
    type: TYPE,
    urn: urn(name),
    id: String(o.kmsInstanceId ?? ""),
    parent: "",
    provider: "",
    inputs: i,
    outputs: o,
  });
  const m: StepEventMetadata = { op, urn: urn(name), type: TYPE, provider: "" };
  if (old !== undefined) m.old = state(old, {});
  if (news !== undefined) m.new = state({}, news);
  return m;
}
const pre = (metadata: StepEventMetadata): EngineEvent => ({
  sequence: seq++,
  timestamp: 0,
  resourcePreEvent: { metadata },
});
const outs = (metadata: StepEventMetadata): EngineEvent => ({
  sequence: seq++,
  timestamp: 0,
  resOutputsEvent: { metadata },
});
/** A refresh step that read the instance (`live` outputs), or found it gone (`undefined`). */
function refresh(
  name: string,
  id: string,
  live: Record<string, unknown> | undefined,
): EngineEvent[] {
  const m = meta("refresh", name, outputs(id));
  const done: StepEventMetadata = { ...m };
  if (live !== undefined)
    done.new = { ...(m.old as NonNullable<StepEventMetadata["old"]>), outputs: live };
  return [pre(m), outs(done)];
}
/** The program's step on the refreshed state. */
function step(
  op: OpType,
  name: string,
  live: Record<string, unknown>,
  declared: Record<string, unknown>,
): EngineEvent[] {
  return [pre(meta(op, name, live, declared))];
}
const diag = (
  severity: "info#err" | "warning" | "error" | "info",
  message: string,
  u?: string,
): EngineEvent => ({
  sequence: seq++,
  timestamp: 0,
  diagnosticEvent: { severity, message, color: "never", ...(u ? { urn: u } : {}) },
});

describe("stackReport", () => {
  it("reports drift, gone and clean instances with their warnings", () => {
    const liveA = outputs("kst-a", { instanceName: "renamed" });
    const liveC = outputs("kst-c");
    const report = stackReport({
      stack: "dev",
      prior: [prior("a", "kst-a"), prior("b", "kst-b"), prior("c", "kst-c")],
      events: [
        ...refresh("a", "kst-a", liveA),
        diag(
          "info#err",
          "warning: KMS instance kst-c (cn-hangzhou) expires in 3 days, on 2030-01-01T00:00:00Z: renew it before then.\n",
        ),
        ...refresh("b", "kst-b", undefined),
        ...refresh("c", "kst-c", liveC),
        diag("info#err", "some other provider chatter"),
        diag("warning", "a stack-level warning"),
        ...step("update", "a", liveA, inputs("kst-a")),
        ...step("create", "b", {}, inputs("kst-b")),
        ...step("same", "c", liveC, inputs("kst-c")),
      ],
      durationSeconds: 1.5,
    });
    expect(report.result).toBe("drift");
    expect(report.error).toBeUndefined();
    const [a, b, c] = report.instances;
    expect(a).toMatchObject({
      name: "a",
      kmsInstanceId: "kst-a",
      region: "cn-hangzhou",
      status: "drift",
      op: "update",
    });
    expect(a?.drift).toEqual([
      {
        property: "instanceName",
        declared: "prod",
        live: "renamed",
        replace: false,
        details: [{ kind: "update" }],
        calls: [{ action: "UpdateKmsInstance", instanceName: "prod" }],
      },
    ]);
    expect(b).toMatchObject({
      name: "b",
      kmsInstanceId: "kst-b",
      status: "gone",
      op: "refresh",
      drift: [],
    });
    expect(c).toMatchObject({ status: "clean", op: "same", drift: [] });
    expect(c?.warnings).toEqual([
      { kind: "expiry", message: expect.stringMatching(/^KMS instance kst-c .*expires in 3 days/) },
    ]);
    expect(report.warnings).toEqual([{ kind: "other", message: "a stack-level warning" }]);
  });

  it("files the auto-renewal line as information and a manual renewal as a warning (expiry)", () => {
    const liveA = outputs("kst-a");
    const liveC = outputs("kst-c");
    const auto =
      "KMS instance kst-a (cn-hangzhou) ends in 3 days, on 2030-01-01T00:00:00Z, and renews automatically then for 1 year at a time (AutoRenewal).";
    const manual =
      "KMS instance kst-c (cn-hangzhou) expires in 3 days, on 2030-01-01T00:00:00Z and renews manually (ManualRenewal): renew it before then.";
    const report = stackReport({
      stack: "dev",
      prior: [prior("a", "kst-a"), prior("c", "kst-c")],
      events: [
        ...refresh("a", "kst-a", liveA),
        diag("info", auto),
        diag("info", "some other information"),
        ...refresh("c", "kst-c", liveC),
        diag("warning", manual),
        ...step("same", "a", liveA, inputs("kst-a")),
        ...step("same", "c", liveC, inputs("kst-c")),
      ],
      durationSeconds: 1,
    });
    expect(report.result).toBe("clean");
    const [a, c] = report.instances;
    expect(a?.warnings).toEqual([{ kind: "expiry", severity: "info", message: auto }]);
    expect(c?.warnings).toEqual([{ kind: "expiry", message: manual }]);
    expect(report.warnings).toEqual([]);
  });

  it("is clean only when every instance was read and needs nothing", () => {
    const live = outputs("kst-a");
    const report = stackReport({
      stack: "dev",
      prior: [prior("a", "kst-a")],
      events: [...refresh("a", "kst-a", live), ...step("same", "a", live, inputs("kst-a"))],
      durationSeconds: 1,
    });
    expect(report.result).toBe("clean");
    expect(report.instances.map((i) => i.status)).toEqual(["clean"]);
  });

  it("a failed preview is an error, and its instances are unknown, never clean", () => {
    const live = outputs("kst-a");
    const report = stackReport({
      stack: "dev",
      prior: [prior("a", "kst-a"), prior("b", "kst-b")],
      events: [
        ...refresh("a", "kst-a", live),
        ...step("same", "a", live, inputs("kst-a")),
        diag("error", "error: GetKmsInstance kst-b: InternalFailure (HTTP 500) after 4 retries\n"),
        diag("error", "preview failed"),
      ],
      failure: "code: 255",
      durationSeconds: 1,
    });
    expect(report.result).toBe("error");
    expect(report.error).toBe("GetKmsInstance kst-b: InternalFailure (HTTP 500) after 4 retries");
    expect(report.instances.map((i) => i.status)).toEqual(["unknown", "unknown"]);
  });

  it("an engine error event alone makes an error, even when the preview returned", () => {
    const report = stackReport({
      stack: "dev",
      prior: [],
      events: [diag("error", "something broke")],
      durationSeconds: 1,
    });
    expect(report).toMatchObject({ result: "error", error: "something broke" });
    const alone = stackReport({
      stack: "dev",
      prior: [],
      events: [diag("error", "preview failed")],
      durationSeconds: 1,
    });
    expect(alone.error).toBe("preview failed");
  });

  it("the timeout message wins over what the engine said", () => {
    const report = stackReport({
      stack: "dev",
      prior: [prior("a", "kst-a")],
      events: [diag("error", "the operation was canceled")],
      failure: "timed out after 5s (--timeout); the check was aborted",
      timedOut: true,
      durationSeconds: 5,
    });
    expect(report.error).toMatch(/timed out after 5s/);
  });

  it("an instance in state the preview said nothing about makes the stack an error", () => {
    const report = stackReport({
      stack: "dev",
      prior: [prior("a", "kst-a")],
      events: [],
      durationSeconds: 1,
    });
    expect(report.result).toBe("error");
    expect(report.error).toMatch(/no refresh result for urn:pulumi:dev::fleet::.*::a/);
    expect(report.instances[0]?.status).toBe("unknown");
  });

  it("program/state differences are pending: adopt, release, replace (with the replacing property)", () => {
    const live = outputs("kst-a");
    const report = stackReport({
      stack: "dev",
      prior: [prior("a", "kst-a"), prior("gone-from-program", "kst-g")],
      events: [
        ...refresh("a", "kst-a", live),
        ...refresh("gone-from-program", "kst-g", outputs("kst-g")),
        ...step("replace", "a", live, inputs("kst-other")),
        ...step("create", "new", {}, inputs("kst-n")),
        ...step("delete", "gone-from-program", outputs("kst-g"), {}),
      ],
      durationSeconds: 1,
    });
    expect(report.result).toBe("drift");
    expect(report.instances.map((i) => [i.name, i.status, i.op])).toEqual([
      ["a", "pending", "replace"],
      ["gone-from-program", "pending", "delete"],
      ["new", "pending", "create"],
    ]);
    expect(report.instances[0]?.drift).toMatchObject([
      { property: "kmsInstanceId", declared: "kst-other", live: "kst-a", replace: true, calls: [] },
    ]);
  });

  it("reports the provider-plugin class like the dynamic one", () => {
    const plugin = "alicloud-kms:index:KmsInstance";
    const u = "urn:pulumi:dev::fleet::alicloud-kms:index:KmsInstance::p";
    const live = outputs("kst-p");
    const state = {
      type: plugin,
      urn: u,
      id: "kst-p",
      parent: "",
      provider: "",
      inputs: {},
      outputs: live,
    };
    const report = stackReport({
      stack: "dev",
      prior: [{ urn: u, type: plugin, id: "kst-p", outputs: live }],
      events: [
        outs({ op: "refresh", urn: u, type: plugin, provider: "", old: state, new: state }),
        diag("warning", "KMS instance kst-p (cn-hangzhou) is in status Error, not Connected", u),
        pre({
          op: "same",
          urn: u,
          type: plugin,
          provider: "",
          old: state,
          new: { ...state, inputs: inputs("kst-p") },
        }),
      ],
      durationSeconds: 1,
    });
    expect(report.result).toBe("clean");
    expect(report.instances).toEqual([
      expect.objectContaining({
        urn: u,
        type: plugin,
        status: "clean",
        warnings: [{ kind: "status", message: expect.any(String) }],
      }),
    ]);
  });

  it("ignores other resource types and replaced resources waiting for deletion", () => {
    const report = stackReport({
      stack: "dev",
      prior: [
        {
          urn: "urn:pulumi:dev::fleet::pulumi:pulumi:Stack::fleet-dev",
          type: "pulumi:pulumi:Stack",
        },
        { ...prior("old", "kst-o"), delete: true },
      ],
      events: [
        pre({ op: "update", urn: "urn:x", type: "pulumi-nodejs:dynamic:Resource", provider: "" }),
      ],
      durationSeconds: 1,
    });
    expect(report).toMatchObject({ result: "clean", instances: [] });
  });
});
