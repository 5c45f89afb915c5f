/**
 * Renewal end to end, with the real Pulumi CLI against the emulator's BSS API, on one stack:
 * adopting with a declared renewal, an out-of-band change shown and corrected, the expiry lines
 * of both renewal kinds, the call count of a refresh without `renewal`, a bad value, the
 * `NotApplicable` move to the international product types, and a pay-as-you-go instance.
 * Run by `npm run test:e2e` (the CLI runs here do not fit in `npm test`'s budget).
 */
import { EMULATOR_ACCOUNT_ID, TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET } from "../../emulator";
import type { RequestLogEntry } from "../../emulator/types";
import { call, kmsClient } from "../emulator/kms-client";
import { INSTANCE_ID, adoptConfig, apiDateIn, current, mutatingCalls } from "./support/fixture";
import type { E2eStack } from "./support/stack";
import { e2eSuite } from "./support/suite";

const suite = e2eSuite();
const AUTO = { status: "AutoRenewal", period: 1, periodUnit: "Y" } as const;
const WHO = `KMS instance ${INSTANCE_ID} (cn-hangzhou)`;
let stack: E2eStack;

/** The requests of `action` the emulator served since its last stats reset. */
const served = (action: string): RequestLogEntry[] =>
  suite
    .emu()
    .control.requests()
    .filter((r) => r.action === action);

/** A console user's SetRenewal: a signed BSS call with the account's own key. */
async function consoleSetsRenewal(query: Record<string, string>): Promise<void> {
  const client = kmsClient(suite.emu().endpoint, {
    accessKeyId: TEST_ACCESS_KEY_ID,
    accessKeySecret: TEST_ACCESS_KEY_SECRET,
  });
  const res = await call(
    client,
    "SetRenewal",
    { InstanceIDs: INSTANCE_ID, ProductCode: "kms", ProductType: "kms_ddi_public_cn", ...query },
    undefined,
    "2017-12-14",
  );
  expect(res.body.Success).toBe(true);
}

beforeAll(async () => {
  // The seed's connected instance renews automatically; adopting starts from ManualRenewal.
  suite.emu().control.reset();
  suite.emu().control.patchInstance(INSTANCE_ID, { Renewal: null });
  stack = await suite.stackOf("adopt", {
    ...adoptConfig(suite.emu(), current(suite.emu())),
    renewal: AUTO,
  });
});

test("adopting with renewal AutoRenewal 1 Y makes one SetRenewal, and the next preview is clean", async () => {
  suite.emu().control.patchInstance(INSTANCE_ID, { Renewal: null });
  suite.emu().control.resetStats();
  await stack.up();
  expect(served("SetRenewal").map((r) => r.params)).toEqual([
    {
      InstanceIDs: INSTANCE_ID,
      ProductCode: "kms",
      ProductType: "kms_ddi_public_cn",
      SubscriptionType: "Subscription",
      RenewalStatus: "AutoRenewal",
      RenewalPeriod: "1",
      RenewalPeriodUnit: "Y",
    },
  ]);
  expect(mutatingCalls(suite.emu())).toBe(1);
  expect((await stack.outputs()).renewal).toEqual(AUTO);
  suite.emu().control.resetStats();
  await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
  expect(mutatingCalls(suite.emu())).toBe(0);
});

test("an out-of-band SetRenewal to ManualRenewal is drift: preview --refresh shows it, up corrects it", async () => {
  await consoleSetsRenewal({ RenewalStatus: "ManualRenewal", SubscriptionType: "Subscription" });
  const check = await stack.fails(["preview", "--refresh", "--expect-no-changes", "--diff"]);
  expect(check.output).toMatch(/renewal/);
  expect(check.output).toMatch(/ManualRenewal/);
  suite.emu().control.resetStats();
  await stack.up(["--refresh"]);
  expect(served("SetRenewal").map((r) => r.params?.RenewalStatus)).toEqual(["AutoRenewal"]);
  expect(current(suite.emu()).Renewal).toEqual({
    RenewStatus: "AutoRenewal",
    RenewalDuration: 1,
    RenewalDurationUnit: "Y",
  });
  await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
});

