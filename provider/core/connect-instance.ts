/**
 * Enabling an `Uninitialized` instance: `ConnectKmsInstance`, retried while the service-linked
 * role is still being created (`Forbidden.RamRoleNotFound`), then `GetKmsInstance` polled until
 * the status is `Connected`. Terraform does the same: it retries that code with an incremental
 * wait and polls until `Connected`, failing on `Error`, all within the create timeout
 * (terraform-provider-alicloud resource_alicloud_kms_instance.go; the reference's section "Wire
 * forms confirmed from independent sources", shared/reference/kms-instance-api.md).
 *
 * Unlike Terraform, a connect that got no answer is never re-sent blind (`sendConnect`):
 * `ConnectKmsInstance` is not idempotent (`KMS_ACTION_TRAITS`, provider/kms/client.ts). The poll
 * of `GetKmsInstance` here (`pollStatus`) is the one wait for a connection (`waitWhileConnecting`
 * too).
 *
 * Every wait ends at once when the engine cancels the operation (`ConnectTiming.signal`: the
 * plugin aborts it on the engine's `Cancel` RPC, which the engine sends to every provider on the
 * first Ctrl-C: pulumi/pulumi at 1b59498, pkg/resource/deploy/deployment_executor.go, `Execute`,
 * calls `Host.SignalCancellation`, whose contract in sdk/go/common/resource/plugin/host.go says an
 * operation so aborted returns "a creation error or an initialization error"). It then fails with
 * the `connect-failed` refusal of `Pace.checkCancelled`.
 */
import {
  applyCall,
  stillConnectingRefusal,
  type ConnectKmsInstanceCall,
  type KmsInstanceInputs,
  type KmsInstanceOutputs,
} from "../instance";
import { KmsError } from "../kms/errors";
import { Refusal } from "../refusal";
import type { InstanceApi, Log } from "./region-context";

/** The code the service answers while the KMS service-linked role is still being created. */
export const RAM_ROLE_NOT_FOUND = "Forbidden.RamRoleNotFound";

/**
 * How long connecting may take when the engine passes no timeout: chosen, generous, since
 * enabling a real instance takes minutes. The dynamic provider never gets one: `@pulumi/pulumi`
 * 3.248.0's dynamic-provider host calls `provider.create(props)` and
 * `provider.update(id, olds, news)` without the request's timeout (cmd/dynamic-provider/index.js).
 * Nor does it get the engine's cancel: that host answers the `Cancel` RPC with a fixed no-op
 * (`ResourceProviderService.cancel`, same file), so only the plugin passes a `signal`.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30 * 60_000;

/** Statuses that end the wait with a failure (Terraform fails on `Error`; `Disconnected` too). */
const FAILED_STATUSES: ReadonlySet<string | undefined> = new Set(["Error", "Disconnected"]);

/** How the wait paces itself; every field is injectable so tests run on a fake or short clock. */
export interface ConnectTiming {
  /** Budget of the retries and the wait together. @default DEFAULT_CONNECT_TIMEOUT_MS */
  timeoutMs?: number;
  /** First wait between polls (and between RamRoleNotFound retries); doubles. @default 2000 */
  firstIntervalMs?: number;
  /** Longest wait between polls. @default 30000 */
  maxIntervalMs?: number;
  /**
   * Waits `ms`; may end early when `signal` aborts (the wait does not rely on it: an abort ends
   * it either way). @default a `setTimeout`, cleared on abort
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds since some epoch. @default Date.now */
  now?: () => number;
  /**
   * The engine's cancel (Ctrl-C): once aborted, no wait starts and a wait under way ends at once
   * with a `connect-failed` refusal. @default never cancelled
   */
  signal?: AbortSignal;
}

