/**
 * Reads an instance's quota usage: `GetKmsInstanceQuotaInfos` once per resource type, because
 * the request names one `ResourceType` (shared/reference/kms-instance-api.md; the request model
 * of aliyun/alibabacloud-php-sdk kms-20160120 `GetKmsInstanceQuotaInfosRequest.php` has exactly
 * `KmsInstanceId` and `ResourceType`), and no source says that omitting it returns every type.
 */
import {
  decodeQuotaInfos,
  QUOTA_RESOURCE_TYPES,
  type QuotaFigure,
  type QuotaResourceKind,
  type QuotaUsage,
} from "../instance";
import { isUninitializedRejection, KmsError } from "../kms/errors";

/** The one call this needs (a subset of `KmsClient`). */
export interface QuotaApi {
  /** `GetKmsInstanceQuotaInfos` for one resource type; the raw body. */
  getKmsInstanceQuotaInfos(id: string, resourceType: QuotaResourceKind): Promise<unknown>;
}

/**
 * Four calls, one after the other (a failure stops the rest). An answer without exactly one
 * decodable row of the type asked is an `unexpected` `KmsError`: a wrong figure must never
 * pass for a real one.
 */
export async function fetchQuota(
  api: QuotaApi,
  kmsInstanceId: string,
  region: string,
): Promise<QuotaUsage> {
  const usage: Partial<Record<QuotaResourceKind, QuotaFigure>> = {};
  for (const type of QUOTA_RESOURCE_TYPES) {
    const decoded = decodeQuotaInfos(await api.getKmsInstanceQuotaInfos(kmsInstanceId, type), type);
    if ("problem" in decoded) {
      throw new KmsError({
        kind: "unexpected",
        action: "GetKmsInstanceQuotaInfos",
        region,
        instanceId: kmsInstanceId,
        detail: `${decoded.problem}: the endpoint may not be the KMS API`,
      });
    }
    usage[type] = decoded.figure;
  }
  return usage as QuotaUsage;
}

/**
 * {@link fetchQuota}, or undefined when the service refuses it with `Rejected.Uninitialized`:
 * it answers the tag APIs so for an instance not enabled yet (terraform-provider-alicloud
 * PR #9320, shared/reference/kms-instance-api.md); whether it does so for quota is not
 * documented, so both answers are handled. Such an instance's status warning says why.
 */
export async function readQuota(
  api: QuotaApi,
  kmsInstanceId: string,
  region: string,
): Promise<QuotaUsage | undefined> {
  try {
    return await fetchQuota(api, kmsInstanceId, region);
  } catch (err) {
    if (isUninitializedRejection(err)) return undefined;
    throw err;
  }
}
