/**
 * The engine-neutral provider core over a `Host`: the resource operations and the SDK's reads.
 * The dynamic provider, the plugin and the SDK functions each hold one core and only translate
 * shapes; config, region, retry notices and the never-drop rule live here once.
 *
 * Check, diff and delete call no API. The API code (`lifecycle.ts`: the client stack,
 * `@alicloud/openapi-client`, credentials) is required at the first call that needs it: a program
 * imports the SDK only to declare resources, and a process that only checks and diffs never pays
 * that load (57 ms on a quiet machine, 302 ms on a loaded one, `docs/benchmarks.md`).
 */
import {
  checkInputs,
  diffInstance,
  MANAGED_PROPERTIES,
  canonicalManaged,
  storedAccountId,
  type CheckInputsResult,
  type InstanceDiff,
  type KmsInstanceInputs,
  type KmsInstanceOutputs,
  type QuotaUsage,
} from "../instance";
import { assertReadTarget } from "../instance/formats";
import { nonEmpty } from "../kms/assume-role";
import { endpointRegionConflict } from "../kms/endpoint";
import { noRegionMessage, type NoRegionContext } from "../kms/region";
import { CONFIG_KEYS, ENV_KEYS, NO_REGION_MESSAGE, resolveRegion } from "../kms/settings";
import type { ConnectTiming } from "./connect-instance";
import type * as Lifecycle from "./lifecycle";
import type { ReadOutcome } from "./lifecycle";
import type { Host, Log, RegionContext } from "./region-context";
import { isUnknown } from "./unknown";

/** `lifecycle.ts`, required on the first API call (`require` caches it). */
function lifecycle(): typeof Lifecycle {
  // Late, and synchronous in CommonJS, unlike `import()`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./lifecycle") as typeof Lifecycle;
}

/** How one create, read or update runs besides its inputs. */
export interface OperationOptions {
  /** Where messages go (the plugin attaches them to a resource). @default the host */
  log?: Log;
  /** Connect timing: the plugin passes the custom timeout and the engine's cancel. */
  connect?: ConnectTiming;
}

/** One Read as an adapter received it. */
export interface ReadRequest {
  /** The bare instance id (`kst-…`). */
  kmsInstanceId: string;
  /** A region the id itself names (the plugin's `<region>/kst-…` import id), if any. */
  idRegion?: string;
  /** The stored outputs (empty on a first read). */
  stored: Readonly<Record<string, unknown>>;
  /**
   * What a first read reads: `all` managed properties (so `pulumi import` can generate code
   * declaring them) or `none` (a dynamic-provider reference).
   */
  firstRead: "all" | "none";
  /** How the "no region" sentence names this adapter's remedies. */
  noRegion: NoRegionContext;
}

/** An adopted instance's core over one configuration. */
export class KmsCore {
  private readonly regions = new Map<string, RegionContext>();

  /**
   * @param host stack config, the environment and the default place for messages.
   * @param regionConfigKey the config key that sets the default region, named in messages
   * (`alicloud-kms:region` for the plugin, which sees only its own namespace).
   */
  constructor(
    readonly host: Host,
    private readonly regionConfigKey?: string,
  ) {}

  /**
   * The region a resource gets when it declares none, if any is configured — also when it is not a
   * region id, so that the check of whatever uses it says so rather than "no region".
   */
  defaultRegion(): string | undefined {
    const r = resolveRegion({ config: this.host.config, env: this.host.env });
    return r.region ?? r.malformed;
  }

  /** The region's context, built once; bad configuration throws before any call. */
  context(region: string): RegionContext {
    let ctx = this.regions.get(region);
    if (ctx === undefined) {
      ctx = lifecycle().regionContext(this.host, region);
      this.regions.set(region, ctx);
    }
    return ctx;
  }

  /**
   * `checkInputs` with the default region, plus a failure on `region` when an endpoint override's
   * host names another region (every call would go to the wrong region).
   */
  check(news: Record<string, unknown>): CheckInputsResult {
    const result = checkInputs(news, {
      defaultRegion: this.defaultRegion(),
      isUnknown,
      ...(this.regionConfigKey !== undefined ? { regionConfigKey: this.regionConfigKey } : {}),
    });
    const region = result.inputs.region;
    if (typeof region !== "string" || isUnknown(region)) return result;
    if (result.failures.some((f) => f.property === "region")) return result;
    // As the settings resolve it: the config key over the environment variable.
    const fromConfig = nonEmpty(this.host.config(CONFIG_KEYS.endpoint));
    const override = fromConfig ?? nonEmpty(this.host.env[ENV_KEYS.endpoint]);
    const setting = fromConfig !== undefined ? CONFIG_KEYS.endpoint : ENV_KEYS.endpoint;
    const conflict = endpointRegionConflict(region, override, setting);
    if (conflict === undefined) return result;
    return { ...result, failures: [...result.failures, { property: "region", reason: conflict }] };
  }

