/**
 * The scale bench's report and inputs: table rows from raw timings, the throttled summary from
 * an emulator request log, and the options parser.
 */
import fc from "fast-check";
import { FULL, SHORT, parseScaleOptions } from "../../bench/scale/options";
import {
  OPERATIONS,
  RESULT_PREFIX,
  formatTable,
  formatThrottle,
  resultLine,
  toRows,
  toThrottleResult,
  type Timings,
} from "../../bench/scale/report";
import { summarizeThrottledRefresh } from "../../bench/scale/throttle-summary";
import type { EmulatorStats, RequestLogEntry } from "../../emulator";

const timing = fc.double({ min: 0.01, max: 1000, noNaN: true, noDefaultInfinity: true });

describe("toRows and formatTable", () => {
  it("gives medians and paired ratios to the wide and the call baselines", () => {
    const [row] = toRows([
      {
        size: 10,
        op: "refresh",
        kms: [5.5, 6.6, 11],
        trivial: [4, 4, 8],
        wide: [5, 6, 10],
        call: [5.25, 6.3, 10.5],
        cpu: {
          kms: [3, 4, 5],
          trivial: [2, 2, 2],
          wide: [3, 4, 4],
          call: [3, 3.5, 4],
          emulator: [0.5, 0.2, 0.4],
          callEmulator: [0.4, 0.2, 0.5],
        },
      },
    ]);
    expect(row.medianSeconds).toStrictEqual({ kms: 6.6, trivial: 4, wide: 6, call: 6.3 });
    expect(row.kmsToWide).toBeCloseTo(1.1, 12);
    expect(row.trivialToWide).toBeCloseTo(0.8, 12);
    expect(row.callToWide).toBeCloseTo(1.05, 12);
    // Per round kms/call: 5.5/5.25, 6.6/6.3, 11/10.5 — all 1.1/1.05.
    expect(row.kmsToCall).toBeCloseTo(1.1 / 1.05, 12);
    expect(row.medianCpuSeconds).toStrictEqual({
      kms: 4,
      trivial: 2,
      wide: 4,
      call: 3.5,
      emulator: 0.4,
      callEmulator: 0.4,
    });
    // Per round (kms + emulator) / wide: 3.5/3, 4.2/4, 5.4/4.
    expect(row.cpuKmsToWide).toBeCloseTo(1.1667, 3);
    // Per round (call + its emulator) / wide: 3.4/3, 3.7/4, 4.5/4 → median 4.5/4.
    expect(row.cpuCallToWide).toBeCloseTo(4.5 / 4, 12);
    // Per round (kms + emulator) / (call + its emulator): 3.5/3.4, 4.2/3.7, 5.4/4.5 → 4.2/3.7.
    expect(row.cpuKmsToCall).toBeCloseTo(4.2 / 3.7, 12);
    expect(row.rounds).toBe(3);
  });

  it("prints one well-formed line per row, with every ratio to two decimals", () => {
    const ops = Object.keys(OPERATIONS) as Timings["op"][];
    const timingsArb = fc.array(
      fc
        .tuple(
          fc.integer({ min: 1, max: 1000 }),
          fc.constantFrom(...ops),
          fc.integer({ min: 1, max: 5 }),
        )
        .chain(([size, op, rounds]) =>
          fc.record({
            size: fc.constant(size),
            op: fc.constant(op),
            kms: fc.array(timing, { minLength: rounds, maxLength: rounds }),
            trivial: fc.array(timing, { minLength: rounds, maxLength: rounds }),
            wide: fc.array(timing, { minLength: rounds, maxLength: rounds }),
            call: fc.array(timing, { minLength: rounds, maxLength: rounds }),
            cpu: fc.record({
              kms: fc.array(timing, { minLength: rounds, maxLength: rounds }),
              trivial: fc.array(timing, { minLength: rounds, maxLength: rounds }),
              wide: fc.array(timing, { minLength: rounds, maxLength: rounds }),
              call: fc.array(timing, { minLength: rounds, maxLength: rounds }),
              emulator: fc.array(timing, { minLength: rounds, maxLength: rounds }),
              callEmulator: fc.array(timing, { minLength: rounds, maxLength: rounds }),
            }),
          }),
        ),
      { minLength: 1, maxLength: 9 },
    );
    fc.assert(
      fc.property(timingsArb, (timings) => {
        const rows = toRows(timings);
        const lines = formatTable(rows).split("\n");
        expect(lines).toHaveLength(rows.length + 1);
        expect(lines[0]).toMatch(/kms\/wide/);
        rows.forEach((row, i) => {
          expect(lines[i + 1]).toMatch(
            /^\s*\d+ (up|refresh|preview --refresh)\s+(\d+\.\d\d\s+){14}\d+$/,
          );
          const cells = lines[i + 1].trim().split(/\s+/);
          expect(cells[0]).toBe(String(row.size));
          // After N and the operation (two words for preview --refresh): the figures in order.
          const figures = cells.slice(row.op === "preview-refresh" ? 3 : 2);
          expect(figures).toStrictEqual(
            [
              row.medianSeconds.kms,
              row.medianSeconds.trivial,
              row.medianSeconds.wide,
              row.medianSeconds.call,
              row.kmsToWide,
              row.trivialToWide,
              row.callToWide,
              row.kmsToCall,
              row.medianCpuSeconds.kms + row.medianCpuSeconds.emulator,
              row.medianCpuSeconds.wide,
              row.medianCpuSeconds.call + row.medianCpuSeconds.callEmulator,
              row.cpuKmsToWide,
              row.cpuCallToWide,
              row.cpuKmsToCall,
            ]
              .map((x) => x.toFixed(2))
              .concat(String(row.rounds)),
          );
          expect(Number.isFinite(row.kmsToWide) && row.kmsToWide > 0).toBe(true);
        });
      }),
    );
  });
});

