import { describeValue as describe } from "./properties/property-module";
import { noRegionMessage } from "../kms/region";
import {
  KMS_INSTANCE_ID_EXAMPLE,
  REGION_ID,
  REGION_ID_EXAMPLES,
  kmsInstanceIdProblem,
  regionProblem,
} from "./formats";
import { INPUT_PROPERTIES, type KmsInstanceInputs } from "./model";
import { MANAGED_PROPERTIES, moduleOf } from "./properties";

/** One rejected input. */
export interface CheckFailure {
  /** Path of the offending value in Pulumi's property-path syntax (`bindVpcs[1].vpcOwnerId`). */
  property: string;
  /** A sentence that starts with the path and says what is accepted. */
  reason: string;
}

export interface CheckOptions {
  /** Region from the config or the environment, for an undeclared `region`. */
  defaultRegion?: string;
  /** True for a value the engine does not know yet (preview); such values are never rejected. */
  isUnknown: (v: unknown) => boolean;
  /**
   * The config key that sets the default region, named in messages.
   * @default "alicloud:region" (the dynamic provider's; the plugin reads `alicloud-kms:region`)
   */
  regionConfigKey?: string;
}

/** The result of `checkInputs`, shaped like a dynamic provider's `CheckResult`. */
export interface CheckInputsResult {
  /** The inputs to store: the declared values unchanged (unknowns included), region defaulted. */
  inputs: KmsInstanceInputs;
  /** Every problem, in input order. */
  failures: CheckFailure[];
}

/**
 * Validates what a program declares. Values pass through as given, except that a missing
 * `region` takes `opts.defaultRegion`; `undefined` or `null` counts as not declared and is
 * omitted; `__` keys (the engine's `__provider`) are ignored. Unknown values, at any depth, are
 * accepted: preview must not fail on values the engine will know only later.
 */
export function checkInputs(news: Record<string, unknown>, opts: CheckOptions): CheckInputsResult {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string) =>
    failures.push({ property, reason: `${property} ${reason}` });
  const unknown = opts.isUnknown;
  const inputs: Record<string, unknown> = {};

  for (const key of Object.keys(news)) {
    if (key.startsWith("__")) continue;
    if (!(INPUT_PROPERTIES as readonly string[]).includes(key)) {
      fail(key, `is not a property of a KMS instance; accepted: ${INPUT_PROPERTIES.join(", ")}.`);
    }
  }
  const declared = (key: string): boolean => news[key] !== undefined && news[key] !== null;

  const id = news.kmsInstanceId;
  if (!declared("kmsInstanceId")) {
    fail(
      "kmsInstanceId",
      `is required: the id of an existing KMS instance, e.g. \`${KMS_INSTANCE_ID_EXAMPLE}\`.`,
    );
  } else {
    const problem = !unknown(id) && kmsInstanceIdProblem(id);
    if (problem) fail("kmsInstanceId", problem);
    inputs.kmsInstanceId = id;
  }

  if (declared("region")) {
    const region = news.region;
    const problem = !unknown(region) && regionProblem(region);
    if (problem) fail("region", problem);
    inputs.region = region;
  } else if (opts.defaultRegion !== undefined && opts.defaultRegion !== "") {
    if (!REGION_ID.test(opts.defaultRegion)) {
      fail(
        "region",
        `is not set and the default region ${describe(opts.defaultRegion)} (from \`${opts.regionConfigKey ?? "alicloud:region"}\`, ALIBABA_CLOUD_REGION or ALICLOUD_REGION) is not a region id (${REGION_ID_EXAMPLES}).`,
      );
    }
    inputs.region = opts.defaultRegion;
  } else {
    failures.push({
      property: "region",
      reason: noRegionMessage({ configKey: opts.regionConfigKey }),
    });
  }

  for (const name of MANAGED_PROPERTIES) {
    if (!declared(name)) continue;
    if (!unknown(news[name])) moduleOf(name).check(name, news[name], { isUnknown: unknown, fail });
    inputs[name] = news[name];
  }

  // Only `true` is stored, so `false` equals undeclared.
  if (declared("watchQuota")) {
    const watch = news.watchQuota;
    if (!unknown(watch) && typeof watch !== "boolean") {
      fail("watchQuota", `must be true or false; got ${describe(watch)}.`);
    }
    if (watch !== false) inputs.watchQuota = watch;
  }

  return { inputs: inputs as unknown as KmsInstanceInputs, failures };
}
