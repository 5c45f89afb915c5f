import type { KmsClient } from "../kms/client";
import { getKmsClient } from "../kms/pool";
import { resolveKmsSettings, resolveRegion } from "../kms/settings";
import type { OperationDeps, RegionDeps } from "./deps";

/** Where an adapter reads configuration from and where it shows messages. */
export interface ConfigSource {
  /** A Pulumi config value by full key (`alicloud:region`), undefined when unset. */
  config(key: string): string | undefined;
  /** The environment (usually `process.env`). */
  env: NodeJS.ProcessEnv;
  /** Shows a warning. */
  warn(message: string): void;
  /** Shows an informational message. */
  info(message: string): void;
}

/**
 * Operation deps over stack config and the environment: settings are resolved per region on
 * first use and clients come from the process-wide pool, so many resources share connections.
 */
export function configDeps(source: ConfigSource): OperationDeps & {
  /** The region a resource gets when it declares none, if any is configured. */
  defaultRegion(): string | undefined;
  /** The full pooled client of a region (for calls beyond the lifecycle, such as listing). */
  client(region: string): KmsClient;
} {
  const byRegion = new Map<string, RegionDeps & { api: KmsClient }>();
  const forRegion = (region: string): RegionDeps & { api: KmsClient } => {
    let deps = byRegion.get(region);
    if (!deps) {
      const settings = resolveKmsSettings({ region, config: source.config, env: source.env });
      deps = { api: getKmsClient(settings), expiryWarningDays: settings.expiryWarningDays };
      byRegion.set(region, deps);
    }
    return deps;
  };
  return {
    forRegion,
    client: (region) => forRegion(region).api,
    warn: source.warn,
    info: source.info,
    now: () => new Date(),
    defaultRegion: () => resolveRegion({ config: source.config, env: source.env }).region,
  };
}
