/**
 * Fault injection for the signed API: throttling, injected errors (next K or a ratio), latency,
 * connection resets, non-JSON 5xx bodies and HTTP 200s that are not the service's answer,
 * optionally limited to some actions. Two faults act after the action ran (`afterAction`): a
 * slow answer and a reset, for requests the service took although the client never hears so.
 * Precedence when several apply: reset, non-JSON 5xx, okBody, failNext, throttling, failRatio.
 * The first three stand for something in front of the service (the network, a gateway, a proxy
 * or a misrouted endpoint), so they answer before any fault the service itself would produce.
 */
import { isDeepStrictEqual } from "node:util";
import { ApiError, errors } from "./api-error";
import type { FaultSpec, InjectedError, OkBodyFault } from "./types";

/** What a request gets from the fault injector. */
export type FaultOutcome =
  | { kind: "none" }
  | { kind: "reset" }
  | { kind: "html" }
  | { kind: "ok"; body: string }
  | { kind: "error"; error: ApiError };

/** A fault spec that does not make sense. */
export class InvalidFaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidFaultSpecError";
  }
}

const NONE: FaultOutcome = { kind: "none" };

/** What happens to the answer of a request whose action ran (see `FaultInjector.afterAction`). */
export type AfterActionOutcome =
  { kind: "none" } | { kind: "reset" } | { kind: "delay"; ms: number };

/** Holds the current faults and decides each request's fate. */
export class FaultInjector {
  private spec: FaultSpec = {};
  private actions: Set<string> | undefined;
  private windowStart = 0;
  private windowCount = 0;
  private active = false;
  /** The okBody fault's body, serialized once. */
  private okText = "";

  /** Replaces the faults (validated). */
  set(value: unknown): void {
    this.spec = validateFaultSpec(value);
    this.actions = this.spec.actions ? new Set(this.spec.actions) : undefined;
    this.windowStart = 0;
    this.windowCount = 0;
    this.active = Object.keys(this.spec).some((k) => k !== "actions");
    this.okText = this.spec.okBody ? JSON.stringify(this.spec.okBody.body) : "";
  }

  /** Removes every fault. */
  clear(): void {
    this.set({});
  }

  /** The current faults, with the counted ones showing what remains. */
  current(): FaultSpec {
    return structuredClone(this.spec);
  }

  /** Added latency for this action (0 when none). */
  latencyFor(action: string): number {
    if (!this.active || !this.applies(action)) return 0;
    return this.spec.latencyMs ?? 0;
  }

  /**
   * What happens to the answer of a request whose action ran and succeeded: a reset (consuming
   * `resetAfterNext`), a delay (`answerLatencyMs`), or nothing.
   */
  afterAction(action: string): AfterActionOutcome {
    if (!this.active || !this.applies(action)) return { kind: "none" };
    const s = this.spec;
    if (s.resetAfterNext) {
      s.resetAfterNext--;
      return { kind: "reset" };
    }
    if (s.answerLatencyMs) return { kind: "delay", ms: s.answerLatencyMs };
    return { kind: "none" };
  }

  /** Decides the outcome of one request and consumes counted faults. */
  decide(action: string, nowMs: number): FaultOutcome {
    if (!this.active || !this.applies(action)) return NONE;
    const s = this.spec;
    if (s.resetNext) {
      s.resetNext--;
      return { kind: "reset" };
    }
    if (s.nonJson5xxNext) {
      s.nonJson5xxNext--;
      return { kind: "html" };
    }
    if (s.okBody && s.okBody.count !== 0) {
      if (s.okBody.count !== undefined) s.okBody.count--;
      return { kind: "ok", body: this.okText };
    }
    if (s.failNext && s.failNext.count > 0) {
      s.failNext.count--;
      return { kind: "error", error: injected(s.failNext) };
    }
    if (s.throttleRps !== undefined) {
      if (nowMs - this.windowStart >= 1000) {
        this.windowStart = nowMs;
        this.windowCount = 0;
      }
      this.windowCount++;
      if (this.windowCount > s.throttleRps) return { kind: "error", error: errors.throttled() };
    }
    if (s.failRatio && Math.random() < s.failRatio.ratio) {
      return { kind: "error", error: injected(s.failRatio) };
    }
    return NONE;
  }

  private applies(action: string): boolean {
    return this.actions === undefined || this.actions.has(action);
  }
}

