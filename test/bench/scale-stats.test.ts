/** The scale bench's arithmetic: medians, paired ratios and the rotation of kinds per round. */
import fc from "fast-check";
import { median, pairedRatio, rotation } from "../../bench/scale/stats";

const timing = fc.double({ min: 0.001, max: 1e4, noNaN: true, noDefaultInfinity: true });

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([3])).toBe(3);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("refuses an empty list", () => {
    expect(() => median([])).toThrow(/no values/);
  });

  it("lies within the values, ignores their order, and leaves the input alone", () => {
    fc.assert(
      fc.property(fc.array(timing, { minLength: 1, maxLength: 25 }), (xs) => {
        const copy = [...xs];
        const m = median(xs);
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(Math.max(...xs));
        expect(median([...xs].reverse())).toBe(m);
        expect(xs).toStrictEqual(copy);
      }),
    );
  });

  it("is not moved by one outlier round among three or more", () => {
    fc.assert(
      fc.property(timing, fc.integer({ min: 3, max: 9 }), (t, n) => {
        const xs = Array.from({ length: n }, () => t);
        xs[0] = t * 1000;
        expect(median(xs)).toBe(t);
      }),
    );
  });
});

describe("pairedRatio", () => {
  it("is the median of the per-round ratios", () => {
    expect(pairedRatio([2, 3, 10], [2, 2, 5])).toBe(1.5);
  });

  it("cancels load that scales both timings of a round alike", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(timing, fc.double({ min: 0.1, max: 10, noNaN: true })), {
          minLength: 1,
          maxLength: 9,
        }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (rounds, ratio) => {
          const baseline = rounds.map(([t, load]) => t * load);
          const subject = baseline.map((b) => b * ratio);
          expect(pairedRatio(subject, baseline)).toBeCloseTo(ratio, 9);
        },
      ),
    );
  });

  it("refuses unpaired or non-positive baselines", () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/unpaired/);
    expect(() => pairedRatio([1], [0])).toThrow(/not positive/);
  });
});

describe("rotation", () => {
  it("starts each round with the next kind", () => {
    expect(rotation(["a", "b", "c"], 0)).toStrictEqual(["a", "b", "c"]);
    expect(rotation(["a", "b", "c"], 1)).toStrictEqual(["b", "c", "a"]);
    expect(rotation(["a", "b", "c"], 5)).toStrictEqual(["c", "a", "b"]);
    expect(rotation([], 3)).toStrictEqual([]);
  });

  it("is a permutation, and over as many rounds as kinds puts every kind first once", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 6 }), (kinds) => {
        const firsts = kinds.map((_, round) => rotation(kinds, round)[0]);
        expect(new Set(firsts).size).toBe(kinds.length);
        for (let round = 0; round < kinds.length; round++) {
          expect([...rotation(kinds, round)].sort()).toStrictEqual([...kinds].sort());
        }
      }),
    );
  });
});
