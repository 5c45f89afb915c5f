/**
 * The pure half of `examples/fleet-inventory`: days left, rows, expiring selection, the text
 * table and the bounded-concurrency map, property-tested over generated instances.
 */
import fc from "fast-check";
import type { GetKmsInstanceResult } from "pulumi-alicloud-kms";
import {
  daysLeft,
  expiringWithin,
  expiryWarning,
  formatTable,
  inventoryRow,
  mapLimit,
  sortRows,
  type InventoryRow,
} from "../../examples/fleet-inventory/inventory";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-06-01T00:00:00Z");

function apiDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

const word = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined });

/** A `getKmsInstance` result with any field absent. */
const info: fc.Arbitrary<GetKmsInstanceResult> = fc
  .record({
    kmsInstanceId: word.map((w) => `kst-${w}`),
    region: fc.constantFrom("cn-hangzhou", "cn-shanghai", "ap-southeast-1"),
    instanceName: maybe(word),
    status: maybe(fc.constantFrom("Connected", "Uninitialized", "Disconnected", "Error")),
    vpcId: maybe(word.map((w) => `vpc-${w}`)),
    endDate: maybe(
      fc.integer({ min: -400, max: 800 }).map((h) => apiDate(NOW.getTime() + h * 3_600_000 * 12)),
    ),
    chargeType: maybe(fc.constantFrom("PREPAY", "POSTPAY")),
    keyNum: maybe(fc.nat(100_000)),
    secretNum: maybe(fc.nat(100_000)),
    vpcNum: maybe(fc.nat(100)),
    bindVpcs: maybe(
      fc.array(
        fc.record({ vpcId: word, vSwitchId: word, regionId: word, vpcOwnerId: fc.constant("1") }),
        { maxLength: 3 },
      ),
    ),
    tags: fc.constant({}),
  })
  .map((r) => {
    // Absent means absent: drop undefined keys, as the SDK returns them.
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v;
    return out as unknown as GetKmsInstanceResult;
  });

describe("daysLeft", () => {
  it("counts whole days rounded up, negative once past", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: DAY_MS - 1000 }),
        (days, short) => {
          // `short` ms (whole seconds: API dates have no millis) before a whole day boundary.
          const shortS = Math.floor(short / 1000) * 1000;
          const end = apiDate(NOW.getTime() + days * DAY_MS - shortS);
          expect(daysLeft(end, NOW)).toBe(days);
        },
      ),
    );
    expect(daysLeft(apiDate(NOW.getTime() + 1000), NOW)).toBe(1);
    expect(daysLeft(apiDate(NOW.getTime()), NOW)).toBe(0);
    expect(daysLeft(apiDate(NOW.getTime() - 1000), NOW)).toBe(0);
    expect(daysLeft(apiDate(NOW.getTime() - DAY_MS - 1000), NOW)).toBe(-1);
  });

  it("is null for an absent or unparseable date", () => {
    expect(daysLeft(undefined, NOW)).toBeNull();
    expect(daysLeft("not a date", NOW)).toBeNull();
  });
});

describe("inventoryRow", () => {
  it("copies each field, with empty strings and nulls for what the API left out", () => {
    fc.assert(
      fc.property(info, (i) => {
        const row = inventoryRow(i, NOW);
        expect(row).toEqual({
          id: i.kmsInstanceId,
          name: i.instanceName ?? "",
          region: i.region,
          status: i.status ?? "",
          vpcId: i.vpcId ?? "",
          boundVpcs: i.bindVpcs?.length ?? 0,
          endDate: i.endDate ?? "",
          daysLeft: i.endDate === undefined ? null : daysLeft(i.endDate, NOW),
          chargeType: i.chargeType ?? "",
          quota: { keys: i.keyNum ?? null, secrets: i.secretNum ?? null, vpcs: i.vpcNum ?? null },
        });
        // Plain JSON: a stack output must survive serialization unchanged.
        expect(JSON.parse(JSON.stringify(row))).toEqual(row);
      }),
    );
  });
});

