/**
 * The rules of the policy pack, by the names users configure them with. Each is a stack policy
 * over the KMS instances of the stack (`instances.ts` says what state it sees) and reports one
 * violation per instance, against that instance's URN, naming the resource, the value found and
 * the fix.
 */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { daysLeft } from "../provider/instance/operator-warnings";
import { kmsInstances, type InstanceFlavor, type KmsInstanceView } from "./instances";

/** The rule names, as `--policy-pack-config` files name them. */
export const RULE_NAMES = {
  deletionProtection: "kms-deletion-protection",
  expiryWindow: "kms-expiry-window",
  requiredTags: "kms-required-tags",
  allowedVpcs: "kms-allowed-vpcs",
  connected: "kms-connected",
} as const;

/** Config of `kms-expiry-window`. */
export interface ExpiryWindowConfig {
  /** Report a subscription that ends within this many days without auto-renewal. @default 30 */
  days?: number;
}

/** Config of `kms-required-tags`. */
export interface RequiredTagsConfig {
  /** Tag keys every instance must carry; with none configured the rule checks nothing. */
  keys?: string[];
}

/** Config of `kms-allowed-vpcs`. */
export interface AllowedVpcsConfig {
  /** The VPCs instances may be bound and connected to; with none configured it checks nothing. */
  vpcIds?: string[];
}

/** The default of `kms-expiry-window`'s `days`. */
export const DEFAULT_EXPIRY_DAYS = 30;

/** The property names a fix tells the user to set, per provider. */
const FIX: Record<InstanceFlavor, { renewal: string; connect: string }> = {
  kms: {
    renewal: 'declare renewal: { status: "AutoRenewal", period: 1, periodUnit: "M" }',
    connect:
      "declare connection: { vpcId, zoneIds, vswitchIds } so that `pulumi up` connects it, or wait " +
      "for a connection in progress to finish",
  },
  alicloud: {
    renewal: 'set renewStatus: "AutoRenewal" with renewPeriod and renewalPeriodUnit',
    connect: "set vpcId, zoneIds and vswitchIds, or wait for a connection in progress to finish",
  },
};

/** Runs `check` on each KMS instance of the stack and reports what it returns. */
function eachInstance(
  args: StackValidationArgs,
  report: ReportViolation,
  check: (instance: KmsInstanceView) => string | undefined,
): void {
  for (const instance of kmsInstances(args.resources)) {
    const problem = check(instance);
    if (problem !== undefined) report(`${instance.label}: ${problem}`, instance.urn);
  }
}

/**
 * `kms-deletion-protection`: an instance whose protection is off, or not known, is reported. Not
 * known means the program does not declare `deletionProtection` and the stack has no live value
 * for it (an instance being adopted, or a preview of a change): declaring `true` makes it pass,
 * since `pulumi up` then turns it on. So an instance whose live protection is off never passes:
 * its stored outputs say off, and a change that does not declare it leaves it not known.
 */
export const deletionProtection: StackValidationPolicy = {
  name: RULE_NAMES.deletionProtection,
  description: "KMS instances must have deletion protection on.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) =>
    eachInstance(args, report, (i) => {
      if (i.deletionProtection === true) return undefined;
      if (i.deletionProtection === false) {
        return "deletion protection is off (deletionProtection: false). Fix: set deletionProtection: true.";
      }
      return (
        "deletion protection is not known (deletionProtection is not declared and no live value " +
        "is in the stack). Fix: declare deletionProtection: true."
      );
    }),
};

/**
 * `kms-expiry-window`: a subscription instance that ends within `days` (or has ended) and is not
 * known to renew automatically. Pay-as-you-go instances, and instances whose end date or billing
 * the stack does not hold yet, are left out. An absent renewal status on a subscription is
 * reported, saying it was not read.
 */
