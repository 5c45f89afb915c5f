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
  SCHEMA,
} from "./fields";
export type { PropertyRow } from "./fields";
export { toOutputs, withOwnerAccount, readResult } from "./read";
export { checkInputs } from "./check-inputs";
export type { CheckFailure, CheckInputsResult } from "./check-inputs";
export { diffInstance, planUpdate } from "./diff-instance";
export type { InstanceDiff } from "./diff-instance";
export { assertStatusAllows, stillConnectingRefusal } from "./status-gate";
export { MANAGED_PROPERTIES, moduleOfCall, applyCall } from "./properties";
export type { ManagedInputs, ManagedProperty, PlannedCall } from "./properties";
export { storedAccountId } from "./properties/property-module";
export type { PropertyApi, PropertyDiff } from "./properties/property-module";
export type { ConnectKmsInstanceCall, KmsConnection } from "./properties/connection";
export type { BindVpc } from "./properties/bind-vpcs";
export { isPayAsYouGo } from "./properties/renewal";
export type { RenewalInput } from "./properties/renewal";
export { userTags } from "./properties/tags";
export { nearEndDate, operatorMessages } from "./operator-warnings";
export { QUOTA_RESOURCE_TYPES, decodeQuotaInfos, quotaWarnings } from "./quota";
export type { QuotaFigure, QuotaResourceKind, QuotaUsage } from "./quota";
