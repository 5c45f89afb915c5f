/**
 * The nonce journal kept beside a `--state FILE`: `FILE.nonces`, one JSON line
 * `["<nonce>",<expiresMs>]` per accepted signed request, appended before the request is answered.
 * It is reloaded at start, so a request replayed after a restart is still `SignatureNonceUsed`
 * within the 15-minute window, as on the real gateway.
 *
 * Why a journal rather than a field of the state file: every signed request uses a nonce, reads
 * included, and rewriting the whole state file (with fsync) per request would make `--state`
 * cost O(nonces) per call. An append is one small write. It is not fsynced: it survives a killed
 * process (the kernel holds the data), not a power cut, which is what a test tool needs. The file
 * is rewritten atomically, with only the nonces still inside the window, at start and whenever it
 * has grown to twice the live nonces.
 */
import * as fs from "node:fs";
import type { NonceEntry, NonceSink, NonceStore } from "./nonce-store";
import { REPLAY_WINDOW_MS } from "./nonce-store";
import { removeStaleTempFiles, StateFileError, writeFileAtomic } from "./state-file";

/** Lines appended before a compaction is considered, by default. */
const COMPACT_AT_LEAST = 10_000;

/** The journal's path for a state file. */
export function nonceJournalPath(statePath: string): string {
  return `${statePath}.nonces`;
}

/** One journal line (JSON escapes any newline a query-string nonce may carry). */
export function formatNonceEntry([nonce, expiresMs]: NonceEntry): string {
  return JSON.stringify([nonce, expiresMs]) + "\n";
}

function parseEntry(line: string): NonceEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === "string" &&
    typeof value[1] === "number" &&
    Number.isFinite(value[1])
  ) {
    return [value[0], value[1]];
  }
  return undefined;
}

/**
 * Reads a journal's text. A last line without its newline is a write cut short by a kill: it is
 * kept when it parses and ignored otherwise. Any other bad line means the file is not a journal,
 * which is an error (never an empty journal that would let replays through).
 */
export function parseNonceJournal(text: string, file: string): NonceEntry[] {
  const lines = text.split("\n");
  const last = lines.pop() ?? "";
  const out: NonceEntry[] = [];
  lines.forEach((line, i) => {
    const entry = parseEntry(line);
    if (entry === undefined) {
      throw new StateFileError(
        `nonce journal ${file} is corrupt at line ${i + 1} (expected ["nonce",expiresMs]); ` +
          "fix or remove it",
      );
    }
    out.push(entry);
  });
  const partial = last === "" ? undefined : parseEntry(last);
  if (partial) out.push(partial);
  return out;
}

/** Appends every accepted nonce to the journal file and compacts it as it grows. */
export class NonceJournal implements NonceSink {
  private lines = 0;
  private compactAt: number;

  private constructor(
    private readonly file: string,
    private readonly nonces: NonceStore,
    private readonly compactAtLeast: number,
  ) {
    this.compactAt = compactAtLeast;
  }

  /**
   * Removes temp files a killed process left, loads the journal into `nonces` (those still inside
   * the window), rewrites it with just those, and journals every nonce accepted from now on.
   * `compactAtLeast`: lines appended before a compaction is considered.
   */
  static open(
    file: string,
    nonces: NonceStore,
    nowMs: number,
    compactAtLeast = COMPACT_AT_LEAST,
  ): NonceJournal {
    removeStaleTempFiles(file);
    let text = "";
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
        throw new StateFileError(
          `nonce journal ${file}: cannot read it (${(err as Error).message})`,
        );
      }
    }
    nonces.restore(parseNonceJournal(text, file), nowMs);
    const journal = new NonceJournal(file, nonces, compactAtLeast);
    journal.compact(nowMs);
    nonces.persistTo(journal);
    return journal;
  }

  /** Appends one nonce; compacts first when the file has grown to twice the live nonces. */
  record(nonce: string, expiresMs: number): void {
    // The nonce is not in the store yet, so a compaction must run before its line is appended.
    if (this.lines >= this.compactAt) this.compact(expiresMs - REPLAY_WINDOW_MS);
    fs.appendFileSync(this.file, formatNonceEntry([nonce, expiresMs]), { mode: 0o600 });
    this.lines++;
  }

  /** Rewrites the file with the live nonces only (or removes it when there are none). */
  private compact(nowMs: number): void {
    const live = this.nonces.entries(nowMs);
    if (live.length === 0) fs.rmSync(this.file, { force: true });
    else writeFileAtomic(this.file, live.map(formatNonceEntry).join(""));
    this.lines = live.length;
    this.compactAt = Math.max(this.compactAtLeast, 2 * live.length);
  }
}
