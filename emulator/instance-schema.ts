/**
 * Validation of instances as seeds, state files and the control API supply them: every known
 * `GetKmsInstance` field must have the JSON type the real API returns, so the emulator can never
 * answer with a shape the service would not (a numeric `SecretNum`, a numeric `VpcOwnerId`, …);
 * likewise an instance's renewal state and the seed's accounts.
 */
import { RENEW_STATUSES, RENEWAL_PERIOD_RANGE, RENEWAL_UNITS } from "../contract/bss-actions";
import type { SeedAccount, SeedFile, SeedInstance, SeedRenewal } from "./types";

// The service's region-id form is the provider's: one pattern, one citation.
import { REGION_ID } from "../provider/kms/region";
export { REGION_ID };

/** A KMS instance id: `kst-` + lowercase alphanumerics. */
export const INSTANCE_ID = /^kst-[a-z0-9]+$/;

/** A date as the API writes it, to the second. */
export const API_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Thrown when a seed, state entry or control payload does not have the API's shape. */
export class InvalidInstanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInstanceError";
  }
}

type FieldKind = "string" | "date" | "integer" | "boolean" | "strings" | "bindVpcs";

const FIELD_KINDS: Record<string, FieldKind> = {
  InstanceId: "string",
  InstanceName: "string",
  Status: "string",
  CreateTime: "date",
  StartDate: "date",
  EndDate: "date",
  Spec: "integer",
  KeyNum: "integer",
  SecretNum: "string",
  VpcNum: "integer",
  VpcId: "string",
  ZoneIds: "strings",
  VswitchIds: "strings",
  CaCertificateChainPem: "string",
  BindVpcs: "bindVpcs",
  ChargeType: "string",
  ProductVersion: "string",
  ProductType: "string",
  SaleStatus: "string",
  Log: "integer",
  LogStorage: "integer",
  DeletionProtection: "boolean",
  DeletionProtectionDescription: "string",
};

const BIND_VPC_FIELDS = ["RegionId", "VpcId", "VSwitchId", "VpcOwnerId"];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkField(name: string, value: unknown, where: string): void {
  // Own keys only: `constructor` or `__proto__` must not find the prototype's members.
  const kind = Object.hasOwn(FIELD_KINDS, name) ? FIELD_KINDS[name] : undefined;
  const fail = (want: string): never => {
    throw new InvalidInstanceError(
      `${where}.${name} must be ${want}, got ${JSON.stringify(value)}`,
    );
  };
  switch (kind) {
    case undefined:
      return; // fields the API may add later are passed through untouched
    case "string":
      if (typeof value !== "string") fail("a string");
      return;
    case "date":
      if (typeof value !== "string" || !API_DATE.test(value))
        fail("a date like 2023-09-05T12:44:20Z");
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) fail("an integer");
      return;
    case "boolean":
      if (typeof value !== "boolean") fail("a boolean");
      return;
    case "strings":
      if (!Array.isArray(value) || !value.every((s) => typeof s === "string")) {
        fail("an array of strings");
      }
      return;
    case "bindVpcs": {
      if (!isRecord(value) || !Array.isArray(value.BindVpc)) fail('{ "BindVpc": [ … ] }');
      const list = (value as { BindVpc: unknown[] }).BindVpc;
      list.forEach((vpc, i) => {
        if (!isRecord(vpc)) fail(`an object at BindVpc[${i}]`);
        for (const f of BIND_VPC_FIELDS) {
          const v = (vpc as Record<string, unknown>)[f];
          if (v !== undefined && typeof v !== "string") {
            fail(`strings in BindVpc[${i}] (${f} is ${typeof v})`);
          }
        }
      });
      return;
    }
  }
}

