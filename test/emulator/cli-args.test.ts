/**
 * The emulator CLI's argument parsing (`node:util` `parseArgs` underneath) and the typed startup
 * error the CLI reads its exit code from.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs, UsageError, wantsHelp } from "../../emulator/cli";
import { EmulatorStartError, SeedFileError, StateFileError, startEmulator } from "../../emulator";

describe("parseArgs", () => {
  it("takes `--flag value` and `--flag=value`, and repeats keys and STS triples", () => {
    expect(
      parseArgs([
        "--port=0",
        "--host",
        "::1",
        "--seed",
        "s.json",
        "--state=st.json",
        "--access-key",
        "AK1:se:cret",
        "--access-key=AK2:x:123",
        "--sts",
        "STS.1:s2:tok:en",
        "--default-region",
        "eu-west-1",
        "--connect-delay-ms",
        "5",
      ]),
    ).toEqual({
      port: 0,
      host: "::1",
      seed: "s.json",
      statePath: "st.json",
      accessKeys: [
        { accessKeyId: "AK1", accessKeySecret: "se:cret" },
        { accessKeyId: "AK2", accessKeySecret: "x", accountId: "123" },
      ],
      stsTokens: [{ accessKeyId: "STS.1", accessKeySecret: "s2", securityToken: "tok:en" }],
      defaultRegion: "eu-west-1",
      connectDelayMs: 5,
    });
    expect(parseArgs([])).toEqual({});
  });

  it.each([
    [["--bogus"], 'unknown argument "--bogus"'],
    [["--bogus=1"], 'unknown argument "--bogus"'],
    [["-x"], 'unknown argument "-x"'],
    [["word"], 'unknown argument "word"'],
    [["--", "--port"], 'unknown argument "--"'],
    [["--port"], "--port needs a value"],
    [["--port", "http"], '--port expects a non-negative integer, got "http"'],
    [["--port", "-1"], '--port expects a non-negative integer, got "-1"'],
    [["--port", "70000"], "--port must be at most 65535"],
    [["--connect-delay-ms=1.5"], '--connect-delay-ms expects a non-negative integer, got "1.5"'],
    [["--access-key", "nocolon"], "ID:SECRET"],
  ])("%j is a usage error: %s", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it("sees --help and -h anywhere", () => {
    expect(wantsHelp(["--help"])).toBe(true);
    expect(wantsHelp(["--bogus", "-h"])).toBe(true);
    expect(wantsHelp(["--port", "0"])).toBe(false);
  });
});

describe("startEmulator failures are typed", () => {
  it("a bad default region, seed or state file is kind `configuration`", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-start-"));
    try {
      const statePath = path.join(dir, "state.json");
      fs.writeFileSync(statePath, "{ broken");
      const failures = await Promise.all(
        [
          startEmulator({ defaultRegion: "Hangzhou" }),
          startEmulator({ seed: path.join(dir, "missing.json") }),
          startEmulator({ statePath }),
        ].map((p) =>
          p.then(
            () => undefined,
            (err: unknown) => err,
          ),
        ),
      );
      expect(failures.map((e) => e instanceof EmulatorStartError && e.kind)).toEqual([
        "configuration",
        "configuration",
        "configuration",
      ]);
      expect(failures[1]).toBeInstanceOf(SeedFileError);
      expect(failures[2]).toBeInstanceOf(StateFileError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a port in use is kind `listen`", async () => {
    const first = await startEmulator();
    try {
      const port = Number(new URL(first.url).port);
      const err = await startEmulator({ port }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(EmulatorStartError);
      expect((err as EmulatorStartError).kind).toBe("listen");
    } finally {
      await first.close();
    }
  });
});
