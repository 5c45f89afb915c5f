/**
 * The sentences the lifecycle shows people, in one place so both adapters and the SDK functions
 * say the same. The "no region" sentence lives with the region-id form in `kms/region.ts` (the
 * settings, below this layer, need it too).
 */

/** Create found no instance to adopt. */
export function notFoundForAdoptMessage(kmsInstanceId: string, region: string): string {
  return (
    `KMS instance ${kmsInstanceId} does not exist in ${region} or is not visible to these ` +
    `credentials; this provider adopts existing instances — buy one first ` +
    `(in the console or with alicloud.kms.Instance), then declare its id here`
  );
}

/** Delete stops managing and leaves the instance running. */
export function releasedMessage(kmsInstanceId: string, region: string): string {
  return (
    `KMS instance ${kmsInstanceId} in ${region} is no longer managed by Pulumi; it keeps ` +
    `running and billing. Release it in the console if you no longer need it.`
  );
}

/** A read-only reference (`KmsInstance.get`) whose instance is gone. */
export function notFoundForGetMessage(kmsInstanceId: string, region: string): string {
  return `KMS instance ${kmsInstanceId} does not exist in ${region} or is not visible to these credentials`;
}

/** Update found, with confirmed evidence, that the instance it manages no longer exists. */
export function goneOnUpdateMessage(kmsInstanceId: string, region: string): string {
  return (
    `KMS instance ${kmsInstanceId} no longer exists in ${region} (confirmed: the service's ` +
    `not-found answer, the caller's account and the region's listing); nothing was changed. ` +
    `Run \`pulumi refresh\` to drop it from state, or remove it from the program.`
  );
}
