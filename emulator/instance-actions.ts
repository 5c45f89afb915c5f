/**
 * The instance APIs: GetKmsInstance, ListKmsInstances, UpdateKmsInstanceBindVpc,
 * UpdateKmsInstance, SetDeletionProtection, ConnectKmsInstance, GetKmsInstanceQuotaInfos.
 * Bodies use the reference's field names and JSON types.
 */
import { isExactObject, JsonNumberText, parseExactJson } from "../contract/json-exact";
import { errors } from "./api-error";
import { JsonText, requireConnected, targetInstance, type ActionHandler } from "./action-context";
import { EMULATOR_ACCOUNT_ID } from "./default-seed";
import { ownerOf } from "./instance-store";
import { boolParam, commaList, intValue, required } from "./params";
import type { SeedInstance } from "./types";
import { answeredKmsInstance, isUninitialized } from "./uninitialized";

/**
 * `GetKmsInstance`: the stored instance, serialized once per change (request ids are UUIDs); an
 * `Uninitialized` one with the empty network fields the service shows (uninitialized.ts).
 */
export const getKmsInstance: ActionHandler = (ctx) => {
  const inst = targetInstance(ctx);
  const json = isUninitialized(inst)
    ? JSON.stringify(answeredKmsInstance(inst))
    : ctx.store.kmsInstanceJson(inst);
  return new JsonText(`{"RequestId":${JSON.stringify(ctx.requestId)},"KmsInstance":${json}}`);
};

/**
 * `ListKmsInstances`: the caller's instances of the region, paged, optionally filtered by
 * `Filters` (OR within a key, AND across keys); each ARN names the region and the owner account.
 */
export const listKmsInstances: ActionHandler = (ctx) => {
  const pageNumber = intValue(ctx.params, "PageNumber", 1);
  const pageSize = intValue(ctx.params, "PageSize", 20);
  const filters = parseFilters(ctx.params.Filters);
  const matching = ctx.store
    .listRegion(ctx.region, ctx.nowMs)
    .filter((inst) => filters.every((f) => f.values.includes(fieldText(inst, f.key))));
  const page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return {
    RequestId: ctx.requestId,
    TotalCount: matching.length,
    PageNumber: pageNumber,
    PageSize: pageSize,
    KmsInstances: {
      KmsInstance: page.map((inst) => ({
        KmsInstanceId: inst.KmsInstance.InstanceId,
        KmsInstanceArn: `acs:kms:${inst.RegionId}:${ownerOf(inst)}:keystore/${String(inst.KmsInstance.InstanceId)}`,
      })),
    },
  };
};

interface Filter {
  key: string;
  values: string[];
}

/** The `Filters` JSON (its form already checked against the contract table). */
function parseFilters(text: string | undefined): Filter[] {
  if (text === undefined || text === "") return [];
  return (JSON.parse(text) as { Key: string; Values: string[] }[]).map((f) => ({
    key: f.Key,
    values: f.Values,
  }));
}

function fieldText(inst: SeedInstance, key: string): string {
  const name = key === "KmsInstanceId" ? "InstanceId" : key;
  const v = inst.KmsInstance[name];
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean"
    ? String(v)
    : "\u0000";
}

/** `UpdateKmsInstanceBindVpc`: replaces the whole list of bound VPCs. */
export const updateKmsInstanceBindVpc: ActionHandler = (ctx) => {
  const inst = targetInstance(ctx);
  const list = parseBindVpcs(required(ctx.params, "BindVpcs"));
  requireConnected(inst);
  ctx.store.commit(inst, (i) => {
    i.KmsInstance.BindVpcs = { BindVpc: list };
  });
  return { RequestId: ctx.requestId };
};

/**
 * Reads the `BindVpcs` JSON string, whose form the contract table has checked: `VpcOwnerId` is
 * an unquoted JSON integer, kept as its exact digits (a 19-digit account id does not survive a
 * JS number) and stored as the string `GetKmsInstance` answers; absent means the caller's own
 * account.
 */
