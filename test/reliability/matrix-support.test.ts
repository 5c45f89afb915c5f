/**
 * The pure parts of the fault matrix: state snapshots and their comparison, the CLI diagnostics
 * reader, the Markdown renderer and the hermetic environment.
 */
import * as fc from "fast-check";
import * as fs from "node:fs";
import type { StateResource } from "../e2e/support/stack";
import { firstErrorLine, genericMessage, parseDiagnostics } from "./support/cli-diagnostics";
import { startEmulator } from "../../emulator";
import { FLEET, NEWCOMERS, REFERENCE, RENAMED, programConfig, seedFleet } from "./support/fleet";
import { useHermeticEnv } from "./support/hermetic-env";
import type { RowResult } from "./support/matrix-types";
import { matrixRow, renderMatrix, tableCell } from "./support/render-matrix";
import { sameMessageProblem, suspicionProblem } from "./support/row-runner";
import {
  describeDiff,
  diffSnapshots,
  isKmsInstance,
  isUnchanged,
  snapshotOf,
} from "./support/state-snapshot";

const TYPE = "pulumi-nodejs:dynamic/alicloud-kms:KmsInstance";
const urn = (name: string, type = TYPE): string =>
  `urn:pulumi:e2e::reliability-fleet::${type}::${name}`;

function kms(name: string, id: string, outputs: Record<string, unknown> = {}): StateResource {
  return {
    urn: urn(name),
    type: TYPE,
    id,
    outputs: {
      instanceId: id,
      instanceName: name,
      status: "Connected",
      __provider: "x",
      ...outputs,
    },
  };
}

describe("state snapshots", () => {
  it("keep only KMS instances, with the compared outputs", () => {
    const stackRes: StateResource = {
      urn: urn("s", "pulumi:pulumi:Stack"),
      type: "pulumi:pulumi:Stack",
    };
    const snap = snapshotOf([
      stackRes,
      kms("a", "kst-aaaaaaaa1"),
      { ...kms("r", "kst-rrrrrrrr1"), external: true },
    ]);
    expect([...snap.keys()]).toEqual([urn("a"), urn("r")]);
    expect(snap.get(urn("a"))).toEqual({
      urn: urn("a"),
      id: "kst-aaaaaaaa1",
      external: false,
      outputs: { instanceId: "kst-aaaaaaaa1", instanceName: "a", status: "Connected" },
    });
    expect(snap.get(urn("r"))?.external).toBe(true);
  });

  it("recognise the dynamic and the plugin type, nothing else", () => {
    const r = (type: string): StateResource => ({ urn: urn("x", type), type });
    expect(isKmsInstance(r(TYPE))).toBe(true);
    expect(isKmsInstance(r("alicloud-kms:index:KmsInstance"))).toBe(true);
    expect(isKmsInstance(r("pulumi-nodejs:dynamic:Resource"))).toBe(false);
    expect(isKmsInstance(r("alicloud:kms:Instance"))).toBe(false);
  });

  it("report dropped, created and changed instances, and allow a declared change", () => {
    const before = snapshotOf([kms("a", "kst-aaaaaaaa1"), kms("b", "kst-bbbbbbbb1")]);
    const after = snapshotOf([
      kms("a", "kst-aaaaaaaa1", { instanceName: "renamed" }),
      kms("c", "kst-cccccccc1"),
    ]);
    const d = diffSnapshots(before, after);
    expect(d).toEqual({
      missing: [urn("b")],
      added: [urn("c")],
      changed: [`${urn("a")}: instanceName`],
    });
    expect(describeDiff(d)).toBe("dropped b; created c; changed a: instanceName");
    const allowed = new Map([[urn("a"), { instanceName: "renamed" }]]);
    expect(diffSnapshots(before, after, allowed).changed).toEqual([]);
    // An allowed change that did not happen is a difference too.
    expect(diffSnapshots(before, before, allowed).changed).toEqual([`${urn("a")}: instanceName`]);
  });

  it("find no difference between a snapshot and itself, and every dropped instance", () => {
    const resource = fc
      .record({
        name: fc.stringMatching(/^[a-z]{1,8}$/),
        id: fc.stringMatching(/^kst-[a-z0-9]{8,12}$/),
      })
      .map((r) => kms(r.name, r.id, { vpcId: `vpc-${r.id.slice(4)}` }));
    fc.assert(
      fc.property(
        fc.uniqueArray(resource, { selector: (r) => r.urn, maxLength: 8 }),
        fc.nat(),
        (rs, k) => {
          const snap = snapshotOf(rs);
          expect(
            isUnchanged(diffSnapshots(snap, snapshotOf(rs.map((r) => structuredClone(r))))),
          ).toBe(true);
          if (rs.length === 0) return;
          const dropped = rs[k % rs.length] as StateResource;
          const d = diffSnapshots(snap, snapshotOf(rs.filter((r) => r !== dropped)));
          expect(d.missing).toEqual([dropped.urn]);
          expect(isUnchanged(d)).toBe(false);
        },
      ),
    );
  });
});

