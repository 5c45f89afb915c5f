/**
 * The `kms-emulator` command's TLS and role flags: parsed into `tls` and `roles`, refused when
 * half given or unreadable, and, spawned as users run it (the compiled `dist/`, built by
 * `npm run build`), a second `listening on https://…` line whose listener answers over TLS with
 * the given certificate.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import { parseArgs, UsageError } from "../../emulator/cli";
import { TEST_TLS_CERT_PATH, TEST_TLS_KEY_PATH } from "../support/tls";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/kms-emulator.js");

describe("parseArgs: TLS and roles", () => {
  it("reads the certificate and key files, the port and the roles", () => {
    const opts = parseArgs([
      "--tls-cert",
      TEST_TLS_CERT_PATH,
      "--tls-key",
      TEST_TLS_KEY_PATH,
      "--tls-port",
      "8443",
      "--role",
      "acs:ram::1:role/a",
      "--role=acs:ram::2:role/b",
    ]);
    expect(opts.tls?.cert.toString()).toBe(fs.readFileSync(TEST_TLS_CERT_PATH, "utf8"));
    expect(opts.tls?.key.toString()).toBe(fs.readFileSync(TEST_TLS_KEY_PATH, "utf8"));
    expect(opts.tls?.port).toBe(8443);
    expect(opts.roles).toEqual(["acs:ram::1:role/a", "acs:ram::2:role/b"]);
  });

  it.each([
    [["--tls-cert", TEST_TLS_CERT_PATH], /TLS needs both --tls-cert and --tls-key/],
    [["--tls-port", "8443"], /TLS needs both/],
    [
      ["--tls-cert", "/nonexistent/cert.pem", "--tls-key", TEST_TLS_KEY_PATH],
      /--tls-cert: cannot read/,
    ],
    [["--tls-port", "70000", "--tls-cert", TEST_TLS_CERT_PATH], /--tls-port must be at most 65535/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

test("spawned with TLS: prints both listening lines; the HTTPS port presents the certificate", async () => {
  expect(fs.existsSync(path.join(ROOT, "dist/emulator/cli.js"))).toBe(true);
  const child = spawn(
    process.execPath,
    [BIN, "--tls-cert", TEST_TLS_CERT_PATH, "--tls-key", TEST_TLS_KEY_PATH],
    { cwd: ROOT },
  );
  try {
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      let buf = "";
      child.stdout.on("data", (d: Buffer) => {
        buf += d.toString();
        const parts = buf.split("\n");
        buf = parts.pop() ?? "";
        lines.push(...parts);
        if (lines.length >= 2) resolve();
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${lines.join("\n")}`)));
    });
    expect(lines[0]).toMatch(/^kms-emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const m = /^kms-emulator listening on https:\/\/127\.0\.0\.1:(\d+)$/.exec(lines[1]);
    expect(m).not.toBeNull();
    // A client that trusts the test certificate (and verifies it) gets the emulator's JSON error.
    const body = await new Promise<string>((resolve, reject) => {
      const req = https.request(
        {
          host: "127.0.0.1",
          port: Number(m?.[1]),
          method: "POST",
          path: "/",
          ca: fs.readFileSync(TEST_TLS_CERT_PATH),
        },
        (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => resolve(text));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(JSON.parse(body)).toMatchObject({ Code: "IncompleteSignature" });
  } finally {
    child.kill("SIGTERM");
  }
}, 60_000);

test("startEmulator with an unusable certificate is a configuration error", async () => {
  const { startEmulator, EmulatorStartError } = await import("../../emulator");
  const started = startEmulator({ tls: { cert: "not a pem", key: "not a pem" } });
  await expect(started).rejects.toBeInstanceOf(EmulatorStartError);
  await expect(started).rejects.toMatchObject({ kind: "configuration" });
  await expect(started).rejects.toThrow(/invalid TLS certificate or key/);
});
