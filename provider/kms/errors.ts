/**
 * `KmsError`, whose `kind` drives every decision above it (retry, drop from state, fail). Messages
 * are built only from parsed fields (code, HTTP status, the service's `Message`, request id), never
 * from the raw `@alicloud/openapi-client` error, whose text and `data` may echo request details.
 */

/**
 * What went wrong, in the terms the provider acts on. `not-found` is only a candidate
 * (`provider/core/gone-evidence.ts` confirms it): the code `Forbidden.DKMSInstanceNotFound`, or a
 * 200 whose `KmsInstance.InstanceId` is empty. `unexpected` is an answer the KMS API would not give
 * (a 200 without `KmsInstance`, a 404 without that code, `InvalidAction.NotFound`): the endpoint
 * may not be the KMS API.
 */
export type KmsErrorKind =
  | "not-found"
  | "throttled"
  | "transient"
  | "auth"
  | "invalid"
  | "conflict"
  | "unexpected"
  | "unknown";

/** The kinds a retry can fix. */
export const RETRYABLE_KINDS: ReadonlySet<KmsErrorKind> = new Set(["throttled", "transient"]);

/** The fields a `KmsError` is built from. */
export interface KmsErrorInit {
  kind: KmsErrorKind;
  /** API action, e.g. `GetKmsInstance`. */
  action: string;
  region: string;
  instanceId?: string;
  /** The service's error code, e.g. `Forbidden.DKMSInstanceNotFound`. */
  code?: string;
  statusCode?: number;
  requestId?: string;
  /** The service's `Message`, or what failed on the network. */
  detail: string;
  /** Set when a retry loop gave up. */
  attempts?: number;
  elapsedMs?: number;
  /**
   * Whether the service may have acted on the failed request (`mayHaveBeenTaken`; a read timeout:
   * signed-caller.ts); absent when it certainly did not. retry.ts never re-sends a non-idempotent
   * write that may have been taken.
   */
  maybeTaken?: boolean;
  /** Set when the retry policy withheld a re-send for that reason. */
  notResent?: boolean;
}

/** A classified, secret-free failure of one KMS API call (possibly after retries). */
export class KmsError extends Error {
  // The fields of `KmsErrorInit` (documented there), in the order inspect shows them.
  readonly kind: KmsErrorKind;
  readonly action: string;
  readonly code?: string;
  readonly statusCode?: number;
  readonly requestId?: string;
  readonly instanceId?: string;
  readonly region: string;
  /** Whether `kind` is in `RETRYABLE_KINDS`. */
  readonly retryable: boolean;
  readonly detail: string;
  readonly attempts?: number;
  readonly elapsedMs?: number;
  readonly maybeTaken?: boolean;
  readonly notResent?: boolean;

  constructor(init: KmsErrorInit) {
    super(formatKmsErrorMessage(init));
    this.name = "KmsError";
    this.kind = init.kind;
    this.action = init.action;
    this.region = init.region;
    this.detail = init.detail;
    this.retryable = RETRYABLE_KINDS.has(init.kind);
    if (init.code !== undefined) this.code = init.code;
    if (init.statusCode !== undefined) this.statusCode = init.statusCode;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.instanceId !== undefined) this.instanceId = init.instanceId;
    if (init.attempts !== undefined) this.attempts = init.attempts;
    if (init.elapsedMs !== undefined) this.elapsedMs = init.elapsedMs;
    if (init.maybeTaken === true) this.maybeTaken = true;
    if (init.notResent === true) this.notResent = true;
  }

  /** The fields this error was built from (retry.ts adds `attempts` or `notResent`). */
  toInit(): KmsErrorInit {
    return {
      kind: this.kind,
      action: this.action,
      region: this.region,
      instanceId: this.instanceId,
      code: this.code,
      statusCode: this.statusCode,
      requestId: this.requestId,
      detail: this.detail,
      attempts: this.attempts,
      elapsedMs: this.elapsedMs,
      maybeTaken: this.maybeTaken,
      notResent: this.notResent,
    };
  }

  /** A plain, secret-free view (also what `JSON.stringify` writes). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...this.toInit(), retryable: this.retryable };
  }
}

/** Whether `err` is a not-found `KmsError` (a candidate only: see `KmsErrorKind`). */
export function isNotFound(err: unknown): err is KmsError {
  return err instanceof KmsError && err.kind === "not-found";
}

