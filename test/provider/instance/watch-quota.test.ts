/**
 * `watchQuota` is an option of the provider, not a property of the instance: checked as a
 * boolean, compared with the stored value only (an update, never a replace, never against the
 * API), no call planned, and carried from the outputs into the inputs a refresh stores.
 */
import {
  INPUT_PROPERTIES,
  checkInputs,
  diffInstance,
  planUpdate,
  readResult,
  type KmsInstanceOutputs,
} from "../../../provider/instance";

const ID = "kst-hzz65f176a0ogplgqxxxx";
const isUnknown = (v: unknown) => v === UNKNOWN;
const UNKNOWN = Symbol("unknown");
const check = (news: Record<string, unknown>) =>
  checkInputs({ kmsInstanceId: ID, region: "cn-hangzhou", ...news }, { isUnknown });
const stored = (extra: Partial<KmsInstanceOutputs> = {}): KmsInstanceOutputs => ({
  kmsInstanceId: ID,
  region: "cn-hangzhou",
  managedProperties: [],
  status: "Connected",
  ...extra,
});
/** Stored outputs as the engine hands them to diff: a plain property bag. */
const olds = (o: KmsInstanceOutputs) => o as unknown as Record<string, unknown>;

test("watchQuota is an accepted input, a boolean", () => {
  expect(INPUT_PROPERTIES).toContain("watchQuota");
  expect(check({ watchQuota: true })).toEqual({
    inputs: { kmsInstanceId: ID, region: "cn-hangzhou", watchQuota: true },
    failures: [],
  });
  // false is the default: stored as undeclared, so false and absent never differ.
  expect(check({ watchQuota: false }).inputs).not.toHaveProperty("watchQuota");
  expect(check({ watchQuota: UNKNOWN }).failures).toEqual([]);
  expect(check({ watchQuota: "yes" }).failures).toEqual([
    { property: "watchQuota", reason: 'watchQuota must be true or false; got "yes".' },
  ]);
});

test("turning it on or off is an update without replace; keeping it is no diff", () => {
  const on = check({ watchQuota: true }).inputs;
  const off = check({}).inputs;
  const watched = stored({ watchQuota: true });
  expect(diffInstance(olds(stored()), on, { isUnknown })).toEqual({
    changes: true,
    replaces: [],
    diffs: [{ property: "watchQuota", kind: "add", replace: false }],
  });
  expect(diffInstance(olds(watched), off, { isUnknown }).diffs).toEqual([
    { property: "watchQuota", kind: "delete", replace: false },
  ]);
  expect(diffInstance(olds(watched), on, { isUnknown }).changes).toBe(false);
  expect(diffInstance(olds(stored()), off, { isUnknown }).changes).toBe(false);
  // The quota figures are outputs only: a different usage is never a diff.
  const withQuota = stored({
    watchQuota: true,
    quota: {
      key: { quota: 1, used: 1 },
      secret: { quota: 1, used: 1 },
      vpc: { quota: 1, used: 1 },
      qps: { quota: 1, used: 1 },
    },
  });
  expect(diffInstance(olds(withQuota), on, { isUnknown }).changes).toBe(false);
});

test("it never plans an API call", () => {
  expect(planUpdate(stored(), check({ watchQuota: true }).inputs)).toEqual([]);
});

test("a refresh stores it as an input exactly when it was on", () => {
  expect(readResult(stored({ watchQuota: true })).inputs).toEqual({
    kmsInstanceId: ID,
    region: "cn-hangzhou",
    watchQuota: true,
  });
  expect(readResult(stored()).inputs).not.toHaveProperty("watchQuota");
});
