/**
 * Test helper: the error a promise rejects with. The test fails when the promise resolves or
 * rejects with anything but an instance of `type`.
 */
import { KmsError } from "../../provider/kms/errors";

/** Awaits `p` and returns what it rejects with, which must be a `type` (default `KmsError`). */
export async function failure<E extends Error = KmsError>(
  p: Promise<unknown>,
  type: abstract new (...args: never[]) => E = KmsError as unknown as abstract new (
    ...args: never[]
  ) => E,
): Promise<E> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof type)) {
    throw new Error(`expected a rejection with a ${type.name}, got ${String(err)}`);
  }
  return err;
}
