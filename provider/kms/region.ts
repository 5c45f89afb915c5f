/** What a region id looks like and what to say when there is none (provider, SDK, emulator). */

/**
 * The form of every `RegionId` ECS `DescribeRegions` lists, from `cn-hangzhou` to
 * `cn-qingdao-et2-bo1`
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-regions-describeregions).
 */
export const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** For messages. */
export const REGION_EXAMPLES = "e.g. `cn-hangzhou`, `ap-southeast-1`";

/** Who is missing a region, and where the caller can name one besides config and environment. */
export interface NoRegionContext {
  /** What failed, prefixed to the sentence (`getKmsInstance`, `cannot read kst-…`). */
  subject?: string;
  /** The first remedy, e.g. "set the resource's `region`" (the default). */
  declare?: string;
  /** `alicloud:region` unless the plugin's own. */
  configKey?: string;
}

/** "No region anywhere", naming every place a region can come from (see `resolveRegion`). */
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
