/**
 * Resolving the `seed` option: the built-in default, an object, or a JSON file. A bad seed is a
 * {@link SeedFileError} with the path and the offending field (the CLI exits 2 on it).
 */
import * as fs from "node:fs";
import { defaultSeed } from "./default-seed";
import { validateSeedFile } from "./instance-schema";
import type { SeedFile } from "./types";
import { EmulatorStartError } from "./start-error";

/** A seed that cannot be read or does not have the documented shape. */
export class SeedFileError extends EmulatorStartError {
  constructor(message: string) {
    super("configuration", message);
    this.name = "SeedFileError";
  }
}

/** Returns a validated deep copy of the seed (the default one when `seed` is undefined). */
export function resolveSeed(seed: SeedFile | string | undefined, now: Date = new Date()): SeedFile {
  if (seed === undefined) return validateSeedFile(defaultSeed(now), "default seed");
  if (typeof seed !== "string") return wrap(() => validateSeedFile(seed, "seed"));
  let text: string;
  try {
    text = fs.readFileSync(seed, "utf8");
  } catch (err) {
    throw new SeedFileError(`seed file ${seed}: cannot read it (${(err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new SeedFileError(`seed file ${seed} is not valid JSON: ${(err as Error).message}`);
  }
  return wrap(() => validateSeedFile(doc, "seed"), `seed file ${seed}: `);
}

function wrap(fn: () => SeedFile, prefix = ""): SeedFile {
  try {
    return fn();
  } catch (err) {
    throw new SeedFileError(prefix + (err as Error).message);
  }
}
