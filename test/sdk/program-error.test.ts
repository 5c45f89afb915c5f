/**
 * A failed read in a program is one line (issue 20 item 7): `getKmsInstance`,
 * `getKmsInstanceOutput` (which reads through it), `listKmsInstances`, `KmsInstance.get` and a refused tag key fail with a
 * `pulumi.RunError` — the error `@pulumi/pulumi`'s `cmd/run/run.js` prints as its message only,
 * where any other error is printed with its stack and fields — whose message is the sentence
 * saying what failed, whose own stack is that one line, and whose `cause` is the original error
 * (a `KmsError` keeps its `kind`). Against the emulator, with the real client.
 */
import * as pulumi from "@pulumi/pulumi";
import { inspect } from "node:util";
import { DEFAULT_SEED_IDS, startEmulator, type RunningEmulator } from "../../emulator";
import { KmsError } from "../../provider/kms/errors";
import { programError } from "../../sdk/program-error";
import { setEmulatorProgramConfig } from "./support/program-config";
import { KmsInstance, getKmsInstance, listKmsInstances } from "../../sdk";
import { failure } from "../support/rejection";

const ID = DEFAULT_SEED_IDS.connected;
let emu: RunningEmulator;

beforeAll(async () => {
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  emu = await startEmulator();
  setEmulatorProgramConfig(emu);
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.control.reset();
  emu.control.resetStats();
});

/** What the runtime prints for it: a RunError's message is all (cmd/run/run.js). */
function expectOneLine(err: Error, message: RegExp): void {
  expect(pulumi.RunError.isInstance(err)).toBe(true);
  expect(err.message).toMatch(message);
  expect(err.message).not.toContain("\n");
  expect(err.stack).toBe(`Error: ${err.message}`);
  // The runtime inspects every unhandled error (with colors) for its trace: one line, cause unread.
  expect(inspect(err, { colors: true })).toBe(`Error: ${err.message}`);
}

test("garbage quota: one line, the KmsError as its cause", async () => {
  emu.control.setFaults({
    actions: ["GetKmsInstanceQuotaInfos"],
    okBody: { body: { KmsInstanceId: ID, KmsInstanceQuotaInfos: [] } },
  });
  const err = await failure(getKmsInstance({ kmsInstanceId: ID }), Error);
  expectOneLine(
    err,
    /^GetKmsInstanceQuotaInfos failed for KMS instance .*0 KmsInstanceQuotaInfos rows/,
  );
  expect(err.cause).toBeInstanceOf(KmsError);
  expect((err.cause as KmsError).kind).toBe("unexpected");
  expect((err.cause as KmsError).message).toBe(err.message);
  // The full stack stays on the cause, for debugging.
  expect((err.cause as KmsError).stack).toMatch(/\n\s+at /);
});

test("a service error: one line, its code kept on the cause", async () => {
  emu.control.setFaults({
    actions: ["GetKmsInstance"],
    failNext: { status: 403, code: "Forbidden.NoPermission", count: 1 },
  });
  const err = await failure(getKmsInstance({ kmsInstanceId: ID }), Error);
  expectOneLine(err, /^GetKmsInstance failed for KMS instance .*Forbidden\.NoPermission/);
  expect((err.cause as KmsError).code).toBe("Forbidden.NoPermission");
});

test("a missing instance and a malformed id: one line each", async () => {
  const missing = await failure(
    getKmsInstance({ kmsInstanceId: "kst-hzz00000000000000009" }),
    Error,
  );
  expectOneLine(missing, /kst-hzz00000000000000009/);
  const malformed = await failure(getKmsInstance({ kmsInstanceId: "not-an-id" }), Error);
  expectOneLine(malformed, /kmsInstanceId must be a KMS instance id/);
  expect(emu.control.requests().filter((r) => r.action === "GetKmsInstance")).toHaveLength(1);
});

test("listKmsInstances and KmsInstance.get fail the same way", async () => {
  const list = await failure(listKmsInstances({ region: "not a region" }), Error);
  expectOneLine(list, /region/);
  let thrown: unknown;
  try {
    KmsInstance.get("ref", "not-an-id");
  } catch (e) {
    thrown = e;
  }
  expectOneLine(thrown as Error, /KmsInstance\.get\("ref"\).*kmsInstanceId/);
});

test("a refused tag key is one line, without a stack", () => {
  let thrown: unknown;
  try {
    new KmsInstance("tagged", { kmsInstanceId: ID, tags: { toString: "x" } });
  } catch (e) {
    thrown = e;
  }
  expectOneLine(thrown as Error, /^tags: the key "toString" cannot be used/);
});

test("programError keeps a RunError and makes a string one line", () => {
  const run = programError("plain words");
  expect(run.message).toBe("plain words");
  expect(run.cause).toBeUndefined();
  expect(programError(run)).toBe(run);
});
