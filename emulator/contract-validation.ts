/**
 * Validates a request against the contract table (`contract/kms-actions.ts`, and
 * `contract/bss-actions.ts` for the BSS actions) before its action runs: a missing required
 * parameter is `Missing<Name>`, any other departure from the documented form (for a BSS action,
 * also a parameter its row does not name) `InvalidParameter` naming the parameter. Where the real service's behaviour is
 * unknown the table holds only the documented form, so the emulator is strict to it.
 */
import { checkRequest, type RequestParams } from "../contract/check-request";
import { actionContract } from "../contract/kms-actions";
import { errors } from "./api-error";

/** Throws the table's error for the first parameter of `params` that breaks `action`'s contract. */
export function validateRequest(version: string, action: string, params: RequestParams): void {
  const contract = actionContract(version, action);
  if (!contract) return;
  const violation = checkRequest(contract, params);
  if (!violation) return;
  if (violation.kind === "missing") throw errors.missingParameter(violation.param);
  throw errors.invalidParameter(violation.param, violation.why);
}
