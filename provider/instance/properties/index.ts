/**
 * The managed properties, one module each. `checkInputs`, `diffInstance`, `readResult`,
 * `planUpdate` and `applyCall` loop over them: a new managed property is a module and a line here.
 */
import { bindVpcsProperty } from "./bind-vpcs";
import { connectionProperty } from "./connection";
import { deletionProtectionProperty } from "./deletion-protection";
import { instanceNameProperty } from "./instance-name";
import type { CallOf, InputsOf, PropertyApi, PropertyModule } from "./property-module";
import { renewalProperty } from "./renewal";
import { tagsProperty } from "./tags";

/** The modules, in `MANAGED_PROPERTIES` order; an update orders their calls by `updateStep`. */
export const PROPERTY_MODULES = [
  instanceNameProperty,
  bindVpcsProperty,
  tagsProperty,
  deletionProtectionProperty,
  connectionProperty,
  renewalProperty,
] as const;

type AnyModuleOf = (typeof PROPERTY_MODULES)[number];

/** Turns a union of object types into their intersection. */
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

type InputsOfModules = UnionToIntersection<InputsOf<AnyModuleOf>>;

/** Every managed input with its value type and TSDoc, as the modules declare them. */
// An interface (not a type alias) so the API docs list each input with its description.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ManagedInputs extends InputsOfModules {}

/** One of the properties a program may declare to manage. */
export type ManagedProperty = keyof ManagedInputs & string;

/** The managed properties, in a fixed order (that of checks, diffs and `managedProperties`). */
export const MANAGED_PROPERTIES: readonly ManagedProperty[] = PROPERTY_MODULES.flatMap(
  (m): readonly ManagedProperty[] => m.names,
);

/** One KMS API call an update makes; a union discriminated on `action`. */
export type PlannedCall = CallOf<AnyModuleOf>;

type AnyModule = PropertyModule<PlannedCall, ManagedInputs>;

/**
 * The modules as the loops see them. The cast is sound: a module is only handed its own names
 * (`moduleOf`) and the calls whose action it lists (`applyCall`).
 */
const MODULES = PROPERTY_MODULES as readonly unknown[] as readonly AnyModule[];

/** The modules in ascending `updateStep`. */
export const UPDATE_ORDER: readonly AnyModule[] = [...MODULES].sort(
  (a, b) => a.updateStep - b.updateStep,
);

/** The module that owns a managed input. */
export function moduleOf(name: ManagedProperty): AnyModule {
  const owner = MODULES.find((m) => m.names.includes(name));
  // Unreachable while every name of MANAGED_PROPERTIES has a module (a unit test checks it).
  if (owner === undefined) throw new Error(`no property module owns "${name}"`);
  return owner;
}

/** The module that plans a call (its `names` are the inputs the call changes). */
export function moduleOfCall(call: PlannedCall): AnyModule {
  const owner = MODULES.find((m) => m.actions.includes(call.action));
  // Unreachable while every planned action has a module (a unit test checks it).
  if (owner === undefined) throw new Error(`no property module makes "${call.action}"`);
  return owner;
}

/** Makes one planned call through the module that planned it. */
export async function applyCall(
  api: PropertyApi,
  kmsInstanceId: string,
  call: PlannedCall,
): Promise<void> {
  await moduleOfCall(call).apply(api, kmsInstanceId, call);
}
