import * as pulumi from "@pulumi/pulumi";
import type { BindVpc, KmsInstanceOutputs, ManagedProperty } from "../../provider/instance";
import { KMS_INSTANCE_PROPERTIES, PLUGIN_RESOURCE_TYPE } from "../../provider/plugin/properties";
import { PLUGIN_VERSION } from "../../provider/plugin/version";
import type { KmsInstanceArgs, KmsInstanceGetOptions } from "../kms-instance";

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
export class KmsInstance extends pulumi.CustomResource {
  /**
   * A read-only reference to an existing instance: its outputs are read (and refreshed), nothing
   * is ever changed.
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
      (obj as { __pulumiType?: unknown }).__pulumiType === PLUGIN_RESOURCE_TYPE
    );
  }

  /** The adopted instance id (`kst-…`). */
  declare public readonly kmsInstanceId: pulumi.Output<string>;
  /** Region of the instance. */
  declare public readonly region: pulumi.Output<string>;
  /** The properties this resource manages (those the program declares). */
  declare public readonly managedProperties: pulumi.Output<ManagedProperty[]>;
  /** `InstanceId` as the API returns it. */
  declare public readonly instanceId: pulumi.Output<KmsInstanceOutputs["instanceId"]>;
  /** The instance name. */
  declare public readonly instanceName: pulumi.Output<KmsInstanceOutputs["instanceName"]>;
  /** `Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`. */
  declare public readonly status: pulumi.Output<KmsInstanceOutputs["status"]>;
  /** Creation time, ISO-8601 UTC. */
  declare public readonly createTime: pulumi.Output<KmsInstanceOutputs["createTime"]>;
  /** Start of the subscription, ISO-8601 UTC. */
  declare public readonly startDate: pulumi.Output<KmsInstanceOutputs["startDate"]>;
  /** End of the subscription, ISO-8601 UTC: feed it to renewal alarms. */
  declare public readonly endDate: pulumi.Output<KmsInstanceOutputs["endDate"]>;
  /** Computing performance specification. */
  declare public readonly spec: pulumi.Output<KmsInstanceOutputs["spec"]>;
  /** Key quota. */
  declare public readonly keyNum: pulumi.Output<KmsInstanceOutputs["keyNum"]>;
  /** Secret quota. */
  declare public readonly secretNum: pulumi.Output<KmsInstanceOutputs["secretNum"]>;
  /** Quota of VPCs that can access the instance. */
  declare public readonly vpcNum: pulumi.Output<KmsInstanceOutputs["vpcNum"]>;
  /** The VPC the instance is connected to. */
  declare public readonly vpcId: pulumi.Output<KmsInstanceOutputs["vpcId"]>;
  /** Zones the instance runs in. */
  declare public readonly zoneIds: pulumi.Output<KmsInstanceOutputs["zoneIds"]>;
  /** vSwitches the instance is connected through. */
  declare public readonly vswitchIds: pulumi.Output<KmsInstanceOutputs["vswitchIds"]>;
  /** CA chain (PEM) clients must trust for the instance endpoint. */
  declare public readonly caCertificateChainPem: pulumi.Output<
    KmsInstanceOutputs["caCertificateChainPem"]
  >;
  /** The VPCs bound to the instance. */
  declare public readonly bindVpcs: pulumi.Output<BindVpc[] | undefined>;
  /** `PREPAY` (subscription) or `POSTPAY` (pay-as-you-go). */
  declare public readonly chargeType: pulumi.Output<KmsInstanceOutputs["chargeType"]>;
  /** Product version. */
  declare public readonly productVersion: pulumi.Output<KmsInstanceOutputs["productVersion"]>;
  /** Product type. */
  declare public readonly productType: pulumi.Output<KmsInstanceOutputs["productType"]>;
  /** Sale status. */
  declare public readonly saleStatus: pulumi.Output<KmsInstanceOutputs["saleStatus"]>;
  /** 1 when logging is enabled, 0 when not. */
  declare public readonly log: pulumi.Output<KmsInstanceOutputs["log"]>;
  /** Log storage in GB. */
  declare public readonly logStorage: pulumi.Output<KmsInstanceOutputs["logStorage"]>;
  /** Whether deletion protection is on. */
  declare public readonly deletionProtection: pulumi.Output<
    KmsInstanceOutputs["deletionProtection"]
  >;
  /** Why deletion protection is on. */
  declare public readonly deletionProtectionDescription: pulumi.Output<
    KmsInstanceOutputs["deletionProtectionDescription"]
  >;
  /** Live user tags; present when the resource manages tags. */
  declare public readonly tags: pulumi.Output<KmsInstanceOutputs["tags"]>;

  /**
   * Adopts an existing KMS instance (or, with `opts.import`, imports it).
   * @param name The unique name of the resource.
   * @param args The instance to adopt and the properties to manage.
   * @param opts Resource options; `version` defaults to this package's plugin version.
   */
  constructor(name: string, args: KmsInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    // Every property is registered (undefined when not declared) so each becomes an output.
    const props: Record<string, unknown> = {};
    for (const key of Object.keys(KMS_INSTANCE_PROPERTIES)) props[key] = undefined;
    for (const [k, v] of Object.entries(args)) if (v !== undefined) props[k] = v;
    super(PLUGIN_RESOURCE_TYPE, name, props, { version: PLUGIN_VERSION, ...opts });
  }
}
