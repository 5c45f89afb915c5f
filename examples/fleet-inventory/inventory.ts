/**
 * The pure half of the fleet inventory: one row per instance from what `getKmsInstance` returns,
 * days left to the end date, which rows are expiring, a plain-text table, and a bounded-concurrency
 * map. Kept apart from the program so it is tested without an engine.
 */
import type { GetKmsInstanceResult } from "pulumi-alicloud-kms";

const DAY_MS = 24 * 60 * 60 * 1000;

/** One instance of the inventory: the columns of the table, as plain JSON. */
export interface InventoryRow {
  /** The instance id (`kst-…`). */
  id: string;
  /** The instance name, `""` when the API returns none. */
  name: string;
  /** The region the instance was listed in. */
  region: string;
  /** `Connected`, `Uninitialized`, …; `""` when the API returns none. */
  status: string;
  /** The VPC the instance is connected to, `""` before it is connected. */
  vpcId: string;
  /** How many VPCs are bound to the instance. */
  boundVpcs: number;
  /** When the instance expires (ISO-8601 UTC), `""` when unknown. */
  endDate: string;
  /** Whole days until `endDate`, rounded up (negative once expired); null when unknown. */
  daysLeft: number | null;
  /** `PREPAY` (subscription) or `POSTPAY` (pay-as-you-go), `""` when unknown. */
  chargeType: string;
  /** The instance's quotas as `GetKmsInstance` reports them (limits, not use). */
  quota: { keys: number | null; secrets: number | null; vpcs: number | null };
}

/**
 * Whole days from `now` to `endDate`, rounded up — the same count the provider's refresh
 * warnings use, so "expires in 3 days" means the same thing in both places. Null when the date
 * is absent or does not parse (never guessed).
 */
export function daysLeft(endDate: string | undefined, now: Date): number | null {
  if (endDate === undefined) return null;
  const end = Date.parse(endDate);
  if (Number.isNaN(end)) return null;
  // `+ 0` turns Math.ceil's -0 (less than a day past) into 0.
  return Math.ceil((end - now.getTime()) / DAY_MS) + 0;
}

/** The inventory row of one instance read with `getKmsInstance`. */
export function inventoryRow(info: GetKmsInstanceResult, now: Date): InventoryRow {
  return {
    id: info.kmsInstanceId,
    name: info.instanceName ?? "",
    region: info.region,
    status: info.status ?? "",
    vpcId: info.vpcId ?? "",
    boundVpcs: info.bindVpcs?.length ?? 0,
    endDate: info.endDate ?? "",
    daysLeft: daysLeft(info.endDate, now),
    chargeType: info.chargeType ?? "",
    quota: {
      keys: info.keyNum ?? null,
      secrets: info.secretNum ?? null,
      vpcs: info.vpcNum ?? null,
    },
  };
}

/** Rows whose end date is at most `days` away, or past; soonest first. */
export function expiringWithin(rows: readonly InventoryRow[], days: number): InventoryRow[] {
  return rows
    .filter(
      (r): r is InventoryRow & { daysLeft: number } => r.daysLeft !== null && r.daysLeft <= days,
    )
    .sort((a, b) => a.daysLeft - b.daysLeft || a.id.localeCompare(b.id));
}

/** The warning shown for an expiring row. */
export function expiryWarning(row: InventoryRow): string {
  const who = `KMS instance ${row.id} (${row.name || "no name"}, ${row.region})`;
  if (row.daysLeft === null) return `${who} has no end date`;
  if (row.daysLeft <= 0) return `${who} expired on ${row.endDate}: renew it`;
  const unit = row.daysLeft === 1 ? "day" : "days";
  return `${who} expires in ${row.daysLeft} ${unit}, on ${row.endDate}: renew it before then`;
}

/** Rows in a stable order: by region, then id. */
export function sortRows(rows: readonly InventoryRow[]): InventoryRow[] {
  return [...rows].sort((a, b) => a.region.localeCompare(b.region) || a.id.localeCompare(b.id));
}

const COLUMNS: readonly [string, (r: InventoryRow) => string][] = [
  ["ID", (r) => r.id],
  ["NAME", (r) => r.name],
  ["REGION", (r) => r.region],
  ["STATUS", (r) => r.status],
  ["VPC", (r) => r.vpcId],
  ["BOUND VPCS", (r) => String(r.boundVpcs)],
  ["END DATE", (r) => r.endDate],
  ["DAYS LEFT", (r) => (r.daysLeft === null ? "" : String(r.daysLeft))],
  ["KEYS", (r) => (r.quota.keys === null ? "" : String(r.quota.keys))],
  ["SECRETS", (r) => (r.quota.secrets === null ? "" : String(r.quota.secrets))],
  ["VPC QUOTA", (r) => (r.quota.vpcs === null ? "" : String(r.quota.vpcs))],
];

/** The rows as a fixed-width text table, one header line and one line per row. */
export function formatTable(rows: readonly InventoryRow[]): string {
  const cells = [COLUMNS.map(([title]) => title), ...rows.map((r) => COLUMNS.map(([, f]) => f(r)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  return cells
    .map((line) =>
      line
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * `items.map(fn)` with at most `limit` calls in flight, results in input order. A fleet of
 * hundreds of instances read all at once would trip the API's throttling; a few at a time does not.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be ≥ 1, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
