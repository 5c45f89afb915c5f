/**
 * The KMS instances of a stack as the rules see them: one shape for this package's `KmsInstance`
 * (dynamic and plugin resource alike) and for `@pulumi/alicloud`'s `alicloud:kms/instance:Instance`,
 * whose properties are named and typed differently. Each property is mapped here, explicitly, and
 * nowhere else.
 *
 * The rules are stack policies: the engine hands them each resource's planned state. That is the
 * stored outputs (the live values as last read) for a resource a preview leaves unchanged, the
 * declared inputs for one it creates or updates (neither of this package's providers previews,
 * so the engine plans their inputs as outputs), and the new outputs after an `up`.
 */
import { UnknownValueError } from "@pulumi/policy";
import { PACKAGE_NAME, PLUGIN_RESOURCE_TYPE } from "../provider/package/identity";

/** This package's dynamic resource type (`KMS_INSTANCE_TYPE` of the SDK). */
export const DYNAMIC_KMS_INSTANCE_TYPE = `pulumi-nodejs:dynamic/${PACKAGE_NAME}:KmsInstance`;

/** This package's provider-plugin resource type. */
export const PLUGIN_KMS_INSTANCE_TYPE = PLUGIN_RESOURCE_TYPE;

/** `@pulumi/alicloud`'s KMS instance resource type. */
export const ALICLOUD_KMS_INSTANCE_TYPE = "alicloud:kms/instance:Instance";

/** Which provider's resource an instance is: the fixes name that provider's properties. */
export type InstanceFlavor = "kms" | "alicloud";

/** How an instance is billed; absent from {@link KmsInstanceView} when not known. */
export type Billing = "subscription" | "pay-as-you-go";

/**
 * A KMS instance in the planned state of a stack. An absent property is not known: not declared
 * and not (yet) read, or unknown during a preview.
 */
export interface KmsInstanceView {
  /** The resource's URN, which violations are reported against. */
  urn: string;
  /** How messages name it: `KmsInstance "prod-kms" (kst-…)`. */
  label: string;
  /** Which provider's resource it is. */
  flavor: InstanceFlavor;
  /** Whether deletion protection is on. */
  deletionProtection?: boolean;
  /** The VPCs bound to the instance (`bindVpcs[].vpcId`). */
  boundVpcIds?: string[];
  /** The VPC the instance is connected to (`connection.vpcId`, else `vpcId`). */
  connectionVpcId?: string;
  /** The instance's user tags. */
  tags?: Record<string, string>;
  /** `Connected`, `Connecting`, `Uninitialized`, … */
  status?: string;
  /** When the instance expires, ISO-8601. */
  endDate?: string;
  /** How it is billed: only a subscription is renewed. */
  billing?: Billing;
  /** `AutoRenewal`, `ManualRenewal` or `NotRenewal`. */
  renewalStatus?: string;
}

/** The part of a stack resource the mapping reads (a `PolicyResource` has all of it). */
export interface StackResourceLike {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
}

/**
 * Reads one value; a value the preview cannot know yet (the policy SDK's proxy throws on it)
 * reads as absent, so one unknown property never hides the others.
 */
function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof UnknownValueError) return undefined;
    throw e;
  }
}

function str(read: () => unknown): string | undefined {
  const v = known(read);
  return typeof v === "string" && v !== "" ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The `vpcId` of each entry of a `bindVpcs` list; absent when the list is not known. */
function vpcIdsOf(read: () => unknown): string[] | undefined {
  const list = known(read);
  if (!Array.isArray(list)) return undefined;
  const ids: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const id = str(() => (isRecord(list[i]) ? list[i].vpcId : undefined));
    if (id === undefined) return undefined;
    ids.push(id);
  }
  return ids;
}

/** A string map (tags); absent when it is not known or a value is not a known string. */
function stringMap(read: () => unknown): Record<string, string> | undefined {
  const map = known(read);
  if (!isRecord(map)) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(map)) {
    const v = known(() => map[key]);
    if (typeof v !== "string") return undefined;
    out[key] = v;
  }
  return out;
}

/** Deletion protection as either provider states it: a boolean (also `"Enabled"`/`"Disabled"`). */
function onOff(read: () => unknown): boolean | undefined {
  const v = known(read);
  if (typeof v === "boolean") return v;
  if (v === "Enabled" || v === "true") return true;
  if (v === "Disabled" || v === "false") return false;
  return undefined;
}

/** This package's `KmsInstance`: its outputs, or its inputs while a preview plans a change. */
function fromKmsInstance(r: StackResourceLike): KmsInstanceView {
  const p = r.props;
  const id = str(() => p.kmsInstanceId);
  const chargeType = str(() => p.chargeType);
  const connection = known(() => p.connection);
  return {
    urn: r.urn,
    label: `KmsInstance "${r.name}"${id ? ` (${id})` : ""}`,
    flavor: "kms",
    deletionProtection: onOff(() => p.deletionProtection),
    boundVpcIds: vpcIdsOf(() => p.bindVpcs),
    connectionVpcId:
      str(() => (isRecord(connection) ? connection.vpcId : undefined)) ?? str(() => p.vpcId),
    tags: stringMap(() => p.tags),
    status: str(() => p.status),
    endDate: str(() => p.endDate),
    billing:
      chargeType === "PREPAY"
        ? "subscription"
        : chargeType === "POSTPAY"
          ? "pay-as-you-go"
          : undefined,
    renewalStatus: str(() => {
      const renewal = p.renewal;
      return isRecord(renewal) ? renewal.status : undefined;
    }),
  };
}

/**
 * `@pulumi/alicloud`'s `kms.Instance` (3.108): `deletionProtection` (boolean), `bindVpcs[].vpcId`,
 * `vpcId` (the connected VPC), `tags`, `status`, `endDate`, `paymentType` (`Subscription` |
 * `PayAsYouGo`) and `renewStatus`.
 */
function fromAlicloudInstance(r: StackResourceLike): KmsInstanceView {
  const p = r.props;
  const payment = str(() => p.paymentType);
  return {
    urn: r.urn,
    label: `alicloud.kms.Instance "${r.name}"`,
    flavor: "alicloud",
    deletionProtection: onOff(() => p.deletionProtection),
    boundVpcIds: vpcIdsOf(() => p.bindVpcs),
    connectionVpcId: str(() => p.vpcId),
    tags: stringMap(() => p.tags),
    status: str(() => p.status),
    endDate: str(() => p.endDate),
    billing:
      payment === "Subscription"
        ? "subscription"
        : payment === "PayAsYouGo"
          ? "pay-as-you-go"
          : undefined,
    renewalStatus: str(() => p.renewStatus),
  };
}

/** The view of a KMS instance resource, or undefined for a resource of any other type. */
export function kmsInstanceView(r: StackResourceLike): KmsInstanceView | undefined {
  switch (r.type) {
    case DYNAMIC_KMS_INSTANCE_TYPE:
    case PLUGIN_KMS_INSTANCE_TYPE:
      return fromKmsInstance(r);
    case ALICLOUD_KMS_INSTANCE_TYPE:
      return fromAlicloudInstance(r);
    default:
      return undefined;
  }
}

/** The KMS instances among a stack's resources, in stack order. */
export function kmsInstances(resources: readonly StackResourceLike[]): KmsInstanceView[] {
  const out: KmsInstanceView[] = [];
  for (const r of resources) {
    const view = kmsInstanceView(r);
    if (view) out.push(view);
  }
  return out;
}
