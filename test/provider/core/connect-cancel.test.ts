/**
 * The engine's cancel (`ConnectTiming.signal`) on the connect waits, over an in-memory API and a
 * fake clock: a pause under way ends at once, the wait fails with the `connect-failed` refusal
 * that names the status at that moment, and a cancelled operation sends no connect.
 */
import {
  connectAndWait,
  RAM_ROLE_NOT_FOUND,
  waitWhileConnecting,
  type ConnectTiming,
} from "../../../provider/core/connect-instance";
import type { InstanceApi } from "../../../provider/core/region-context";
import type {
  ConnectKmsInstanceCall,
  KmsInstanceInputs,
  KmsInstanceOutputs,
} from "../../../provider/instance";
import { KmsError } from "../../../provider/kms/errors";
import { isRefusal, Refusal } from "../../../provider/refusal";

const ID = "kst-hzz0cancel000001";
const CALL: ConnectKmsInstanceCall = {
  action: "ConnectKmsInstance",
  connection: {
    vpcId: "vpc-bp1cancel0001",
    zoneIds: ["cn-hangzhou-k", "cn-hangzhou-j"],
    vswitchIds: ["vsw-bp1cancel0001"],
  },
};

/** An instance whose status the test sets; records every call. */
function fakeApi(status: { value: string }) {
  const calls: string[] = [];
  const api = {
    getKmsInstance: (id: string) => {
      calls.push(`GetKmsInstance ${id}`);
      return Promise.resolve({ KmsInstanceId: id, Status: status.value });
    },
    connectKmsInstance: (id: string) => {
      calls.push(`ConnectKmsInstance ${id}`);
      status.value = "Connecting";
      return Promise.resolve({});
    },
  } as unknown as InstanceApi;
  return { api, calls };
}

/**
 * A fake clock whose sleeps never end by themselves (a pause of the real wait lasts up to 30 s):
 * only an abort can end one. `sleeping` resolves when the first sleep starts.
 */
function stuckClock() {
  let t = 0;
  let started!: () => void;
  const sleeping = new Promise<void>((r) => (started = r));
  const timing: ConnectTiming = {
    now: () => t,
    sleep: () => {
      started();
      return new Promise<void>(() => undefined);
    },
  };
  return { timing, sleeping, advance: (ms: number) => (t += ms) };
}

const silent = { info: () => undefined };

test("a cancel during the wait for Connected ends the pause at once with a connect-failed refusal naming the status", async () => {
  const { api, calls } = fakeApi({ value: "Uninitialized" });
  const controller = new AbortController();
  const clock = stuckClock();
  const waiting = connectAndWait(api, silent, ID, CALL, {
    ...clock.timing,
    signal: controller.signal,
  }).catch((e: unknown) => e);
  await clock.sleeping;
  clock.advance(12_000);
  controller.abort();
  const err = await waiting;
  expect(isRefusal(err, "connect-failed")).toBe(true);
  expect((err as Refusal).status).toBe("Connecting");
  expect((err as Refusal).kmsInstanceId).toBe(ID);
  expect((err as Refusal).message).toBe(
    `KMS instance ${ID}: the wait for Connected was cancelled (pulumi cancelled the operation, ` +
      `e.g. Ctrl-C) after 12 s, with the instance in status Connecting; the other declared ` +
      "properties were not applied. The next `pulumi up` continues from the live status, " +
      "without connecting again while the instance is Connecting or Connected.",
  );
  // One connect, one poll; nothing after the cancel.
  expect(calls).toEqual([`ConnectKmsInstance ${ID}`, `GetKmsInstance ${ID}`]);
});

test("the default sleep ends on the abort: a 60 s pause is cut short within a second", async () => {
  const { api } = fakeApi({ value: "Connecting" });
  const controller = new AbortController();
  const started = Date.now();
  const live = { kmsInstanceId: ID, status: "Connecting" } as KmsInstanceOutputs;
  const news = { kmsInstanceId: ID } as KmsInstanceInputs;
  const waiting = waitWhileConnecting(api, silent, live, news, {
    firstIntervalMs: 60_000,
    signal: controller.signal,
  }).catch((e: unknown) => e);
  setTimeout(() => controller.abort(), 50);
  const err = await waiting;
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(isRefusal(err, "connect-failed")).toBe(true);
  expect((err as Refusal).message).toMatch(
    /the wait for the connect under way to finish was cancelled .* in status Connecting;/,
  );
});

test("a cancelled operation sends no connect: the refusal says the instance is still Uninitialized", async () => {
  const { api, calls } = fakeApi({ value: "Uninitialized" });
  const controller = new AbortController();
  controller.abort();
  const err = await connectAndWait(api, silent, ID, CALL, { signal: controller.signal }).catch(
    (e: unknown) => e,
  );
  expect(isRefusal(err, "connect-failed")).toBe(true);
  expect((err as Refusal).status).toBe("Uninitialized");
  expect((err as Refusal).message).toMatch(
    /the wait for the service to take ConnectKmsInstance was cancelled/,
  );
  expect(calls).toEqual([]);
});

test("without a cancel the wait runs to its end as before (the signal changes nothing)", async () => {
  const status = { value: "Uninitialized" };
  const { api } = fakeApi(status);
  const controller = new AbortController();
  let t = 0;
  const out = await connectAndWait(api, silent, ID, CALL, {
    now: () => t,
    sleep: (ms) => {
      t += ms;
      if (t >= 4_000) status.value = "Connected";
      return Promise.resolve();
    },
    signal: controller.signal,
  });
  expect(out).toBeUndefined();
  expect(status.value).toBe("Connected");
});

test("a cancel while Forbidden.RamRoleNotFound is retried ends the retry pause: no connect is taken, the instance is still Uninitialized", async () => {
  const calls: string[] = [];
  const api = {
    getKmsInstance: () => Promise.resolve({ KmsInstanceId: ID, Status: "Uninitialized" }),
    connectKmsInstance: () => {
      calls.push("ConnectKmsInstance");
      return Promise.reject(
        new KmsError({
          kind: "auth",
          action: "ConnectKmsInstance",
          region: "cn-hangzhou",
          code: RAM_ROLE_NOT_FOUND,
          statusCode: 403,
          detail: "the service-linked role does not exist yet",
        }),
      );
    },
  } as unknown as InstanceApi;
  const controller = new AbortController();
  const clock = stuckClock();
  const waiting = connectAndWait(api, silent, ID, CALL, {
    ...clock.timing,
    signal: controller.signal,
  }).catch((e: unknown) => e);
  await clock.sleeping;
  controller.abort();
  const err = await waiting;
  expect(isRefusal(err, "connect-failed")).toBe(true);
  expect((err as Refusal).status).toBe("Uninitialized");
  expect((err as Refusal).message).toMatch(
    /the wait for the service to take ConnectKmsInstance was cancelled .* in status Uninitialized;/,
  );
  expect(calls).toEqual(["ConnectKmsInstance"]);
});
