import * as pulumi from "@pulumi/pulumi";
import { PLUGIN_RESOURCE_TYPE } from "../../provider/package/identity";
import { PLUGIN_VERSION } from "../../provider/package/version";
import type { KmsInstanceArgs, KmsInstanceState } from "../kms-instance";
import {
  isResourceOfType,
  registeredProps,
  type KmsInstanceOutputProperties,
} from "../output-properties";
import { checkedTags } from "../tag-keys";
import { assertGetTarget } from "../read-target";

/**
 * An existing Alibaba Cloud KMS instance (`kst-…`) brought under Pulumi through the
 * `alicloud-kms` provider plugin (type `alicloud-kms:index:KmsInstance`). It behaves like the
 * dynamic `KmsInstance` of the package root — adopt on create, drift on refresh, `up` corrects,
 * delete leaves the instance running — and in addition it can be imported from the CLI and shows
 * per-property diffs (which VPC binding, which tag). It needs the plugin installed
 * (`pulumi plugin install resource alicloud-kms 0.1.0 --file <tarball>`).
 *
 * @example
 * ```ts
 * import * as alicloud_kms from "pulumi-alicloud-kms/plugin";
 *
 * const prod = new alicloud_kms.KmsInstance("prod", {
 *     kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx",
 *     region: "cn-hangzhou",
 *     tags: { team: "platform" },
 * });
 * export const vpcId = prod.vpcId;
 * ```
 *
 * ## Import
 * ```sh
 * $ pulumi import alicloud-kms:index:KmsInstance prod kst-hzz65f176a0ogplgqxxxx
 * $ pulumi import alicloud-kms:index:KmsInstance sh cn-shanghai/kst-shh65f176a0ogplgqyyyy
 * ```
 * An id without a region is looked up in the provider's region (`alicloud-kms:region`, else
 * `ALIBABA_CLOUD_REGION`); `<region>/kst-…` names another one. The `import` resource option
 * takes the same ids.
 */
// Outputs typed once for both classes (see ../output-properties.ts).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface KmsInstance extends KmsInstanceOutputProperties {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class KmsInstance extends pulumi.CustomResource {
  /**
   * A read-only reference to an existing instance: its outputs are read (and refreshed), nothing
   * is ever changed.
   *
   * @example
   * ```ts
   * const shared = alicloud_kms.KmsInstance.get("shared", "kst-shh65f176a0ogplgqyyyy", {
   *     region: "cn-shanghai",
   * });
   * ```
   * @param name The unique name of the resulting resource.
   * @param id The instance id (`kst-…`); a malformed plain id throws here, before any call.
   * @param state Its known state: the region, when it is not the configured one.
   * @param opts Resource options.
   */
  public static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: KmsInstanceState,
    opts?: pulumi.CustomResourceOptions,
  ): KmsInstance {
    // A malformed plain id or region fails here, naming the property, before any API call.
    assertGetTarget(name, id, state?.region, true);
    return new KmsInstance(name, { kmsInstanceId: id, region: state?.region }, { ...opts, id });
  }

  /** Returns true when `obj` is a {@link KmsInstance}, also across copies of this package. */
  public static override isInstance(obj: unknown): obj is KmsInstance {
    return isResourceOfType(obj, PLUGIN_RESOURCE_TYPE);
  }

  /**
   * Adopts an existing KMS instance (or, with `opts.import`, imports it).
   * @param name The unique name of the resource.
   * @param args The instance to adopt and the properties to manage.
   * @param opts Resource options; `version` defaults to this package's plugin version.
   */
  constructor(name: string, args: KmsInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    // Tag keys the SDK cannot send (e.g. `toString`) fail here with a clear message, not
    // inside the SDK's serialization.
    const props = registeredProps({ ...args, tags: checkedTags(args.tags) });
    // The plugin sees only `alicloud-kms:*` config; the program sees all of it, so the
    // `alicloud:region` that `@pulumi/alicloud` users already set still applies here.
    if (
      props.region === undefined &&
      pulumi.runtime.getConfig("alicloud-kms:region") === undefined
    ) {
      props.region = pulumi.runtime.getConfig("alicloud:region");
    }
    super(PLUGIN_RESOURCE_TYPE, name, props, { version: PLUGIN_VERSION, ...opts });
  }
}
