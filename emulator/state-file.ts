/**
 * The `--state FILE` persistence: each mutation replaces the file atomically (temp file in the
 * same directory, fsync, rename, fsync of the directory), so a crash leaves either the old or the
 * new state, never half of one; the temp file a killed process leaves behind is removed at the
 * next start. A file that cannot be read back is an error, never an empty state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InvalidInstanceError, validateSeedFile } from "./instance-schema";
import type { SeedAccount, SeedInstance } from "./types";
import { EmulatorStartError } from "./start-error";

/** What the state file holds. */
export interface PersistedState {
  /** Every instance. */
  instances: SeedInstance[];
  /** Instance id → epoch ms at which a pending `ConnectKmsInstance` completes. */
  pendingConnects: Record<string, number>;
  /** The accounts that are not domestic; absent when there are none. */
  accounts?: SeedAccount[];
}

/** A state file that exists but cannot be used. */
export class StateFileError extends EmulatorStartError {
  constructor(message: string) {
    super("configuration", message);
    this.name = "StateFileError";
  }
}

/** Reads the state file; undefined when it does not exist yet. */
export function readStateFile(file: string): PersistedState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateFileError(`state file ${file}: cannot read it (${(err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new StateFileError(
      `state file ${file} is corrupt (not JSON: ${(err as Error).message}); fix or remove it`,
    );
  }
  try {
    const { instances, accounts } = validateSeedFile(doc, "state");
    const pending = (doc as { pendingConnects?: unknown }).pendingConnects ?? {};
    if (typeof pending !== "object" || pending === null || Array.isArray(pending)) {
      throw new InvalidInstanceError("state.pendingConnects must be an object");
    }
    const pendingConnects: Record<string, number> = {};
    for (const [id, due] of Object.entries(pending)) {
      if (typeof due !== "number")
        throw new InvalidInstanceError(`state.pendingConnects.${id} must be a number`);
      pendingConnects[id] = due;
    }
    return { instances, pendingConnects, ...(accounts ? { accounts } : {}) };
  } catch (err) {
    throw new StateFileError(
      `state file ${file} is corrupt: ${(err as Error).message}; fix or remove it`,
    );
  }
}

/** Replaces the state file atomically. */
export function writeStateFile(file: string, state: PersistedState): void {
  writeFileAtomic(file, JSON.stringify({ version: 1, ...state }, null, 2) + "\n");
}

/**
 * The name of the temp file a write of `base` goes through: hidden, named after the target, the
 * process and the time, so that {@link isTempFileName} recognises it and nothing else.
 */
export function tempFileName(base: string, pid: number, ms: number): string {
  return `.${base}.${pid}.${ms}.tmp`;
}

/** Whether `name` is a temp file of a write of `base` (see {@link tempFileName}). */
export function isTempFileName(base: string, name: string): boolean {
  const prefix = `.${base}.`;
  return name.startsWith(prefix) && /^\d+\.\d+\.tmp$/.test(name.slice(prefix.length));
}

/** The temp path beside `file`: in the same directory, because a rename across filesystems is not atomic. */
function tempPathFor(file: string): string {
  const resolved = path.resolve(file);
  return path.join(
    path.dirname(resolved),
    tempFileName(path.basename(resolved), process.pid, Date.now()),
  );
}

/** Writes `data` to `file` by temp file, fsync and rename; the temp file never outlives an error. */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = tempPathFor(file);
  try {
    const fd = fs.openSync(tmp, "w", 0o600);
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncDirectory(path.dirname(tmp));
}

/**
 * Removes the temp files a killed process left behind while writing `file` (see
 * {@link writeFileAtomic}); returns their names. Called at start, before `file` is read: one
 * emulator owns a state file, so no temp file of it can still be in use.
 */
export function removeStaleTempFiles(file: string): string[] {
  const resolved = path.resolve(file);
  const dir = path.dirname(resolved);
  const base = path.basename(resolved);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new StateFileError(`state file ${file}: cannot list ${dir} (${(err as Error).message})`);
  }
  const stale = names.filter((name) => isTempFileName(base, name));
  for (const name of stale) fs.rmSync(path.join(dir, name), { force: true });
  return stale;
}

/** Makes the rename itself durable; some platforms cannot open a directory, which is harmless. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Windows and some filesystems refuse fsync on a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