/** `(gave up after <n> attempt(s) over <s> s)`: the end of every retried failure's message. */
export function gaveUpAfter(attempts: number, elapsedMs: number): string {
  const plural = attempts === 1 ? "" : "s";
  return `(gave up after ${attempts} attempt${plural} over ${(elapsedMs / 1000).toFixed(1)} s)`;
}

/**
 * `<action> failed for KMS instance <id> in <region>: <Code> (HTTP <status>): <message>
 * [request id <id>]`, each part only when known.
 */
export function formatKmsErrorMessage(init: KmsErrorInit): string {
  const target = init.instanceId ? ` for KMS instance ${init.instanceId}` : "";
  let text = `${init.action} failed${target} in ${init.region}: `;
  if (init.code) text += init.code;
  if (init.statusCode !== undefined) text += `${init.code ? " " : ""}(HTTP ${init.statusCode})`;
  if (init.code || init.statusCode !== undefined) text += ": ";
  text += init.detail;
  if (init.requestId) text += ` [request id ${init.requestId}]`;
  if (init.attempts !== undefined && init.elapsedMs !== undefined) {
    text += ` ${gaveUpAfter(init.attempts, init.elapsedMs)}`;
  }
  if (init.notResent === true) {
    text +=
      ` (not re-sent: the service may have taken it, and ${init.action} is not safe to ` +
      `repeat; the instance's status tells whether it was)`;
  }
  return text;
}

/** The parts of a thrown value that classification and messages use. */
export interface ParsedError {
  /** The service code, or a Node network error code such as `ECONNRESET`. */
  code?: string;
  statusCode?: number;
  /** The service's `Message` from the parsed body, or the error's own message. */
  message?: string;
  requestId?: string;
  /** E.g. `SyntaxError`, `RequestTimeoutError`. */
  name?: string;
  /** Whether a service error response was parsed (openapi-client's `data`). */
  fromResponse?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function str(v: unknown): string | undefined {
  // openapi-client writes absent fields through template strings: "undefined" means absent.
  if (typeof v !== "string" || v === "" || v === "undefined" || v === "null") return undefined;
  return v;
}

function num(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\d{3}$/.test(v)) return Number(v);
  return undefined;
}

/**
 * Parses whatever was thrown: an openapi-client `ResponseError` (`code`, `statusCode`, `data` =
 * parsed body), a Node network error (`code: "ECONNRESET"`), an httpx timeout, a `SyntaxError`
 * from a non-JSON body, or anything.
 */
export function parseError(err: unknown): ParsedError {
  if (!isRecord(err)) return { message: typeof err === "string" ? err : undefined };
  const data = isRecord(err.data) ? err.data : undefined;
  const parsed: ParsedError = {
    code: str(data?.Code) ?? str(data?.code) ?? str(err.code),
    statusCode: num(err.statusCode) ?? num(data?.statusCode) ?? num(data?.HttpStatus),
    requestId: str(data?.RequestId) ?? str(data?.requestId),
    name: str(err.name),
  };
  if (data !== undefined && parsed.statusCode !== undefined) {
    // A service error response: only its parsed fields count, never openapi-client's text.
    parsed.fromResponse = true;
    parsed.message = str(data.Message) ?? str(data.message);
  } else {
    parsed.message = str(err.message);
  }
  return parsed;
}

const AUTH_CODE =
  /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|Forbidden\.RAM|Forbidden\.NoPermission|NoPermission|InvalidCredentials|Forbidden\.AccessKey|InvalidAccessKeySecret|SignatureNonceUsed|InvalidTimeStamp|IllegalTimestamp)/i;
const INVALID_CODE =
  /^(InvalidParameter|Missing|InvalidAction|InvalidVersion|UnsupportedOperation)/i;
const TRANSIENT_CODE =
  /^(ServiceUnavailable|InternalFailure|InternalError|Forbidden\.KMSInstanceInUpgrade|RequestTimeout)/i;
