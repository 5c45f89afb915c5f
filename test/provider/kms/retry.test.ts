import fc from "fast-check";
import { KmsError, KmsErrorKind } from "../../../provider/kms/errors";
import { backoffDelay, withRetry } from "../../../provider/kms/retry";

/** A fake clock whose sleep advances time instantly, recording each wait. */
function fakeClock() {
  let t = 1_000_000;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function kmsError(kind: KmsErrorKind): KmsError {
  return new KmsError({
    kind,
    action: "GetKmsInstance",
    region: "cn-hangzhou",
    instanceId: "kst-1",
    code: kind === "throttled" ? "Throttling.User" : "X",
    statusCode: kind === "throttled" ? 429 : 503,
    detail: "d",
  });
}

describe("withRetry", () => {
  it("returns the first success after retryable failures", async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt <= 5) throw kmsError("throttled");
        return "ok";
      },
      { ...clock, random: () => 0.5 },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(6);
    // full jitter at random 0.5: half of 250, 500, 1000, 2000, 4000
    expect(clock.waits).toEqual([125, 250, 500, 1000, 2000]);
  });

  it("caps each wait at maxDelayMs", async () => {
    const clock = fakeClock();
    await expect(
      withRetry(
        async () => {
          throw kmsError("transient");
        },
        { ...clock, random: () => 0.999999, maxElapsedMs: 60_000 },
      ),
    ).rejects.toThrow(KmsError);
    expect(Math.max(...clock.waits)).toBeLessThan(8000);
    expect(clock.waits.slice(-3).every((w) => w >= 7999)).toBe(true);
  });

  it("never sleeps past the bound and says how many attempts over how long", async () => {
    const clock = fakeClock();
    let attempts = 0;
    const err = await withRetry(
      async () => {
        attempts++;
        clock.advance(100); // each attempt takes 100 ms
        throw kmsError("transient");
      },
      { ...clock, random: () => 1 - Number.EPSILON, maxElapsedMs: 1500 },
    ).catch((e: unknown) => e as KmsError);
    expect(err).toBeInstanceOf(KmsError);
    expect(err.kind).toBe("transient");
    expect(err.attempts).toBe(attempts);
    const total = clock.waits.reduce((a, b) => a + b, 0) + attempts * 100;
    expect(total).toBeLessThanOrEqual(1500);
    expect(err.elapsedMs).toBe(total);
    expect(err.message).toMatch(new RegExp(`gave up after ${attempts} attempts over \\d+\\.\\d s`));
  });

  it.each<KmsErrorKind>(["not-found", "auth", "invalid", "conflict", "unknown"])(
    "does not retry %s",
    async (kind) => {
      const clock = fakeClock();
      let calls = 0;
      const e = kmsError(kind);
      await expect(
        withRetry(async () => {
          calls++;
          throw e;
        }, clock),
      ).rejects.toBe(e);
      expect(calls).toBe(1);
      expect(clock.waits).toEqual([]);
    },
  );

  it("classifies raw errors too (a plain ECONNRESET is retried)", async () => {
    const clock = fakeClock();
    let calls = 0;
    const r = await withRetry(async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
      return 7;
    }, clock);
    expect(r).toBe(7);
    expect(calls).toBe(2);
  });

  it("stops after maxAttempts even when waits take no time", async () => {
    const clock = fakeClock();
    let calls = 0;
    const err = await withRetry(
      async () => {
        calls++;
        throw kmsError("throttled");
      },
      { ...clock, random: () => 0 },
    ).catch((e: unknown) => e as KmsError);
    expect(calls).toBe(100);
    expect(err.attempts).toBe(100);
  });

  it("tells onRetry about each retry", async () => {
    const clock = fakeClock();
    const seen: number[] = [];
    await withRetry(
      async (attempt) => {
        if (attempt < 3) throw kmsError("throttled");
      },
      { ...clock, random: () => 0, onRetry: (i) => seen.push(i.attempt) },
    );
    expect(seen).toEqual([1, 2]);
  });

  it("property: waits are jittered within [0, min(max, base·2^(n-1))) and bounded in total", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: 0, max: 0.9999999, noNaN: true }), {
          minLength: 1,
          maxLength: 50,
        }),
        fc.integer({ min: 0, max: 20_000 }),
        async (randoms, maxElapsedMs) => {
          const clock = fakeClock();
          let i = 0;
          const random = () => randoms[i++ % randoms.length]!;
          await withRetry(
            async () => {
              throw kmsError("transient");
            },
            { ...clock, random, maxElapsedMs },
          ).catch(() => undefined);
          clock.waits.forEach((w, n) => {
            expect(w).toBeGreaterThanOrEqual(0);
            expect(w).toBeLessThan(Math.max(1, Math.min(8000, 250 * 2 ** n)));
          });
          expect(clock.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(maxElapsedMs);
        },
      ),
    );
  });
});

describe("backoffDelay", () => {
  it("doubles the cap per attempt up to the maximum", () => {
    const top = () => 0.999999999;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 250, 8000, top))).toEqual([
      249, 499, 999, 1999, 3999, 7999, 7999,
    ]);
    expect(backoffDelay(3, 250, 8000, () => 0)).toBe(0);
  });
});

describe("withRetry: a write that is not idempotent", () => {
  const write = (init: Partial<ConstructorParameters<typeof KmsError>[0]>): KmsError =>
    new KmsError({
      kind: "transient",
      action: "ConnectKmsInstance",
      region: "cn-hangzhou",
      instanceId: "kst-1",
      detail: "d",
      ...init,
    });

  it("is not re-sent after a failure that may have been taken, and says so", async () => {
    for (const taken of [
      write({ detail: "no response within the read timeout", maybeTaken: true }),
      write({ detail: "connection failed (ECONNRESET)", maybeTaken: true }),
      write({ code: "InternalFailure", statusCode: 500, detail: "x", maybeTaken: true }),
    ]) {
      const clock = fakeClock();
      let calls = 0;
      const err = await withRetry(
        async () => {
          calls++;
          throw taken;
        },
        { ...clock, idempotent: false },
      ).catch((e: unknown) => e);
      expect(calls).toBe(1);
      expect(err).toBeInstanceOf(KmsError);
      expect((err as KmsError).notResent).toBe(true);
      expect((err as KmsError).message).toMatch(/not re-sent: the service may have taken it/);
    }
  });

  it("is retried after a throttling refusal or a connection never made", async () => {
    for (const refused of [
      write({ kind: "throttled", code: "Throttling.User", statusCode: 400, detail: "t" }),
      write({ detail: "could not connect within the connect timeout" }),
      write({ code: "Forbidden.KMSInstanceInUpgrade", statusCode: 403, detail: "u" }),
    ]) {
      const clock = fakeClock();
      let calls = 0;
      const result = await withRetry(
        async (attempt) => {
          calls++;
          if (attempt === 1) throw refused;
          return "ok";
        },
        { ...clock, idempotent: false },
      );
      expect(result).toBe("ok");
      expect(calls).toBe(2);
    }
  });

  it("idempotent calls (the default) are retried after the same failures", async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt === 1) throw write({ action: "GetKmsInstance", maybeTaken: true });
        return "ok";
      },
      { ...clock },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(2);
  });
});
