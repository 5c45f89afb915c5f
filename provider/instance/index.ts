/**
 * The KMS instance resource's semantics as pure functions: API body → outputs, check, diff,
 * read → { outputs, inputs }, the update plan and operator warnings. No engine, no HTTP, no
 * clock: both provider adapters call these and hold no logic of their own.
 */
export * from "./model";
export * from "./formats";
export { isSystemTagKey, userTags } from "./systemTags";
export { bindVpcKey, canonicalBindVpcs, sameBindVpcs, bindVpcChanges } from "./bindVpcKey";
export type { BindVpcChanges } from "./bindVpcKey";
export { tagChanges, sameTags } from "./tagChanges";
export type { TagChanges } from "./tagChanges";
export { toOutputs } from "./toOutputs";
export type { OutputContext } from "./toOutputs";
export { checkInputs } from "./checkInputs";
export type { CheckFailure, CheckOptions, CheckInputsResult } from "./checkInputs";
export { diffInstance } from "./diffInstance";
export type { PropertyDiff, InstanceDiff, DiffOptions } from "./diffInstance";
export { readResult } from "./readResult";
export type { InstanceReadResult } from "./readResult";
export { planUpdate } from "./planUpdate";
export type {
  PlannedCall,
  UpdateKmsInstanceCall,
  UpdateKmsInstanceBindVpcCall,
  SetDeletionProtectionCall,
  UntagResourcesCall,
  TagResourcesCall,
} from "./planUpdate";
export { managedOf, canonicalManaged } from "./managedOf";
export { operatorWarnings } from "./operatorWarnings";
export { withOwnerAccount } from "./with-owner-account";
export { storedAccountId } from "./storedOutputs";
