/**
 * What `--state` keeps across a restart beyond the instances: temp files a killed process left
 * are removed at start, and signature nonces persist (the `FILE.nonces` journal), so a request
 * replayed after a restart is still `SignatureNonceUsed` within the 15-minute window.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "node:querystring";
import {
  DEFAULT_SEED_IDS,
  signAcs3,
  startEmulator,
  StateFileError,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  type SignedRequest,
} from "../../emulator";
import { rpcSignature, type ParamMap } from "../../emulator/canonical";
import { NonceJournal, nonceJournalPath, parseNonceJournal } from "../../emulator/nonce-journal";
import { NonceStore, REPLAY_WINDOW_MS } from "../../emulator/nonce-store";
import { isTempFileName, tempFileName } from "../../emulator/state-file";
import { rawRequest, type RawResponse } from "./kms-client";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";

const HZ = "cn-hangzhou";
const ID = DEFAULT_SEED_IDS.connected;

let dir: string;
let statePath: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-recovery-"));
  statePath = path.join(dir, "state.json");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A signed GetKmsInstance, fixed once, so it can be replayed byte for byte. */
const signedGet = (endpoint: string, nonce?: string): SignedRequest =>
  signAcs3({
    host: endpoint,
    path: `/${HZ}`,
    action: "GetKmsInstance",
    query: { KmsInstanceId: ID },
    accessKeyId: TEST_ACCESS_KEY_ID,
    accessKeySecret: TEST_ACCESS_KEY_SECRET,
    ...(nonce !== undefined ? { nonce } : {}),
  });

const send = (url: string, req: SignedRequest): Promise<RawResponse> =>
  rawRequest(url, { path: req.pathWithQuery, headers: req.headers });

const code = (res: RawResponse) => (res.status === 200 ? 200 : res.json().Code);

describe("temp files", () => {
  it("names them so that each target recognises its own and nothing else", () => {
    const base = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,30}$/);
    const n = fc.integer({ min: 0, max: 2 ** 45 });
    fc.assert(
      fc.property(base, base, n, n, (a, b, pid, ms) => {
        expect(isTempFileName(a, tempFileName(a, pid, ms))).toBe(true);
        expect(isTempFileName(a, tempFileName(b, pid, ms))).toBe(a === b);
        expect(isTempFileName(a, a)).toBe(false);
        expect(isTempFileName(a, `.${a}.tmp`)).toBe(false);
      }),
    );
  });

  it.each([
    ["a fresh start", false],
    ["a start from an existing state file", true],
  ])("removes those a killed process left, at %s, and nothing else", async (_name, existing) => {
    if (existing) await (await startEmulator({ statePath })).close();
    const stale = [
      tempFileName("state.json", 4242, 1_700_000_000_000),
      tempFileName("state.json", process.pid, Date.now()),
      tempFileName("state.json.nonces", 4242, 1_700_000_000_001),
    ];
    const kept = [
      tempFileName("other.json", 4242, 1),
      ".state.json.tmp",
      "state.json.bak",
      ".state.json.4242.x.tmp",
    ];
    for (const name of [...stale, ...kept]) fs.writeFileSync(path.join(dir, name), "{ half");
    const before = existing ? fs.readFileSync(statePath, "utf8") : undefined;

    const emu = await startEmulator({ statePath });
    try {
      const names = fs.readdirSync(dir);
      for (const name of stale) expect(names).not.toContain(name);
      for (const name of kept) expect(names).toContain(name);
      if (before !== undefined) expect(fs.readFileSync(statePath, "utf8")).toBe(before);
      expect(emu.control.getInstance(ID)).toBeDefined();
    } finally {
      await emu.close();
    }
  });
});

