/**
 * What Pulumi programs import: the `KmsInstance` resource and the read functions.
 */
export { KmsInstance, KMS_INSTANCE_TYPE } from "./kms-instance";
export type { KmsInstanceArgs, BindVpcArgs, KmsInstanceState, InputOf } from "./kms-instance";
export { getKmsInstance, getKmsInstanceOutput } from "./get-kms-instance";
export type {
  GetKmsInstanceArgs,
  GetKmsInstanceOutputArgs,
  GetKmsInstanceResult,
} from "./get-kms-instance";
export { listKmsInstances } from "./list-kms-instances";
export type {
  ListKmsInstancesArgs,
  ListKmsInstancesResult,
  KmsInstanceRef,
} from "./list-kms-instances";
export type {
  BindVpc,
  KmsConnection,
  KmsInstanceOutputs,
  ManagedInputs,
  ManagedProperty,
  QuotaFigure,
  QuotaUsage,
  RenewalInput,
} from "../provider/instance";
export type { Renewal, RenewStatus, RenewalPeriodUnit } from "../provider/kms/types";
export { RENEW_STATUSES, RENEWAL_PERIOD_UNITS } from "../provider/kms/types";
export { MANAGED_PROPERTIES } from "../provider/instance";
export type { KmsInstanceOutputProperties } from "./output-properties";
