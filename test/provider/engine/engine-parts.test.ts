/**
 * The small parts of talking to the engine, on their own: finding the engine address among a
 * provider's arguments, the watchdog's decision, and the one-line error report.
 */
import { engineAddressFrom } from "../../../provider/engine/log";
import { installConsoleFilter, reportOnce } from "../../../provider/engine/report-once";
import { startWatchdog } from "../../../provider/engine/watchdog";

describe("engineAddressFrom", () => {
  it("is the last argument that is neither a flag nor a flag's value", () => {
    expect(engineAddressFrom(["127.0.0.1:4000"])).toBe("127.0.0.1:4000");
    expect(engineAddressFrom(["--logtostderr", "-v=9", "127.0.0.1:4000"])).toBe("127.0.0.1:4000");
    expect(engineAddressFrom(["--tracing", "127.0.0.1:9411", "127.0.0.1:4000"])).toBe(
      "127.0.0.1:4000",
    );
    expect(engineAddressFrom(["--tracing", "127.0.0.1:9411"])).toBeUndefined();
    expect(engineAddressFrom([])).toBeUndefined();
  });
});

describe("startWatchdog", () => {
  it("reports once when the parent changes, and not before", async () => {
    let ppid = 4242;
    const gone: string[] = [];
    const w = startWatchdog({
      pollMs: 20,
      parentPid: () => ppid,
      stdinIsPipe: () => false,
      onGone: (why) => gone.push(why),
    });
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(gone).toEqual([]);
      ppid = 1; // re-parented to init: the parent died
      const deadline = Date.now() + 5000;
      while (gone.length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      expect(gone).toEqual(["parent process 4242 exited"]);
    } finally {
      w.stop();
    }
  });

  it("stops watching when stopped", async () => {
    let ppid = 7;
    const gone: string[] = [];
    const w = startWatchdog({
      pollMs: 10,
      parentPid: () => ppid,
      stdinIsPipe: () => false,
      onGone: (why) => gone.push(why),
    });
    w.stop();
    ppid = 1;
    await new Promise((r) => setTimeout(r, 100));
    expect(gone).toEqual([]);
  });
});

describe("reportOnce", () => {
  it("leaves one line where a stack was, and keeps the error's own fields", () => {
    const err = Object.assign(new Error("GetKmsInstance failed: boom"), { id: "kst-x" });
    const out = reportOnce(err, false);
    expect(out).toBe(err);
    expect(out.stack).toBe("Error: GetKmsInstance failed: boom");
    expect((out as Error & { id: string }).id).toBe("kst-x");
    expect(reportOnce("plain text", false).message).toBe("plain text");
  });

  it("drops exactly the line the dynamic-provider server prints for it, once", () => {
    const seen: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void seen.push(args);
    try {
      installConsoleFilter();
      const e = reportOnce(new Error("read failed"), true);
      // What @pulumi/pulumi's cmd/dynamic-provider does with a failed read:
      console.error(`${String(e)}: ${e.stack}`);
      console.error(`${String(e)}: ${e.stack}`); // a second time is not expected: shown
      console.error("other output");
      expect(seen).toEqual([["Error: read failed: Error: read failed"], ["other output"]]);
    } finally {
      console.error = original;
    }
  });
});
