/**
 * What a region id looks like and what to say when there is none: the one home of both, for the
 * provider, the SDK functions and the emulator.
 */

/**
 * A region id such as `cn-hangzhou` or `ap-southeast-1`: lowercase letters, then dash-separated
 * lowercase letters or digits: the form of every `RegionId` that ECS `DescribeRegions` lists,
 * down to ids such as `cn-qingdao-et2-bo1`
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-regions-describeregions).
 */
export const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** Examples of region ids, for messages. */
export const REGION_EXAMPLES = "e.g. `cn-hangzhou`, `ap-southeast-1`";

/** Who is missing a region, and where the caller can name one besides config and environment. */
export interface NoRegionContext {
  /** What failed, prefixed to the sentence (`getKmsInstance`, `cannot read kst-…`). */
  subject?: string;
  /** The first remedy, e.g. "set the resource's `region`" (the default). */
  declare?: string;
  /** The config key that sets a default region; `alicloud:region` unless the plugin's own. */
  configKey?: string;
}

/**
 * The sentence for "no region anywhere": one wording everywhere, naming every place a region can
 * come from (the settings' order: declared → config → `ALIBABA_CLOUD_REGION` → `ALICLOUD_REGION`).
 */
export function noRegionMessage(context: NoRegionContext = {}): string {
  const configKey = context.configKey ?? "alicloud:region";
  const declare = context.declare ?? "set the resource's `region`";
  const prefix = context.subject !== undefined ? `${context.subject}: ` : "";
  return (
    `${prefix}no Alibaba Cloud region: ${declare}, or set the \`${configKey}\` config ` +
    `(pulumi config set ${configKey} cn-hangzhou) or the ALIBABA_CLOUD_REGION or ` +
    "ALICLOUD_REGION environment variable"
  );
}
