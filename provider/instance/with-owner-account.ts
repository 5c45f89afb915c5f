import type { KmsInstanceOutputs } from "./model";

/**
 * The outputs with `ownerAccountId` set to `accountId`, or unchanged when it is undefined (STS
 * could not be asked: an absent key, never `""`).
 */
export function withOwnerAccount(
  outputs: KmsInstanceOutputs,
  accountId: string | undefined,
): KmsInstanceOutputs {
  return accountId === undefined ? outputs : { ...outputs, ownerAccountId: accountId };
}
