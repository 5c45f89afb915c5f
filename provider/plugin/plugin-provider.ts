/**
 * The plugin's provider operations on plain JSON: each one translates the engine's request into
 * calls of `provider/core` and `provider/instance` and their results back — nothing else. The
 * gRPC server (`server.ts`) only converts protobuf to and from these shapes.
 */
import { KmsCore, type OperationOptions } from "../core/kms-core";
import type { Log } from "../core/region-context";
import { isUnknown } from "../core/unknown";
import type {
  CheckFailure,
  KmsInstanceInputs,
  KmsInstanceOutputs,
  PropertyDiff,
} from "../instance";
import { NO_REGION_MESSAGE, resolveKmsSettings, resolveRegion } from "../kms/settings";
import { pluginConfigFrom, pluginHost } from "./config";
import { parseImportId } from "./import-id";
import { PACKAGE_NAME } from "./properties";

/** A JSON property bag as it crosses the wire. */
export type Props = Record<string, unknown>;

/** Where messages go; `urn` attaches them to a resource in the CLI display. */
export interface PluginLog {
  /** A warning (shown in the CLI output). */
  warn(message: string, urn?: string): void;
  /** An informational message. */
  info(message: string, urn?: string): void;
}

/** One detailed-diff entry: the engine's PropertyDiff kinds. */
export type DetailedDiffKind =
  "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

/** A Diff answer with the per-property detail the engine displays. */
export interface PluginDiff {
  /** True when an `up` would call Update (or replace). */
  changes: boolean;
  /** Top-level properties whose change forces a replace. */
  replaces: string[];
  /** Top-level properties that differ. */
  diffs: string[];
  /** Property path (`bindVpcs[1]`, `tags.team`) → kind. */
  detailedDiff: Record<string, DetailedDiffKind>;
}

/** What Read answers: a missing `outputs` means gone. */
export interface PluginRead {
  /** The resource id (empty when gone). */
  id: string;
  /** Live outputs. */
  outputs?: KmsInstanceOutputs;
  /** Inputs to store with them. */
  inputs?: KmsInstanceInputs;
}

/** Maps one core difference to the engine's detailed-diff kind. */
export function detailedKind(d: PropertyDiff): DetailedDiffKind {
  const base = d.kind === "add" ? "ADD" : d.kind === "delete" ? "DELETE" : "UPDATE";
  return d.replace ? `${base}_REPLACE` : base;
}

/** The plugin's provider: configured once, then serving resource operations. */
export class KmsPluginProvider {
  /** The core of the current configuration; replaced by `configure`. */
  private core: KmsCore;
  /**
   * The engine's cancel, one per provider process (the engine starts one per configured
   * provider): `cancel` aborts it, which ends every connect wait under way and keeps later ones
   * from starting (`ConnectTiming.signal`).
   */
  private readonly cancellation = new AbortController();

