/**
 * Fleet inventory: every KMS instance of the configured regions, read and exported as one table
 * (id, name, region, status, VPC, end date and days left, quotas), with a warning for each
 * instance that expires within `alicloud-kms:expiryWarningDays` (30 by default) or already has.
 * With `adopt: true`, each instance also becomes a read-only reference (`KmsInstance.get`), so
 * `pulumi refresh` keeps their outputs current and the provider's own warnings show on refresh.
 * It needs only read permissions: `kms:ListKmsInstances`, `kms:GetKmsInstance`,
 * `kms:ListTagResources`.
 *
 *   pulumi config set --path 'regions[0]' cn-hangzhou
 *   pulumi config set --path 'regions[1]' cn-shanghai     # default: alicloud:region only
 *   pulumi config set adopt true                          # optional
 *   pulumi up && pulumi stack output table
 *
 * Quota *use* (keys and secrets created against the quota) is not shown: the package has no read
 * function for `GetKmsInstanceQuotaInfos` yet; the quotas themselves are.
 */
import * as pulumi from "@pulumi/pulumi";
import { KmsInstance, getKmsInstance, listKmsInstances } from "pulumi-alicloud-kms";
import {
  expiringWithin,
  expiryWarning,
  formatTable,
  inventoryRow,
  mapLimit,
  sortRows,
  type InventoryRow,
} from "./inventory";

const config = new pulumi.Config();
/** Regions to list; unset means the provider's default region (`alicloud:region`, …). */
const regions = config.getObject<string[]>("regions");
/** Also reference every instance read-only with `KmsInstance.get`. */
const adopt = config.getBoolean("adopt") ?? false;
/** Reads in flight at once. */
const concurrency = config.getNumber("concurrency") ?? 8;
/** The provider's expiry window, so the inventory and refresh warn about the same instances. */
const warningDays = new pulumi.Config("alicloud-kms").getNumber("expiryWarningDays") ?? 30;

/** What the stack exports. */
interface Inventory {
  /** How many instances were found. */
  count: number;
  /** How many instances each region holds. */
  byRegion: Record<string, number>;
  /** One row per instance, by region then id. */
  instances: InventoryRow[];
  /** Ids of the instances that expire within the window (or have), soonest first. */
  expiring: string[];
  /** The inventory as a text table (`pulumi stack output table`). */
  table: string;
}

async function inventory(): Promise<Inventory> {
  const now = new Date();
  const listed = await Promise.all(
    (regions ?? [undefined]).map((region) => listKmsInstances({ region })),
  );
  const refs = listed.flatMap((l) => l.ids.map((id) => ({ id, region: l.region })));
  const rows = sortRows(
    await mapLimit(refs, concurrency, async (ref) =>
      inventoryRow(await getKmsInstance({ kmsInstanceId: ref.id, region: ref.region }), now),
    ),
  );

  const expiring = expiringWithin(rows, warningDays);
  for (const row of expiring) void pulumi.log.warn(expiryWarning(row));

  if (adopt) {
    // Read-only references: read on every up and refresh, never changed. Ids are unique across
    // regions, so they make unique resource names.
    for (const row of rows) KmsInstance.get(row.id, row.id, { region: row.region });
  }

  const byRegion: Record<string, number> = {};
  for (const l of listed) byRegion[l.region] = l.ids.length;
  return {
    count: rows.length,
    byRegion,
    instances: rows,
    expiring: expiring.map((r) => r.id),
    table: formatTable(rows),
  };
}

// A program whose export is an async function: its result becomes the stack outputs.
export = inventory;