/** Checks the `KmsInstance` object; returns a deep copy. */
export function validateKmsInstance(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) throw new InvalidInstanceError(`${where} must be an object`);
  for (const [name, field] of Object.entries(value)) checkField(name, field, where);
  const id = value.InstanceId;
  if (typeof id !== "string" || !INSTANCE_ID.test(id)) {
    throw new InvalidInstanceError(
      `${where}.InstanceId must be "kst-" + lowercase alphanumerics, got ${JSON.stringify(id)}`,
    );
  }
  return structuredClone(value);
}

/**
 * Checks a tag map; returns a copy. The copy is built with `Object.fromEntries`, so a key such as
 * `__proto__` stays an ordinary tag instead of reaching the prototype setter.
 */
export function validateTags(value: unknown, where: string): Record<string, string> {
  if (!isRecord(value)) throw new InvalidInstanceError(`${where} must be an object of strings`);
  const entries = Object.entries(value);
  for (const [k, v] of entries) {
    if (typeof v !== "string") throw new InvalidInstanceError(`${where}.${k} must be a string`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Checks a region id. */
export function validateRegion(value: unknown, where: string): string {
  if (typeof value !== "string" || !REGION_ID.test(value)) {
    throw new InvalidInstanceError(
      `${where} must be a region id like cn-hangzhou, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

const QUOTA_TYPES = ["key", "secret", "qps", "vpc"] as const;

/** Checks the used counts of `GetKmsInstanceQuotaInfos`; returns a copy. */
export function validateQuotaUsed(value: unknown, where: string): SeedInstance["QuotaUsed"] {
  if (!isRecord(value)) throw new InvalidInstanceError(`${where} must be an object`);
  const out: NonNullable<SeedInstance["QuotaUsed"]> = {};
  for (const [k, v] of Object.entries(value)) {
    const type = QUOTA_TYPES.find((t) => t === k);
    if (type === undefined) {
      throw new InvalidInstanceError(
        `${where}.${k} is not a quota type (${QUOTA_TYPES.join(", ")})`,
      );
    }
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
      throw new InvalidInstanceError(
        `${where}.${k} must be a non-negative integer, got ${JSON.stringify(v)}`,
      );
    }
    out[type] = v;
  }
  return out;
}

/**
 * Checks a renewal state: a known `RenewStatus`; with `AutoRenewal` a period of 1–36 `M` or `Y`,
 * otherwise none (manual renewal and no renewal have no period). Returns a copy.
 */
export function validateRenewal(value: unknown, where: string): SeedRenewal {
  if (!isRecord(value)) throw new InvalidInstanceError(`${where} must be an object`);
  const fail = (what: string): never => {
    throw new InvalidInstanceError(`${where}${what}, got ${JSON.stringify(value)}`);
  };
  const extra = Object.keys(value).find(
    (k) => !["RenewStatus", "RenewalDuration", "RenewalDurationUnit"].includes(k),
  );
  if (extra !== undefined) fail(`.${extra} is not a renewal field`);
  const status = RENEW_STATUSES.find((s) => s === value.RenewStatus);
  if (status === undefined) fail(`.RenewStatus must be one of ${RENEW_STATUSES.join(", ")}`);
  const { RenewalDuration: duration, RenewalDurationUnit: unit } = value;
  if (status !== "AutoRenewal") {
    if (duration !== undefined || unit !== undefined) {
      fail(` has a period, which only AutoRenewal has`);
    }
    return { RenewStatus: status as SeedRenewal["RenewStatus"] };
  }
  const { min, max } = RENEWAL_PERIOD_RANGE;
  if (
    typeof duration !== "number" ||
    !Number.isInteger(duration) ||
    duration < min ||
    duration > max
  ) {
    fail(`.RenewalDuration must be an integer from ${min} to ${max} with AutoRenewal`);
  }
  const u = RENEWAL_UNITS.find((x) => x === unit);
  if (u === undefined) fail(`.RenewalDurationUnit must be "M" or "Y" with AutoRenewal`);
  return {
    RenewStatus: "AutoRenewal",
    RenewalDuration: duration as number,
    RenewalDurationUnit: u,
  };
}

/** An account id: 1–20 digits, a string (16-digit ids overflow JS numbers). */
const ACCOUNT_ID = /^\d{1,20}$/;

/** Checks an account entry (`{ AccountId, Site? }`); returns a copy with `Site` filled in. */
export function validateAccount(value: unknown, where: string): Required<SeedAccount> {
  if (!isRecord(value)) throw new InvalidInstanceError(`${where} must be an object`);
  const extra = Object.keys(value).find((k) => k !== "AccountId" && k !== "Site");
  if (extra !== undefined) {
    throw new InvalidInstanceError(`${where}.${extra} is not an account field (AccountId, Site)`);
  }
  if (typeof value.AccountId !== "string" || !ACCOUNT_ID.test(value.AccountId)) {
    throw new InvalidInstanceError(
      `${where}.AccountId must be an account id, a string of 1–20 digits, got ${JSON.stringify(value.AccountId)}`,
    );
  }
  const site = value.Site ?? "domestic";
  if (site !== "domestic" && site !== "intl") {
    throw new InvalidInstanceError(
      `${where}.Site must be "domestic" or "intl", got ${JSON.stringify(value.Site)}`,
    );
  }
  return { AccountId: value.AccountId, Site: site };
}

/** Checks one seed entry; returns a deep copy. */
export function validateSeedInstance(value: unknown, where: string): SeedInstance {
  if (!isRecord(value)) throw new InvalidInstanceError(`${where} must be an object`);
  const out: SeedInstance = {
    RegionId: validateRegion(value.RegionId, `${where}.RegionId`),
    KmsInstance: validateKmsInstance(value.KmsInstance, `${where}.KmsInstance`),
  };
  if (value.Tags !== undefined) out.Tags = validateTags(value.Tags, `${where}.Tags`);
  if (value.OwnerId !== undefined) {
    if (typeof value.OwnerId !== "string" || !ACCOUNT_ID.test(value.OwnerId)) {
      throw new InvalidInstanceError(
        `${where}.OwnerId must be an account id, a string of 1–20 digits, got ${JSON.stringify(value.OwnerId)}`,
      );
    }
    out.OwnerId = value.OwnerId;
  }
  if (value.QuotaUsed !== undefined)
    out.QuotaUsed = validateQuotaUsed(value.QuotaUsed, `${where}.QuotaUsed`);
  if (value.Renewal !== undefined) out.Renewal = validateRenewal(value.Renewal, `${where}.Renewal`);
  return out;
}

/** Checks a whole seed document: the shape of every entry and that ids are unique. */
export function validateSeedFile(value: unknown, where = "seed"): SeedFile {
  if (!isRecord(value) || !Array.isArray(value.instances)) {
    throw new InvalidInstanceError(`${where} must be an object { "instances": [ … ] }`);
  }
  const seen = new Set<string>();
  const instances = value.instances.map((entry, i) => {
    const inst = validateSeedInstance(entry, `${where}.instances[${i}]`);
    const id = inst.KmsInstance.InstanceId as string;
    if (seen.has(id))
      throw new InvalidInstanceError(`${where}.instances[${i}]: duplicate InstanceId ${id}`);
    seen.add(id);
    return inst;
  });
  if (value.accounts === undefined) return { instances };
  if (!Array.isArray(value.accounts)) {
    throw new InvalidInstanceError(`${where}.accounts must be an array of { AccountId, Site }`);
  }
  const ids = new Set<string>();
  const accounts = value.accounts.map((entry, i) => {
    const account = validateAccount(entry, `${where}.accounts[${i}]`);
    if (ids.has(account.AccountId)) {
      throw new InvalidInstanceError(
        `${where}.accounts[${i}]: duplicate AccountId ${account.AccountId}`,
      );
    }
    ids.add(account.AccountId);
    return account;
  });
  return { instances, accounts };
}
