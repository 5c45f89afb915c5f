/**
 * One notice per operation that retried: the sentence itself, and `withRetryNotice` around real
 * operations over the real client and the emulator — one info message when calls were retried
 * (also when the operation then failed), none when nothing was.
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

import { DEFAULT_SEED_IDS, RunningEmulator, startEmulator } from "../../../emulator";
import { retryNoticeMessage, withRetryNotice } from "../../../provider/core/lifecycle";
import { clearSessions } from "../../../provider/kms/session";
import { coreFor, emulatorConfig, readStored } from "../../support/emulator-deps";

const ID = DEFAULT_SEED_IDS.connected;

describe("retryNoticeMessage", () => {
  it("says what was retried, the limiter's rate, and how long the operation took", () => {
    expect(
      retryNoticeMessage(ID, "read", { throttledRetries: 62, transientRetries: 0 }, 6140, 18.4),
    ).toBe(`${ID}: 62 throttled calls retried (limiter at 18 req/s); read took 6.1 s`);
    expect(
      retryNoticeMessage(ID, "update", { throttledRetries: 1, transientRetries: 3 }, 940, 5),
    ).toBe(
      `${ID}: 1 throttled call and 3 transient failures retried (limiter at 5 req/s); update took 0.9 s`,
    );
    expect(
      retryNoticeMessage(ID, "create", { throttledRetries: 0, transientRetries: 1 }, 2000, 9),
    ).toBe(`${ID}: 1 transient failure retried; create took 2.0 s`);
    expect(
      retryNoticeMessage(ID, "read", { throttledRetries: 2, transientRetries: 0 }, 100, undefined),
    ).toBe(`${ID}: 2 throttled calls retried; read took 0.1 s`);
  });

  it("says nothing when nothing was retried", () => {
    expect(
      retryNoticeMessage(ID, "read", { throttledRetries: 0, transientRetries: 0 }, 99_000, 3),
    ).toBeUndefined();
  });
});

describe("withRetryNotice around real operations", () => {
  let emu: RunningEmulator;
  const infos: string[] = [];
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu.close();
  });
  beforeEach(() => {
    emu.control.reset();
    clearSessions();
    infos.length = 0;
  });

  const log = { info: (m: string) => void infos.push(m) };
  function deps(retryTimeoutSeconds = "10") {
    const config = emulatorConfig(emu, {
      "alicloud-kms:stsEndpoint": undefined,
      "alicloud-kms:retryTimeoutSeconds": retryTimeoutSeconds,
    });
    return coreFor(config, log);
  }
  /** A refresh through the core, which wraps it in `withRetryNotice` itself. */
  const read = (d: ReturnType<typeof deps>) => () =>
    readStored(d, ID, { region: "cn-hangzhou", managedProperties: ["tags"] });

  it("no retries: no message", async () => {
    expect((await read(deps())()).found).toBe(true);
    expect(infos).toEqual([]);
  });

  it("retries across the operation's calls: exactly one message counting all of them", async () => {
    // GetKmsInstance throttled twice, then ListTagResources failing transiently once.
    emu.control.setFaults({
      actions: ["GetKmsInstance"],
      failNext: { count: 2, code: "Throttling.User", status: 400 },
    });
    const api = deps().context("cn-hangzhou").api;
    const op = withRetryNotice(log, "read", ID, async () => {
      const first = await api.getKmsInstance(ID);
      emu.control.setFaults({
        actions: ["ListTagResources"],
        failNext: { count: 1, code: "ServiceUnavailableTemporary", status: 503 },
      });
      await api.listTagResources(ID);
      return first;
    });
    expect((await op).InstanceId).toBe(ID);
    expect(infos).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${ID}: 2 throttled calls and 1 transient failure retried \\(limiter at \\d+ req/s\\); read took \\d+\\.\\d s$`,
        ),
      ),
    ]);
  });

  it("an operation that retried and then failed still says so, once", async () => {
    emu.control.setFaults({
      actions: ["GetKmsInstance"],
      failRatio: { ratio: 1, code: "InternalFailure", status: 500 },
    });
    await expect(read(deps("1"))()).rejects.toThrow(/InternalFailure/);
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatch(new RegExp(`^${ID}: \\d+ transient failures? retried; read took`));
  });

  it("parallel operations each count only their own retries", async () => {
    emu.control.setFaults({
      actions: ["GetKmsInstance"],
      failNext: { count: 1, code: "Throttling.User", status: 400 },
    });
    const api = deps().context("cn-hangzhou").api;
    const [a, b] = await Promise.all([
      withRetryNotice(log, "read", "kst-a", () => api.getKmsInstance(ID)),
      withRetryNotice(log, "read", "kst-b", () => api.getKmsInstance(ID)),
    ]);
    expect(a.InstanceId === ID && b.InstanceId === ID).toBe(true);
    // One throttled answer in all: one operation retried once, the other not at all.
    expect(infos).toEqual([expect.stringMatching(/^kst-[ab]: 1 throttled call retried/)]);
  });
});
