/**
 * The adaptive limiter's policy with a fake clock: no pacing until throttled, a starting rate
 * from what the service accepted, at most one decrease per window, slow recovery — and, for any
 * sequence of events, a rate within [min, max] and slots never closer than the rate allows.
 */
import fc from "fast-check";
import { KmsError } from "../../../provider/kms/errors";
import { DEFAULT_LIMITER_POLICY, RateController } from "../../../provider/kms/limiter";
import { withRetry } from "../../../provider/kms/retry";

const T0 = 1_000_000;

describe("RateController", () => {
  it("does not pace before any throttling", () => {
    const c = new RateController();
    expect(c.rate()).toBeUndefined();
    const slots = Array.from({ length: 50 }, () => c.reserve(T0));
    expect(new Set(slots)).toEqual(new Set([T0]));
  });

  it("starts at 0.9 × the calls accepted in the last second when first throttled", () => {
    const c = new RateController();
    for (let i = 0; i < 20; i++) c.accepted(T0, T0 + i);
    c.throttled(T0, T0 + 30);
    expect(c.rate()).toBeCloseTo(18, 10);
    // Paced from now on: 1000 / 18 ms apart.
    const a = c.reserve(T0 + 30);
    const b = c.reserve(T0 + 30);
    expect(a).toBe(T0 + 30);
    expect(b - a).toBeCloseTo(1000 / 18, 6);
  });

  it("answers of the first burst that arrive after the first throttle refine the start", () => {
    const c = new RateController();
    c.throttled(T0, T0 + 5); // nothing accepted yet: the minimum
    expect(c.rate()).toBe(DEFAULT_LIMITER_POLICY.minRate);
    for (let i = 0; i < 20; i++) c.accepted(T0, T0 + 6 + i); // sent before pacing started
    expect(c.rate()).toBeCloseTo(18, 10);
  });

  it("decreases at most once per window, then by 0.9 × min(rate, accepted)", () => {
    const c = new RateController();
    for (let i = 0; i < 20; i++) c.accepted(T0, T0 + i);
    c.throttled(T0, T0 + 100);
    expect(c.rate()).toBeCloseTo(18, 10);
    // Calls paced at 18/s in the same window are throttled too: no compounding.
    for (let i = 1; i <= 10; i++) c.throttled(T0 + 100 + i * 55, T0 + 110 + i * 55);
    expect(c.rate()).toBeCloseTo(18, 10);
    // A window later, 15 accepted in the last second: 0.9 × min(18, 15).
    for (let i = 0; i < 15; i++) c.accepted(T0 + 1200 + i, T0 + 1200 + i * 50);
    const before = c.rate()!;
    c.throttled(T0 + 2000, T0 + 2001);
    expect(c.rate()).toBeCloseTo(0.9 * Math.min(before, c.acceptedInWindow(T0 + 2001)), 10);
    expect(c.rate()!).toBeLessThan(before);
  });

  it("recovers by 1 call/s per second of accepted calls", () => {
    const c = new RateController();
    for (let i = 0; i < 10; i++) c.accepted(T0, T0 + i);
    c.throttled(T0, T0 + 10); // 9/s, pacing starts at T0 + 10
    c.accepted(T0 + 20, T0 + 2010);
    expect(c.rate()).toBeCloseTo(11, 10);
    c.accepted(T0 + 2020, T0 + 4010);
    expect(c.rate()).toBeCloseTo(13, 10);
  });

  it("rejects a policy that cannot work", () => {
    expect(() => new RateController({ ...DEFAULT_LIMITER_POLICY, minRate: 0 })).toThrow();
    expect(() => new RateController({ ...DEFAULT_LIMITER_POLICY, decreaseFactor: 1 })).toThrow();
    expect(() => new RateController({ ...DEFAULT_LIMITER_POLICY, maxRate: 0.5 })).toThrow();
  });

  type Event =
    | { kind: "reserve"; dt: number }
    | { kind: "accepted"; dt: number; age: number }
    | { kind: "throttled"; dt: number; age: number };
  const event: fc.Arbitrary<Event> = fc.oneof(
    fc.record({ kind: fc.constant("reserve" as const), dt: fc.integer({ min: 0, max: 300 }) }),
    fc.record({
      kind: fc.constant("accepted" as const),
      dt: fc.integer({ min: 0, max: 300 }),
      age: fc.integer({ min: 0, max: 3000 }),
    }),
    fc.record({
      kind: fc.constant("throttled" as const),
      dt: fc.integer({ min: 0, max: 300 }),
      age: fc.integer({ min: 0, max: 3000 }),
    }),
  );
  const policy = fc.record({
    minRate: fc.double({ min: 0.1, max: 5, noNaN: true }),
    spread: fc.double({ min: 1, max: 200, noNaN: true }),
    decreaseFactor: fc.double({ min: 0.1, max: 0.99, noNaN: true }),
    increasePerSecond: fc.double({ min: 0, max: 10, noNaN: true }),
    windowMs: fc.integer({ min: 100, max: 5000 }),
  });

  it("property: the rate stays within [minRate, maxRate] once pacing", () => {
    fc.assert(
      fc.property(policy, fc.array(event, { maxLength: 300 }), (p, events) => {
        const c = new RateController({ ...p, maxRate: p.minRate * p.spread });
        let t = T0;
        for (const e of events) {
          t += e.dt;
          if (e.kind === "reserve") c.reserve(t);
          else if (e.kind === "accepted") c.accepted(t - e.age, t);
          else c.throttled(t - e.age, t);
          const r = c.rate();
          if (r !== undefined) {
            expect(r).toBeGreaterThanOrEqual(p.minRate);
            expect(r).toBeLessThanOrEqual(p.minRate * p.spread);
          }
        }
      }),
    );
  });

  it("property: slots are never closer than the rate at reservation allows, never in the past", () => {
    fc.assert(
      fc.property(policy, fc.array(event, { maxLength: 300 }), (p, events) => {
        const c = new RateController({ ...p, maxRate: p.minRate * p.spread });
        let t = T0;
        let last: { at: number; rate: number | undefined } | undefined;
        for (const e of events) {
          t += e.dt;
          if (e.kind === "accepted") c.accepted(t - e.age, t);
          else if (e.kind === "throttled") c.throttled(t - e.age, t);
          else {
            const rate = c.rate();
            const at = c.reserve(t);
            expect(at).toBeGreaterThanOrEqual(t);
            expect(c.nextSlot(t)).toBeGreaterThanOrEqual(at);
            if (last?.rate !== undefined) {
              expect(at - last.at).toBeGreaterThanOrEqual(1000 / last.rate - 1e-6);
            }
            last = { at, rate };
          }
        }
      }),
    );
  });

  it("property: an accepted answer never lowers the rate", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), (events) => {
        const c = new RateController();
        let t = T0;
        for (const e of events) {
          t += e.dt;
          if (e.kind === "reserve") c.reserve(t);
          else if (e.kind === "throttled") c.throttled(t - e.age, t);
          else {
            const before = c.rate();
            c.accepted(t - e.age, t);
            if (before !== undefined) expect(c.rate()!).toBeGreaterThanOrEqual(before);
          }
        }
      }),
    );
  });
});

