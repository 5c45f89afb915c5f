/**
 * `docs/installation-configuration.md` cannot fall behind the code: every config key and
 * environment variable the settings resolver reads, and every key of the plugin's config schema,
 * has a row in the doc's tables, with its default and (for the plugin) whether it is secret.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  CONFIG_KEYS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_EXPIRY_WARNING_DAYS,
  DEFAULT_QUOTA_WARNING_PERCENT,
  DEFAULT_READ_TIMEOUT_MS,
  DEFAULT_RETRY_TIMEOUT_SECONDS,
  ENV_KEYS,
} from "../../provider/kms/settings";
import { PACKAGE_NAME } from "../../provider/package/identity";
import { PLUGIN_CONFIG } from "../../provider/plugin/properties";

const DOC = fs.readFileSync(
  path.resolve(__dirname, "../../docs/installation-configuration.md"),
  "utf8",
);

/** The table under the heading `title`: its rows as arrays of trimmed cells (header excluded). */
function table(title: string): string[][] {
  const start = DOC.indexOf(`\n### ${title}`);
  if (start < 0) throw new Error(`no "### ${title}" section`);
  const rest = DOC.slice(start + 1);
  const next = rest.search(/\n#{2,3} /);
  const section = next < 0 ? rest : rest.slice(0, next);
  const lines = section.split("\n").filter((l) => l.startsWith("|"));
  return lines
    .slice(2) // header and separator
    .map((l) =>
      l
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim()),
    );
}

/** The row whose first cell is exactly `` `key` ``. */
function rowOf(rows: string[][], key: string): string[] | undefined {
  return rows.find((r) => r[0] === `\`${key}\``);
}

const PROGRAM_TABLE = table("Stack config of programs");
const PLUGIN_TABLE = table("Provider plugin config");
const ENV_TABLE = table("Environment variables");

/** The default each tunable documents, from the constants the resolver uses. */
const DEFAULTS: Partial<Record<keyof typeof CONFIG_KEYS, number>> = {
  retryTimeoutSeconds: DEFAULT_RETRY_TIMEOUT_SECONDS,
  expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS,
  quotaWarningPercent: DEFAULT_QUOTA_WARNING_PERCENT,
  readTimeoutMs: DEFAULT_READ_TIMEOUT_MS,
  connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
};

test("the tables were found and have rows", () => {
  expect(PROGRAM_TABLE.length).toBeGreaterThan(0);
  expect(PLUGIN_TABLE.length).toBeGreaterThan(0);
  expect(ENV_TABLE.length).toBeGreaterThan(0);
});

test.each(Object.entries(CONFIG_KEYS))("program config %s (%s) has a row", (name, key) => {
  const row = rowOf(PROGRAM_TABLE, key);
  expect(row).toBeDefined();
  const fallback = DEFAULTS[name as keyof typeof CONFIG_KEYS];
  if (fallback !== undefined) expect(row?.[2]).toBe(`\`${fallback}\``);
});

test.each(Object.entries(ENV_KEYS))(
  "environment variable %s (%s) has a row and is named beside its config key",
  (_name, variable) => {
    expect(ENV_TABLE.some((r) => r[0].split(", ").includes(`\`${variable}\``))).toBe(true);
    expect(PROGRAM_TABLE.some((r) => r[1].includes(`\`${variable}\``))).toBe(true);
  },
);

test.each(Object.entries(PLUGIN_CONFIG))("plugin config %s has a row", (key, config) => {
  const coreKey = CONFIG_KEYS[key as keyof typeof CONFIG_KEYS];
  const row = rowOf(PLUGIN_TABLE, `${PACKAGE_NAME}:${key}`);
  expect(row).toBeDefined();
  expect(row?.[1]).toBe(config.secret === true ? "yes" : "no");
  // The same setting is documented for programs under the key the core reads.
  expect(rowOf(PROGRAM_TABLE, coreKey)).toBeDefined();
  const tunable = Object.entries(CONFIG_KEYS).find(([, k]) => k === coreKey)?.[0];
  const fallback = DEFAULTS[tunable as keyof typeof CONFIG_KEYS];
  if (fallback !== undefined) expect(row?.[3]).toBe(`\`${fallback}\``);
});

test("no documented key is unknown to the code", () => {
  const programKeys = new Set<string>(Object.values(CONFIG_KEYS));
  for (const row of PROGRAM_TABLE) expect(programKeys).toContain(row[0].replace(/`/g, ""));
  const pluginKeys = new Set(Object.keys(PLUGIN_CONFIG).map((k) => `${PACKAGE_NAME}:${k}`));
  for (const row of PLUGIN_TABLE) expect(pluginKeys).toContain(row[0].replace(/`/g, ""));
});
