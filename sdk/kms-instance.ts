import * as pulumi from "@pulumi/pulumi";
import {
  isResourceOfType,
  registeredProps,
  type KmsInstanceOutputProperties,
} from "./output-properties";
import provider from "../provider/dynamic";
import { checkedTags } from "./tag-keys";
import { assertGetTarget } from "./read-target";

/** A VPC bound to the instance, as a program declares it. */
export interface BindVpcArgs {
  /** The VPC (`vpc-…`). */
  vpcId: pulumi.Input<string>;
  /** The vSwitch in that VPC (`vsw-…`). */
  vSwitchId: pulumi.Input<string>;
  /** Region of the VPC, e.g. `cn-hangzhou`. */
  regionId: pulumi.Input<string>;
  /** Owner account id of the VPC, as a string: 16-digit account ids overflow JS numbers. */
  vpcOwnerId: pulumi.Input<string>;
}

/**
 * The arguments of a {@link KmsInstance}. Declaring a managed property means Pulumi manages it
 * (drift shows on refresh, `up` corrects it); leaving it out means it is only observed.
 */
export interface KmsInstanceArgs {
  /** The existing instance to adopt (`kst-…`). A change means another instance: replace. */
  kmsInstanceId: pulumi.Input<string>;
  /**
   * Region of the instance. A change means replace.
   * @default the `alicloud:region` config, else `ALIBABA_CLOUD_REGION`, else `ALICLOUD_REGION`
   */
  region?: pulumi.Input<string>;
  /** The instance name (managed when set). */
  instanceName?: pulumi.Input<string>;
  /** The bound VPCs (managed when set): a set, so their order never makes a diff. */
  bindVpcs?: pulumi.Input<pulumi.Input<BindVpcArgs>[]>;
  /** User tags (managed when set): the whole map, system tags (`aliyun…`, `acs:…`) excepted. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Deletion protection (managed when set). */
  deletionProtection?: pulumi.Input<boolean>;
  /** Why deletion protection is on (managed when set). */
  deletionProtectionDescription?: pulumi.Input<string>;
  /**
   * Also read the quota usage into `quota` on every read (four more calls) and warn when a
   * resource type's used share reaches `alicloud-kms:quotaWarningPercent` (default 90). Not a
   * property of the instance: changing it makes no API call and no replace.
   * @default false
   */
  watchQuota?: pulumi.Input<boolean>;
}

/**
 * The known state of an existing instance, passed to {@link KmsInstance.get} as the generated
 * Pulumi SDKs take it (`get(name, id, state?, opts?)`).
 */
export interface KmsInstanceState {
  /** Region of the instance. @default as for {@link KmsInstanceArgs.region} */
  region?: pulumi.Input<string>;
}

/** The dynamic resource type token: `pulumi-nodejs:dynamic/alicloud-kms:KmsInstance`. */
export const KMS_INSTANCE_TYPE = "pulumi-nodejs:dynamic/alicloud-kms:KmsInstance";

/**
 * An existing Alibaba Cloud KMS instance (`kst-…`) brought under Pulumi. Creating the resource
 * adopts the instance (it never buys one); refresh reads it with `GetKmsInstance` and shows drift
 * of the declared properties; `up` corrects it; deleting the resource stops managing the instance
 * and leaves it running.
 *
 * @example
 * ```ts
 * import { KmsInstance } from "pulumi-alicloud-kms";
 *
 * const kms = new KmsInstance("prod-kms", {
 *     kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx",
 *     bindVpcs: [{ vpcId, vSwitchId, regionId: "cn-hangzhou", vpcOwnerId: "1903253031260001" }],
 *     tags: { team: "platform" },
 * });
 * export const caChain = kms.caCertificateChainPem;
 * ```
 *
 * ## Import
 * Pulumi cannot `pulumi import` a dynamic resource; declare the id instead (adoption), or use
 * {@link KmsInstance.get} for a read-only reference. For CLI import, see the README.
 */
// The output properties come from KmsInstanceOutputProperties (declaration merging), shared
// with the plugin class; there is nothing unsafe to merge: the interface only types outputs the
// engine sets on the instance.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface KmsInstance extends KmsInstanceOutputProperties {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class KmsInstance extends pulumi.dynamic.Resource {
  /**
   * A read-only reference to an existing instance: its outputs are read (and refreshed), nothing
   * is ever changed.
   *
   * @example
   * ```ts
   * const shared = KmsInstance.get("shared-kms", "kst-shh65f176a0ogplgqyyyy", {
   *     region: "cn-shanghai",
   * });
   * export const sharedVpc = shared.vpcId;
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
    assertGetTarget(name, id, state?.region);
    return new KmsInstance(name, { kmsInstanceId: id, region: state?.region }, { ...opts, id });
  }

  /** Returns true when `obj` is a {@link KmsInstance}, also across copies of this package. */
  public static override isInstance(obj: unknown): obj is KmsInstance {
    return isResourceOfType(obj, KMS_INSTANCE_TYPE);
  }

  /**
   * Adopts an existing KMS instance.
   * @param name The unique name of the resource.
   * @param args The instance to adopt and the properties to manage.
   * @param opts Resource options.
   */
  constructor(name: string, args: KmsInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    // Tag keys the SDK cannot send (e.g. `toString`) fail here with a clear message, not
    // inside the SDK's serialization.
    const props = registeredProps({ ...args, tags: checkedTags(args.tags) });
    super(provider, name, props, opts, "alicloud-kms", "KmsInstance");
  }
}
