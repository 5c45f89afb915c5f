/** The `renewal` property: check, diff, plan and read-back, and the expiry messages it changes. */
import fc from "fast-check";
import {
  checkInputs,
  diffInstance,
  operatorMessages,
  planUpdate,
  readResult,
  type KmsInstanceOutputs,
} from "../../../../provider/instance";
import { Refusal } from "../../../../provider/refusal";

const ID = "kst-hzz65f176a0ogplgqxxxx";
const isUnknown = (v: unknown): boolean => v === "<unknown>";
const check = (renewal: unknown) =>
  checkInputs({ kmsInstanceId: ID, region: "cn-hangzhou", renewal }, { isUnknown }).failures;

const olds = (
  over: Partial<KmsInstanceOutputs> = {},
): KmsInstanceOutputs & Record<string, unknown> => ({
  kmsInstanceId: ID,
  region: "cn-hangzhou",
  managedProperties: ["renewal"],
  chargeType: "PREPAY",
  renewal: { status: "ManualRenewal" },
  ...over,
});

describe("renewal: check", () => {
  it("accepts AutoRenewal with a period and unit, and ManualRenewal alone", () => {
    expect(check({ status: "AutoRenewal", period: 1, periodUnit: "Y" })).toEqual([]);
    expect(check({ status: "AutoRenewal", period: 36, periodUnit: "M" })).toEqual([]);
    expect(check({ status: "ManualRenewal" })).toEqual([]);
    expect(check("<unknown>")).toEqual([]);
    expect(check({ status: "AutoRenewal", period: "<unknown>", periodUnit: "<unknown>" })).toEqual(
      [],
    );
  });

  it.each([
    [
      { status: "AutoRenewal", period: 1, periodUnit: "W" },
      "renewal.periodUnit",
      'must be "M" (months) or "Y" (years); got "W".',
    ],
    [
      { status: "AutoRenewal", period: 1 },
      "renewal.periodUnit",
      'is required with AutoRenewal: "M" (months) or "Y" (years).',
    ],
    [
      { status: "AutoRenewal", periodUnit: "M" },
      "renewal.period",
      "is required with AutoRenewal: a whole number of months or years, 1–36.",
    ],
    [
      { status: "AutoRenewal", period: 0, periodUnit: "M" },
      "renewal.period",
      "must be a whole number from 1 to 36; got number 0.",
    ],
    [
      { status: "AutoRenewal", period: 1.5, periodUnit: "M" },
      "renewal.period",
      "must be a whole number from 1 to 36; got number 1.5.",
    ],
    [
      { status: "NotRenewal" },
      "renewal.status",
      'must be AutoRenewal or ManualRenewal (NotRenewal can be read, not declared); got "NotRenewal".',
    ],
    [{}, "renewal.status", "is required: AutoRenewal or ManualRenewal."],
    [
      { status: "ManualRenewal", period: 1 },
      "renewal.period",
      "applies only to AutoRenewal: a manually renewed instance has no renewal period. Remove it.",
    ],
    [
      { status: "ManualRenewal", periodUnit: "Y" },
      "renewal.periodUnit",
      "applies only to AutoRenewal: a manually renewed instance has no renewal period. Remove it.",
    ],
    [
      { status: "ManualRenewal", every: 1 },
      "renewal.every",
      "is not a renewal field; accepted: status, period, periodUnit.",
    ],
    [
      "AutoRenewal",
      "renewal",
      'must be an object { status, period?, periodUnit? }; got "AutoRenewal".',
    ],
  ])("refuses %j at %s, saying what is accepted", (value, property, sentence) => {
    expect(check(value)).toEqual([{ property, reason: `${property} ${sentence}` }]);
  });

  it("accepts exactly the whole periods 1–36 (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double()), (period) => {
        const ok = Number.isInteger(period) && period >= 1 && period <= 36;
        expect(check({ status: "AutoRenewal", period, periodUnit: "M" }).length).toBe(ok ? 0 : 1);
      }),
    );
  });
});