  /**
   * @param env The environment the core falls back to (usually `process.env`).
   * @param log Where warnings and messages go.
   */
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: PluginLog,
  ) {
    this.core = this.coreOf({});
  }

  private coreOf(config: Readonly<Record<string, string>>): KmsCore {
    return new KmsCore(pluginHost(config, this.env, this.log), `${PACKAGE_NAME}:region`);
  }

  /** The messages of one operation, attached to its resource. */
  private on(urn: string): Log {
    return { warn: (m) => this.log.warn(m, urn), info: (m) => this.log.info(m, urn) };
  }

  /**
   * Validates provider config: a configured region must be a region id, and when a region is
   * known the whole client configuration (endpoint, key pairs, numbers) must resolve. No region
   * is not a failure: every resource may declare its own. The inputs are returned unchanged.
   */
  checkConfig(news: Props): { inputs: Props; failures: CheckFailure[] } {
    const known = Object.fromEntries(Object.entries(news).filter(([, v]) => !hasUnknown(v)));
    const source = pluginHost(pluginConfigFrom(known, []), this.env, this.log);
    const failures: CheckFailure[] = [];
    const region = resolveRegion({ config: source.config, env: this.env });
    if (region.error !== undefined) {
      if (region.error !== NO_REGION_MESSAGE) {
        failures.push({ property: "region", reason: region.error });
      }
    } else {
      try {
        resolveKmsSettings({ config: source.config, env: this.env });
      } catch (err) {
        failures.push({ property: "", reason: (err as Error).message });
      }
    }
    return { inputs: news, failures };
  }

  /** Which config keys changed. A config change never replaces resources: it only re-routes calls. */
  diffConfig(olds: Props, news: Props): string[] {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys].filter(
      (k) => k !== "version" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
    );
  }

  /** Takes the config the engine sends (args and variables; secrets arrive wrapped). */
  configure(args: Props, variables: Iterable<[string, string]>): void {
    this.core = this.coreOf(pluginConfigFrom(args, variables));
  }

  /** Check: `checkInputs` with the configured default region. */
  check(news: Props): { inputs: Props; failures: CheckFailure[] } {
    const result = this.core.check(news);
    return { inputs: result.inputs as unknown as Props, failures: result.failures };
  }

  /** Diff: declared inputs against stored outputs, with the per-property detail. */
  diff(olds: Props, news: Props): PluginDiff {
    const d = this.core.diff(olds, news as unknown as KmsInstanceInputs);
    const detailedDiff: Record<string, DetailedDiffKind> = {};
    for (const p of d.diffs) detailedDiff[p.path ?? p.property] = detailedKind(p);
    return {
      changes: d.changes,
      replaces: d.replaces,
      diffs: [...new Set(d.diffs.map((p) => p.property))],
      detailedDiff,
    };
  }

  /**
   * Create = adopt the declared instance. `timeoutSeconds` is the resource's custom create
   * timeout (`CreateRequest.timeout`, 0 when none): the budget of connecting the instance.
   */
  async create(
    urn: string,
    inputs: Props,
    timeoutSeconds = 0,
  ): Promise<{ id: string; outputs: KmsInstanceOutputs }> {
    const news = inputs as unknown as KmsInstanceInputs;
    const outputs = await this.core.create(news, this.options(urn, timeoutSeconds));
    return { id: news.kmsInstanceId, outputs };
  }

  /**
   * Read. With stored outputs (refresh) it reads the properties they name and answers gone with an
   * empty id. Without (an import, or a read-only reference) there is nothing to go by: the id may
   * name the region (`<region>/kst-…`), every managed property is read so the generated code can
   * declare them all, and a missing instance is an error that says so (the engine would otherwise
   * only say "does not exist" or, for a reference, succeed with nothing).
   */
  async read(urn: string, id: string, props: Props): Promise<PluginRead> {
    const parsed = parseImportId(id);
    const outcome = await this.core.read(
      {
        kmsInstanceId: parsed.kmsInstanceId,
        idRegion: parsed.region,
        stored: props,
        firstRead: "all",
        // The plugin only sees its own config namespace, so the hint names `alicloud-kms:region`.
        noRegion: {
          subject: `cannot read ${id}`,
          declare: `import it as \`<region>/${id}\``,
          configKey: `${PACKAGE_NAME}:region`,
        },
      },
      { log: this.on(urn) },
    );
    if (!outcome.found) return { id: "" };
    return { id: parsed.kmsInstanceId, outputs: outcome.outputs, inputs: outcome.inputs };
  }

  /**
   * Update: apply the declared properties that differ from live. `timeoutSeconds` is the
   * resource's custom update timeout (`UpdateRequest.timeout`, 0 when none).
   */
  async update(
    urn: string,
    id: string,
    news: Props,
    olds: Props = {},
    timeoutSeconds = 0,
  ): Promise<KmsInstanceOutputs> {
    return this.core.update(
      id,
      news as unknown as KmsInstanceInputs,
      olds,
      this.options(urn, timeoutSeconds),
    );
  }

  /**
   * The engine's `Cancel` RPC (sent to every provider on the first Ctrl-C, before it waits for
   * the operations under way): every connect wait ends at once with a `connect-failed` refusal,
   * which a create answers as a partial create, and no later operation starts one.
   */
  cancel(): void {
    this.cancellation.abort();
  }

  /** Delete = stop managing; the instance keeps running (and the message says so). */
  delete(urn: string, id: string, props: Props): void {
    this.core.delete(id, props, { log: this.on(urn) });
  }

  /**
   * One operation's messages (attached to `urn`) and connect wait: its budget is the custom
   * timeout in seconds (the core's default when the engine sent none), and the engine's cancel
   * ends it.
   */
  private options(urn: string, timeoutSeconds: number): OperationOptions {
    return {
      log: this.on(urn),
      connect: {
        ...(timeoutSeconds > 0 ? { timeoutMs: timeoutSeconds * 1000 } : {}),
        signal: this.cancellation.signal,
      },
    };
  }
}

function hasUnknown(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (typeof v === "object" && v !== null) return Object.values(v).some(hasUnknown);
  return false;
}
