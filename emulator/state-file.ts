/**
 * The `--state FILE` persistence: each mutation replaces the file atomically (temp file in the
 * same directory, fsync, rename, fsync of the directory), so a crash leaves either the old or the
 * new state, never half of one. A file that cannot be read back is an error, never an empty state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InvalidInstanceError, validateSeedFile } from "./instance-schema";
import type { SeedInstance } from "./types";

/** What the state file holds. */
export interface PersistedState {
  /** Every instance. */
  instances: SeedInstance[];
  /** Instance id → epoch ms at which a pending `ConnectKmsInstance` completes. */
  pendingConnects: Record<string, number>;
}

/** A state file that exists but cannot be used. */
export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
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
    const { instances } = validateSeedFile(doc, "state");
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
    return { instances, pendingConnects };
  } catch (err) {
    throw new StateFileError(
      `state file ${file} is corrupt: ${(err as Error).message}; fix or remove it`,
    );
  }
}

/** Replaces the state file atomically. */
export function writeStateFile(file: string, state: PersistedState): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const data = JSON.stringify({ version: 1, ...state }, null, 2) + "\n";
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncDirectory(dir);
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
