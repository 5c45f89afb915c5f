import * as pulumi from "@pulumi/pulumi";
import type { BindVpc, ManagedProperty } from "../provider/instance";
import provider from "../provider/dynamic";

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
}

/** Options of {@link KmsInstance.get}. */
export interface KmsInstanceGetOptions extends pulumi.CustomResourceOptions {
  /** Region of the instance. @default as for {@link KmsInstanceArgs.region} */
  region?: pulumi.Input<string>;
}

/** The output names, set to `undefined` so the engine registers each one as an output. */
const OUTPUT_NAMES = [
  "managedProperties",
  "instanceId",
  "status",
  "createTime",
  "startDate",
  "endDate",
  "spec",
  "keyNum",
  "secretNum",
  "vpcNum",
  "vpcId",
  "zoneIds",
  "vswitchIds",
  "caCertificateChainPem",
  "chargeType",
  "productVersion",
  "productType",
  "saleStatus",
  "log",
  "logStorage",
] as const;

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
export class KmsInstance extends pulumi.dynamic.Resource {
  /**
   * A read-only reference to an existing instance: its outputs are read (and refreshed), nothing
   * is ever changed.
   *
   * @example
   * ```ts
   * const shared = KmsInstance.get("shared-kms", "kst-shh65f176a0ogplgqyyyy", { region: "cn-shanghai" });
   * export const sharedVpc = shared.vpcId;
   * ```
   */
  public static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    opts?: KmsInstanceGetOptions,
  ): KmsInstance {
    const { region, ...rest } = opts ?? {};
    return new KmsInstance(name, { kmsInstanceId: id, region }, { ...rest, id });
  }

  /** Returns true when `obj` is a {@link KmsInstance}, also across copies of this package. */
  public static override isInstance(obj: unknown): obj is KmsInstance {
    return (
      typeof obj === "object" &&
      obj !== null &&
      (obj as { __pulumiType?: unknown }).__pulumiType === KMS_INSTANCE_TYPE
    );
  }

  /** The adopted instance id (`kst-…`). */
  declare public readonly kmsInstanceId: pulumi.Output<string>;
  /** Region of the instance. */
  declare public readonly region: pulumi.Output<string>;
  /** The properties this resource manages (those the program declares). */
  declare public readonly managedProperties: pulumi.Output<ManagedProperty[]>;
  /** `InstanceId` as the API returns it. */
  declare public readonly instanceId: pulumi.Output<string | undefined>;
  /** The instance name. */
  declare public readonly instanceName: pulumi.Output<string | undefined>;
  /** `Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`. */
  declare public readonly status: pulumi.Output<string | undefined>;
  /** Creation time, ISO-8601 UTC. */
  declare public readonly createTime: pulumi.Output<string | undefined>;
  /** Start of the subscription, ISO-8601 UTC. */
  declare public readonly startDate: pulumi.Output<string | undefined>;
  /** End of the subscription, ISO-8601 UTC: feed it to renewal alarms. */
  declare public readonly endDate: pulumi.Output<string | undefined>;
  /** Computing performance specification. */
  declare public readonly spec: pulumi.Output<number | undefined>;
  /** Key quota. */
  declare public readonly keyNum: pulumi.Output<number | undefined>;
  /** Secret quota (a number, though the API sends a string). */
  declare public readonly secretNum: pulumi.Output<number | undefined>;
  /** Quota of VPCs that can access the instance. */
  declare public readonly vpcNum: pulumi.Output<number | undefined>;
  /** The VPC the instance is connected to: feeds security groups and vSwitches. */
  declare public readonly vpcId: pulumi.Output<string | undefined>;
  /** Zones the instance runs in. */
  declare public readonly zoneIds: pulumi.Output<string[] | undefined>;
  /** vSwitches the instance is connected through. */
  declare public readonly vswitchIds: pulumi.Output<string[] | undefined>;
  /** CA chain (PEM) clients must trust for the instance endpoint. */
  declare public readonly caCertificateChainPem: pulumi.Output<string | undefined>;
  /** The VPCs bound to the instance. */
  declare public readonly bindVpcs: pulumi.Output<BindVpc[] | undefined>;
  /** `PREPAY` (subscription) or `POSTPAY` (pay-as-you-go). */
  declare public readonly chargeType: pulumi.Output<string | undefined>;
  /** Product version, e.g. `"3"`. */
  declare public readonly productVersion: pulumi.Output<string | undefined>;
  /** Product type, e.g. `kms_ddi_public_cn`. */
  declare public readonly productType: pulumi.Output<string | undefined>;
  /** Sale status, e.g. `Normal`. */
  declare public readonly saleStatus: pulumi.Output<string | undefined>;
  /** 1 when logging is enabled, 0 when not. */
  declare public readonly log: pulumi.Output<number | undefined>;
  /** Log storage in GB. */
  declare public readonly logStorage: pulumi.Output<number | undefined>;
  /** Whether deletion protection is on. */
  declare public readonly deletionProtection: pulumi.Output<boolean | undefined>;
  /** Why deletion protection is on. */
  declare public readonly deletionProtectionDescription: pulumi.Output<string | undefined>;
  /** Live user tags; present only when the program manages tags. */
  declare public readonly tags: pulumi.Output<Record<string, string> | undefined>;

  /**
   * Adopts an existing KMS instance.
   * @param name The unique name of the resource.
   * @param args The instance to adopt and the properties to manage.
   * @param opts Resource options.
   */
  constructor(name: string, args: KmsInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {};
    for (const output of OUTPUT_NAMES) props[output] = undefined;
    for (const [k, v] of Object.entries(args)) if (v !== undefined) props[k] = v;
    for (const k of [
      "region",
      "instanceName",
      "bindVpcs",
      "tags",
      "deletionProtection",
      "deletionProtectionDescription",
    ]) {
      if (!(k in props)) props[k] = undefined;
    }
    super(provider, name, props, opts, "alicloud-kms", "KmsInstance");
  }
}
