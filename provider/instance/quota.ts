/**
 * Quota usage of a KMS instance, from `GetKmsInstanceQuotaInfos`
 * (shared/reference/kms-instance-api.md): the request names one `ResourceType` (`key`, `secret`,
 * `qps`, `vpc`); the answer is `{ RequestId, KmsInstanceId, KmsInstanceQuotaInfos: [ {
 * ResourceType, ResourceQuota, UsedQuantity } ] }`, its rows naming no instance: `KmsInstanceId`
 * says whose figures they are (aliyun/alibabacloud-csharp-sdk kms-20160120
 * `GetKmsInstanceQuotaInfosResponseBody.cs`: "The ID of the KMS instance"). The counts are
 * integers in the SDK models (aliyun/alibabacloud-php-sdk kms-20160120
 * `GetKmsInstanceQuotaInfosResponseBody/kmsInstanceQuotaInfos.php`: `@var int`); as `SecretNum`
 * of the same API family arrives as a string, a decimal string is accepted too; anything else is
 * a problem, never a silent 0.
 */
import { isPlainObject } from "./properties/property-module";

/** The resource types `GetKmsInstanceQuotaInfos` accepts, in outputs order. */
export const QUOTA_RESOURCE_TYPES = ["key", "secret", "vpc", "qps"] as const;

/** One resource type of `GetKmsInstanceQuotaInfos`. */
export type QuotaResourceKind = (typeof QUOTA_RESOURCE_TYPES)[number];

/** The quota of one resource type and how much of it is used. */
export interface QuotaFigure {
  /** The quota (`ResourceQuota`). */
  quota: number;
  /** How much of it is used (`UsedQuantity`). */
  used: number;
}

/** Quota usage of an instance: keys, secrets, bound VPCs and QPS. */
export interface QuotaUsage {
  /** Keys. */
  key: QuotaFigure;
  /** Secrets. */
  secret: QuotaFigure;
  /** VPCs that can reach the instance. */
  vpc: QuotaFigure;
  /** Queries per second. */
  qps: QuotaFigure;
}

/** A count as the API may send it: a non-negative integer, or its decimal string. */
export function decodeCount(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  if (typeof v === "string" && /^\d{1,15}$/.test(v)) return Number(v);
  return undefined;
}

/**
 * Decodes the answer for `resourceType` of `kmsInstanceId`, checked against the question: it must
 * name the instance asked (else its figures are nobody's or someone else's) and have exactly one
 * row of that type, both counts decodable; rows of other types are ignored. A problem becomes an
 * `unexpected` error.
 */
export function decodeQuotaInfos(
  body: unknown,
  resourceType: QuotaResourceKind,
  kmsInstanceId: string,
): { figure: QuotaFigure } | { problem: string } {
  if (!isPlainObject(body) || !Array.isArray(body.KmsInstanceQuotaInfos)) {
    return { problem: "the answer has no KmsInstanceQuotaInfos list" };
  }
  if (body.KmsInstanceId !== kmsInstanceId) {
    return {
      problem:
        typeof body.KmsInstanceId === "string" && body.KmsInstanceId !== ""
          ? `the answer names KmsInstanceId ${JSON.stringify(body.KmsInstanceId)}, not the instance asked`
          : "the answer names no KmsInstanceId, so its figures are not known to be this instance's",
    };
  }
  const rows = body.KmsInstanceQuotaInfos.filter(
    (r): r is Record<string, unknown> => isPlainObject(r) && r.ResourceType === resourceType,
  );
  if (rows.length !== 1) {
    return {
      problem: `the answer has ${rows.length} KmsInstanceQuotaInfos rows of ResourceType ${resourceType}, expected 1`,
    };
  }
  const quota = decodeCount(rows[0].ResourceQuota);
  const used = decodeCount(rows[0].UsedQuantity);
  if (quota === undefined || used === undefined) {
    return {
      problem:
        `the ${resourceType} row's ResourceQuota ${JSON.stringify(rows[0].ResourceQuota)} and ` +
        `UsedQuantity ${JSON.stringify(rows[0].UsedQuantity)} must be non-negative integers`,
    };
  }
  return { figure: { quota, used } };
}

/**
 * One warning per resource type whose used share reaches `percent` of its quota (any use of a
 * quota of 0 does), in integer arithmetic: 90 of 100 at 90 % warns, 89 does not. Each names the
 * instance, its region and "quota", the form `drift/warnings.ts` sorts by.
 */
export function quotaWarnings(
  instance: { kmsInstanceId: string; region: string },
  usage: QuotaUsage,
  percent: number,
): string[] {
  const who = `KMS instance ${instance.kmsInstanceId} (${instance.region})`;
  const warnings: string[] = [];
  for (const type of QUOTA_RESOURCE_TYPES) {
    const { quota, used } = usage[type];
    const reached = quota > 0 ? used * 100 >= percent * quota : used > 0;
    if (!reached) continue;
    const share = quota > 0 ? `${Math.floor((used * 100) / quota)} %` : "over";
    warnings.push(
      `${who} has used ${used} of its ${type} quota of ${quota} (${share}, warning from ${percent} %): ` +
        `raise the quota (upgrade the instance) or free some before deploys fail.`,
    );
  }
  return warnings;
}
