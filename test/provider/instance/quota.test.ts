/**
 * The quota usage's pure parts: the strict decoder of a `GetKmsInstanceQuotaInfos` answer (JSON
 * integers or decimal strings; anything else is a problem, never a 0) and the threshold of the
 * warnings, which kms-drift files under "quota".
 */
import fc from "fast-check";
import { warningKind } from "../../../drift/warnings";
import {
  QUOTA_RESOURCE_TYPES,
  decodeQuotaInfos,
  quotaWarnings,
  type QuotaUsage,
} from "../../../provider/instance";
import { decodeCount } from "../../../provider/instance/quota";

const ID = "kst-hzz65f176a0ogplgqxxxx";

const row = (ResourceType: string, ResourceQuota: unknown, UsedQuantity: unknown) => ({
  RequestId: "r",
  KmsInstanceId: ID,
  KmsInstanceQuotaInfos: [{ ResourceType, ResourceQuota, UsedQuantity }],
});

const usage = (key: [number, number], rest: [number, number] = [10, 0]): QuotaUsage => ({
  key: { quota: key[0], used: key[1] },
  secret: { quota: rest[0], used: rest[1] },
  vpc: { quota: rest[0], used: rest[1] },
  qps: { quota: rest[0], used: rest[1] },
});

const WHO = { kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx", region: "cn-hangzhou" };

test("counts are non-negative integers, as JSON numbers or decimal strings", () => {
  expect(decodeCount(1000)).toBe(1000);
  expect(decodeCount("100")).toBe(100);
  expect(decodeCount(0)).toBe(0);
  for (const bad of [-1, 1.5, "1.5", "", " 1", "1e3", "-2", null, undefined, true, {}, [], NaN]) {
    expect(decodeCount(bad)).toBeUndefined();
  }
  fc.assert(
    fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
      expect(decodeCount(n)).toBe(n);
      if (n < 1e15) expect(decodeCount(String(n))).toBe(n);
    }),
  );
});

test("one row of the asked type decodes; numbers and strings alike", () => {
  expect(decodeQuotaInfos(row("key", 1000, 3), "key", ID)).toEqual({
    figure: { quota: 1000, used: 3 },
  });
  expect(decodeQuotaInfos(row("secret", "100", "7"), "secret", ID)).toEqual({
    figure: { quota: 100, used: 7 },
  });
  // Rows of other types are ignored.
  const mixed = {
    KmsInstanceId: ID,
    KmsInstanceQuotaInfos: [
      { ResourceType: "qps", ResourceQuota: 1000, UsedQuantity: 0 },
      { ResourceType: "vpc", ResourceQuota: 7, UsedQuantity: 2 },
    ],
  };
  expect(decodeQuotaInfos(mixed, "vpc", ID)).toEqual({ figure: { quota: 7, used: 2 } });
});

test.each<[string, unknown]>([
  ["no body", undefined],
  ["a body without the list", { RequestId: "x" }],
  ["a list that is not an array", { KmsInstanceQuotaInfos: { ResourceType: "key" } }],
  ["no row of the type", row("secret", 1, 0)],
  [
    "two rows of the type",
    {
      KmsInstanceId: ID,
      KmsInstanceQuotaInfos: [
        row("key", 1, 0).KmsInstanceQuotaInfos[0],
        row("key", 2, 0).KmsInstanceQuotaInfos[0],
      ],
    },
  ],
  ["a missing quota", row("key", undefined, 0)],
  ["a missing used count", row("key", 10, undefined)],
  ["a negative count", row("key", 10, -1)],
  ["a fraction", row("key", 10.5, 0)],
  ["a non-numeric string", row("key", "ten", 0)],
])("%s is a problem, never a figure", (_name, body) => {
  const decoded = decodeQuotaInfos(body, "key", ID);
  expect(decoded).toHaveProperty("problem");
  expect((decoded as { problem: string }).problem).toMatch(/KmsInstanceQuotaInfos|key/);
});

test.each<[string, unknown, RegExp]>([
  ["no KmsInstanceId", { ...row("key", 0, 0), KmsInstanceId: undefined }, /names no KmsInstanceId/],
  ["an empty KmsInstanceId", { ...row("key", 0, 0), KmsInstanceId: "" }, /names no KmsInstanceId/],
  [
    "another instance's id",
    { ...row("key", 1000, 3), KmsInstanceId: "kst-hzz65f176a0ogplgqyyyy" },
    /names KmsInstanceId "kst-hzz65f176a0ogplgqyyyy", not the instance asked/,
  ],
  ["an id that is not a string", { ...row("key", 1000, 3), KmsInstanceId: 7 }, /no KmsInstanceId/],
])(
  "a well-formed answer with %s is a problem: its figures are not this instance's",
  (_n, body, msg) => {
    const decoded = decodeQuotaInfos(body, "key", ID);
    expect(decoded).toEqual({ problem: expect.stringMatching(msg) });
  },
);

test("a warning exactly from the threshold on, one per resource type reached", () => {
  expect(quotaWarnings(WHO, usage([1000, 899]), 90)).toEqual([]);
  const at = quotaWarnings(WHO, usage([1000, 900]), 90);
  expect(at).toHaveLength(1);
  expect(at[0]).toContain("kst-hzz65f176a0ogplgqxxxx (cn-hangzhou)");
  expect(at[0]).toContain("900 of its key quota of 1000 (90 %");
  expect(quotaWarnings(WHO, usage([10, 10], [10, 10]), 100)).toHaveLength(4);
  // A quota of 0: nothing used is fine, anything used is over.
  expect(quotaWarnings(WHO, usage([0, 0]), 1)).toEqual([]);
  expect(quotaWarnings(WHO, usage([0, 1]), 100)[0]).toContain("(over,");
});

test("the threshold is exact for any figures (integer arithmetic)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.integer({ min: 0, max: 2_000_000 }),
      fc.integer({ min: 1, max: 100 }),
      (quota, used, percent) => {
        const warned = quotaWarnings(WHO, usage([quota, used], [1, 0]), percent).length === 1;
        // Exact rational comparison: used / quota >= percent / 100.
        expect(warned).toBe(BigInt(used) * 100n >= BigInt(percent) * BigInt(quota));
      },
    ),
  );
});

test("kms-drift files every quota warning under quota", () => {
  for (const type of QUOTA_RESOURCE_TYPES) {
    const u = usage([1, 0], [1, 0]);
    u[type] = { quota: 5, used: 5 };
    const [w] = quotaWarnings(WHO, u, 90);
    expect(w).toContain(type);
    expect(warningKind(w)).toBe("quota");
  }
});
