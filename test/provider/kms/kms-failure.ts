/**
 * Test helper of the KMS client suites: the `KmsError` a call fails with (the test fails when
 * the call succeeds or throws anything else).
 */
import { KmsError } from "../../../provider/kms/errors";

/** Awaits `p` and returns the `KmsError` it rejects with. */
export async function failure(p: Promise<unknown>): Promise<KmsError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(KmsError);
    return err as KmsError;
  }
  throw new Error("expected a failure");
}
