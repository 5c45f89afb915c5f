import type { CheckFailure, CheckInputsResult } from "../instance";
import { isUnknown } from "./unknown";

/**
 * The check failures of `result`, plus one on `region` when the endpoint override's host names
 * another region than the resource's (`kms.cn-shanghai.aliyuncs.com` for a cn-hangzhou
 * instance): refused before any call, since every call would go to the wrong region.
 */
export function withEndpointCheck(
  deps: { endpointConflict(region: string): string | undefined },
  result: CheckInputsResult,
): CheckFailure[] {
  const region = result.inputs.region;
  if (typeof region !== "string" || isUnknown(region)) return result.failures;
  if (result.failures.some((f) => f.property === "region")) return result.failures;
  const conflict = deps.endpointConflict(region);
  return conflict === undefined
    ? result.failures
    : [...result.failures, { property: "region", reason: conflict }];
}
