/**
 * The KMS instance resource's semantics as pure functions: API body → outputs, check, diff,
 * read → { outputs, inputs }, the update plan and operator warnings. No engine, no HTTP, no
 * clock: both provider adapters call these and hold no logic of their own.
 */
export * from "./model";
export {
  OUTPUT_FIELDS,
  OUTPUT_NAMES,
  BIND_VPC_FIELDS,
  CONNECTION_FIELDS,
  QUOTA_FIGURE_FIELDS,
  QUOTA_USAGE_FIELDS,
  RENEWAL_FIELDS,
} from "./fields";
export type { ApiSource, OutputField, OutputFieldTable, ProviderSetOutputs } from "./fields";
export { SCHEMA } from "./fields";
export type { SchemaType, PropertyRow } from "./fields";
export { toOutputs, withOwnerAccount, readResult } from "./read";
export type { OutputContext, InstanceReadResult } from "./read";
export { checkInputs } from "./check-inputs";
export type { CheckFailure, CheckOptions, CheckInputsResult } from "./check-inputs";
export { diffInstance, planUpdate } from "./diff-instance";
export type { InstanceDiff, DiffOptions } from "./diff-instance";
export {
  statusBlocks,
  assertStatusAllows,
  instanceStatusMessage,
  stillConnectingRefusal,
} from "./status-gate";
export type { StatusBlock } from "./status-gate";
export {
  MANAGED_PROPERTIES,
  PROPERTY_MODULES,
  moduleOf,
  moduleOfCall,
  applyCall,
} from "./properties";
export type { ManagedInputs, ManagedProperty, PlannedCall } from "./properties";
export { storedAccountId } from "./properties/property-module";
export type {
  CheckContext,
  PropertyApi,
  PropertyDiff,
  PropertyModule,
} from "./properties/property-module";
export { connectionMismatch, liveConnection, needsConnect, sameSet } from "./properties/connection";
export type {
  ConnectKmsInstanceCall,
  ConnectionInput,
  KmsConnection,
} from "./properties/connection";
export type { UpdateKmsInstanceCall } from "./properties/instance-name";
export {
  bindVpcKey,
  canonicalBindVpcs,
  sameBindVpcs,
  bindVpcChanges,
} from "./properties/bind-vpcs";
export type { BindVpc, BindVpcChanges, UpdateKmsInstanceBindVpcCall } from "./properties/bind-vpcs";
export type { SetDeletionProtectionCall } from "./properties/deletion-protection";
export { isPayAsYouGo } from "./properties/renewal";
export type { RenewalInput, SetRenewalCall } from "./properties/renewal";
export { isSystemTagKey, userTags, tagChanges, sameTags } from "./properties/tags";
export type { TagChanges, UntagResourcesCall, TagResourcesCall } from "./properties/tags";
export { nearEndDate, operatorMessages } from "./operator-warnings";
export type { OperatorMessages } from "./operator-warnings";
export { QUOTA_RESOURCE_TYPES, decodeCount, decodeQuotaInfos, quotaWarnings } from "./quota";
export type { QuotaDecode, QuotaFigure, QuotaResourceKind, QuotaUsage } from "./quota";
