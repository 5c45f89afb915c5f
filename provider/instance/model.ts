/**
 * The resource model: what a program declares (inputs) and what the provider records (outputs),
 * built from the output table (`fields.ts`) and the managed properties (`properties/`).
 */
import type { ApiOutputs, ProviderSetOutputs } from "./fields";
import { MANAGED_PROPERTIES, type ManagedInputs, type ManagedProperty } from "./properties";

/** Declared inputs, as plain values after the engine resolved them. */
export interface KmsInstanceInputs extends Partial<ManagedInputs> {
  /** The existing instance to adopt (`kst-…`). A change means another instance: replace. */
  kmsInstanceId: string;
  /**
   * Region of the instance. A change means replace.
   * @default the `alicloud:region` config, else `ALIBABA_CLOUD_REGION`, else `ALICLOUD_REGION`
   */
  region?: string;
  /**
   * Also read the quota usage into `quota` on every read (four more calls) and warn when a
   * resource type's used share reaches `alicloud-kms:quotaWarningPercent` (default 90). Not a
   * property of the instance: changing it makes no API call and no replace.
   * @default false
   */
  watchQuota?: boolean;
}

/** Inputs whose change means another cloud object: the engine replaces the resource. */
export const REPLACE_PROPERTIES = ["kmsInstanceId", "region"] as const;

/** Every input name a program may set, in the order "accepted names" messages list them. */
export const INPUT_PROPERTIES = [
  ...REPLACE_PROPERTIES,
  ...MANAGED_PROPERTIES,
  "watchQuota",
] as const;

/**
 * Outputs: every GetKmsInstance field camelCased and typed for what it means, plus the outputs
 * the provider sets. Absent API fields are absent keys, never `""` or `null`; plain JSON.
 */
export interface KmsInstanceOutputs extends ProviderSetOutputs, ApiOutputs {}

/** The managed properties the program declares (a key present with a value), in fixed order. */
export function managedOf(news: KmsInstanceInputs): ManagedProperty[] {
  return MANAGED_PROPERTIES.filter((p) => news[p] !== undefined && news[p] !== null);
}

/** The known names of a list, once each, in fixed order, so a stored list's order never diffs. */
export function canonicalManaged(list: readonly unknown[]): ManagedProperty[] {
  return MANAGED_PROPERTIES.filter((p) => list.includes(p));
}