export const expiryWindow: StackValidationPolicy = {
  name: RULE_NAMES.expiryWindow,
  description:
    "Subscription KMS instances that end within `days` (default 30) must renew automatically.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: { days: { type: "integer", minimum: 0, default: DEFAULT_EXPIRY_DAYS } },
  },
  validateStack: (args, report) => {
    const days = args.getConfig<ExpiryWindowConfig>().days ?? DEFAULT_EXPIRY_DAYS;
    const now = new Date();
    eachInstance(args, report, (i) => {
      if (i.billing !== "subscription" || i.endDate === undefined) return undefined;
      if (i.renewalStatus === "AutoRenewal") return undefined;
      // The provider's count (rounded up, 0 once passed), so both name the same days.
      const left = daysLeft(i, now);
      if (left === undefined || left > days) return undefined;
      const inDays = `${left} day${left === 1 ? "" : "s"}`;
      const when = left === 0 ? `ended on ${i.endDate}` : `ends on ${i.endDate} (in ${inDays})`;
      const renewal =
        i.renewalStatus === undefined
          ? "its renewal status was not read, so it is not known to renew automatically"
          : `its renewal status is ${i.renewalStatus}`;
      return (
        `the subscription ${when}, within the ${days}-day window, and ${renewal}. ` +
        `Fix: ${FIX[i.flavor].renewal}, or renew it before then.`
      );
    });
  },
};

/** `kms-required-tags`: each configured tag key must be present on every instance. */
export const requiredTags: StackValidationPolicy = {
  name: RULE_NAMES.requiredTags,
  description: "KMS instances must carry the configured tag keys (`keys`).",
  enforcementLevel: "advisory",
  configSchema: {
    properties: { keys: { type: "array", items: { type: "string" }, default: [] } },
  },
  validateStack: (args, report) => {
    const keys = args.getConfig<RequiredTagsConfig>().keys ?? [];
    if (keys.length === 0) return;
    eachInstance(args, report, (i) => {
      if (i.tags === undefined) {
        return (
          `its tags are not known (tags are not declared, so they are not read), and ` +
          `${list(keys)} must be present. Fix: declare tags with ${list(keys)}.`
        );
      }
      const tags = i.tags;
      const missing = keys.filter((k) => !Object.prototype.hasOwnProperty.call(tags, k));
      if (missing.length === 0) return undefined;
      return (
        `tag ${missing.length === 1 ? "key" : "keys"} ${list(missing)} missing ` +
        `(found ${list(Object.keys(tags))}). Fix: add ${list(missing)} to tags.`
      );
    });
  },
};

/**
 * `kms-allowed-vpcs`: every bound VPC and the connection VPC must be on `vpcIds`. Mandatory, and
 * checks nothing until `vpcIds` is configured.
 */
export const allowedVpcs: StackValidationPolicy = {
  name: RULE_NAMES.allowedVpcs,
  description: "KMS instances may be bound and connected only to the configured VPCs (`vpcIds`).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { vpcIds: { type: "array", items: { type: "string" } } },
  },
  validateStack: (args, report) => {
    const allowed = args.getConfig<AllowedVpcsConfig>().vpcIds;
    if (allowed === undefined || allowed.length === 0) return;
    eachInstance(args, report, (i) => {
      const found: [string, string][] = (i.boundVpcIds ?? []).map((id) => ["bound VPC", id]);
      if (i.connectionVpcId !== undefined) found.push(["connection VPC", i.connectionVpcId]);
      const outside = found
        .filter(([, id]) => !allowed.includes(id))
        .map(([what, id]) => `${what} ${id}`);
      if (outside.length === 0) return undefined;
      return (
        `${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} not on the allowed list ` +
        `(${list(allowed)}). Fix: bind and connect it only to allowed VPCs, or add ` +
        `${outside.length === 1 ? "it" : "them"} to vpcIds in the policy config.`
      );
    });
  },
};

/** `kms-connected`: the instance's live status must be `Connected` (left out while not known). */
export const connected: StackValidationPolicy = {
  name: RULE_NAMES.connected,
  description: "KMS instances must be Connected.",
  enforcementLevel: "advisory",
  validateStack: (args, report) =>
    eachInstance(args, report, (i) => {
      if (i.status === undefined || i.status === "Connected") return undefined;
      return `its status is ${i.status}, not Connected. Fix: ${FIX[i.flavor].connect}.`;
    }),
};

/** Every rule of the pack, in the order the docs list them. */
export const policies: StackValidationPolicy[] = [
  deletionProtection,
  expiryWindow,
  requiredTags,
  allowedVpcs,
  connected,
];

/** `a, b` as `"a", "b"`; `(none)` for an empty list. */
function list(items: readonly string[]): string {
  return items.length === 0 ? "(none)" : items.map((s) => JSON.stringify(s)).join(", ");
}
