/**
 * Runs the pack's stack policies the way @pulumi/policy's server does (server.js,
 * makeAnalyzeStackRpcFun): each resource's props wrapped in the SDK's own `unknownCheckingProxy`,
 * `getConfig` returning the policy's config without `enforcementLevel`, and the violations
 * collected with the URN each was reported against.
 */
import {
  unknownCheckingProxy,
  type PolicyResource,
  type StackValidationPolicy,
} from "@pulumi/policy";

/** A stack resource as a test declares it. */
export interface TestResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
}

/** One reported violation. */
export interface Violation {
  message: string;
  urn?: string;
}

// The SDK's sentinels for values a preview cannot know (proxy.js exports them, its .d.ts does not).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sentinels = require("@pulumi/policy/proxy") as { unknownBooleanValue: string };

/** A boolean the preview cannot know yet (reading it through the proxy throws). */
export const UNKNOWN_BOOLEAN: unknown = sentinels.unknownBooleanValue;

/** The URN the helpers give a resource named `name` of type `type`. */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:dev::proj::${type}::${name}`;
}

/** Runs `policy.validateStack` over `resources` with `config`; returns the violations. */
export async function runStackPolicy(
  policy: StackValidationPolicy,
  resources: TestResource[],
  config: Record<string, unknown> = {},
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const policyResources = resources.map((r): PolicyResource => ({
    type: r.type,
    name: r.name,
    urn: urnOf(r.type, r.name),
    props: unknownCheckingProxy(r.props),
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      additionalSecretOutputs: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    },
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  const { enforcementLevel: _level, ...properties } = config;
  await policy.validateStack(
    {
      resources: policyResources,
      stackTags: new Map(),
      getConfig: <T extends object>() => properties as T,
      notApplicable: (reason?: string) => {
        throw new Error(`not applicable: ${reason}`);
      },
    },
    (message, urn) => violations.push({ message, urn }),
  );
  return violations;
}

/** An ISO-8601 date (to the second) `days` from now. */
export function isoIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
