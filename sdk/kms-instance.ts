import * as pulumi from "@pulumi/pulumi";
import {
  isResourceOfType,
  registeredProps,
  type KmsInstanceOutputProperties,
} from "./output-properties";
import provider from "../provider/dynamic";
import type { BindVpc, KmsInstanceInputs } from "../provider/instance";
import { checkedTags } from "./tag-keys";
import { assertGetTarget } from "./read-target";

/**
 * A declared value as a program may pass it: a `pulumi.Input`, and so is every list entry and
 * object field inside it.
 */
export type InputOf<T> = pulumi.Input<
  T extends (infer E)[] ? InputOf<E>[] : T extends object ? { [K in keyof T]: InputOf<T[K]> } : T
>;

/** A VPC bound to the instance, as a program declares it (fields and docs from `BindVpc`). */
export type BindVpcArgs = { [K in keyof BindVpc]: pulumi.Input<BindVpc[K]> };

/** Every declared input as a program may pass it; names, optionality and docs kept. */
type ArgsOf<T> = { [K in keyof T]: InputOf<NonNullable<T[K]>> };

/**
 * The arguments of a {@link KmsInstance}. Declaring a managed property means Pulumi manages it
 * (drift shows on refresh, `up` corrects it); leaving it out means it is only observed. Derived
 * from `KmsInstanceInputs`, whose managed properties their modules in
 * `provider/instance/properties/` declare.
 */
// An interface (not a type alias) so the API docs list each argument with its description.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface KmsInstanceArgs extends ArgsOf<KmsInstanceInputs> {}

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
