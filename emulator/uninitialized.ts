/**
 * How an `Uninitialized` instance (bought, not yet enabled: no VPC, zones or certificate yet)
 * answers, in one place; which calls refuse it, with which code and status, comes from the
 * contract table (`contract/kms-actions.ts`):
 * - the tag APIs refuse it with `Rejected.Uninitialized` (terraform-provider-alicloud PR #9320
 *   ignores exactly that code on the tag read of a new instance; the HTTP status is not
 *   documented, 400 is chosen);
 * - `UpdateKmsInstanceBindVpc` refuses it with the documented `Forbidden.DKMSInstanceStateInvalid`
 *   (403, `requireConnected` in action-context.ts);
 * - `UpdateKmsInstance` (rename) and `SetDeletionProtection` accept it (chosen: neither needs the
 *   instance's network; no source says otherwise);
 * - `GetKmsInstance` shows the network fields it does not have yet as the API reference's example
 *   does: `"VpcId": ""`, `"ZoneIds": [""]`, `"VswitchIds": [""]`.
 */
import { actionContract, KMS_ACTIONS, KMS_VERSION } from "../contract/kms-actions";
import { ApiError } from "./api-error";
import { DEFAULT_CA_CERTIFICATE_CHAIN_PEM } from "./default-seed";
import { ownerOf } from "./instance-store";
import type { EmulatorControl, InstancePatch, SeedInstance } from "./types";

/** The status of a bought instance that has not been enabled (connected to a VPC) yet. */
export const UNINITIALIZED = "Uninitialized";

/** The contract table's answer of the tag APIs to an `Uninitialized` instance (one source). */
const TAG_RULE = actionContract(KMS_VERSION, "TagResources")?.uninitialized;
if (TAG_RULE === undefined || !TAG_RULE.refused) {
  throw new Error("contract table: TagResources must refuse an Uninitialized instance");
}

/** The code the tag APIs answer for an `Uninitialized` instance (from the contract table). */
export const REJECTED_UNINITIALIZED: string = TAG_RULE.code;

/** The HTTP status of `Rejected.Uninitialized` (from the contract table: chosen, undocumented). */
export const REJECTED_UNINITIALIZED_STATUS: number = TAG_RULE.status;

/**
 * The actions that answer `Rejected.Uninitialized` for an `Uninitialized` instance: those the
 * contract table marks refused with that code.
 */
export const REFUSED_WHEN_UNINITIALIZED: readonly string[] = KMS_ACTIONS.filter(
  (a) => a.uninitialized?.refused === true && a.uninitialized.code === REJECTED_UNINITIALIZED,
).map((a) => a.action);

/** True when the instance has not been enabled yet. */
export function isUninitialized(inst: SeedInstance): boolean {
  return inst.KmsInstance.Status === UNINITIALIZED;
}

/** The error the tag APIs answer for an `Uninitialized` instance. */
export function rejectedUninitialized(): ApiError {
  return new ApiError(
    REJECTED_UNINITIALIZED_STATUS,
    REJECTED_UNINITIALIZED,
    "The KMS instance is not initialized: enable (connect) it first.",
  );
}

/** Throws `Rejected.Uninitialized` when a tag API names an `Uninitialized` instance. */
export function refuseTagsWhenUninitialized(inst: SeedInstance): void {
  if (isUninitialized(inst)) throw rejectedUninitialized();
}

/** The network fields an `Uninitialized` instance answers empty, as the reference example shows. */
const EMPTY_WHEN_UNINITIALIZED: Readonly<Record<string, unknown>> = {
  VpcId: "",
  ZoneIds: [""],
  VswitchIds: [""],
};

/**
 * The `KmsInstance` body GetKmsInstance answers: for an `Uninitialized` instance, the network
 * fields it lacks are filled with the empty forms above (a stored value wins); any other
 * instance unchanged. Returns a new object; the stored one is never touched.
 */
export function answeredKmsInstance(inst: SeedInstance): Record<string, unknown> {
  if (!isUninitialized(inst)) return inst.KmsInstance;
  const out: Record<string, unknown> = { ...inst.KmsInstance };
  for (const [field, empty] of Object.entries(EMPTY_WHEN_UNINITIALIZED)) {
    if (out[field] === undefined) out[field] = structuredClone(empty);
  }
  return out;
}

/** Where a control-API connect puts the instance. @default the values of {@link connectPatch} */
export interface ConnectNowOptions {
  /** The VPC it is enabled in. */
  VpcId?: string;
  /** Its two zones. */
  ZoneIds?: string[];
  /** Its vSwitches. */
  VswitchIds?: string[];
}

/**
 * The patch that moves an instance straight to `Connected`, as `ConnectKmsInstance` does once
 * its delay has passed: VPC, zones and vSwitches set, the default CA chain, and the VPC it was
 * enabled in as its one bound VPC (kept when the instance already has any).
 */
export function connectPatch(inst: SeedInstance, options: ConnectNowOptions = {}): InstancePatch {
  const region = inst.RegionId;
  const vpcId = options.VpcId ?? `vpc-${region.replace(/[^a-z0-9]/g, "")}connected`;
  const zones = options.ZoneIds ?? [`${region}-h`, `${region}-i`];
  const vswitches = options.VswitchIds ?? [`vsw-${region.replace(/[^a-z0-9]/g, "")}connected`];
  const k = inst.KmsInstance;
  return {
    KmsInstance: {
      Status: "Connected",
      VpcId: vpcId,
      ZoneIds: zones,
      VswitchIds: vswitches,
      CaCertificateChainPem: k.CaCertificateChainPem ?? DEFAULT_CA_CERTIFICATE_CHAIN_PEM,
      BindVpcs: k.BindVpcs ?? {
        BindVpc: [
          { RegionId: region, VpcId: vpcId, VSwitchId: vswitches[0], VpcOwnerId: ownerOf(inst) },
        ],
      },
    },
  };
}

/**
 * Connects an instance at once through the control surface (what the route
 * `POST /_emulator/instances/:id/connect` does): tests move an `Uninitialized` instance to
 * `Connected` without a signed `ConnectKmsInstance` and its delay.
 * @throws the control's not-found error when there is no such instance
 */
export function connectNow(
  control: EmulatorControl,
  id: string,
  options: ConnectNowOptions = {},
): SeedInstance {
  const inst = control.getInstance(id);
  if (inst === undefined) return control.patchInstance(id, {}); // throws the not-found error
  return control.patchInstance(id, connectPatch(inst, options));
}
