/**
 * Enabling an `Uninitialized` instance: `ConnectKmsInstance`, retried while the service-linked
 * role is still being created (`Forbidden.RamRoleNotFound`), then `GetKmsInstance` polled until
 * the status is `Connected`. Terraform does the same: it retries that code with an incremental
 * wait and polls until `Connected`, failing on `Error`, all within the create timeout
 * (terraform-provider-alicloud resource_alicloud_kms_instance.go; the reference's section "Wire
 * forms confirmed from independent sources", shared/reference/kms-instance-api.md).
 */
import { applyCall, type ConnectKmsInstanceCall } from "../instance";
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
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30 * 60_000;

/** Statuses that end the wait with a failure (Terraform fails on `Error`; `Disconnected` too). */
const FAILED_STATUSES = ["Error", "Disconnected"];

/** How the wait paces itself; every field is injectable so tests run on a fake or short clock. */
export interface ConnectTiming {
  /** Budget of the retries and the wait together. @default DEFAULT_CONNECT_TIMEOUT_MS */
  timeoutMs?: number;
  /** First wait between polls (and between RamRoleNotFound retries); doubles. @default 2000 */
  firstIntervalMs?: number;
  /** Longest wait between polls. @default 30000 */
  maxIntervalMs?: number;
  /** Waits `ms`. @default a `setTimeout` promise */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since some epoch. @default Date.now */
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Connects the instance and waits until it is `Connected`, telling the operator (through
 * `log.info`) when it starts, on each retry of the role error, and at each poll that finds it
 * still connecting. Any other error of the call propagates; so does a failed status or a spent
 * budget, as a `connect-failed` {@link Refusal} that says what state the instance is in.
 */
export async function connectAndWait(
  api: InstanceApi,
  log: Pick<Log, "info">,
  kmsInstanceId: string,
  call: ConnectKmsInstanceCall,
  timing: ConnectTiming = {},
): Promise<void> {
  const now = timing.now ?? Date.now;
  const sleep = timing.sleep ?? defaultSleep;
  const timeoutMs = timing.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const maxInterval = timing.maxIntervalMs ?? 30_000;
  const started = now();
  const deadline = started + timeoutMs;
  let interval = timing.firstIntervalMs ?? 2_000;
  const elapsed = () => `${((now() - started) / 1000).toFixed(0)} s`;
  /** Waits the next interval; false when it would end past the deadline. */
  const pause = async (): Promise<boolean> => {
    const wait = Math.min(interval, Math.max(0, deadline - now()));
    if (wait <= 0 || now() + wait > deadline) return false;
    await sleep(wait);
    interval = Math.min(interval * 2, maxInterval);
    return true;
  };
  const c = call.connection;
  log.info(
    `${kmsInstanceId}: connecting to ${c.vpcId} (zones ${c.zoneIds.join(", ")}; vSwitches ` +
      `${c.vswitchIds.join(", ")}); waiting up to ${Math.round(timeoutMs / 1000)} s for Connected`,
  );

  for (;;) {
    try {
      await applyCall(api, kmsInstanceId, call);
      break;
    } catch (err) {
      if (!(err instanceof KmsError && err.code === RAM_ROLE_NOT_FOUND)) throw err;
      log.info(
        `${kmsInstanceId}: ${RAM_ROLE_NOT_FOUND} (the KMS service-linked role is still being ` +
          `created); retrying ConnectKmsInstance (${elapsed()} elapsed)`,
      );
      if (!(await pause())) {
        throw new Refusal(
          "connect-failed",
          `KMS instance ${kmsInstanceId} could not be connected: the service answered ` +
            `${RAM_ROLE_NOT_FOUND} until the ${Math.round(timeoutMs / 1000)} s budget was spent. ` +
            `Check that the KMS service-linked role (AliyunServiceRoleForKMS) exists, then run ` +
            `\`pulumi up\` again. The instance is still Uninitialized.`,
          { kmsInstanceId },
        );
      }
    }
  }

  interval = timing.firstIntervalMs ?? 2_000;
  for (;;) {
    const status = (await api.getKmsInstance(kmsInstanceId)).Status;
    if (status === "Connected") {
      log.info(`${kmsInstanceId}: Connected after ${elapsed()}`);
      return;
    }
    if (status !== undefined && FAILED_STATUSES.includes(status)) {
      throw new Refusal(
        "connect-failed",
        `KMS instance ${kmsInstanceId} went to status ${status} while connecting to ` +
          `${c.vpcId}, so the other declared properties were not applied. Check the instance ` +
          `in the KMS console; once it is Connected, run \`pulumi up\` again.`,
        { kmsInstanceId, status },
      );
    }
    log.info(`${kmsInstanceId}: status ${status ?? "unknown"}, ${elapsed()} elapsed`);
    if (!(await pause())) {
      throw new Refusal(
        "connect-failed",
        `KMS instance ${kmsInstanceId} was still ${status ?? "not Connected"} after ` +
          `${Math.round(timeoutMs / 1000)} s of connecting to ${c.vpcId}; the other declared ` +
          `properties were not applied. It may still finish: run \`pulumi refresh\` and ` +
          `\`pulumi up\` later, or raise the resource's customTimeouts.`,
        { kmsInstanceId, status },
      );
    }
  }
}
