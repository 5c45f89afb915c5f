/**
 * What an API action handler receives, and the lookup every instance action starts with.
 */
import { errors } from "./api-error";
import type { ParamMap } from "./canonical";
import type { Caller } from "./credentials";
import type { InstanceAccess } from "./instance-store";
import { required } from "./params";
import type { AccountSite, IssuedSession, SeedInstance } from "./types";

/** The inputs of one authenticated API call. */
export interface ActionContext {
  /** Query and form parameters, merged. */
  params: ParamMap;
  /** The region the request path selected. */
  region: string;
  /** The request id the response carries. */
  requestId: string;
  /** Current time, epoch ms. */
  nowMs: number;
  /** The instances, as the caller's account sees them (only the ones it owns). */
  store: InstanceAccess;
  /** Who signed the request. */
  caller: Caller;
  /** The site of the caller's account (what BSS's `NotApplicable` depends on). */
  site: AccountSite;
  /** Delay of `Connecting → Connected`. */
  connectDelayMs: number;
  /** The RAM roles STS `AssumeRole` can assume, and how it mints their sessions. */
  roles?: RoleSessions;
}

/** The RAM roles of the emulator and the minting of their STS sessions. */
export interface RoleSessions {
  /** Whether a role with this ARN exists (role names compare case-insensitively, as in RAM). */
  exists(roleArn: string): boolean;
  /** Mints temporary credentials of `accountId` for a session of the role. */
  issue(
    accountId: string,
    roleArn: string,
    sessionName: string,
    durationSeconds: number,
    nowMs: number,
  ): IssuedSession;
}

/** A response body already serialized (lets hot paths reuse cached JSON). */
export class JsonText {
  constructor(
    /** The JSON text. */
    readonly text: string,
  ) {}
}

/** A handler: returns the response body (which starts with `RequestId`). */
export type ActionHandler = (ctx: ActionContext) => Record<string, unknown> | JsonText;

/** The instance named by `KmsInstanceId` in the request's region, or `Forbidden.DKMSInstanceNotFound`. */
export function targetInstance(ctx: ActionContext): SeedInstance {
  const id = required(ctx.params, "KmsInstanceId");
  const inst = ctx.store.getInRegion(id, ctx.region, ctx.nowMs);
  if (!inst) throw errors.instanceNotFound();
  return inst;
}

/** Only a Connected instance accepts network changes. */
export function requireConnected(inst: SeedInstance): void {
  const status = String(inst.KmsInstance.Status ?? "");
  if (status !== "Connected") throw errors.instanceStateInvalid(status);
}
