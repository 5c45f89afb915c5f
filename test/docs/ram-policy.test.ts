/**
 * `docs/ram-policy.md` grants exactly what the provider calls: the actions of the contract table
 * (`contract/kms-actions.ts`, `contract/bss-actions.ts`) the provider's client calls, KMS ones as
 * `kms:<Action>`, STS ones as `sts:<Action>` and BSS ones as `bss:<Action>`. The refresh-only
 * policy holds the read actions (`Get…`/`List…`/`Query…`), the
 * managing policy every action; the source table names each action with the contract's sources,
 * marked unconfirmed exactly when the contract marks one of them so. `AssumeRole` is signed with
 * the source credentials, not the role's: it has a policy of its own.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BSS_ACTIONS } from "../../contract/bss-actions";
import { KMS_ACTIONS, STS_ACTIONS } from "../../contract/kms-actions";
import type { ActionContract } from "../../contract/contract-types";

const PAGE = fs.readFileSync(path.resolve(__dirname, "../../docs/ram-policy.md"), "utf8");

/** The text of the section under `## title`, up to the next `## `. */
function section(title: string): string {
  const start = PAGE.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no "## ${title}" section`);
  const rest = PAGE.slice(start + 1);
  const next = rest.indexOf("\n## ", 1);
  return next < 0 ? rest : rest.slice(0, next);
}

/** The `Action`s of the one JSON policy in the section `title`. */
function policyActions(title: string): string[] {
  const blocks = [...section(title).matchAll(/```json\n([\s\S]*?)\n```/g)];
  expect(blocks).toHaveLength(1);
  const policy = JSON.parse(blocks[0][1]) as {
    Version: string;
    Statement: { Effect: string; Action: string | string[]; Resource: string | string[] }[];
  };
  expect(policy.Version).toBe("1");
  return policy.Statement.flatMap((s) => {
    expect(s.Effect).toBe("Allow");
    return Array.isArray(s.Action) ? s.Action : [s.Action];
  });
}

const CALLED: { ram: string; contract: ActionContract }[] = [
  ...KMS_ACTIONS.filter((a) => a.calledByProvider).map((a) => ({
    ram: `kms:${a.action}`,
    contract: a,
  })),
  ...STS_ACTIONS.filter((a) => a.calledByProvider && a.action !== "AssumeRole").map((a) => ({
    ram: `sts:${a.action}`,
    contract: a,
  })),
  ...BSS_ACTIONS.filter((a) => a.calledByProvider).map((a) => ({
    ram: `bss:${a.action}`,
    contract: a,
  })),
];
const isRead = (c: ActionContract) => /^(Get|List|Query)/.test(c.action);

test("the contract table has the actions this page is about", () => {
  expect(CALLED.length).toBeGreaterThan(5);
});

test("the refresh-only policy grants exactly the read actions the provider calls", () => {
  const expected = CALLED.filter((c) => isRead(c.contract)).map((c) => c.ram);
  expect([...policyActions("Refresh-only policy")].sort()).toEqual(expected.sort());
});

test("the managing policy grants exactly every action the provider calls", () => {
  expect([...policyActions("Managing policy")].sort()).toEqual(CALLED.map((c) => c.ram).sort());
});

test("the source table has one row per action, with the contract's sources", () => {
  const rows = section("Each action and its source")
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .map((l) => l.split(" | "));
  const byAction = new Map(rows.map((r) => [r[0].replace(/^\| `|`$/g, ""), r[r.length - 1]]));
  expect([...byAction.keys()].sort()).toEqual(CALLED.map((c) => c.ram).sort());
  for (const { ram, contract } of CALLED) {
    const cell = byAction.get(ram) ?? "";
    for (const source of contract.source) {
      expect({ ram, cell }).toEqual({ ram, cell: expect.stringContaining(source.detail) });
    }
    const unconfirmed = contract.source.some((s) => s.kind === "unconfirmed");
    expect({ ram, unconfirmed: cell.includes("unconfirmed") }).toEqual({ ram, unconfirmed });
  }
});

test("the assume-role policy grants sts:AssumeRole, which the source credentials call", () => {
  expect(STS_ACTIONS.find((a) => a.action === "AssumeRole")?.calledByProvider).toBe(true);
  expect(policyActions("Assuming a role")).toEqual(["sts:AssumeRole"]);
});
