import { programDeps } from "./program-config";
import { readTargetRegion } from "./read-target";

/** Arguments of {@link listKmsInstances}. */
export interface ListKmsInstancesArgs {
  /** @default the `alicloud:region` config, else `ALIBABA_CLOUD_REGION`, else `ALICLOUD_REGION` */
  region?: string;
  /** Only instances with exactly this name (the API's `InstanceName` filter). */
  instanceName?: string;
}

/** One instance of a {@link listKmsInstances} result. */
export interface KmsInstanceRef {
  /** The instance id (`kst-…`). */
  kmsInstanceId: string;
  /** `acs:kms:<region>:<uid>:keystore/<kst-id>`. */
  kmsInstanceArn?: string;
}

/** What {@link listKmsInstances} returns. */
export interface ListKmsInstancesResult {
  /** The region that was listed. */
  region: string;
  /** Every instance of the region (all pages). */
  instances: KmsInstanceRef[];
  /** Their ids, for convenience. */
  ids: string[];
}

/**
 * Lists the KMS instances of a region, every page (`ListKmsInstances`, 50 per page). A malformed
 * `region` throws before any call, naming the property and the accepted form.
 *
 * @example
 * ```ts
 * const all = await listKmsInstances({ region: "cn-shanghai" });
 * const refs = all.ids.map((id) => KmsInstance.get(id, id, { region: all.region }));
 * ```
 */
export async function listKmsInstances(
  args: ListKmsInstancesArgs = {},
): Promise<ListKmsInstancesResult> {
  const deps = programDeps();
  // A malformed region fails here, naming the property, instead of costing a call.
  const region = readTargetRegion("listKmsInstances", deps, { region: args.region });
  const refs = await deps
    .client(region)
    .listAllKmsInstances(
      args.instanceName !== undefined
        ? { filters: [{ Key: "InstanceName", Values: [args.instanceName] }] }
        : {},
    );
  const instances: KmsInstanceRef[] = [];
  for (const r of refs) {
    if (!r.KmsInstanceId) continue;
    instances.push({
      kmsInstanceId: r.KmsInstanceId,
      ...(r.KmsInstanceArn !== undefined ? { kmsInstanceArn: r.KmsInstanceArn } : {}),
    });
  }
  return { region, instances, ids: instances.map((i) => i.kmsInstanceId) };
}
