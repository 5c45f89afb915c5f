import * as pulumi from "@pulumi/pulumi";
import { confirmGone, fetchLive, notFoundForGetMessage } from "../provider/core";
import type { KmsInstanceOutputs } from "../provider/instance";
import { isNotFound } from "../provider/kms/errors";
import { programDeps } from "./program-config";
import { readTargetRegion } from "./read-target";

/** Arguments of {@link getKmsInstance}. */
export interface GetKmsInstanceArgs {
  /** The instance to read (`kst-…`). */
  kmsInstanceId: string;
  /** @default the `alicloud:region` config, else `ALIBABA_CLOUD_REGION`, else `ALICLOUD_REGION` */
  region?: string;
}

/** Arguments of {@link getKmsInstanceOutput}: the same, as inputs. */
export interface GetKmsInstanceOutputArgs {
  /** The instance to read (`kst-…`). */
  kmsInstanceId: pulumi.Input<string>;
  /** @default as for {@link GetKmsInstanceArgs.region} */
  region?: pulumi.Input<string>;
}

/**
 * What {@link getKmsInstance} returns: every `GetKmsInstance` field camelCased and typed (see
 * `KmsInstance`'s outputs), plus `region` and the instance's user `tags`.
 */
export type GetKmsInstanceResult = Omit<KmsInstanceOutputs, "managedProperties" | "tags"> & {
  /** User tags (system tags filtered). */
  tags: Record<string, string>;
};

/**
 * Reads an instance without making it a resource: a plain call at program run time (also during
 * preview), two API calls (`GetKmsInstance`, `ListTagResources`; an instance not enabled yet
 * reads as having no tags). Throws when the instance does not exist, and — before any call —
 * when `kmsInstanceId` or `region` is malformed.
 *
 * @example
 * ```ts
 * const info = await getKmsInstance({ kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx" });
 * console.log(info.status, info.endDate);
 * ```
 */
export async function getKmsInstance(args: GetKmsInstanceArgs): Promise<GetKmsInstanceResult> {
  const deps = programDeps();
  // A malformed id or region fails here, naming the property, instead of costing a call.
  const region = readTargetRegion("getKmsInstance", deps, {
    kmsInstanceId: args.kmsInstanceId,
    region: args.region,
  });
  const r = deps.forRegion(region);
  try {
    const live = await fetchLive(r.api, args.kmsInstanceId, region, ["tags"]);
    const { managedProperties: _managed, tags, ...rest } = live;
    return { ...rest, tags: tags ?? {} };
  } catch (err) {
    if (!isNotFound(err)) throw err;
    // "Does not exist" only when confirmed; otherwise the error names the suspicion.
    await confirmGone(r.probe, { kmsInstanceId: args.kmsInstanceId, region, stake: "report" });
    throw new Error(notFoundForGetMessage(args.kmsInstanceId, region));
  }
}

/**
 * {@link getKmsInstance} for inputs: waits for them, then reads.
 *
 * @example
 * ```ts
 * const info = getKmsInstanceOutput({ kmsInstanceId: kms.kmsInstanceId });
 * export const zones = info.zoneIds;
 * ```
 */
export function getKmsInstanceOutput(
  args: GetKmsInstanceOutputArgs,
): pulumi.Output<GetKmsInstanceResult> {
  return pulumi
    .output(args)
    .apply((a) => getKmsInstance({ kmsInstanceId: a.kmsInstanceId, region: a.region }));
}
