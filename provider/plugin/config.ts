/**
 * The plugin's provider config, mapped onto the keys `provider/core` reads. The engine configures
 * the plugin with its own namespace (`alicloud-kms:region` arrives as `region`); the core reads
 * `alicloud:region`, `alicloud:accessKey`, … (the keys `@pulumi/alicloud` uses) and
 * `alicloud-kms:endpoint`. Either spelling is accepted, and the core falls back to the
 * environment for whatever is unset.
 */
import type { Host, Log } from "../core/region-context";
import { PACKAGE_NAME, PLUGIN_CONFIG } from "./properties";
import { unwrapSecrets } from "./secrets";

/**
 * Normalizes what Configure carries: `args` (provider inputs: `region`, values possibly secret
 * or non-string) and `variables` (`alicloud-kms:config:region` → string). Args win.
 */
export function pluginConfigFrom(
  args: Record<string, unknown>,
  variables: ReadonlyMap<string, string> | Iterable<[string, string]>,
): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of variables) {
    // `alicloud-kms:config:region` → `region`; a foreign namespace keeps its full name.
    const m = /^([^:]+):(?:config:)?(.+)$/.exec(key);
    if (!m) out[key] = value;
    else out[m[1] === PACKAGE_NAME ? m[2] : `${m[1]}:${m[2]}`] = value;
  }
  for (const [key, raw] of Object.entries(unwrapSecrets(args) as Record<string, unknown>)) {
    if (key === "version" || raw === undefined || raw === null) continue;
    out[key] = typeof raw === "string" ? raw : JSON.stringify(raw);
  }
  return out;
}

const BY_CORE_KEY: ReadonlyMap<string, string> = new Map(
  Object.entries(PLUGIN_CONFIG).map(([key, row]) => [row.coreKey, key]),
);

/**
 * The core's `Host` over plugin config (plain values by key as the engine named them: `region`,
 * or a full `ns:key`): a core key (`alicloud:region`) answers the plugin key (`region`) first,
 * then the same core key if the engine sent it verbatim.
 */
export function pluginHost(
  config: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
  log: Log,
): Host {
  return {
    config: (key) => {
      const own = BY_CORE_KEY.get(key);
      const v = (own !== undefined ? config[own] : undefined) ?? config[key];
      return v === undefined || v === "" ? undefined : v;
    },
    env,
    warn: (m) => log.warn(m),
    info: (m) => log.info(m),
  };
}