test("near the end date: an auto-renewing instance gets an informational line, a manual one a warning", async () => {
  const endDate = apiDateIn(10);
  suite.emu().control.patchInstance(INSTANCE_ID, { KmsInstance: { EndDate: endDate } });
  const auto = await stack.ok(["refresh", "--yes"]);
  expect(auto.output).toContain(
    `${WHO} ends in 10 days, on ${endDate}, and renews automatically then for 1 year at a time (AutoRenewal).`,
  );
  expect(auto.output).not.toMatch(/warning: .*expires in/);

  await consoleSetsRenewal({ RenewalStatus: "ManualRenewal", SubscriptionType: "Subscription" });
  const manual = await stack.ok(["refresh", "--yes"]);
  expect(manual.output).toMatch(
    new RegExp(
      `warning: ${WHO.replace(/[()]/g, "\\$&")} expires in 10 days, on ${endDate} and renews manually \\(ManualRenewal\\): renew it before then\\.`,
    ),
  );
  // The refresh recorded the live ManualRenewal; up puts the declared AutoRenewal back.
  await stack.up();
  expect(current(suite.emu()).Renewal?.RenewStatus).toBe("AutoRenewal");
});

test("without renewal declared, a refresh far from the end date makes no BSS call; near it, one", async () => {
  // No longer declared: adopted again (replace = stop managing, then adopt), so the stored list
  // of managed properties no longer names renewal (see diffInstance on stale lists).
  await stack.removeConfig("renewal");
  const urn = (await stack.resource("kms"))?.urn as string;
  await stack.up(["--replace", urn]);
  expect((await stack.resource("kms"))?.outputs?.managedProperties).not.toContain("renewal");

  // One refresh (no preview pass first), as a scheduled job runs it.
  suite.emu().control.resetStats();
  await stack.ok(["refresh", "--yes", "--skip-preview"]);
  const far = suite
    .emu()
    .control.requests()
    .map((r) => r.action);
  expect(far).not.toContain("QueryAvailableInstances");
  // The tags are managed by this program, so a refresh is GetKmsInstance + ListTagResources
  // (+ the caller's identity, once per provider process).
  expect(far.filter((a) => a !== "GetCallerIdentity").sort()).toEqual([
    "GetKmsInstance",
    "ListTagResources",
  ]);

  suite.emu().control.patchInstance(INSTANCE_ID, { KmsInstance: { EndDate: apiDateIn(5) } });
  suite.emu().control.resetStats();
  const near = await stack.ok(["refresh", "--yes", "--skip-preview"]);
  expect(served("QueryAvailableInstances")).toHaveLength(1);
  expect(near.output).toMatch(/ends in 5 days, .* renews automatically then/);
  // Read for the expiry line, and recorded as an output (refresh does not rerun the program,
  // so the resource's state shows it, not the stack outputs).
  expect((await stack.resource("kms"))?.outputs?.renewal).toEqual(AUTO);
  await stack.setConfig({ renewal: AUTO });
  await stack.up();
});

test("a bad unit fails preview naming the field, with zero API calls", async () => {
  await stack.setConfig({ renewal: { status: "AutoRenewal", period: 1, periodUnit: "W" } });
  suite.emu().control.resetStats();
  const preview = await stack.fails(["preview"]);
  expect(preview.output).toContain(
    `renewal.periodUnit must be "M" (months) or "Y" (years); got "W".`,
  );
  expect(suite.emu().control.requests()).toEqual([]);
  await stack.setConfig({ renewal: AUTO });
});

test("an international account: NotApplicable moves the calls to the _intl product types", async () => {
  suite.emu().control.putAccount({ AccountId: EMULATOR_ACCOUNT_ID, Site: "intl" });
  suite.emu().control.patchInstance(INSTANCE_ID, { Renewal: null });
  suite.emu().control.resetStats();
  await stack.up(["--refresh"]);
  // The refresh learns the account's site; the update's read and its SetRenewal keep to it.
  const queries = served("QueryAvailableInstances");
  expect(queries.map((r) => [r.params?.ProductType, r.status, r.code ?? ""])).toEqual([
    ["kms_ddi_public_cn", 400, "NotApplicable"],
    ["kms_ddi_public_intl", 200, ""],
    ["kms_ddi_public_intl", 200, ""],
  ]);
  expect(served("SetRenewal").map((r) => [r.params?.ProductType, r.status])).toEqual([
    ["kms_ddi_public_intl", 200],
  ]);
  await stack.ok(["preview", "--refresh", "--expect-no-changes"]);
});

test("a pay-as-you-go instance: declaring renewal fails preview saying why, before any change", async () => {
  suite.emu().control.patchInstance(INSTANCE_ID, { KmsInstance: { ChargeType: "POSTPAY" } });
  suite.emu().control.resetStats();
  const preview = await stack.fails(["preview", "--refresh"]);
  expect(preview.output).toContain(
    `renewal cannot be managed on KMS instance ${INSTANCE_ID}: it is pay-as-you-go (chargeType POSTPAY), and only subscription instances renew.`,
  );
  expect(mutatingCalls(suite.emu())).toBe(0);
  expect(served("QueryAvailableInstances")).toEqual([]);
});
