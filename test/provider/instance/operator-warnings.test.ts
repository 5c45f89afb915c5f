import fc from "fast-check";
import { operatorMessages, type KmsInstanceOutputs } from "../../../provider/instance";

/** The warnings alone. */
const operatorWarnings = (...a: Parameters<typeof operatorMessages>): string[] =>
  operatorMessages(...a).warnings;

const base: KmsInstanceOutputs = {
  kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx",
  region: "cn-hangzhou",
  managedProperties: [],
};
const NOW = new Date("2026-11-28T12:00:00Z");

describe("operatorWarnings", () => {
  it("is silent for a connected instance far from its end date, or with neither field", () => {
    expect(
      operatorWarnings({ ...base, status: "Connected", endDate: "2027-11-28T12:00:00Z" }, NOW, 30),
    ).toEqual([]);
    expect(operatorWarnings(base, NOW, 30)).toEqual([]);
  });

  it.each([
    ["Uninitialized", /not been connected to a VPC/],
    ["Connecting", /still connecting/],
    ["Disconnected", /disconnected from its VPC/],
    ["Error", /error state/],
    ["Frozen", /not Connected/],
  ])("warns about status %s with what it means for clients", (status, meaning) => {
    const [w, ...rest] = operatorWarnings({ ...base, status }, NOW, 30);
    expect(rest).toEqual([]);
    expect(w).toContain(`status ${status}`);
    expect(w).toContain("kst-hzz65f176a0ogplgqxxxx");
    expect(w).toContain("cn-hangzhou");
    expect(w).toMatch(meaning);
  });

  it("warns with days left and the date inside the window", () => {
    expect(operatorWarnings({ ...base, endDate: "2026-12-10T12:00:00Z" }, NOW, 30)).toEqual([
      "KMS instance kst-hzz65f176a0ogplgqxxxx (cn-hangzhou) expires in 12 days, on 2026-12-10T12:00:00Z: renew it before then.",
    ]);
    expect(operatorWarnings({ ...base, endDate: "2026-11-28T13:00:00Z" }, NOW, 30)[0]).toContain(
      "expires in 1 day,",
    );
    expect(operatorWarnings({ ...base, endDate: "2026-12-29T12:00:00Z" }, NOW, 30)).toEqual([]);
  });

  it("says when the instance expired", () => {
    const [w] = operatorWarnings(
      { ...base, status: "Connected", endDate: "2026-11-01T00:00:00Z" },
      NOW,
      30,
    );
    expect(w).toMatch(/kst-hzz65f176a0ogplgqxxxx \(cn-hangzhou\) expired on 2026-11-01T00:00:00Z/);
  });

  it("ignores an end date that does not parse", () => {
    expect(operatorWarnings({ ...base, endDate: "soon" }, NOW, 30)).toEqual([]);
  });

  it("warns about expiry exactly when the end date is within the window (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.nat(90), (offsetDays, window) => {
        const end = new Date(NOW.getTime() + offsetDays * 86_400_000 + 3_600_000);
        const ws = operatorWarnings({ ...base, endDate: end.toISOString() }, NOW, window);
        const expected = offsetDays < 0 || offsetDays + 1 <= window;
        expect(ws.length).toBe(expected ? 1 : 0);
      }),
    );
  });
});