describe("renewal: diff and plan", () => {
  const auto = { status: "AutoRenewal", period: 1, periodUnit: "Y" } as const;

  it("is no change when live equals declared, and one SetRenewal when it differs", () => {
    const same = olds({ renewal: { ...auto } });
    expect(diffInstance(same, { kmsInstanceId: ID, renewal: auto }, { isUnknown }).changes).toBe(
      false,
    );
    expect(planUpdate(same, { kmsInstanceId: ID, renewal: auto })).toEqual([]);
    const diff = diffInstance(olds(), { kmsInstanceId: ID, renewal: auto }, { isUnknown });
    expect(diff.changes).toBe(true);
    expect(diff.diffs).toEqual([{ property: "renewal", kind: "update", replace: false }]);
    expect(planUpdate(olds(), { kmsInstanceId: ID, renewal: auto })).toEqual([
      { action: "SetRenewal", renewal: auto },
    ]);
  });

  it("compares the period only for AutoRenewal", () => {
    const longer = { ...auto, period: 2 };
    expect(
      planUpdate(olds({ renewal: { ...auto } }), { kmsInstanceId: ID, renewal: longer }),
    ).toEqual([{ action: "SetRenewal", renewal: longer }]);
    expect(
      planUpdate(olds({ renewal: { status: "ManualRenewal" } }), {
        kmsInstanceId: ID,
        renewal: { status: "ManualRenewal" },
      }),
    ).toEqual([]);
  });

  it("is a change when the renewal was never read (newly declared)", () => {
    const diff = diffInstance(
      olds({ renewal: undefined }),
      { kmsInstanceId: ID, renewal: auto },
      {
        isUnknown,
      },
    );
    expect(diff.diffs).toEqual([{ property: "renewal", kind: "add", replace: false }]);
  });

  it("refuses a pay-as-you-go instance at diff and at plan, before any call", () => {
    const payg = olds({ chargeType: "POSTPAY", renewal: undefined });
    const expected =
      `renewal cannot be managed on KMS instance ${ID}: it is pay-as-you-go (chargeType POSTPAY), ` +
      "and only subscription instances renew. Remove `renewal` from the program. No change was made.";
    expect(() => diffInstance(payg, { kmsInstanceId: ID, renewal: auto }, { isUnknown })).toThrow(
      new Refusal("renewal", expected),
    );
    expect(() => planUpdate(payg, { kmsInstanceId: ID, renewal: auto })).toThrow(expected);
    // Not declared: nothing to refuse.
    expect(planUpdate(payg, { kmsInstanceId: ID })).toEqual([]);
  });

  it("reads the live renewal back as the input refresh stores", () => {
    expect(readResult(olds({ renewal: { ...auto } })).inputs.renewal).toEqual(auto);
    expect(readResult(olds({ renewal: { status: "NotRenewal" } })).inputs.renewal).toEqual({
      status: "NotRenewal",
    });
    expect("renewal" in readResult(olds({ renewal: undefined })).inputs).toBe(false);
  });
});

describe("renewal: expiry messages", () => {
  const NOW = new Date("2026-11-28T12:00:00Z");
  const near = (renewal?: KmsInstanceOutputs["renewal"], endDate = "2026-12-10T12:00:00Z") =>
    operatorMessages({ ...olds({ renewal }), status: "Connected", endDate }, NOW, 30);
  const who = `KMS instance ${ID} (cn-hangzhou)`;

  it("gives an auto-renewing instance an informational line, not a warning", () => {
    expect(near({ status: "AutoRenewal", period: 1, periodUnit: "Y" })).toEqual({
      warnings: [],
      infos: [
        `${who} ends in 12 days, on 2026-12-10T12:00:00Z, and renews automatically then for 1 year at a time (AutoRenewal).`,
      ],
    });
    expect(near({ status: "AutoRenewal", period: 6, periodUnit: "M" }).infos[0]).toContain(
      "for 6 months at a time",
    );
  });

  it("keeps the warning for ManualRenewal and NotRenewal, saying which", () => {
    expect(near({ status: "ManualRenewal" })).toEqual({
      warnings: [
        `${who} expires in 12 days, on 2026-12-10T12:00:00Z and renews manually (ManualRenewal): renew it before then.`,
      ],
      infos: [],
    });
    expect(near({ status: "NotRenewal" }).warnings).toEqual([
      `${who} expires in 12 days, on 2026-12-10T12:00:00Z and is set not to renew (NotRenewal): renew it before then.`,
    ]);
  });

  it("keeps the plain warning when the renewal was not read", () => {
    expect(near(undefined).warnings).toEqual([
      `${who} expires in 12 days, on 2026-12-10T12:00:00Z: renew it before then.`,
    ]);
  });

  it("warns about an expired instance whatever its renewal", () => {
    const past = "2026-11-01T00:00:00Z";
    expect(near({ status: "AutoRenewal", period: 1, periodUnit: "M" }, past)).toEqual({
      warnings: [
        `${who} expired on ${past} although it renews automatically: check the account's balance and the renewal order in the billing console, or its keys and secrets stop being served.`,
      ],
      infos: [],
    });
    expect(near({ status: "ManualRenewal" }, past).warnings).toEqual([
      `${who} expired on ${past} and renews manually (ManualRenewal): renew it, or its keys and secrets stop being served.`,
    ]);
  });

  it("says nothing outside the window", () => {
    expect(near({ status: "ManualRenewal" }, "2027-06-01T00:00:00Z")).toEqual({
      warnings: [],
      infos: [],
    });
  });
});
