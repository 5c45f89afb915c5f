/**
 * The instance APIs: GetKmsInstance, ListKmsInstances, UpdateKmsInstanceBindVpc,
 * UpdateKmsInstance, SetDeletionProtection, ConnectKmsInstance, GetKmsInstanceQuotaInfos.
 * Bodies use the reference's field names and JSON types.
 */
import { errors } from "./api-error";
import { JsonText, requireConnected, targetInstance, type ActionHandler } from "./action-context";
import { EMULATOR_ACCOUNT_ID } from "./default-seed";
import { ownerOf } from "./instance-store";
import { REGION_ID } from "./instance-schema";
import { boolParam, commaList, intParam, isRecord, jsonParam, required } from "./params";
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
  const pageNumber = intParam(ctx.params, "PageNumber", 1, 1, 1_000_000);
  const pageSize = intParam(ctx.params, "PageSize", 20, 1, 100);
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

function parseFilters(text: string | undefined): Filter[] {
  if (text === undefined || text === "") return [];
  const doc = jsonParam("Filters", text);
  const bad = (): never => {
    throw errors.invalidParameter("Filters", 'Expected [{"Key":"…","Values":["…"]}].');
  };
  if (!Array.isArray(doc)) bad();
  return (doc as unknown[]).map((f) => {
    if (!isRecord(f) || typeof f.Key !== "string" || !Array.isArray(f.Values)) return bad();
    if (!f.Values.every((v) => typeof v === "string")) return bad();
    return { key: f.Key, values: f.Values as string[] };
  });
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
 * Parses the `BindVpcs` JSON string. A numeric `VpcOwnerId` is quoted before parsing, because a
 * 16-digit account id does not survive a trip through a JS number.
 */
export function parseBindVpcs(text: string): Record<string, string>[] {
  const quoted = text.replace(/("VpcOwnerId"\s*:\s*)(-?[0-9][0-9.eE+-]*)/g, '$1"$2"');
  const doc = jsonParam("BindVpcs", quoted);
  const bad = (why: string): never => {
    throw errors.invalidParameter("BindVpcs", why);
  };
  if (!Array.isArray(doc)) return bad("It must be a JSON array.");
  if (doc.length > 100) return bad("At most 100 VPCs can be bound.");
  return doc.map((entry: unknown, i) => {
    if (!isRecord(entry)) return bad(`Entry ${i + 1} is not an object.`);
    const out: Record<string, string> = {};
    for (const f of ["RegionId", "VpcId", "VSwitchId"]) {
      const v = entry[f];
      if (typeof v !== "string" || v === "") return bad(`Entry ${i + 1} needs a string ${f}.`);
      out[f] = v;
    }
    if (!REGION_ID.test(out.RegionId)) return bad(`Entry ${i + 1} has an invalid RegionId.`);
    const owner = entry.VpcOwnerId ?? EMULATOR_ACCOUNT_ID;
    if (typeof owner !== "string" || !/^\d{1,20}$/.test(owner)) {
      return bad(`Entry ${i + 1} has an invalid VpcOwnerId.`);
    }
    out.VpcOwnerId = owner;
    return out;
  });
}

/** `UpdateKmsInstance`: renames the instance. */
export const updateKmsInstance: ActionHandler = (ctx) => {
  const inst = targetInstance(ctx);
  const name = required(ctx.params, "InstanceName");
  if (name.length > 128) throw errors.invalidParameter("InstanceName", "At most 128 characters.");
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

/** `ConnectKmsInstance`: Uninitialized → Connecting, then Connected after the configured delay. */
export const connectKmsInstance: ActionHandler = (ctx) => {
  const inst = targetInstance(ctx);
  const vpcId = required(ctx.params, "VpcId");
  const zones = commaList(ctx.params, "ZoneIds");
  const vswitches = commaList(ctx.params, "VSwitchIds");
  const provider = ctx.params.KMProvider;
  if (zones.length !== 2 || zones[0] === zones[1]) {
    throw errors.invalidParameter("ZoneIds", "Two different zones are required.");
  }
  if (vswitches.length === 0) throw errors.invalidParameter("VSwitchIds");
  if (provider !== undefined && provider !== "Aliyun") throw errors.invalidParameter("KMProvider");
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
  const field = QUOTA_FIELDS[type];
  if (field === undefined)
    throw errors.invalidParameter("ResourceType", "Use key, secret, qps or vpc.");
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