describe("summarizeThrottledRefresh", () => {
  const ids = ["kst-a0000000", "kst-b0000000", "kst-c0000000"];
  const entry = (
    ms: number,
    instanceId: string,
    status: number,
    code?: string,
  ): RequestLogEntry => ({
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)).toISOString(),
    action: "GetKmsInstance",
    region: "cn-hangzhou",
    instanceId,
    status,
    ...(code ? { code } : {}),
    ms: 5,
  });
  const stats = (log: RequestLogEntry[], total = log.length): EmulatorStats => {
    const byStatus: Record<string, number> = {};
    for (const e of log) byStatus[String(e.status)] = (byStatus[String(e.status)] ?? 0) + 1;
    return { total, byAction: { GetKmsInstance: byStatus } };
  };

  const T0 = Date.UTC(2026, 0, 1, 0, 0, 0, 0);
  /** A CLI run that started 800 ms before `T0` and ended `endMs` after it. */
  const cli = (endMs = 20_000) => ({ startedAtMs: T0 - 800, endedAtMs: T0 + endMs });

  it("counts reads, throttled answers and the span from first request to last answer", () => {
    const log = [
      entry(0, ids[0], 200),
      entry(10, ids[1], 400, "Throttling.User"),
      entry(1200, ids[1], 200),
      entry(1500, ids[2], 200),
    ];
    const s = summarizeThrottledRefresh({
      log,
      stats: stats(log),
      ids,
      exitCode: 0,
      cli: cli(1505 + 300),
    });
    expect(s).toStrictEqual({
      read: 3,
      failures: 0,
      throttled: 1,
      requests: 4,
      apiSpanMs: 1505,
      beforeFirstRequestMs: 800,
      afterLastAnswerMs: 300,
      logOverflowed: false,
    });
  });

  it("counts unread instances as failures, and a failed CLI as at least one", () => {
    const log = [entry(0, ids[0], 200), entry(5, ids[1], 400, "Throttling.User")];
    expect(
      summarizeThrottledRefresh({ log, stats: stats(log), ids, exitCode: 1, cli: cli() }).failures,
    ).toBe(2);
    const all = ids.map((id, i) => entry(i, id, 200));
    expect(
      summarizeThrottledRefresh({ log: all, stats: stats(all), ids, exitCode: 0, cli: cli() })
        .failures,
    ).toBe(0);
    expect(
      summarizeThrottledRefresh({ log: all, stats: stats(all), ids, exitCode: 2, cli: cli() })
        .failures,
    ).toBe(1);
  });

  it("falls back to the counters when the log did not hold the whole refresh", () => {
    const log = [entry(0, ids[2], 200)];
    const s = summarizeThrottledRefresh({
      log,
      stats: { total: 1500, byAction: { GetKmsInstance: { "200": 3, "400": 1497 } } },
      ids,
      exitCode: 0,
      cli: cli(),
    });
    expect(s).toMatchObject({ read: 3, failures: 0, throttled: 1497, logOverflowed: true });
  });

  it("never reports more reads than instances, nor negative failures", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.constantFrom(...ids, "kst-other000"),
            ok: fc.boolean(),
            ms: fc.integer({ min: 0, max: 10_000 }),
          }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 0, max: 3 }),
        (reqs, exitCode) => {
          const log = reqs.map((r) =>
            r.ok ? entry(r.ms, r.id, 200) : entry(r.ms, r.id, 400, "Throttling.User"),
          );
          const s = summarizeThrottledRefresh({
            log,
            stats: stats(log),
            ids,
            exitCode,
            cli: cli(),
          });
          expect(s.read).toBeLessThanOrEqual(ids.length);
          expect(s.read + s.failures).toBeGreaterThanOrEqual(ids.length);
          expect(s.failures).toBeGreaterThanOrEqual(exitCode === 0 ? 0 : 1);
          expect(s.apiSpanMs).toBeGreaterThanOrEqual(0);
          expect(s.beforeFirstRequestMs).toBeGreaterThanOrEqual(0);
          expect(s.afterLastAnswerMs).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

/** A throttled round of `seconds` wall time whose API span was `spanMs`, the rest split 3:1. */
function round(seconds: number, unthrottledSeconds: number, spanMs: number) {
  const rest = seconds * 1000 - spanMs;
  return {
    seconds,
    unthrottledSeconds,
    apiSpanMs: spanMs,
    beforeFirstRequestMs: rest * 0.75,
    afterLastAnswerMs: rest * 0.25,
    unthrottledBeforeFirstRequestMs: unthrottledSeconds * 500,
    callBeforeFirstRequestMs: unthrottledSeconds * 400,
  };
}

describe("toThrottleResult and formatThrottle", () => {
  it("states times as multiples of the quota floor and sums failures", () => {
    const t = toThrottleResult({
      instances: 100,
      rps: 20,
      rounds: [
        { ...round(7, 3, 5500), throttled: 40, failures: 0 },
        { ...round(9, 4, 6000), throttled: 60, failures: 0 },
        { ...round(8, 5, 7000), throttled: 50, failures: 1 },
      ],
    });
    expect(t).toMatchObject({ floorSeconds: 5, medianSeconds: 8, failures: 1, rounds: 3 });
    const text = formatThrottle(t);
    expect(text).toContain("8.00 s = 1.60× the floor");
    expect(text).toContain("6.00 s = 1.20× the floor");
    // Before the first request: 1125, 2250, 750 ms; after the last answer: 375, 750, 250 ms.
    expect(text).toMatch(/CLI start → first request\s+1\.13 s$/m);
    expect(text).toMatch(/last answer → CLI exit\s+0\.38 s$/m);
    // Unthrottled 3, 4, 5 s: before the first request half of it, the call baseline 0.4 of it.
    expect(text).toMatch(
      /without quota, CLI start → first request: 2\.00 s; call baseline 1\.60 s$/m,
    );
    expect(text).toMatch(/failures \(all rounds\)\s+1$/m);
  });
});

describe("resultLine", () => {
  it("is the prefix and JSON that parses back to the result", () => {
    const result = {
      machine: {
        date: "2026-01-01T00:00:00.000Z",
        nproc: 2,
        loadBefore: [1, 2, 3],
        loadAfter: [1, 2, 3],
        node: "v20",
        pulumi: "v3.248.0",
      },
      rows: toRows([
        {
          size: 3,
          op: "up",
          kms: [1],
          trivial: [1],
          wide: [1],
          call: [1],
          cpu: {
            kms: [1],
            trivial: [1],
            wide: [1],
            call: [1],
            emulator: [0.1],
            callEmulator: [0.1],
          },
        },
      ]),
      throttle: toThrottleResult({
        instances: 10,
        rps: 5,
        rounds: [{ ...round(3, 2, 2100), throttled: 5, failures: 0 }],
      }),
    };
    const line = resultLine(result);
    expect(line.startsWith(RESULT_PREFIX)).toBe(true);
    expect(line).not.toContain("\n");
    expect(JSON.parse(line.slice(RESULT_PREFIX.length))).toStrictEqual(result);
  });
});

describe("parseScaleOptions", () => {
  it("defaults to the full run, and --short to the quick one", () => {
    expect(parseScaleOptions([], {})).toStrictEqual(FULL);
    expect(parseScaleOptions(["--short"], {})).toStrictEqual(SHORT);
  });

  it("takes overrides from the environment", () => {
    expect(
      parseScaleOptions([], {
        BENCH_SIZES: "5, 50",
        BENCH_ROUNDS: "2",
        BENCH_THROTTLE_INSTANCES: "40",
        BENCH_THROTTLE_RPS: "10",
        BENCH_THROTTLE_ROUNDS: "1",
      }),
    ).toStrictEqual({
      sizes: [5, 50],
      rounds: 2,
      throttleInstances: 40,
      throttleRps: 10,
      throttleRounds: 1,
      short: false,
    });
  });

  it("refuses unknown arguments and malformed numbers", () => {
    expect(() => parseScaleOptions(["--shrot"], {})).toThrow(/unknown argument "--shrot"/);
    for (const bad of ["0", "-1", "1.5", "ten", "", "3,"]) {
      expect(() => parseScaleOptions([], { BENCH_SIZES: bad })).toThrow(/BENCH_SIZES/);
    }
    expect(() => parseScaleOptions([], { BENCH_ROUNDS: "0" })).toThrow(/BENCH_ROUNDS/);
  });
});
