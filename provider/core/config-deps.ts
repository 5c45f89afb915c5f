import { kmsClientFor, type KmsClient } from "../kms/client";
import { endpointPinsRegion, endpointUrl, regionNamedByEndpoint } from "../kms/endpoint";
import { CONFIG_KEYS, resolveKmsSettings, type KmsSettings } from "../kms/settings";
import { callerIdentity, ownerToRecord } from "../kms/sts-client";
import { checkDeps, type CheckDeps } from "./check-deps";
import type { OperationDeps, RegionDeps } from "./deps";
import type { EndpointFacts } from "./gone-evidence";

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

/** Operation deps over stack config: what every adapter and the SDK functions work with. */
export interface ConfigDeps extends OperationDeps, CheckDeps {
  /** The full pooled client of a region (for calls beyond the lifecycle, such as listing). */
  client(region: string): KmsClient;
}

/**
 * Operation deps over stack config and the environment: settings are resolved per region on
 * first use and clients come from the session of their credentials, so many resources share them.
 */
export function configDeps(source: ConfigSource): ConfigDeps {
  const byRegion = new Map<string, RegionDeps & { api: KmsClient }>();
  const forRegion = (region: string): RegionDeps & { api: KmsClient } => {
    let deps = byRegion.get(region);
    if (!deps) {
      const settings = resolveKmsSettings({ region, config: source.config, env: source.env });
      const api = kmsClientFor(settings);
      deps = {
        api,
        expiryWarningDays: settings.expiryWarningDays,
        quotaWarningPercent: settings.quotaWarningPercent,
        probe: {
          endpoint: endpointFacts(settings),
          callerAccount: async () => (await callerIdentity(settings)).accountId,
          listKmsInstances: (options) => api.listKmsInstances(options),
        },
        ownerToRecord: () => ownerToRecord(settings, source.warn),
      };
      byRegion.set(region, deps);
    }
    return deps;
  };
  return {
    forRegion,
    client: (region) => forRegion(region).api,
    warn: source.warn,
    info: source.info,
    ...checkDeps(source),
  };
}

/** What the settings say about where a region's calls go (the evidence of rule 0 and 3). */
export function endpointFacts(settings: KmsSettings): EndpointFacts {
  const namesRegion = regionNamedByEndpoint(settings.endpointOverride);
  return {
    url: endpointUrl(settings.endpoint),
    setting: settings.endpointSource ?? CONFIG_KEYS.endpoint,
    pinsRegion: endpointPinsRegion(settings.region, settings.endpointOverride),
    ...(namesRegion !== undefined ? { namesRegion } : {}),
    stsUrl: endpointUrl(settings.stsEndpoint),
    stsSetting: settings.stsEndpointSource ?? CONFIG_KEYS.stsEndpoint,
  };
}
