/**
 * The provider's own refusal ("will not do this"), unlike `KmsError` (`kms/errors.ts`), a failed
 * API call. Thrown before any changing call, or after one that left the instance in a known state
 * (a failed connect). A leaf module: `instance/` and `core/` both throw it.
 */

/**
 * Why the provider refused:
 * - `not-found`: create found no instance to adopt (confirmed gone);
 * - `gone-on-update`: update found the instance gone (confirmed);
 * - `gone-not-confirmed`: a not-found answer the evidence did not confirm (see `suspicion`);
 * - `status`: the live status refuses a declared change (see `blocks`);
 * - `connection-change`: a declared connection differs from an enabled instance's network;
 * - `connect-failed`: the instance did not become `Connected` (see `status`);
 * - `renewal`: a declared `renewal` cannot be managed (pay-as-you-go, or not listed by BSS).
 */
export type RefusalReason =
  | "not-found"
  | "gone-on-update"
  | "gone-not-confirmed"
  | "status"
  | "connection-change"
  | "connect-failed"
  | "renewal";

type RefusalFacts = Partial<
  Pick<Refusal, "kmsInstanceId" | "region" | "suspicion" | "status" | "blocks" | "field">
>;

/** A refusal: a `reason` a caller can act on, its facts, and a message saying what to do. */
export class Refusal extends Error {
  readonly reason: RefusalReason;
  /** The instance id, when the refusal is about one. */
  readonly kmsInstanceId?: string;
  /** The region it was looked up in, when known. */
  readonly region?: string;
  /** `gone-not-confirmed`: why the not-found was not confirmed. */
  readonly suspicion?: string;
  /** `connect-failed`: the last status seen, when one was. */
  readonly status?: string;
  /** `status`: the refused properties, each with the status that refuses it. */
  readonly blocks?: readonly { property: string; status: string }[];
  /** `connection-change`: the connection field that differs. */
  readonly field?: string;
  /**
   * Set by create after a failed connect: the adopted instance's id. With `properties` and
   * `reasons`, a partial failure, which `@pulumi/pulumi`'s dynamic-provider host
   * (cmd/dynamic-provider/index.js at 3.248.0, `grpcResponseFromError`) and `plugin/server.ts`
   * answer as `ErrorResourceInitFailed`, so the engine keeps the instance though the create failed.
   */
  id?: string;
  /** Set with `id`: the instance's outputs as read after the failure. */
  properties?: Record<string, unknown>;
  /** Set with `id`: why it failed to initialize (the message). */
  reasons?: string[];

  constructor(reason: RefusalReason, message: string, facts: RefusalFacts = {}) {
    super(message);
    this.name = "Refusal";
    this.reason = reason;
    // Only the facts given are set, so JSON and inspect stay free of `undefined`s.
    Object.assign(
      this,
      Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)),
    );
  }
}

/** Whether `err` is a refusal for `reason`. */
export function isRefusal(err: unknown, reason: RefusalReason): err is Refusal {
  return err instanceof Refusal && err.reason === reason;
}
