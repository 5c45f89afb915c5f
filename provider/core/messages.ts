/** The sentences the provider shows people, in one place so both adapters say the same. */

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
