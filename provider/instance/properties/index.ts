/**
 * The managed properties, one module each (`property-module.ts` says what a module holds).
 * `checkInputs`, `diffInstance`, `readResult`, `planUpdate` and `applyCall` are loops over this
 * list; a new managed property is one new module and one line here (plus its name in
 * `MANAGED_PROPERTIES` and its input type).
 */
import type { ManagedProperty } from "../model";
import { bindVpcsProperty } from "./bind-vpcs";
import { deletionProtectionProperty } from "./deletion-protection";
import { instanceNameProperty } from "./instance-name";
import type { CallOf, PropertyApi, PropertyModule } from "./property-module";
import { tagsProperty } from "./tags";

/**
 * Every managed property's module, in the order an update applies their calls: rename, bind
 * VPCs, deletion protection, then untag and tag.
 */
export const PROPERTY_MODULES = [
  instanceNameProperty,
  bindVpcsProperty,
  deletionProtectionProperty,
  tagsProperty,
] as const;

/** One KMS API call an update makes; a union discriminated on `action`. */
export type PlannedCall = CallOf<(typeof PROPERTY_MODULES)[number]>;

/** A module as the loops see it: any of its calls is a `PlannedCall`. */
type AnyModule = PropertyModule<PlannedCall>;

/** The module that owns a managed input. */
export function moduleOf(name: ManagedProperty): AnyModule {
  const owner = PROPERTY_MODULES.find((m) => m.names.includes(name));
  // Unreachable while every name of MANAGED_PROPERTIES has a module (a unit test checks it).
  if (owner === undefined) throw new Error(`no property module owns "${name}"`);
  return owner as AnyModule;
}

/** Makes one planned call through the module that planned it. */
export async function applyCall(
  api: PropertyApi,
  kmsInstanceId: string,
  call: PlannedCall,
): Promise<void> {
  // The cast is sound: a module is only ever handed calls whose action it lists.
  const owner = PROPERTY_MODULES.find((m) =>
    (m.actions as readonly string[]).includes(call.action),
  ) as AnyModule | undefined;
  if (owner === undefined) throw new Error(`no property module makes "${call.action}"`);
  await owner.apply(api, kmsInstanceId, call);
}

export type { PropertyApi, PropertyModule, CheckContext, Fail } from "./property-module";
export type { UpdateKmsInstanceCall } from "./instance-name";
export type { UpdateKmsInstanceBindVpcCall } from "./bind-vpcs";
export type { SetDeletionProtectionCall } from "./deletion-protection";
export type { UntagResourcesCall, TagResourcesCall } from "./tags";
