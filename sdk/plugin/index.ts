/**
 * `pulumi-alicloud-kms/plugin`: the `KmsInstance` of the `alicloud-kms` provider plugin — the
 * class `pulumi import` generates code for. The package root's `KmsInstance` is the dynamic one.
 *
 * @packageDocumentation
 */
export { KmsInstance } from "./kms-instance";
export type { KmsInstanceArgs, BindVpcArgs, KmsInstanceState, InputOf } from "../kms-instance";
export type {
  BindVpc,
  KmsConnection,
  KmsInstanceOutputs,
  ManagedInputs,
  ManagedProperty,
} from "../../provider/instance";