/** {@link ConnectTiming.sleep}, ended early (resolved) when `signal` aborts, whatever it does. */
function sleepUnlessAborted(
  sleep: ConnectTiming["sleep"],
  ms: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    signal?.addEventListener("abort", done, { once: true });
    if (sleep === undefined) {
      timer = setTimeout(done, ms);
      return;
    }
    sleep(ms, signal).then(done, (err: unknown) => {
      signal?.removeEventListener("abort", done);
      reject(err instanceof Error ? err : new Error(String(err)));
    });
  });
}

/** The status of an instance that is not enabled yet (the API reference's status list). */
const UNINITIALIZED = "Uninitialized";
/** The status while a connect is under way. */
export const CONNECTING = "Connecting";
/**
 * What the service answers a `ConnectKmsInstance` for an instance that is no longer
 * `Uninitialized` (403; the reference's error table, contract/kms-actions.ts).
 */
const STATE_INVALID = "Forbidden.DKMSInstanceStateInvalid";

/** The pacing of one wait: intervals doubling up to a cap, all within one budget. */
type Pace = ReturnType<typeof paceOf>;

function paceOf(kmsInstanceId: string, timing: ConnectTiming) {
  const now = timing.now ?? Date.now;
  const timeoutMs = timing.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const first = timing.firstIntervalMs ?? 2_000;
  const maxInterval = timing.maxIntervalMs ?? 30_000;
  const started = now();
  const deadline = started + timeoutMs;
  let interval = first;
  const cancelled = () => timing.signal?.aborted === true;
  /** The time since the wait started, e.g. `12 s`. */
  const elapsed = () => `${((now() - started) / 1000).toFixed(0)} s`;
  return {
    timeoutMs,
    /**
     * Waits the next interval; false (without waiting) when it would end past the budget or the
     * operation is cancelled, and false at once when it is cancelled during the wait.
     */
    async pause(): Promise<boolean> {
      if (cancelled()) return false;
      const wait = Math.min(interval, Math.max(0, deadline - now()));
      if (wait <= 0 || now() + wait > deadline) return false;
      await sleepUnlessAborted(timing.sleep, wait, timing.signal);
      if (cancelled()) return false;
      interval = Math.min(interval * 2, maxInterval);
      return true;
    },
    /**
     * When the engine cancelled the operation ({@link ConnectTiming.signal}), throws the
     * `connect-failed` refusal naming what was being waited for (`waitingFor`), the status at that
     * moment, and that the next `up` carries on from the live status: the status gate waits out
     * `Connecting` and `planUpdate` plans no connect for an enabled instance, so a connect the
     * service took is never sent again.
     */
    checkCancelled(status: string | undefined, waitingFor: string): void {
      if (!cancelled()) return;
      throw new Refusal(
        "connect-failed",
        `KMS instance ${kmsInstanceId}: the wait ${waitingFor} ` +
          `was cancelled (pulumi cancelled the operation, e.g. Ctrl-C) after ${elapsed()}, ` +
          `with the instance in status ` +
          `${status ?? "unknown"}; the other declared properties were not applied. The next ` +
          `\`pulumi up\` continues from the live status, without connecting again while the ` +
          `instance is ${CONNECTING} or Connected.`,
        { kmsInstanceId, ...(status !== undefined ? { status } : {}) },
      );
    },
    /** Starts the intervals over from the first (the budget runs on). */
    restart(): void {
      interval = first;
    },
    elapsed,
  };
}

/**
 * Reads `GetKmsInstance` until `settled(status)` holds or the budget is spent, and returns the
 * last status read (the caller tells the two apart by it), telling the operator the status at
 * each poll that finds it unsettled. A cancel ends it with the refusal of `Pace.checkCancelled`
 * (`waitingFor` names the wait in it).
 */
async function pollStatus(
  api: InstanceApi,
  log: Pick<Log, "info">,
  kmsInstanceId: string,
  pace: Pace,
  settled: (status: string | undefined) => boolean,
  waitingFor: string,
): Promise<string | undefined> {
  for (;;) {
    const status = (await api.getKmsInstance(kmsInstanceId)).Status;
    if (settled(status)) return status;
    log.info(`${kmsInstanceId}: status ${status ?? "unknown"}, ${pace.elapsed()} elapsed`);
    if (await pace.pause()) continue;
    pace.checkCancelled(status, waitingFor);
    return status;
  }
}