describe("withRetry through a limiter (fake clock)", () => {
  function fakeClock() {
    let t = T0;
    const waits: number[] = [];
    return {
      waits,
      now: () => t,
      sleep: async (ms: number) => {
        waits.push(ms);
        t += ms;
      },
    };
  }
  const throttled = () =>
    new KmsError({
      kind: "throttled",
      action: "GetKmsInstance",
      region: "cn-hangzhou",
      code: "Throttling.User",
      statusCode: 400,
      detail: "flow control",
    });
  const transient = () =>
    new KmsError({
      kind: "transient",
      action: "GetKmsInstance",
      region: "cn-hangzhou",
      code: "InternalFailure",
      statusCode: 500,
      detail: "boom",
    });

  it("a throttled attempt is retried in the limiter's next slot, without a backoff of its own", async () => {
    const clock = fakeClock();
    const limiter = new RateController();
    for (let i = 0; i < 4; i++) limiter.accepted(T0 - 10, T0 - 5); // 4 accepted: start at 3.6/s
    const kinds: string[] = [];
    const result = await withRetry(
      async (attempt) => {
        if (attempt <= 2) throw throttled();
        return "ok";
      },
      { ...clock, limiter, random: () => 0.999, onRetry: (i) => kinds.push(i.kind) },
    );
    expect(result).toBe("ok");
    expect(kinds).toEqual(["throttled", "throttled"]);
    // The first throttle started pacing at 3.6/s: the retry right after it takes the slot that
    // opens then, the next one waits a whole interval — no exponential backoff anywhere; the
    // second throttle, within the same window, did not lower the rate again.
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0]).toBeCloseTo(1000 / 3.6, 6);
    // The success then raised the rate by 1/s per second since pacing started (additive).
    expect(limiter.rate()!).toBeCloseTo(3.6 + 1 / 3.6, 6);
  });

  it("a transient failure keeps its exponential backoff", async () => {
    const clock = fakeClock();
    const limiter = new RateController();
    const kinds: string[] = [];
    await withRetry(
      async (attempt) => {
        if (attempt <= 2) throw transient();
      },
      { ...clock, limiter, random: () => 0.5, onRetry: (i) => kinds.push(i.kind) },
    );
    expect(kinds).toEqual(["transient", "transient"]);
    expect(clock.waits).toEqual([125, 250]);
    expect(limiter.rate()).toBeUndefined(); // a 5xx answer is no throttling
  });

  it("a slot beyond the budget ends the retries, saying so", async () => {
    const clock = fakeClock();
    const limiter = new RateController({ ...DEFAULT_LIMITER_POLICY, increasePerSecond: 0 });
    limiter.throttled(T0 - 1, T0); // nothing accepted: the minimum, 1 call/s
    for (let i = 0; i < 5; i++) limiter.reserve(T0); // others queued ahead: 5 s of slots
    let attempts = 0;
    const err = await withRetry(
      async () => {
        attempts++;
        throw throttled();
      },
      { ...clock, limiter, maxElapsedMs: 2000 },
    ).catch((e: unknown) => e as KmsError);
    expect(err).toBeInstanceOf(KmsError);
    expect(attempts).toBe(1);
    expect(err.message).toMatch(/gave up after 1 attempt over 5\.0 s/);
  });
});
