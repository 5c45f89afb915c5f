import type { KmsInstanceInputs, KmsInstanceOutputs } from "./model";
import { UPDATE_ORDER, type PlannedCall } from "./properties";

/**
 * The API calls that bring the instance from `olds` (stored or freshly read outputs) to the
 * declared `news` (resolved values): only calls for declared properties that differ, in the
 * modules' `updateStep` order — rename, bind VPCs, deletion protection, untag, tag. Untag comes
 * before tag so a key whose value changes is simply overwritten and a removed key never races
 * an added one.
 *
 * `olds.tags`, when present, is taken as the live user tags. When it is absent (tags were not
 * managed, so never read) nothing is untagged: an adapter that wants the declared map to be exact
 * in one update reads the live tags first and passes `{ ...olds, tags }`.
 */
export function planUpdate(olds: KmsInstanceOutputs, news: KmsInstanceInputs): PlannedCall[] {
  const stored = olds as unknown as Readonly<Record<string, unknown>>;
  return UPDATE_ORDER.flatMap((m): PlannedCall[] => m.plan(stored, news));
}