/**
 * Waits while the instance is `Connecting`, polling like the wait of a connect and within the
 * same budget (`timing`, the connect timeout); the status gate of an update calls it before any
 * change call (`lifecycle.ts`, `settle`). Returns once the status is another; throws
 * `stillConnectingRefusal` when the budget ran out, and the refusal of a cancel.
 */
export async function waitWhileConnecting(
  api: InstanceApi,
  log: Pick<Log, "info">,
  live: KmsInstanceOutputs,
  news: KmsInstanceInputs,
  timing: ConnectTiming = {},
): Promise<void> {
  const id = live.kmsInstanceId;
  const pace = paceOf(id, timing);
  log.info(
    `${id}: status ${CONNECTING} (a connect is under way); waiting up to ` +
      `${Math.round(pace.timeoutMs / 1000)} s for it to finish before changing it`,
  );
  const status = await pollStatus(
    api,
    log,
    id,
    pace,
    (s) => s !== CONNECTING,
    "for the connect under way to finish",
  );
  if (status === CONNECTING) throw stillConnectingRefusal(live, news, pace.timeoutMs);
  log.info(`${id}: status ${status ?? "unknown"} after ${pace.elapsed()}`);
}

/**
 * Connects the instance and waits until it is `Connected`, telling the operator (through
 * `log.info`) when it starts, on each retry of the role error, and at each poll that finds it
 * still connecting. Any other error of the call propagates; so does a failed status, a spent
 * budget or the engine's cancel, as a `connect-failed` {@link Refusal} that says what state the
 * instance is in. Once cancelled, the connect is not sent at all.
 */
export async function connectAndWait(
  api: InstanceApi,
  log: Pick<Log, "info">,
  kmsInstanceId: string,
  call: ConnectKmsInstanceCall,
  timing: ConnectTiming = {},
): Promise<void> {
  const pace = paceOf(kmsInstanceId, timing);
  const c = call.connection;
  log.info(
    `${kmsInstanceId}: connecting to ${c.vpcId} (zones ${c.zoneIds.join(", ")}; vSwitches ` +
      `${c.vswitchIds.join(", ")}); waiting up to ${Math.round(pace.timeoutMs / 1000)} s for Connected`,
  );
  await sendConnect(api, log, kmsInstanceId, call, pace);

  pace.restart();
  const status = await pollStatus(
    api,
    log,
    kmsInstanceId,
    pace,
    (s) => s === "Connected" || FAILED_STATUSES.has(s),
    "for Connected",
  );
  if (status === "Connected") {
    log.info(`${kmsInstanceId}: Connected after ${pace.elapsed()}`);
    return;
  }
  if (FAILED_STATUSES.has(status)) {
    throw new Refusal(
      "connect-failed",
      `KMS instance ${kmsInstanceId} went to status ${status} while connecting to ` +
        `${c.vpcId}, so the other declared properties were not applied. Check the instance ` +
        `in the KMS console; once it is Connected, run \`pulumi up\` again.`,
      { kmsInstanceId, status },
    );
  }
  throw new Refusal(
    "connect-failed",
    `KMS instance ${kmsInstanceId} was still ${status ?? "not Connected"} after ` +
      `${Math.round(pace.timeoutMs / 1000)} s of connecting to ${c.vpcId}; the other declared ` +
      `properties were not applied. It may still finish: run \`pulumi refresh\` and ` +
      `\`pulumi up\` later, or raise the resource's customTimeouts.`,
    { kmsInstanceId, status },
  );
}

/** What a cancel before the service took the connect was waiting for (`Pace.checkCancelled`). */
const BEFORE_CONNECT = "for the service to take ConnectKmsInstance";

