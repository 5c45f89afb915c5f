/**
 * What `check` needs from stack config: the default region and the objection to an endpoint
 * override that names another region. Kept apart from `config-deps.ts` because it needs
 * neither credentials nor a client: the dynamic provider's `check` uses it without loading the
 * API client stack (`@alicloud/openapi-client` and the rest, a large part of a cold start).
 */
import { endpointRegionConflict } from "../kms/endpoint";
import { CONFIG_KEYS, ENV_KEYS, resolveRegion } from "../kms/settings";

/** Where check reads configuration from (a subset of `ConfigSource`). */
export interface CheckSource {
  /** A Pulumi config value by full key (`alicloud:region`), undefined when unset. */
  config(key: string): string | undefined;
  /** The environment (usually `process.env`). */
  env: NodeJS.ProcessEnv;
}

/** The config-derived facts `check` needs. */
export interface CheckDeps {
  /** The region a resource gets when it declares none, if any is configured. */
  defaultRegion(): string | undefined;
  /**
   * Check time: the objection to an endpoint override whose host names a region other than
   * `region` (see `endpointRegionConflict`), undefined when there is none.
   */
  endpointConflict(region: string): string | undefined;
}

/** Check deps over stack config and the environment; reads them on every call. */
export function checkDeps(source: CheckSource): CheckDeps {
  return {
    defaultRegion: () => resolveRegion({ config: source.config, env: source.env }).region,
    endpointConflict: (region) => {
      const fromConfig = source.config(CONFIG_KEYS.endpoint)?.trim();
      const fromEnv = source.env[ENV_KEYS.endpoint]?.trim();
      if (fromConfig) return endpointRegionConflict(region, fromConfig, CONFIG_KEYS.endpoint);
      if (fromEnv) return endpointRegionConflict(region, fromEnv, ENV_KEYS.endpoint);
      return undefined;
    },
  };
}
