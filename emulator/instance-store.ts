/**
 * The emulator's instances, in memory, keyed by id and scoped by region. Every mutation goes
 * through {@link InstanceStore.commit}, which persists to the state file when one is configured.
 * `Connecting → Connected` is settled lazily from a due time, so no timer keeps a process alive
 * and a pending connection survives a restart through the state file.
 */
import {
  InvalidInstanceError,
  validateAccount,
  validateKmsInstance,
  validateQuotaUsed,
  validateRegion,
  validateRenewal,
  validateSeedInstance,
  validateTags,
} from "./instance-schema";
import {
  readStateFile,
  removeStaleTempFiles,
  writeStateFile,
  type PersistedState,
} from "./state-file";
import type { AccountSite, InstancePatch, SeedAccount, SeedFile, SeedInstance } from "./types";
import { DEFAULT_CA_CERTIFICATE_CHAIN_PEM, EMULATOR_ACCOUNT_ID } from "./default-seed";

/** The account that owns an instance (`OwnerId`, else the emulator's default account). */
export function ownerOf(inst: SeedInstance): string {
  return inst.OwnerId ?? EMULATOR_ACCOUNT_ID;
}

/** What the signed API's actions use of the store: lookups, listings and mutations. */
export interface InstanceAccess {
  /** The instance if it exists in this region (an instance of another region is not found). */
  getInRegion(id: string, region: string, nowMs: number): SeedInstance | undefined;
  /** Every instance of a region, in insertion order. */
  listRegion(region: string, nowMs: number): SeedInstance[];
  /** Every instance of every region, in insertion order. */
  listAll(nowMs: number): SeedInstance[];
  /** Applies an API mutation to a live instance and persists it. */
  commit(inst: SeedInstance, mutate: (inst: SeedInstance) => void): void;
  /** The instance's `KmsInstance` as JSON. */
  kmsInstanceJson(inst: SeedInstance): string;
  /** Marks an instance Connecting and schedules its transition to Connected. */
  startConnect(inst: SeedInstance, dueMs: number, mutate: (inst: SeedInstance) => void): void;
}

/** Thrown by control operations on an id that does not exist. */
export class InstanceNotFoundError extends Error {
  constructor(id: string) {
    super(`instance ${id} does not exist`);
    this.name = "InstanceNotFoundError";
  }
}

/** Instances by id, with pending connections and optional persistence. */
export class InstanceStore implements InstanceAccess {
  private instances = new Map<string, SeedInstance>();
  private pendingConnects = new Map<string, number>();
  /** Account id → site, for the accounts that are not domestic. */
  private sites = new Map<string, AccountSite>();
  /** Serialized `KmsInstance` objects; an entry is dropped whenever its object is edited in place. */
  private readonly jsonCache = new WeakMap<object, string>();

  constructor(
    private readonly seed: SeedFile,
    private readonly statePath: string | undefined,
  ) {
    if (statePath) removeStaleTempFiles(statePath);
    const saved = statePath ? readStateFile(statePath) : undefined;
    if (saved) {
      this.load(saved.instances, saved.pendingConnects, saved.accounts ?? []);
    } else {
      this.load(seed.instances, {}, seed.accounts ?? []);
      this.persist();
    }
  }

  /** The instance if it exists in this region (an instance of another region is not found). */
  getInRegion(id: string, region: string, nowMs: number): SeedInstance | undefined {
    this.settle(nowMs);
    const inst = this.instances.get(id);
    return inst && inst.RegionId === region ? inst : undefined;
  }

  /** Every instance of a region, in insertion order. */
  listRegion(region: string, nowMs: number): SeedInstance[] {
    this.settle(nowMs);
    const out: SeedInstance[] = [];
    for (const inst of this.instances.values()) if (inst.RegionId === region) out.push(inst);
    return out;
  }

  /** Every instance of every region, in insertion order. */
  listAll(nowMs: number): SeedInstance[] {
    this.settle(nowMs);
    return [...this.instances.values()];
  }