const CONFLICT_CODE =
  /(StateInvalid|Rejected\.Uninitialized|Conflict|IncorrectStatus|InvalidStatus|OperationConflict)/i;
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
]);
/**
 * Failures before any byte reaches the service (no name resolution or no connection), so it cannot
 * have acted (https://nodejs.org/api/errors.html#common-system-errors).
 */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "EAI_AGAIN",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * Whether the service may have acted on a request that failed so. Throttling is a refusal, not
 * taken whatever its status (Terraform retries every write on it: `NeedRetry`,
 * shared/reference/kms-instance-api.md). Another answer may have been taken only if it is a 5xx:
 * the common errors `InternalFailure` 500 and `ServiceUnavailableTemporary` 503 name no outcome.
 * No answer at all is ambiguous too, unless the connection was never made.
 */
function mayHaveBeenTaken(p: ParsedError, kind: KmsErrorKind): boolean {
  if (kind === "throttled") return false;
  if (p.statusCode !== undefined) return p.statusCode >= 500;
  if (p.code !== undefined && NOT_SENT_CODES.has(p.code)) return false;
  return kind === "transient" || kind === "unknown";
}

/** The instance-not-found code (the reference's error table; see `classifyError`). */
export const INSTANCE_NOT_FOUND_CODE = "Forbidden.DKMSInstanceNotFound";
/**
 * The tag APIs' answer for an instance not enabled yet (`Uninitialized`); terraform-provider-alicloud
 * ignores it on a new instance's tag read (PR #9320; shared/reference/kms-instance-api.md). Its
 * HTTP status is not documented.
 */
export const UNINITIALIZED_CODE = "Rejected.Uninitialized";

/**
 * Whether `err` refuses a call because the instance is not enabled yet: "no tags" to the tag read,
 * a `conflict` failure to a change.
 */
export function isUninitializedRejection(err: unknown): err is KmsError {
  return err instanceof KmsError && err.code === UNINITIALIZED_CODE;
}

/** The API itself was not found at that address: not the KMS API there. */
const NO_SUCH_API_CODE = /^InvalidAction(\.|$)/i;

/**
 * Classifies a failed call. Not-found is the exact code `Forbidden.DKMSInstanceNotFound` (any HTTP
 * status) and nothing else: not message text nor a bare 404, which a wrong endpoint or path answers
 * for every instance (`unexpected`). Auth codes containing `NotFound`
 * (`InvalidAccessKeyId.NotFound`) are auth.
 * @param p `err` as parsed, when the caller already parsed it.
 */
export function classifyError(err: unknown, p: ParsedError = parseError(err)): KmsErrorKind {
  if (err instanceof KmsError) return err.kind;
  const code = p.code ?? "";
  const status = p.statusCode;
  const message = p.message ?? "";

  if (code === INSTANCE_NOT_FOUND_CODE) return "not-found";
  // Whatever its (undocumented) status: the instance exists and is not enabled yet.
  if (code === UNINITIALIZED_CODE) return "conflict";
  if (code && AUTH_CODE.test(code)) return "auth";
  if (code && NO_SUCH_API_CODE.test(code)) return "unexpected";
  if (code && INVALID_CODE.test(code)) return "invalid";
  if (/Throttling/i.test(code)) return "throttled";
  if (status === 429) return "throttled";
  if (code && TRANSIENT_CODE.test(code)) return "transient";
  if (status !== undefined && status >= 500) return "transient";
  if (NETWORK_CODES.has(code)) return "transient";
  if (p.name === "SyntaxError" || err instanceof SyntaxError) return "transient";
  if (/RequestTimeout/i.test(p.name ?? "") || /(Read|Connect)Timeout/.test(message)) {
    return "transient";
  }
  if (/socket hang up|ECONNRESET|ECONNREFUSED/i.test(message)) return "transient";
  if (/unable to get credentials|InvalidCredentials/i.test(message)) return "auth";

  if (status === 404) return "unexpected";

  if (code && CONFLICT_CODE.test(code)) return "conflict";
  if (status === 409) return "conflict";
  if (status === 401) return "auth";
  if (status !== undefined && status >= 400) return "invalid";
  return "unknown";
}