  /** The declared inputs against the stored outputs. */
  diff(olds: Readonly<Record<string, unknown>>, news: KmsInstanceInputs): InstanceDiff {
    return diffInstance(olds, news, { isUnknown });
  }

  /** Adopts the declared instance (`lifecycle.apply`). */
  create(inputs: KmsInstanceInputs, options: OperationOptions = {}): Promise<KmsInstanceOutputs> {
    return this.apply("create", inputs, undefined, options);
  }

  /**
   * A refresh or a first read (an import, a `KmsInstance.get` reference): `lifecycle.read` in the
   * stored region, else the one the id names, else the default; none is an error.
   */
  async read(request: ReadRequest, options: OperationOptions = {}): Promise<ReadOutcome> {
    const { kmsInstanceId, stored } = request;
    const log = options.log ?? this.host;
    const refresh = Array.isArray(stored.managedProperties);
    const region = storedRegion(stored) ?? request.idRegion ?? this.defaultRegion();
    if (region === undefined) throw new Error(noRegionMessage(request.noRegion));
    // A reference's id may arrive only now (an Output): a malformed one fails before any call.
    assertReadTarget(`cannot read ${JSON.stringify(kmsInstanceId)}`, { kmsInstanceId, region });
    const managed = refresh
      ? canonicalManaged(stored.managedProperties as readonly unknown[])
      : request.firstRead === "all"
        ? MANAGED_PROPERTIES
        : [];
    const { withRetryNotice, read } = lifecycle();
    return withRetryNotice(log, "read", kmsInstanceId, () =>
      read(this.context(region), log, kmsInstanceId, managed, stored, refresh),
    );
  }

  /** Applies the declared properties that differ from live (`lifecycle.apply`). */
  update(
    kmsInstanceId: string,
    news: KmsInstanceInputs,
    olds: Readonly<Record<string, unknown>> = {},
    options: OperationOptions = {},
  ): Promise<KmsInstanceOutputs> {
    const owner = storedAccountId(olds.ownerAccountId);
    return this.apply("update", { ...news, kmsInstanceId }, owner, options);
  }

  /** Create or update, with its retry notice. */
  private apply(
    operation: "create" | "update",
    inputs: KmsInstanceInputs,
    recordedOwner: string | undefined,
    options: OperationOptions,
  ): Promise<KmsInstanceOutputs> {
    const log = options.log ?? this.host;
    const { apply, withRetryNotice } = lifecycle();
    return withRetryNotice(log, operation, inputs.kmsInstanceId, () => {
      // check() defaults the region, so none here means none was configured.
      if (!inputs.region) throw new Error(NO_REGION_MESSAGE);
      const ctx = this.context(inputs.region);
      return apply(ctx, log, operation, inputs, recordedOwner, options.connect);
    });
  }

  /** Stops managing: no API call; says the instance keeps running. */
  delete(
    kmsInstanceId: string,
    stored: Readonly<Record<string, unknown>>,
    options: OperationOptions = {},
  ): void {
    const region = storedRegion(stored) ?? this.defaultRegion() ?? "?";
    (options.log ?? this.host).info(
      `KMS instance ${kmsInstanceId} in ${region} is no longer managed by Pulumi; it keeps ` +
        `running and billing. Release it in the console if you no longer need it.`,
    );
  }

  /**
   * The SDK's `getKmsInstance`: the live outputs with tags and (subscription) renewal, and the
   * quota usage, absent for an instance not enabled yet. Throws when the instance is confirmed not
   * to exist, else the refusal naming why that was not confirmed.
   */
  async report(
    kmsInstanceId: string,
    region: string,
  ): Promise<{ outputs: KmsInstanceOutputs; quota?: QuotaUsage }> {
    const { readLiveOrGone, readQuota, notFoundForGetMessage } = lifecycle();
    const ctx = this.context(region);
    const managed = ["tags", "renewal"] as const;
    const outputs = await readLiveOrGone(ctx, kmsInstanceId, managed, { stake: "report" });
    if (outputs === undefined) throw new Error(notFoundForGetMessage(kmsInstanceId, region));
    const quota = await readQuota(ctx, kmsInstanceId, outputs.status);
    return { outputs, ...(quota !== undefined ? { quota } : {}) };
  }

  /** The SDK's `listKmsInstances`: every instance of the region, optionally by exact name. */
  list(region: string, instanceName?: string): Promise<{ id?: string; arn?: string }[]> {
    const filters =
      instanceName !== undefined ? [{ Key: "InstanceName", Values: [instanceName] }] : undefined;
    return lifecycle().listAll(this.context(region), filters);
  }
}

/** The stored region, if a non-empty string. */
function storedRegion(stored: Readonly<Record<string, unknown>>): string | undefined {
  return typeof stored.region === "string" && stored.region ? stored.region : undefined;
}
