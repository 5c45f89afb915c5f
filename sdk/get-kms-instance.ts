import * as pulumi from "@pulumi/pulumi";
import type { KmsInstanceOutputs, QuotaUsage } from "../provider/instance";
import { programCore } from "./program-config";
import { asProgramError } from "./program-error";
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
 * `KmsInstance`'s outputs), plus `region`, the instance's user `tags`, its `quota` usage and, for
 * a subscription instance, its `renewal`.
 */
export type GetKmsInstanceResult = Omit<
  KmsInstanceOutputs,
  "managedProperties" | "tags" | "watchQuota" | "quota"
> & {
  /** User tags (system tags filtered). */
  tags: Record<string, string>;
  /**
   * Quota usage (`GetKmsInstanceQuotaInfos`): `key`, `secret`, `vpc`, `qps`, each
   * `{ quota, used }`. Absent only when the service refuses it for an instance not enabled yet.
   */
  quota?: QuotaUsage;
  /**
   * How the instance renews (BSS `QueryAvailableInstances`): `status` `AutoRenewal` (with `period`
   * and `periodUnit`), `ManualRenewal` or `NotRenewal`. Always there for a subscription
   * (`PREPAY`) instance; absent for a pay-as-you-go one, which has no renewal.
   */
  renewal?: KmsInstanceOutputs["renewal"];
};

/**
 * Reads an instance without making it a resource: a plain call at program run time (also during
 * preview), seven API calls for a subscription instance (`GetKmsInstance`, `ListTagResources`,
 * BSS `QueryAvailableInstances` for its renewal, and `GetKmsInstanceQuotaInfos` once for each of
 * `key`, `secret`, `vpc`, `qps`: the request names one type), six for a pay-as-you-go one, which
 * has no renewal; an instance not enabled yet reads as having no tags. Rejects when the instance does not exist, and — before any
 * call — when `kmsInstanceId` or `region` is malformed. Every failure is a `pulumi.RunError`
 * whose message is the one sentence saying what failed (a program prints it as one line, without
 * a stack); the underlying error (e.g. a `KmsError` with its `kind` and `code`) is its `cause`.
 *
 * @example
 * ```ts
 * const info = await getKmsInstance({ kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx" });
 * console.log(info.status, info.endDate, info.renewal?.status);
 * console.log(`keys: ${info.quota?.key.used} of ${info.quota?.key.quota}`);
 * ```
 */
export function getKmsInstance(args: GetKmsInstanceArgs): Promise<GetKmsInstanceResult> {
  return asProgramError(() => readInstance(args));
}

async function readInstance(args: GetKmsInstanceArgs): Promise<GetKmsInstanceResult> {
  const core = programCore();
  // A malformed id or region fails here, naming the property, instead of costing a call.
  const region = readTargetRegion("getKmsInstance", core, {
    kmsInstanceId: args.kmsInstanceId,
    region: args.region,
  });
  // "Does not exist" only when confirmed; otherwise the error names the suspicion.
  const { outputs, quota } = await core.report(args.kmsInstanceId, region);
  const { managedProperties: _managed, tags, ...rest } = outputs;
  return { ...rest, tags: tags ?? {}, ...(quota !== undefined ? { quota } : {}) };
}

/**
 * {@link getKmsInstance} for inputs: waits for them, then reads; fails as it does (one line).
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