/**
 * Sends `ConnectKmsInstance` until the service has taken it. `Forbidden.RamRoleNotFound` is
 * retried within the budget (Terraform does). A connect that got no answer (the retry policy
 * does not re-send it: `KmsError.notResent`) is not re-sent blind; the status decides:
 * - not `Uninitialized` (`Connecting`, or already `Connected`, or a failed status the wait then
 *   reports): the connect was taken, so carry on with the wait;
 * - still `Uninitialized`: it was not taken (a taken connect moves the instance to
 *   `Connecting`: the reference's "Moves Uninitialized → Connecting → Connected"), so it is
 *   sent once more, within the same budget. Only once: a second unanswered connect fails.
 * The status is read one poll interval after the failure, so that a request the service was
 * still working on when the read timeout expired has landed. Should it land later still, the
 * second connect meets a `Connecting` instance and is refused with
 * `Forbidden.DKMSInstanceStateInvalid`: that refusal is also read as "the first was taken" once
 * the status confirms it.
 */
async function sendConnect(
  api: InstanceApi,
  log: Pick<Log, "info">,
  kmsInstanceId: string,
  call: ConnectKmsInstanceCall,
  pace: Pace,
): Promise<void> {
  let resent = false;
  for (;;) {
    // A cancelled operation sends no connect: it is not idempotent, and the wait after it would
    // be cancelled anyway. The plan connects only an `Uninitialized` instance (`needsConnect`),
    // and a connect sent before got no answer and found the instance still so.
    pace.checkCancelled(UNINITIALIZED, BEFORE_CONNECT);
    try {
      await applyCall(api, kmsInstanceId, call);
      return;
    } catch (err) {
      if (err instanceof KmsError && err.code === RAM_ROLE_NOT_FOUND) {
        log.info(
          `${kmsInstanceId}: ${RAM_ROLE_NOT_FOUND} (the KMS service-linked role is still being ` +
            `created); retrying ConnectKmsInstance (${pace.elapsed()} elapsed)`,
        );
        if (await pace.pause()) continue;
        pace.checkCancelled(UNINITIALIZED, BEFORE_CONNECT);
        throw new Refusal(
          "connect-failed",
          `KMS instance ${kmsInstanceId} could not be connected: the service answered ` +
            `${RAM_ROLE_NOT_FOUND} until the ${Math.round(pace.timeoutMs / 1000)} s budget was spent. ` +
            `Check that the KMS service-linked role (AliyunServiceRoleForKMS) exists, then run ` +
            `\`pulumi up\` again. The instance is still Uninitialized.`,
          { kmsInstanceId },
        );
      }
      const refusedResend = resent && err instanceof KmsError && err.code === STATE_INVALID;
      // A call no answer says was not taken; a `notResent` error is always one (the retry policy
      // withholds only such re-sends).
      const unanswered = err instanceof KmsError && err.maybeTaken === true;
      if (!unanswered && !refusedResend) throw err;
      const waited = refusedResend || (await pace.pause());
      const status = (await api.getKmsInstance(kmsInstanceId)).Status;
      if (status !== UNINITIALIZED) {
        const what = refusedResend
          ? `the connect sent again was refused (${STATE_INVALID})`
          : `ConnectKmsInstance got no answer (${err.detail})`;
        log.info(
          `${kmsInstanceId}: ${what}, but the instance is ${status ?? "in an unknown status"}: ` +
            `the first connect was taken; not sending it again (${pace.elapsed()} elapsed)`,
        );
        return;
      }
      // Not known to be taken; should it land later, the next `up` finds it Connecting.
      pace.checkCancelled(status, BEFORE_CONNECT);
      if (resent || !waited) throw err;
      resent = true;
      log.info(
        `${kmsInstanceId}: ConnectKmsInstance got no answer (${err.detail}) and the instance ` +
          `is still ${UNINITIALIZED}: the connect was not taken; sending it once more ` +
          `(${pace.elapsed()} elapsed)`,
      );
    }
  }
}
