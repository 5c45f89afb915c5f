import * as pulumi from "@pulumi/pulumi";
import type { KmsCore } from "../provider/core/kms-core";
import { noRegionMessage } from "../provider/kms/region";
import { assertReadTarget } from "../provider/instance/formats";
import { programError } from "./program-error";

/** What an SDK read function was given: the instance id (when it takes one) and the region. */
export interface ReadTargetArgs {
  /** The instance id, for the functions that read one instance. */
  kmsInstanceId?: unknown;
  /** The region as passed; the configured default when undefined. */
  region?: unknown;
}

/**
 * The region an SDK read goes to, after checking — before any API call — that the id (when
 * `args` has one) and the region (as passed, else the configured default) are well formed.
 * Throws a message naming the function, the property and the accepted form.
 */
export function readTargetRegion(
  subject: string,
  core: Pick<KmsCore, "defaultRegion">,
  args: ReadTargetArgs,
): string {
  const withId = "kmsInstanceId" in args ? { kmsInstanceId: args.kmsInstanceId } : {};
  if (args.region !== undefined) {
    assertReadTarget(subject, { ...withId, region: args.region });
    return args.region as string;
  }
  assertReadTarget(subject, withId);
  const region = core.defaultRegion();
  if (!region) throw new Error(noRegionMessage({ subject, declare: "pass `region`" }));
  assertReadTarget(subject, {
    region,
    regionSource: "the `alicloud:region` config, ALIBABA_CLOUD_REGION or ALICLOUD_REGION",
  });
  return region;
}

function isPlain(v: unknown): boolean {
  return !pulumi.Output.isInstance(v) && !(v instanceof Promise);
}

/**
 * Checks the plain parts of a `KmsInstance.get(name, id, state)` before the resource is
 * registered: the id (bare `kst-…`, or `<region>/kst-…` when `regionPrefix` allows it, as the
 * plugin's import id does) and `state.region`. Values still to be resolved (`Output`s, promises)
 * are checked by the first read instead (`KmsCore.read`), also before any call. Throws a
 * one-line `pulumi.RunError` (`programError`).
 */
export function assertGetTarget(
  name: string,
  id: unknown,
  region: unknown,
  regionPrefix = false,
): void {
  const target: { kmsInstanceId?: unknown; region?: unknown } = {};
  if (isPlain(id)) {
    const slash = regionPrefix && typeof id === "string" ? id.indexOf("/") : -1;
    target.kmsInstanceId = slash > 0 ? (id as string).slice(slash + 1) : id;
    if (slash > 0) target.region = (id as string).slice(0, slash);
  }
  if (region !== undefined && isPlain(region)) target.region = region;
  try {
    assertReadTarget(`KmsInstance.get(${JSON.stringify(name)})`, target);
  } catch (err) {
    throw programError(err);
  }
}