function injected(e: InjectedError): ApiError {
  return new ApiError(e.status, e.code, e.message ?? `Injected fault ${e.code}.`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function count(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    throw new InvalidFaultSpecError(`${name} must be a non-negative integer`);
  }
  return v;
}

function injectedSpec(v: unknown, name: string): InjectedError {
  if (!isRecord(v)) throw new InvalidFaultSpecError(`${name} must be an object`);
  if (typeof v.code !== "string" || v.code === "")
    throw new InvalidFaultSpecError(`${name}.code must be a string`);
  if (
    typeof v.status !== "number" ||
    !Number.isInteger(v.status) ||
    v.status < 400 ||
    v.status > 599
  ) {
    throw new InvalidFaultSpecError(`${name}.status must be an HTTP error status (400–599)`);
  }
  if (v.message !== undefined && typeof v.message !== "string") {
    throw new InvalidFaultSpecError(`${name}.message must be a string`);
  }
  return {
    code: v.code,
    status: v.status,
    ...(v.message !== undefined ? { message: v.message } : {}),
  };
}

/** Checks a fault spec from the control API or in-process callers; returns a copy. */
export function validateFaultSpec(value: unknown): FaultSpec {
  if (!isRecord(value)) throw new InvalidFaultSpecError("faults must be an object");
  const known = [
    "actions",
    "throttleRps",
    "failNext",
    "failRatio",
    "latencyMs",
    "resetNext",
    "answerLatencyMs",
    "resetAfterNext",
    "nonJson5xxNext",
    "okBody",
  ];
  for (const k of Object.keys(value)) {
    if (!known.includes(k)) throw new InvalidFaultSpecError(`unknown fault ${JSON.stringify(k)}`);
  }
  const out: FaultSpec = {};
  if (value.actions !== undefined) {
    if (!Array.isArray(value.actions) || !value.actions.every((a) => typeof a === "string")) {
      throw new InvalidFaultSpecError("actions must be an array of strings");
    }
    out.actions = [...(value.actions as string[])];
  }
  const throttle = count(value.throttleRps, "throttleRps");
  if (throttle !== undefined) out.throttleRps = throttle;
  const latency = count(value.latencyMs, "latencyMs");
  if (latency !== undefined) out.latencyMs = latency;
  const reset = count(value.resetNext, "resetNext");
  if (reset !== undefined) out.resetNext = reset;
  const answerLatency = count(value.answerLatencyMs, "answerLatencyMs");
  if (answerLatency !== undefined) out.answerLatencyMs = answerLatency;
  const resetAfter = count(value.resetAfterNext, "resetAfterNext");
  if (resetAfter !== undefined) out.resetAfterNext = resetAfter;
  const html = count(value.nonJson5xxNext, "nonJson5xxNext");
  if (html !== undefined) out.nonJson5xxNext = html;
  if (value.failNext !== undefined) {
    const base = injectedSpec(value.failNext, "failNext");
    const n = count((value.failNext as Record<string, unknown>).count, "failNext.count") ?? 1;
    out.failNext = { ...base, count: n };
  }
  if (value.failRatio !== undefined) {
    const base = injectedSpec(value.failRatio, "failRatio");
    const ratio = (value.failRatio as Record<string, unknown>).ratio;
    if (typeof ratio !== "number" || !(ratio >= 0 && ratio <= 1)) {
      throw new InvalidFaultSpecError("failRatio.ratio must be a number from 0 to 1");
    }
    out.failRatio = { ...base, ratio };
  }
  if (value.okBody !== undefined) out.okBody = okBodySpec(value.okBody);
  return out;
}

/** `okBody`: `{ body: <JSON object>, count?: n }`; the body is kept as its JSON round trip. */
function okBodySpec(v: unknown): OkBodyFault {
  if (!isRecord(v)) {
    throw new InvalidFaultSpecError('okBody must be an object { "body": { … }, "count"?: n }');
  }
  for (const k of Object.keys(v)) {
    if (k !== "body" && k !== "count") {
      throw new InvalidFaultSpecError(`unknown okBody field ${JSON.stringify(k)}`);
    }
  }
  const mustBe =
    "okBody.body must be a JSON object (plain objects, arrays, strings, finite numbers, " +
    'booleans and null), e.g. { "RequestId": "x" }';
  if (!isRecord(v.body)) throw new InvalidFaultSpecError(mustBe);
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(v.body)) as unknown;
  } catch {
    throw new InvalidFaultSpecError(mustBe); // a cycle or a BigInt
  }
  // Anything JSON would silently change (undefined, functions, NaN, Dates, class instances)
  // would make the answer differ from what the caller asked for.
  if (!isDeepStrictEqual(copy, v.body)) throw new InvalidFaultSpecError(mustBe);
  const n = count(v.count, "okBody.count");
  return { body: copy as Record<string, unknown>, ...(n !== undefined ? { count: n } : {}) };
}