/** The shape of the CLI's diagnostics section (Pulumi CLI v3.248). */
const FAILED_REFRESH = [
  "Refreshing (e2e):",
  "    pulumi:pulumi:Stack reliability-fleet-e2e running",
  "Diagnostics:",
  `  ${TYPE} (kms-a):`,
  "    error: refreshing urn:pulumi:e2e::reliability-fleet::x::kms-a: GetKmsInstance failed for KMS",
  "    instance kst-aaaaaaaa1 in cn-hangzhou: no credentials; set alicloud:accessKey",
  "",
  `  ${TYPE} (kms-b):`,
  "    error: refreshing urn:pulumi:e2e::reliability-fleet::x::kms-b: GetKmsInstance failed for KMS",
  "    instance kst-bbbbbbbb1 in cn-hangzhou: no credentials; set alicloud:accessKey",
  "",
  "  pulumi:pulumi:Stack (reliability-fleet-e2e):",
  "    warning: something to note",
  "    error: refresh failed",
  "",
  "Resources:",
  "    4 unchanged",
].join("\n");

describe("CLI diagnostics", () => {
  it("gives each resource's errors, continuation lines joined", () => {
    const blocks = parseDiagnostics(FAILED_REFRESH);
    expect(blocks.map((b) => [b.type, b.name])).toEqual([
      [TYPE, "kms-a"],
      [TYPE, "kms-b"],
      ["pulumi:pulumi:Stack", "reliability-fleet-e2e"],
    ]);
    expect(blocks[0]?.errors).toEqual([
      "refreshing urn:pulumi:e2e::reliability-fleet::x::kms-a: GetKmsInstance failed for KMS " +
        "instance kst-aaaaaaaa1 in cn-hangzhou: no credentials; set alicloud:accessKey",
    ]);
    expect(blocks[2]?.errors).toEqual(["refresh failed"]);
    expect(parseDiagnostics("no section here")).toEqual([]);
  });

  it("takes resource-specific parts out of messages", () => {
    const [a, b] = parseDiagnostics(FAILED_REFRESH).map((x) =>
      genericMessage(x.errors[0] ?? "", ["kms-a", "kms-b"]),
    );
    expect(a).toBe(b);
    expect(a).toContain("<urn>");
    expect(a).toContain("<id>");
  });

  it("accepts one message for every resource, and names different ones", () => {
    expect(sameMessageProblem(FAILED_REFRESH)).toBeUndefined();
    const different = FAILED_REFRESH.replace(
      "kst-bbbbbbbb1 in cn-hangzhou: no credentials",
      "kst-bbbbbbbb1 in cn-hangzhou: ENOENT .alibabacloud/credentials",
    );
    expect(sameMessageProblem(different)).toMatch(/2 different messages/);
    const one = FAILED_REFRESH.split(`  ${TYPE} (kms-b):`)[0] + "Resources:\n";
    expect(sameMessageProblem(one)).toMatch(/2 or more resources to report the error, 1 did/);
    expect(sameMessageProblem(one, 1)).toBeUndefined();
  });

  it("requires every failed instance to name the suspicion", () => {
    expect(suspicionProblem(FAILED_REFRESH, /no credentials/)).toBeUndefined();
    const bare = FAILED_REFRESH.replace(
      "kst-bbbbbbbb1 in cn-hangzhou: no credentials",
      "kst-bbbbbbbb1 in cn-hangzhou: Forbidden.DKMSInstanceNotFound",
    );
    expect(suspicionProblem(bare, /no credentials/)).toBe(
      "kms-b: no message matching /no credentials/",
    );
    // With no instance error, the output as a whole counts.
    expect(suspicionProblem("error: no credentials\n", /no credentials/)).toBeUndefined();
    expect(suspicionProblem("error: other\n", /no credentials/)).toMatch(/no message matching/);
  });

  it("picks the error line that names the suspicion", () => {
    expect(firstErrorLine(FAILED_REFRESH, /refresh failed/)).toBe("refresh failed");
    expect(firstErrorLine(FAILED_REFRESH, /nothing like this/)).toMatch(/^refreshing urn/);
    const stackFirst = [
      "Diagnostics:",
      "  pulumi:pulumi:Stack (p-e2e):",
      "    error: update failed",
      "",
      `  ${TYPE} (kms-a):`,
      "    error: KMS instance kst-aaaaaaaa1 does not exist",
      "",
    ].join("\n");
    expect(firstErrorLine(stackFirst)).toBe("KMS instance kst-aaaaaaaa1 does not exist");
    expect(firstErrorLine(stackFirst, /update/)).toBe("update failed");
    expect(firstErrorLine("error: plain failure\n")).toBe("plain failure");
    expect(firstErrorLine("all good\n")).toBeUndefined();
  });
});

