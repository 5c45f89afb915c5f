import { programCore } from "./program-config";
import { asProgramError } from "./program-error";
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
 * Lists the KMS instances of a region, every page (`ListKmsInstances`, 100 per page); an
 * answer that is not a listing fails rather than list less. A malformed
 * `region` fails before any call, naming the property and the accepted form. Failures are
 * one-line `pulumi.RunError`s with the underlying error as `cause`, as for `getKmsInstance`.
 *
 * @example
 * ```ts
 * const all = await listKmsInstances({ region: "cn-shanghai" });
 * const refs = all.ids.map((id) => KmsInstance.get(id, id, { region: all.region }));
 * ```
 */
export function listKmsInstances(args: ListKmsInstancesArgs = {}): Promise<ListKmsInstancesResult> {
  return asProgramError(() => listInstances(args));
}

async function listInstances(args: ListKmsInstancesArgs): Promise<ListKmsInstancesResult> {
  const core = programCore();
  // A malformed region fails here, naming the property, instead of costing a call.
  const region = readTargetRegion("listKmsInstances", core, { region: args.region });
  const instances: KmsInstanceRef[] = [];
  for (const r of await core.list(region, args.instanceName)) {
    if (!r.id) continue;
    instances.push({
      kmsInstanceId: r.id,
      ...(r.arn !== undefined ? { kmsInstanceArn: r.arn } : {}),
    });
  }
  return { region, instances, ids: instances.map((i) => i.kmsInstanceId) };
}
