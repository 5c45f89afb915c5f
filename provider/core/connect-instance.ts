/**
 * Enabling an `Uninitialized` instance: `ConnectKmsInstance`, retried while the service-linked
 * role is being created (`Forbidden.RamRoleNotFound`), then `GetKmsInstance` polled until
 * `Connected`. Terraform does the same: it retries that code with an incremental wait and polls
 * until `Connected`, failing on `Error`, within the create timeout
 * (terraform-provider-alicloud resource_alicloud_kms_instance.go; the reference's section "Wire
 * forms confirmed from independent sources", shared/reference/kms-instance-api.md). Unlike
 * Terraform, an unanswered connect is never re-sent blind (`sendConnect`): it is not idempotent
 * (`KMS_ACTION_TRAITS`, provider/kms/client.ts).
 *
 * Every wait ends at once, with `Pace.checkCancelled`'s refusal, when the plugin aborts
 * `ConnectTiming.signal` on the `Cancel` RPC, which the engine sends every provider on the first
 * Ctrl-C (pulumi/pulumi at 1b59498, pkg/resource/deploy/deployment_executor.go, `Execute`, calls
 * `Host.SignalCancellation`, whose contract in sdk/go/common/resource/plugin/host.go says an
 * operation so aborted returns "a creation error or an initialization error").
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
 * The connect budget when the engine passes no timeout: generous, since enabling a real instance
 * takes minutes. The dynamic provider never gets one: `@pulumi/pulumi` 3.248.0's dynamic-provider
 * host calls `provider.create(props)` and `provider.update(id, olds, news)` without the request's
 * timeout (cmd/dynamic-provider/index.js), and answers the `Cancel` RPC with a no-op
 * (`ResourceProviderService.cancel`, same file), so only the plugin passes a `signal`.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30 * 60_000;

/** Statuses that end the wait with a failure (Terraform fails on `Error`; `Disconnected` too). */
const FAILED_STATUSES: ReadonlySet<string | undefined> = new Set(["Error", "Disconnected"]);

/** How the wait paces itself; injectable so tests run on a fake or short clock. */
export interface ConnectTiming {
  /** Budget of the retries and the wait together. @default DEFAULT_CONNECT_TIMEOUT_MS */
  timeoutMs?: number;
  /** First wait between polls (and between RamRoleNotFound retries); doubles. @default 2000 */
  firstIntervalMs?: number;
  /** Longest wait between polls. @default 30000 */
  maxIntervalMs?: number;
  /**
   * Waits `ms`; may end early on abort (not relied on). @default a `setTimeout`, cleared on abort
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds since some epoch. @default Date.now */
  now?: () => number;
  /**
   * The engine's cancel (Ctrl-C): once aborted, no wait starts and one under way ends at once
   * with a `connect-failed` refusal. @default never cancelled
   */
  signal?: AbortSignal;
}

/** {@link ConnectTiming.sleep}, resolved early when `signal` aborts, whatever `sleep` does. */
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
export const CONNECTING = "Connecting";
/**
 * The answer to `ConnectKmsInstance` for an instance no longer `Uninitialized` (403; the
 * reference's error table, contract/kms-actions.ts).
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
     * Waits the next interval; false without waiting when it would end past the budget or the
     * operation is cancelled, and at once when it is cancelled during the wait.
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
     * Once cancelled ({@link ConnectTiming.signal}), throws the `connect-failed` refusal naming
     * `waitingFor`, the status, and that the next `up` continues from the live status (the gate
     * waits out `Connecting`, `planUpdate` connects no enabled instance: a taken connect is never
     * re-sent).
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
 * Polls `GetKmsInstance` until `settled(status)` or the budget is spent, logging each unsettled
 * status; returns the last one. A cancel throws `Pace.checkCancelled`'s refusal.
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
 * Waits while the instance is `Connecting`, polling as a connect does, within the connect budget.
 * Throws `stillConnectingRefusal` when the budget runs out, and a cancel's refusal.
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
 * Connects the instance and waits until `Connected`, logging the start, each role-error retry and
 * each poll still connecting. Other errors of the call propagate; a failed status, a spent budget
 * or a cancel throws a `connect-failed` {@link Refusal} naming the instance's state.
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
 * Sends `ConnectKmsInstance` until the service has taken it, retrying `Forbidden.RamRoleNotFound`
 * within the budget (Terraform does). An unanswered connect (`KmsError.notResent`: the retry
 * policy does not re-send it) is not re-sent blind; the status, read one poll interval later so
 * that a request still in progress when the read timed out has landed, decides:
 * - not `Uninitialized` (`Connecting`, `Connected`, or a failed status the wait reports): taken;
 * - `Uninitialized`: not taken (a taken connect moves it to `Connecting`: the reference's "Moves
 *   Uninitialized → Connecting → Connected"), so it is sent once more; a second unanswered one
 *   fails. Should the first land later still, the second meets `Connecting` and is refused with
 *   `Forbidden.DKMSInstanceStateInvalid`, also read as "the first was taken" once the status
 *   confirms it.
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
    // None is sent once cancelled (not idempotent; its wait would end at once). `Uninitialized`:
    // the plan (`needsConnect`) connects only such an instance; an earlier one found it still so.
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
      // Nothing says the call was not taken; true of every `notResent` error (the retry policy
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