describe("expiringWithin", () => {
  it("keeps exactly the rows within the window or past, soonest first", () => {
    fc.assert(
      fc.property(fc.array(info, { maxLength: 40 }), fc.nat(60), (infos, window) => {
        const rows = infos.map((i) => inventoryRow(i, NOW));
        const picked = expiringWithin(rows, window);
        const expected = rows.filter((r) => r.daysLeft !== null && r.daysLeft <= window);
        expect([...picked].sort(byId)).toEqual([...expected].sort(byId));
        for (let k = 1; k < picked.length; k++) {
          expect(picked[k - 1].daysLeft as number).toBeLessThanOrEqual(
            picked[k].daysLeft as number,
          );
        }
      }),
    );
  });

  it("words past and future end dates differently", () => {
    const base = inventoryRow(
      { kmsInstanceId: "kst-a1", region: "cn-hangzhou", tags: {} } as GetKmsInstanceResult,
      NOW,
    );
    expect(expiryWarning({ ...base, daysLeft: 1, endDate: "E" })).toBe(
      "KMS instance kst-a1 (no name, cn-hangzhou) expires in 1 day, on E: renew it before then",
    );
    expect(expiryWarning({ ...base, name: "n", daysLeft: 3, endDate: "E" })).toContain(
      "(n, cn-hangzhou) expires in 3 days",
    );
    expect(expiryWarning({ ...base, daysLeft: -2, endDate: "E" })).toContain("expired on E");
  });
});

function byId(a: InventoryRow, b: InventoryRow): number {
  // The generator can repeat an id and region: the whole row decides, so the order is total.
  return (
    a.id.localeCompare(b.id) ||
    a.region.localeCompare(b.region) ||
    JSON.stringify(a).localeCompare(JSON.stringify(b))
  );
}

describe("formatTable", () => {
  it("has a header and one line per row, every cell under its column title", () => {
    fc.assert(
      fc.property(fc.array(info, { maxLength: 20 }), (infos) => {
        const rows = sortRows(infos.map((i) => inventoryRow(i, NOW)));
        const lines = formatTable(rows).split("\n");
        expect(lines).toHaveLength(rows.length + 1);
        const header = lines[0];
        const start = (title: string): number => header.indexOf(title);
        rows.forEach((r, k) => {
          const line = lines[k + 1];
          expect(line.startsWith(r.id)).toBe(true);
          const at = (title: string, value: string): void =>
            expect(line.slice(start(title), start(title) + value.length)).toBe(value);
          at("REGION", r.region);
          at("STATUS", r.status);
          at("END DATE", r.endDate);
          at("DAYS LEFT", r.daysLeft === null ? "" : String(r.daysLeft));
        });
      }),
    );
  });
});

describe("sortRows", () => {
  it("orders by region, then id, without changing the input", () => {
    fc.assert(
      fc.property(fc.array(info, { maxLength: 30 }), (infos) => {
        const rows = infos.map((i) => inventoryRow(i, NOW));
        const copy = [...rows];
        const sorted = sortRows(rows);
        expect(rows).toEqual(copy);
        for (let k = 1; k < sorted.length; k++) {
          const [a, b] = [sorted[k - 1], sorted[k]];
          expect(a.region < b.region || (a.region === b.region && a.id <= b.id)).toBe(true);
        }
      }),
    );
  });
});

describe("mapLimit", () => {
  it("keeps input order and never runs more than `limit` calls at once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(5), { maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        async (delays, limit) => {
          let inFlight = 0;
          let peak = 0;
          const out = await mapLimit(delays, limit, async (d) => {
            inFlight++;
            peak = Math.max(peak, inFlight);
            await new Promise((r) => setTimeout(r, d));
            inFlight--;
            return d * 2;
          });
          expect(out).toEqual(delays.map((d) => d * 2));
          expect(peak).toBeLessThanOrEqual(limit);
          if (delays.length > 0) expect(peak).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("rejects a limit below one, and passes errors through", async () => {
    await expect(mapLimit([1], 0, async (x) => x)).rejects.toThrow("limit must be ≥ 1");
    await expect(
      mapLimit([1, 2], 2, async (x) => {
        if (x === 2) throw new Error("boom");
        return x;
      }),
    ).rejects.toThrow("boom");
  });
});
