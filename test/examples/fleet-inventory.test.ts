/**
 * `examples/fleet-inventory` run as written, with the real Pulumi CLI, offline, against the
 * emulator holding more than 100 instances in each of two regions (so listing pages several times):
 * the exported table matches the emulator's instances, expiring instances are warned about,
 * and with `adopt: true` every instance becomes a read-only reference in state.
 */
import * as path from "node:path";
import {
  DEFAULT_SEED_IDS,
  defaultSeed,
  startEmulator,
  type RunningEmulator,
  type SeedInstance,
} from "../../emulator";
import { KMS_INSTANCE_TYPE } from "../../sdk";
import { SECRET_CONFIG, emulatorConfig } from "../e2e/support/fixture";
import type { InventoryRow } from "../../examples/fleet-inventory/inventory";
import { READ_ACTIONS } from "../support/emulator-state";
import { E2eStack } from "../e2e/support/stack";
import { REPO_ROOT } from "../support/installed-package";

jest.setTimeout(600_000);

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const REGIONS = ["cn-hangzhou", "cn-shanghai"] as const;
const PER_REGION = { "cn-hangzhou": 110, "cn-shanghai": 105 } as const;

/** An API date (to the second) `ms` from `base`. */
function apiDateAt(base: number, ms: number): string {
  return new Date(base + ms).toISOString().slice(0, 19) + "Z";
}

/**
 * End dates chosen an hour short of whole days, so "days left" is the same whole number
 * whether the program runs a second or ten minutes after seeding.
 */
const SPECIAL_END: Record<string, { offsetMs: number | null; daysLeft: number | null }> = {
  "kst-hzz0003fleet000xxxx": { offsetMs: 3 * DAY_MS - HOUR_MS, daysLeft: 3 },
  "kst-hzz0011fleet000xxxx": { offsetMs: 30 * DAY_MS - HOUR_MS, daysLeft: 30 },
  "kst-hzz0012fleet000xxxx": { offsetMs: 31 * DAY_MS - HOUR_MS, daysLeft: 31 },
  "kst-shh0007fleet000xxxx": { offsetMs: -2 * DAY_MS - HOUR_MS, daysLeft: -2 },
  "kst-shh0008fleet000xxxx": { offsetMs: null, daysLeft: null },
};

/** The fleet: `n` instances per region with varied status, VPCs and end dates. */
function fleet(base: number): SeedInstance[] {
  const out: SeedInstance[] = [];
  for (const region of REGIONS) {
    const tag = region === "cn-hangzhou" ? "hzz" : "shh";
    for (let i = 0; i < PER_REGION[region]; i++) {
      const id = `kst-${tag}${String(i).padStart(4, "0")}fleet000xxxx`;
      const status = ["Connected", "Connected", "Uninitialized", "Disconnected"][i % 4];
      const special = SPECIAL_END[id];
      const offset = special ? special.offsetMs : (100 + i) * DAY_MS - HOUR_MS;
      out.push({
        RegionId: region,
        KmsInstance: {
          InstanceId: id,
          InstanceName: `fleet-${tag}-${i}`,
          Status: status,
          ...(offset !== null ? { EndDate: apiDateAt(base, offset) } : {}),
          ...(status === "Uninitialized"
            ? {}
            : { VpcId: `vpc-${tag}${String(i).padStart(4, "0")}fleet` }),
          KeyNum: 1000,
          SecretNum: String(100 + i),
          VpcNum: 1 + (i % 5),
          ChargeType: i % 2 === 0 ? "PREPAY" : "POSTPAY",
        },
      });
    }
  }
  return out;
}

/** A row of the program's `instances` output: the example's own row type. */
type Row = InventoryRow;

let emu: RunningEmulator;
let stack: E2eStack | undefined;

beforeAll(async () => {
  const seed = defaultSeed();
  seed.instances.push(...fleet(Date.now()));
  emu = await startEmulator({ seed });
  stack = await E2eStack.createFrom(
    path.join(REPO_ROOT, "examples/fleet-inventory"),
    { ...emulatorConfig(emu, "cn-hangzhou"), regions: [...REGIONS] },
    SECRET_CONFIG,
  );
});

afterAll(async () => {
  stack?.cleanup();
  await emu?.close();
});

function theStack(): E2eStack {
  if (!stack) throw new Error("the stack was not created");
  return stack;
}