/** Where a failed call was going: the context a `KmsError` message names. */
export interface CallContext {
  action: string;
  region: string;
  instanceId?: string;
  /** Never to appear in a message (secret key, token, access key id). */
  secrets?: readonly string[];
  /** Named when the answer suggests it is not the KMS API. */
  endpoint?: string;
  /** @default "alicloud-kms:endpoint" */
  endpointSetting?: string;
  /** The API expected at that endpoint. @default "KMS API" */
  api?: string;
}

/**
 * Replaces each secret in `text` with `***`: the redaction of every message that could hold a
 * credential. Any non-empty secret counts: real keys are far longer (access key ids 24 characters,
 * secrets 30), so a short one is a misconfiguration, and a message mangled by masking it is a
 * lesser harm than showing what was typed as a secret.
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join("***");
  return out;
}

/**
 * The suspicion an `unexpected` answer raises, e.g. `the endpoint https://… answered HTTP 200
 * without KmsInstance: it may not be the KMS API (a proxy, or a wrong alicloud-kms:endpoint)`.
 * @param what completes "the endpoint <url> answered …".
 */
export function notKmsApiDetail(
  endpoint: string | undefined,
  what: string,
  setting = "alicloud-kms:endpoint",
  api = "KMS API",
): string {
  return (
    `the endpoint ${endpoint ?? "(unknown)"} answered ${what}: it may not be the ${api} ` +
    `(a proxy, or a wrong ${setting})`
  );
}

function describe(err: unknown, p: ParsedError, kind: KmsErrorKind, ctx: CallContext): string {
  if (p.fromResponse && kind === "unexpected") {
    const said = p.message ? JSON.stringify(p.message) : "without a message";
    return notKmsApiDetail(ctx.endpoint, said, ctx.endpointSetting, ctx.api);
  }
  if (p.fromResponse) return p.message ?? "(the response carried no message)";
  if (p.name === "SyntaxError" || err instanceof SyntaxError) {
    return "the response body was not JSON (a gateway or proxy error page?)";
  }
  if (p.code && NETWORK_CODES.has(p.code)) {
    const what = p.code === "ECONNREFUSED" ? "connection refused" : "connection failed";
    return `${what} (${p.code})`;
  }
  const message = p.message ?? "";
  if (/socket hang up/i.test(message)) return "connection closed by the server (socket hang up)";
  if (/ReadTimeout/.test(message))
    return `no response in time (${message.match(/ReadTimeout\(?\d*\)?/)?.[0]})`;
  if (/ConnectTimeout/.test(message)) return "could not connect in time (ConnectTimeout)";
  if (/unable to get credentials/i.test(message)) {
    // The chain's reasons are useful, but a config-file parse error echoes the file's content.
    const reasons = message.replace(/failed: [\s\S]*$/, "failed (content omitted)");
    return `no Alibaba Cloud credentials: ${reasons}`;
  }
  if (kind === "unknown" && !message) return "unknown error";
  // Keep only the first line and drop any URL query (httpx appends "POST <url> failed.").
  return (message.split("\n")[0] ?? "").replace(/(https?:\/\/[^\s?]*)\?\S*/g, "$1");
}

/** Anything a call threw as a secret-free `KmsError` (a `KmsError` passes unchanged). */
export function toKmsError(err: unknown, ctx: CallContext): KmsError {
  if (err instanceof KmsError) return err;
  const p = parseError(err);
  const kind = classifyError(err, p);
  const isNetworkCode = p.code !== undefined && NETWORK_CODES.has(p.code);
  const secrets = ctx.secrets ?? [];
  return new KmsError({
    kind,
    action: ctx.action,
    region: ctx.region,
    instanceId: ctx.instanceId,
    code: p.code && !isNetworkCode ? redact(p.code, secrets) : undefined,
    statusCode: p.statusCode,
    requestId: p.requestId,
    detail: redact(describe(err, p, kind, ctx), secrets),
    ...(mayHaveBeenTaken(p, kind) ? { maybeTaken: true } : {}),
  });
}
