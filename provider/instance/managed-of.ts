import type { KmsInstanceInputs } from "./model";
import { MANAGED_PROPERTIES, type ManagedProperty } from "./properties";

/** The managed properties the program declares (a key present with a value), in fixed order. */
export function managedOf(news: KmsInstanceInputs): ManagedProperty[] {
  return MANAGED_PROPERTIES.filter((p) => news[p] !== undefined && news[p] !== null);
}

/**
 * A list of managed property names in the fixed order, without duplicates or unknown names;
 * stored lists are normalized so that their order never shows as a change.
 */
export function canonicalManaged(list: readonly unknown[]): ManagedProperty[] {
  return MANAGED_PROPERTIES.filter((p) => list.includes(p));
}