test("exports every instance of both regions, with expiry warnings", async () => {
  const all = emu.control.listInstances();
  expect(all.length).toBeGreaterThan(200);

  const up = await theStack().up();
  const out = await theStack().outputs();
  const rows = out.instances as Row[];

  // Every instance of both regions, once, by region then id.
  const expectedIds = all.map((i) => `${i.RegionId}/${String(i.KmsInstance.InstanceId)}`).sort();
  expect(rows.map((r) => `${r.region}/${r.id}`)).toEqual(expectedIds);
  expect(out.count).toBe(all.length);
  expect(out.byRegion).toEqual({
    "cn-hangzhou": all.filter((i) => i.RegionId === "cn-hangzhou").length,
    "cn-shanghai": all.filter((i) => i.RegionId === "cn-shanghai").length,
  });
  // Listing pages by 100 (the reference's maximum PageSize): each region took two pages.
  expect(emu.control.stats().byAction.ListKmsInstances["200"]).toBeGreaterThanOrEqual(4);

  // Each row is what the emulator holds.
  for (const inst of all) {
    const api = inst.KmsInstance;
    const row = rows.find((r) => r.id === api.InstanceId);
    expect(row).toMatchObject({
      name: api.InstanceName,
      region: inst.RegionId,
      status: api.Status,
      vpcId: api.VpcId ?? "",
      endDate: api.EndDate ?? "",
      chargeType: api.ChargeType ?? "",
      quota: {
        keys: api.KeyNum ?? null,
        secrets: api.SecretNum === undefined ? null : Number(api.SecretNum),
        vpcs: api.VpcNum ?? null,
      },
    });
  }
  const byId = (id: string): Row => rows.find((r) => r.id === id) as Row;
  for (const [id, { daysLeft }] of Object.entries(SPECIAL_END)) {
    expect(byId(id).daysLeft).toBe(daysLeft);
  }
  expect(byId(DEFAULT_SEED_IDS.connected).boundVpcs).toBe(2);

  // Expiring: within 30 days or past, soonest first — the boundary day in, the day after out.
  expect(out.expiring).toEqual([
    "kst-shh0007fleet000xxxx",
    "kst-hzz0003fleet000xxxx",
    DEFAULT_SEED_IDS.expiring,
    "kst-hzz0011fleet000xxxx",
  ]);
  for (const id of out.expiring as string[]) {
    expect(up.output).toMatch(new RegExp(`warning: KMS instance ${id} .*(expires in|expired on)`));
  }
  expect(up.output).not.toMatch(/warning: KMS instance kst-hzz0012fleet000xxxx/);

  // The table: a header and one line per instance.
  const table = (out.table as string).split("\n");
  expect(table[0]).toMatch(/^ID\s+NAME\s+REGION\s+STATUS\s+VPC\s+/);
  expect(table).toHaveLength(all.length + 1);
  expect(table.find((l) => l.startsWith("kst-hzz0003fleet000xxxx"))).toMatch(
    /fleet-hzz-3\s+cn-hangzhou\s+Disconnected\s+vpc-hzz0003fleet\s+0\s+\S+Z\s+3\s+1000\s+103\s+4$/,
  );

  // Read-only: nothing was changed and no resource was created.
  const mutating = Object.keys(emu.control.stats().byAction).filter((a) => !READ_ACTIONS.has(a));
  expect(mutating).toEqual([]);
  const { resources } = await theStack().exportState();
  expect(resources.filter((r) => r.type === KMS_INSTANCE_TYPE)).toEqual([]);
});

test("adopt: true references every instance read-only", async () => {
  const all = emu.control.listInstances();
  await theStack().ok(["config", "set", "adopt", "true"]);
  emu.control.resetStats();
  await theStack().up();

  const { resources } = await theStack().exportState();
  const refs = resources.filter((r) => r.type === KMS_INSTANCE_TYPE);
  expect(refs.map((r) => r.id).sort()).toEqual(
    all.map((i) => String(i.KmsInstance.InstanceId)).sort(),
  );
  expect(refs.every((r) => r.external === true)).toBe(true);
  const shanghai = refs.find((r) => r.id === DEFAULT_SEED_IDS.expiring);
  expect(shanghai?.outputs).toMatchObject({ region: "cn-shanghai", instanceName: "staging-kms" });
  // Still read-only.
  expect(Object.keys(emu.control.stats().byAction).filter((a) => !READ_ACTIONS.has(a))).toEqual([]);
});
