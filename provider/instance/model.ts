/**
 * The resource model of a KMS instance under Pulumi: what a program declares (inputs) and what
 * the provider records (outputs). Every other file in this folder is a pure function over these.
 */
import type { ApiOutputs } from "./fields";

/** A VPC bound to the instance, as programs declare it and outputs show it. */
export interface BindVpc {
  /** The bound VPC (`vpc-…`). */
  vpcId: string;
  /** The vSwitch in that VPC (`vsw-…`). */
  vSwitchId: string;
  /** Region of the VPC, e.g. `cn-hangzhou`. */
  regionId: string;
  /** Owner account id of the VPC: up to 20 digits, always a string (16-digit ids overflow JS numbers). */
  vpcOwnerId: string;
}

/** Declared inputs (plain values after the engine resolved them). */
export interface KmsInstanceInputs {
  /** The instance to adopt (`kst-…`); required, and a change means another instance (replace). */
  kmsInstanceId: string;
  /** Region of the instance; defaulted by `checkInputs` from settings; a change means replace. */
  region?: string;
  /** The instance name; managed when declared. */
  instanceName?: string;
  /** The bound VPCs; managed when declared; a set, so order never makes a diff. */
  bindVpcs?: BindVpc[];
  /** User tags; managed when declared; the whole map is managed, system tags excepted. */
  tags?: Record<string, string>;
  /** Deletion protection; managed when declared. */
  deletionProtection?: boolean;
  /** Why deletion protection is on; managed when declared (only meaningful with protection). */
  deletionProtectionDescription?: string;
}

/** The managed properties, in a fixed order (the order of diffs, plans and `managedProperties`). */
export const MANAGED_PROPERTIES = [
  "instanceName",
  "bindVpcs",
  "tags",
  "deletionProtection",
  "deletionProtectionDescription",
] as const;

/** One of the properties a program may declare to manage. */
export type ManagedProperty = (typeof MANAGED_PROPERTIES)[number];

/** Inputs whose change means another cloud object: the engine replaces the resource. */
const REPLACE_PROPERTIES = ["kmsInstanceId", "region"] as const;

/** Every input name a program may set, in a fixed order (used in "accepted names" messages). */
export const INPUT_PROPERTIES = [...REPLACE_PROPERTIES, ...MANAGED_PROPERTIES] as const;

/**
 * The outputs the provider sets itself rather than decoding from the `GetKmsInstance` body (the
 * rows of `OUTPUT_FIELDS` without an API source).
 */
export interface ProviderSetOutputs {
  /** The adopted instance id (`kst-…`), as declared. */
  kmsInstanceId: string;
  /** Region of the instance. */
  region: string;
  /** Which properties the program declared: `read()` needs it, since read gets only outputs. */
  managedProperties: ManagedProperty[];
  /** Live user tags (system tags filtered); present only when the program manages tags. */
  tags?: Record<string, string>;
  /**
   * The account the instance was adopted and read in (STS `GetCallerIdentity` of the provider's
   * credentials), a string of digits. A later "not found" from credentials of another account
   * is refused rather than read as deleted. Absent when STS could not be asked.
   */
  ownerAccountId?: string;
}

/**
 * Outputs: every GetKmsInstance field camelCased and typed for what it means (`ApiOutputs`, from
 * the rows of `OUTPUT_FIELDS`), plus the outputs the provider sets. Absent API fields are absent
 * keys, never `""` or `null`; the object is plain JSON.
 */
export interface KmsInstanceOutputs extends ProviderSetOutputs, ApiOutputs {}