const row = (over: Partial<RowResult> = {}): RowResult => ({
  fault: "persistent 5xx",
  operation: "refresh",
  command: "pulumi refresh --yes --skip-preview",
  expected: "fails",
  outcome: "failed",
  exitCode: 255,
  elapsedMs: 4321,
  stateKept: true,
  message: "GetKmsInstance failed: InternalFailure (HTTP 500)",
  asExpected: true,
  problems: [],
  ...over,
});

/** Cells of a Markdown table row: split on pipes that are not escaped. */
const cells = (line: string): string[] => line.slice(1, -1).split(/(?<!\\)\|/);

describe("the Markdown matrix", () => {
  it("keeps any text inside one table cell", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const c = tableCell(text);
        expect(c).not.toMatch(/[\r\n]/);
        expect(c.length).toBeLessThanOrEqual(2 * 240);
        expect(cells(`|${c}|`)).toHaveLength(1);
      }),
    );
  });

  it("writes one row per result with every column", () => {
    const line = matrixRow(row({ message: "a | b\nc" }));
    expect(cells(line)).toHaveLength(8);
    expect(line).toContain("failed (exit 255)");
    expect(line).toContain("4.3 s");
    expect(cells(line)[1]?.trim()).toBe("refresh");
    const rerun = matrixRow(row({ command: "pulumi refresh --yes --run-program" }));
    expect(cells(rerun)[1]?.trim()).toBe("refresh (--run-program)");
    const bad = matrixRow(
      row({ stateKept: false, stateNote: "dropped kms-a", asExpected: false, problems: ["p1"] }),
    );
    expect(bad).toContain("**no** (dropped kms-a)");
    expect(bad).toContain("**no**: p1");
  });

  it("renders the header, the faults and the rows", () => {
    const doc = renderMatrix(
      {
        command: "npm run test:reliability",
        date: "2026-11-28T12:00:00Z",
        environment: "Pulumi CLI v3.248.0",
        totalMs: 200_000,
        baseConfig: { "alicloud:region": "cn-hangzhou" },
        stacks: { refresh: "three and a reference", update: "two", adopt: "two" },
      },
      [{ title: "persistent 5xx", setup: "failRatio 1", expected: "fails" }],
      [row(), row({ operation: "adopt", asExpected: false, problems: ["x"] })],
    );
    expect(doc).toMatch(/^# Reliability: the fault matrix\n/);
    expect(doc).toContain("Produced by `npm run test:reliability` on 2026-11-28T12:00:00Z");
    expect(doc).toContain("2 rows, 1 as expected, 1 not.");
    expect(doc).toContain("`alicloud:region` = `cn-hangzhou`");
    expect(doc).toContain("| persistent 5xx | failRatio 1 | fails |");
    const tableRows = doc.split("\n").filter((l) => l.startsWith("| persistent 5xx | "));
    expect(tableRows).toHaveLength(3);
  });
});

describe("the hermetic environment", () => {
  it("removes credential variables, empties HOME, and restores both", () => {
    const env: NodeJS.ProcessEnv = {
      HOME: "/home/someone",
      ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
      ALICLOUD_SECRET_KEY: "secret",
      PATH: "/bin",
    };
    const restore = useHermeticEnv(env);
    const home = env.HOME as string;
    expect(home).not.toBe("/home/someone");
    expect(fs.readdirSync(home)).toEqual([]);
    expect(env).toEqual({ HOME: home, PATH: "/bin", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" });
    restore();
    expect(env).toEqual({
      HOME: "/home/someone",
      ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
      ALICLOUD_SECRET_KEY: "secret",
      PATH: "/bin",
    });
    expect(fs.existsSync(home)).toBe(false);
  });
});

describe("the fleet", () => {
  it("seeds every instance of every stack, connected, named as the programs declare", async () => {
    const emu = await startEmulator();
    try {
      seedFleet(emu);
      const members = [...FLEET, REFERENCE, ...RENAMED, ...NEWCOMERS];
      expect(new Set(members.map((m) => m.kmsInstanceId)).size).toBe(members.length);
      for (const m of members) {
        const inst = emu.control.getInstance(m.kmsInstanceId);
        expect(inst?.RegionId).toBe("cn-hangzhou");
        expect(inst?.KmsInstance.InstanceName).toBe(m.instanceName);
        expect(inst?.KmsInstance.Status).toBe("Connected");
      }
    } finally {
      await emu.close();
    }
  });

  it("configures the program with the instances and the optional reference", () => {
    expect(programConfig(RENAMED)).toEqual({ instances: RENAMED.map((m) => ({ ...m })) });
    expect(programConfig(FLEET, REFERENCE).reference).toEqual({
      name: REFERENCE.name,
      kmsInstanceId: REFERENCE.kmsInstanceId,
    });
  });
});