describe("nonces", () => {
  it("refuses an ACS3 request replayed after a restart, and still serves fresh ones", async () => {
    const first = await startEmulator({ statePath });
    const req = signedGet(first.endpoint);
    try {
      expect(code(await send(first.url, req))).toBe(200);
      expect(code(await send(first.url, req))).toBe("SignatureNonceUsed");
    } finally {
      await first.close();
    }
    const second = await startEmulator({ statePath });
    try {
      const replay = await send(second.url, req);
      expect([replay.status, code(replay)]).toEqual([400, "SignatureNonceUsed"]);
      expect(code(await send(second.url, signedGet(second.endpoint)))).toBe(200);
    } finally {
      await second.close();
    }
    // Without --state nothing is remembered: the same replay passes (what the journal prevents).
    const stateless = await startEmulator();
    try {
      expect(code(await send(stateless.url, req))).toBe(200);
    } finally {
      await stateless.close();
    }
  });

  it("refuses a replayed v2 (HMAC-SHA1) request, with a nonce holding a newline, after a restart", async () => {
    const p: Record<string, string> = {
      Action: "GetKmsInstance",
      Format: "json",
      Version: "2016-01-20",
      Timestamp: new Date().toISOString().slice(0, 19) + "Z",
      SignatureNonce: 'line one\n"line two"',
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      AccessKeyId: TEST_ACCESS_KEY_ID,
      KmsInstanceId: ID,
    };
    p.Signature = rpcSignature(
      Object.assign(Object.create(null) as ParamMap, p),
      "POST",
      TEST_ACCESS_KEY_SECRET,
    );
    const replayable = { path: `/${HZ}?${stringify(p)}` };
    const first = await startEmulator({ statePath });
    try {
      expect(code(await rawRequest(first.url, replayable))).toBe(200);
    } finally {
      await first.close();
    }
    const second = await startEmulator({ statePath });
    try {
      expect(code(await rawRequest(second.url, replayable))).toBe("SignatureNonceUsed");
    } finally {
      await second.close();
    }
  });

  it("keeps a nonce whose request mutated nothing, and one that did", async () => {
    const first = await startEmulator({ statePath });
    const read = signedGet(first.endpoint);
    const write = signAcs3({
      host: first.endpoint,
      path: `/${HZ}`,
      action: "UpdateKmsInstance",
      query: { KmsInstanceId: ID, InstanceName: "renamed" },
      accessKeyId: TEST_ACCESS_KEY_ID,
      accessKeySecret: TEST_ACCESS_KEY_SECRET,
    });
    try {
      expect(code(await send(first.url, read))).toBe(200);
      expect(code(await send(first.url, write))).toBe(200);
    } finally {
      await first.close();
    }
    const second = await startEmulator({ statePath });
    try {
      expect(code(await send(second.url, read))).toBe("SignatureNonceUsed");
      expect(code(await send(second.url, write))).toBe("SignatureNonceUsed");
      expect(second.control.getInstance(ID)?.KmsInstance.InstanceName).toBe("renamed");
    } finally {
      await second.close();
    }
  });

  it("reloads only nonces still inside the window and rewrites the journal with them", async () => {
    const journal = nonceJournalPath(statePath);
    const now = Date.now();
    fs.writeFileSync(
      journal,
      [
        JSON.stringify(["expired-nonce", now - 1000]),
        JSON.stringify(["live-nonce", now + 60_000]),
        '["cut-short-by-a-k', // a write interrupted by a kill: no newline, not JSON
      ].join("\n"),
    );
    const emu = await startEmulator({ statePath });
    try {
      expect(parseNonceJournal(fs.readFileSync(journal, "utf8"), journal)).toEqual([
        ["live-nonce", now + 60_000],
      ]);
      expect(code(await send(emu.url, signedGet(emu.endpoint, "live-nonce")))).toBe(
        "SignatureNonceUsed",
      );
      expect(code(await send(emu.url, signedGet(emu.endpoint, "expired-nonce")))).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it("refuses to start on a corrupt journal and leaves it as it was", async () => {
    const journal = nonceJournalPath(statePath);
    const content = '["a",1]\nnot a journal line\n';
    fs.writeFileSync(journal, content);
    const started = startEmulator({ statePath });
    await expect(started).rejects.toThrow(StateFileError);
    await expect(started).rejects.toThrow(/nonce journal .* is corrupt at line 2/);
    expect(fs.readFileSync(journal, "utf8")).toBe(content);
  });
});

describe("the nonce store and its journal", () => {
  it("restores by expiry, dropping expired entries and keeping the later expiry of a duplicate", () => {
    const store = new NonceStore();
    store.restore(
      [
        ["b", 300],
        ["gone", 100],
        ["a", 200],
        ["b", 250],
      ],
      150,
    );
    expect(store.entries(150)).toEqual([
      ["a", 200],
      ["b", 300],
    ]);
    expect(store.use("a", 160)).toBe(false);
    expect(store.use("gone", 160)).toBe(true);
    expect(store.entries(260)).toEqual([
      ["b", 300],
      ["gone", 160 + REPLAY_WINDOW_MS],
    ]);
  });

  it("parses what it writes, whatever the nonce", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: "binary" }), fc.integer({ min: 0, max: 2 ** 50 }))),
        (entries) => {
          const text = entries.map((e) => JSON.stringify(e) + "\n").join("");
          expect(parseNonceJournal(text, "j")).toEqual(entries);
        },
      ),
    );
  });

  it("compacts the journal once it has grown to twice the live nonces", () => {
    const file = path.join(dir, "j.nonces");
    const store = new NonceStore();
    NonceJournal.open(file, store, 0, 100);
    const journal = () => parseNonceJournal(fs.readFileSync(file, "utf8"), file);
    const early = Array.from({ length: 50 }, (_, i) => `early${i}`);
    const late = Array.from({ length: 50 }, (_, i) => `late${i}`);
    for (const n of early) expect(store.use(n, 1)).toBe(true);
    for (const n of late) expect(store.use(n, 1000)).toBe(true);
    expect(journal()).toHaveLength(100);
    // The early nonces have expired, the late ones not: the next append compacts first.
    const now = 2 + REPLAY_WINDOW_MS;
    expect(store.use("fresh", now)).toBe(true);
    expect(journal()).toEqual([
      ...late.map((n) => [n, 1000 + REPLAY_WINDOW_MS]),
      ["fresh", now + REPLAY_WINDOW_MS],
    ]);
    expect(fs.readdirSync(dir)).toEqual(["j.nonces"]); // the compaction's temp file is gone
    // Everything expired: the journal is removed rather than kept empty, then appended to again.
    const much = now + 2 * REPLAY_WINDOW_MS;
    for (let i = 0; i < 49; i++) store.use(`more${i}`, now + 1);
    expect(journal()).toHaveLength(100);
    expect(store.use("last", much)).toBe(true);
    expect(journal()).toEqual([["last", much + REPLAY_WINDOW_MS]]);
  });
});