  /** The site of an account: `domestic` unless the seed or the control API said otherwise. */
  siteOf(accountId: string): AccountSite {
    return this.sites.get(accountId) ?? "domestic";
  }

  /** Sets an account's site after validating the entry. */
  putAccount(value: unknown): void {
    const { AccountId, Site } = validateAccount(value, "account");
    if (Site === "domestic") this.sites.delete(AccountId);
    else this.sites.set(AccountId, Site);
    this.persist();
  }

  /**
   * The store as one account sees it: lookups and listings show only the instances it owns
   * (another account's instance is not found, as on the real service); mutations of what it
   * sees go to this store.
   */
  viewFor(accountId: string): InstanceAccess {
    const owned = (inst: SeedInstance | undefined): SeedInstance | undefined =>
      inst && ownerOf(inst) === accountId ? inst : undefined;
    return {
      getInRegion: (id, region, nowMs) => owned(this.getInRegion(id, region, nowMs)),
      listRegion: (region, nowMs) =>
        this.listRegion(region, nowMs).filter((inst) => ownerOf(inst) === accountId),
      listAll: (nowMs) => this.listAll(nowMs).filter((inst) => ownerOf(inst) === accountId),
      commit: (inst, mutate) => this.commit(inst, mutate),
      kmsInstanceJson: (inst) => this.kmsInstanceJson(inst),
      startConnect: (inst, dueMs, mutate) => this.startConnect(inst, dueMs, mutate),
    };
  }

  /** Every instance (deep copies). */
  all(nowMs: number): SeedInstance[] {
    this.settle(nowMs);
    return [...this.instances.values()].map((i) => structuredClone(i));
  }

  /** One instance (a deep copy). */
  get(id: string, nowMs: number): SeedInstance | undefined {
    this.settle(nowMs);
    const inst = this.instances.get(id);
    return inst ? structuredClone(inst) : undefined;
  }

  /** Adds or replaces an instance after validating it. */
  put(value: unknown): SeedInstance {
    const inst = validateSeedInstance(value, "instance");
    const id = inst.KmsInstance.InstanceId as string;
    this.pendingConnects.delete(id);
    this.instances.set(id, inst);
    this.persist();
    return structuredClone(inst);
  }

  /** Shallow-merges a patch (a `null` field removes it); throws when the id is unknown. */
  patch(id: string, patch: InstancePatch, nowMs: number): SeedInstance {
    this.settle(nowMs);
    const current = this.instances.get(id);
    if (!current) throw new InstanceNotFoundError(id);
    const next: SeedInstance = structuredClone(current);
    if (patch.RegionId !== undefined)
      next.RegionId = validateRegion(patch.RegionId, "patch.RegionId");
    if (patch.KmsInstance !== undefined) {
      if (typeof patch.KmsInstance !== "object" || patch.KmsInstance === null) {
        throw new InvalidInstanceError("patch.KmsInstance must be an object");
      }
      const merged = new Map(Object.entries(next.KmsInstance));
      for (const [k, v] of Object.entries(patch.KmsInstance)) {
        if (v === null) merged.delete(k);
        else merged.set(k, v);
      }
      // Rebuilt rather than assigned, so a `__proto__` key is a field, never a prototype change.
      next.KmsInstance = Object.fromEntries(merged);
      if (next.KmsInstance.InstanceId !== id) {
        throw new InvalidInstanceError("patch.KmsInstance.InstanceId cannot change the id");
      }
      next.KmsInstance = validateKmsInstance(next.KmsInstance, "patch.KmsInstance");
    }
    if (patch.Tags === null) delete next.Tags;
    else if (patch.Tags !== undefined) next.Tags = validateTags(patch.Tags, "patch.Tags");
    if (patch.QuotaUsed === null) delete next.QuotaUsed;
    else if (patch.QuotaUsed !== undefined) {
      next.QuotaUsed = validateQuotaUsed(patch.QuotaUsed, "patch.QuotaUsed");
    }
    if (patch.Renewal === null) delete next.Renewal;
    else if (patch.Renewal !== undefined) {
      next.Renewal = validateRenewal(patch.Renewal, "patch.Renewal");
    }
    this.instances.set(id, next);
    this.persist();
    return structuredClone(next);
  }