export function parseBindVpcs(text: string): Record<string, string>[] {
  const doc = parseExactJson(text);
  if (!Array.isArray(doc)) throw errors.invalidParameter("BindVpcs", "It must be a JSON array.");
  return doc.map((entry) => {
    const out: Record<string, string> = {};
    if (!isExactObject(entry)) return out;
    for (const f of ["RegionId", "VpcId", "VSwitchId"]) out[f] = String(entry[f]);
    const owner = entry.VpcOwnerId;
    out.VpcOwnerId = owner instanceof JsonNumberText ? owner.text : EMULATOR_ACCOUNT_ID;
    return out;
  });
}

/** `UpdateKmsInstance`: renames the instance. */
export const updateKmsInstance: ActionHandler = (ctx) => {
  const inst = targetInstance(ctx);
  const name = required(ctx.params, "InstanceName");
  ctx.store.commit(inst, (i) => {
    i.KmsInstance.InstanceName = name;
  });
  return { RequestId: ctx.requestId };
};

/**
 * `SetDeletionProtection`. Enabling keeps the previous description unless a new one is given;
 * disabling removes it unless one is given.
 */
export const setDeletionProtection: ActionHandler = (ctx) => {
  const inst = targetInstance(ctx);
  const enable = boolParam(ctx.params, "EnableDeletionProtection");
  if (enable === undefined) throw errors.missingParameter("EnableDeletionProtection");
  const description = ctx.params.DeletionProtectionDescription;
  ctx.store.commit(inst, (i) => {
    i.KmsInstance.DeletionProtection = enable;
    if (description !== undefined) i.KmsInstance.DeletionProtectionDescription = description;
    else if (!enable) delete i.KmsInstance.DeletionProtectionDescription;
  });
  return { RequestId: ctx.requestId };
};

/**
 * `ConnectKmsInstance`: Uninitialized → Connecting, then Connected after the configured delay.
 * Any other status, `Connecting` included, is refused with 403 `Forbidden.DKMSInstanceStateInvalid`
 * (the reference's error table: "instance in wrong state", documented; the service answered a
 * second connect of a Connecting instance so in the field, issue 20), so a second connect of
 * the same instance fails as it does against the service.
 */
export const connectKmsInstance: ActionHandler = (ctx) => {
  const inst = targetInstance(ctx);
  const vpcId = required(ctx.params, "VpcId");
  const zones = commaList(ctx.params, "ZoneIds");
  const vswitches = commaList(ctx.params, "VSwitchIds");
  const status = String(inst.KmsInstance.Status ?? "");
  if (status !== "Uninitialized") throw errors.instanceStateInvalid(status);
  ctx.store.startConnect(inst, ctx.nowMs + ctx.connectDelayMs, (i) => {
    i.KmsInstance.VpcId = vpcId;
    i.KmsInstance.ZoneIds = zones;
    i.KmsInstance.VswitchIds = vswitches;
  });
  return { RequestId: ctx.requestId };
};

const QUOTA_FIELDS: Record<string, string> = {
  key: "KeyNum",
  secret: "SecretNum",
  vpc: "VpcNum",
  qps: "Spec",
};

function usedOf(inst: SeedInstance, type: string, boundVpcs: number): number {
  const seeded = Object.entries(inst.QuotaUsed ?? {}).find(([k]) => k === type)?.[1];
  return seeded ?? (type === "vpc" ? boundVpcs : 0);
}

/** `GetKmsInstanceQuotaInfos` for one resource type. */
export const getKmsInstanceQuotaInfos: ActionHandler = (ctx) => {
  const inst = targetInstance(ctx);
  const type = required(ctx.params, "ResourceType");
  // The contract table admits only the four types QUOTA_FIELDS names.
  const field = QUOTA_FIELDS[type] ?? "Spec";
  const quota = Number(inst.KmsInstance[field] ?? 0);
  const bound = (inst.KmsInstance.BindVpcs as { BindVpc?: unknown[] } | undefined)?.BindVpc;
  return {
    RequestId: ctx.requestId,
    KmsInstanceId: inst.KmsInstance.InstanceId,
    KmsInstanceQuotaInfos: [
      {
        ResourceType: type,
        ResourceQuota: Number.isFinite(quota) ? quota : 0,
        // Seeded counts first (the emulator stores no keys or secrets to count).
        UsedQuantity: usedOf(inst, type, bound?.length ?? 0),
      },
    ],
  };
};
