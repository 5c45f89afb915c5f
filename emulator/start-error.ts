/**
 * Why an emulator did not start, as a type rather than a sentence: the CLI picks its exit code
 * from `kind`, never from the wording of a message.
 */

/** The kinds of startup failure. */
export type EmulatorStartErrorKind =
  /** A bad option, seed file or state file: the caller must change what they passed (CLI exit 2). */
  | "configuration"
  /** The server could not listen (port taken, address not available): CLI exit 1. */
  | "listen";

/** Thrown (as a rejection) by `startEmulator` when it cannot start. */
export class EmulatorStartError extends Error {
  /** Which kind of failure this is. */
  readonly kind: EmulatorStartErrorKind;
  constructor(kind: EmulatorStartErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmulatorStartError";
    this.kind = kind;
  }
}