  /** Removes an instance; false when it did not exist. */
  delete(id: string): boolean {
    const existed = this.instances.delete(id);
    this.pendingConnects.delete(id);
    if (existed) this.persist();
    return existed;
  }

  /** Back to the seed (instances and accounts). */
  reset(): void {
    this.load(this.seed.instances, {}, this.seed.accounts ?? []);
    this.persist();
  }

  /**
   * Applies an API mutation to a live instance and persists it. The callback edits the stored
   * object in place (it is ours, never handed out).
   */
  commit(inst: SeedInstance, mutate: (inst: SeedInstance) => void): void {
    this.jsonCache.delete(inst.KmsInstance);
    mutate(inst);
    this.jsonCache.delete(inst.KmsInstance);
    this.persist();
  }

  /** The instance's `KmsInstance` as JSON, cached until it changes (GetKmsInstance's hot path). */
  kmsInstanceJson(inst: SeedInstance): string {
    let text = this.jsonCache.get(inst.KmsInstance);
    if (text === undefined) {
      text = JSON.stringify(inst.KmsInstance);
      this.jsonCache.set(inst.KmsInstance, text);
    }
    return text;
  }

  /** Marks an instance Connecting and schedules its transition to Connected. */
  startConnect(inst: SeedInstance, dueMs: number, mutate: (inst: SeedInstance) => void): void {
    this.jsonCache.delete(inst.KmsInstance);
    mutate(inst);
    this.jsonCache.delete(inst.KmsInstance);
    inst.KmsInstance.Status = "Connecting";
    this.pendingConnects.set(inst.KmsInstance.InstanceId as string, dueMs);
    this.persist();
  }

  /** Completes due connections. */
  private settle(nowMs: number): void {
    if (this.pendingConnects.size === 0) return;
    let changed = false;
    for (const [id, due] of this.pendingConnects) {
      if (due > nowMs) continue;
      this.pendingConnects.delete(id);
      const inst = this.instances.get(id);
      if (inst && inst.KmsInstance.Status === "Connecting") {
        this.jsonCache.delete(inst.KmsInstance);
        inst.KmsInstance.Status = "Connected";
        inst.KmsInstance.CaCertificateChainPem ??= DEFAULT_CA_CERTIFICATE_CHAIN_PEM;
        // The VPC it was connected to is its first bound VPC, as on a freshly connected instance.
        const vswitches = inst.KmsInstance.VswitchIds;
        inst.KmsInstance.BindVpcs ??= {
          BindVpc: [
            {
              RegionId: inst.RegionId,
              VpcId: String(inst.KmsInstance.VpcId ?? ""),
              VSwitchId: Array.isArray(vswitches) ? String(vswitches[0] ?? "") : "",
              VpcOwnerId: ownerOf(inst),
            },
          ],
        };
      }
      changed = true;
    }
    if (changed) this.persist();
  }

  private load(
    instances: SeedInstance[],
    pending: Record<string, number>,
    accounts: readonly SeedAccount[],
  ): void {
    this.instances = new Map(
      instances.map((i) => [i.KmsInstance.InstanceId as string, structuredClone(i)]),
    );
    this.pendingConnects = new Map(Object.entries(pending));
    this.sites = new Map();
    for (const a of accounts) if (a.Site === "intl") this.sites.set(a.AccountId, a.Site);
  }

  private persist(): void {
    if (!this.statePath) return;
    const state: PersistedState = {
      instances: [...this.instances.values()],
      pendingConnects: Object.fromEntries(this.pendingConnects),
    };
    if (this.sites.size > 0) {
      state.accounts = [...this.sites].map(([AccountId, Site]) => ({ AccountId, Site }));
    }
    writeStateFile(this.statePath, state);
  }
}
