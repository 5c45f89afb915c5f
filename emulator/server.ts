/**
 * The emulator's HTTP server: one port, the region chosen by the path (`POST /<regionId>`, or `/`
 * for the default region), the control API under `/_emulator/`. Every signed request is
 * authenticated, passed through fault injection, dispatched to its action and recorded; every
 * failure, however malformed the request, is answered with an Alibaba-style JSON error.
 */
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { JsonText } from "./action-context";
import { ACTIONS, ACTIONS_BY_VERSION } from "./actions";
import { ApiError, errorBody, errors } from "./api-error";
import { Authenticator, peekAction, type Authenticated } from "./authenticate";
import { parseParams, type ParamMap } from "./canonical";
import { createControl } from "./control";
import { handleControl } from "./control-routes";
import {
  KeyStore,
  OTHER_ACCOUNT_KEY,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  TEST_STS,
} from "./credentials";
import { EMULATOR_ACCOUNT_ID } from "./default-seed";
import { FaultInjector } from "./faults";
import { headerMap, readBody, sendJson, MAX_BODY_BYTES } from "./http-util";
import { REGION_ID } from "./instance-schema";
import { EmulatorStartError } from "./start-error";
import { InstanceStore } from "./instance-store";
import { NonceJournal, nonceJournalPath } from "./nonce-journal";
import { NonceStore } from "./nonce-store";
import { RequestRecorder } from "./request-recorder";
import { validateRequest } from "./contract-validation";
import { resolveSeed } from "./seed";
import { BSS_API_VERSION } from "./bss-actions";
import { emulatorRoleArn } from "./sts-actions";
import type {
  AccessKeyPair,
  EmulatorOptions,
  EmulatorTlsEndpoint,
  RequestLogEntry,
  RunningEmulator,
} from "./types";
import type { RoleSessions } from "./action-context";

/** Default region served by `POST /`. */
export const DEFAULT_REGION = "cn-hangzhou";

/** Default delay of `Connecting → Connected`. */
export const DEFAULT_CONNECT_DELAY_MS = 2000;

const HTML_502 =
  "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";

/**
 * Starts an emulator. Rejects with an `EmulatorStartError`: kind `configuration` for a bad
 * default region, seed or state file (`SeedFileError`, `StateFileError`), `listen` when the port
 * is taken.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const defaultRegion = options.defaultRegion ?? DEFAULT_REGION;
  if (!REGION_ID.test(defaultRegion)) {
    throw new EmulatorStartError(
      "configuration",
      `invalid default region ${JSON.stringify(defaultRegion)}`,
    );
  }
  const store = new InstanceStore(resolveSeed(options.seed), options.statePath);
  const nonces = new NonceStore();
  if (options.statePath) {
    NonceJournal.open(nonceJournalPath(options.statePath), nonces, Date.now());
  }
  const accessKeys: AccessKeyPair[] = options.accessKeys ?? [
    { accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: TEST_ACCESS_KEY_SECRET },
  ];
  const stsTokens = [TEST_STS, ...(options.stsTokens ?? [])];
  const keys = new KeyStore(accessKeys, stsTokens);
  const roles = roleSessions(
    keys,
    options.roles ??
      [...accessKeys, ...stsTokens, OTHER_ACCOUNT_KEY].map((k) =>
        emulatorRoleArn(k.accountId ?? EMULATOR_ACCOUNT_ID),
      ),
  );
  const faults = new FaultInjector();
  const recorder = new RequestRecorder();
  const control = createControl(store, faults, recorder);
  const api = new SignedApi({
    store,
    keys,
    auth: new Authenticator(keys, nonces),
    faults,
    recorder,
    defaultRegion,
    connectDelayMs: options.connectDelayMs ?? DEFAULT_CONNECT_DELAY_MS,
    log: options.log,
    roles,
  });

  const listener: http.RequestListener = (req, res) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    if (path === "/_emulator" || path.startsWith("/_emulator/")) {
      void handleControl(control, req, res, path);
    } else {
      api.handle(req, res, path, q < 0 ? "" : url.slice(q + 1));
    }
  };
  const server = http.createServer({ keepAliveTimeout: 5000 }, listener);
  const servers: http.Server[] = [server];
  const hostPart = host.includes(":") ? `[${host}]` : host;
  const port = await listen(server, options.port ?? 0, host);
  let tls: EmulatorTlsEndpoint | undefined;
  if (options.tls) {
    let secure: https.Server;
    try {
      secure = https.createServer(
        { keepAliveTimeout: 5000, cert: options.tls.cert, key: options.tls.key },
        listener,
      );
    } catch (err) {
      server.close();
      const why = err instanceof Error ? err.message : String(err);
      throw new EmulatorStartError("configuration", `invalid TLS certificate or key: ${why}`, {
        cause: err,
      });
    }
    servers.push(secure);
    try {
      const tlsPort = await listen(secure, options.tls.port ?? 0, host);
      tls = { url: `https://${hostPart}:${tlsPort}`, endpoint: `${hostPart}:${tlsPort}` };
    } catch (err) {
      server.close();
      throw err;
    }
  }
  const url = `http://${hostPart}:${port}`;
  return {
    url,
    endpoint: `${hostPart}:${port}`,
    regionUrl: (region: string) => `${url}/${region}`,
    endpointTemplate: `${url}/{region}`,
    control,
    ...(tls ? { tls } : {}),
    issuedSessions: () => keys.issuedSessions(),
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}

/** Listens on `port` (0: any free one) and answers the port; a taken port is a `listen` error. */
async function listen(server: http.Server, port: number, host: string): Promise<number> {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) =>
    answerClientError(err, socket),
  );
  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error): void =>
      reject(new EmulatorStartError("listen", err.message, { cause: err }));
    server.once("error", failed);
    server.listen(port, host, () => {
      server.off("error", failed);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** The emulator's roles (ARNs compared with the role name case-folded, as RAM names are). */
function roleSessions(keys: KeyStore, arns: readonly string[]): RoleSessions {
  const fold = (arn: string): string => {
    const i = arn.lastIndexOf("/");
    return i < 0 ? arn : arn.slice(0, i + 1) + arn.slice(i + 1).toLowerCase();
  };
  const known = new Set(arns.map(fold));
  return {
    exists: (arn) => known.has(fold(arn)),
    issue: (accountId, roleArn, sessionName, durationSeconds, nowMs) =>
      keys.issue(accountId, roleArn, sessionName, durationSeconds, nowMs),
  };
}

/** Malformed HTTP (garbage request line or headers) still gets a JSON error. */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooBig = err.code === "HPE_HEADER_OVERFLOW";
  const apiErr = tooBig
    ? new ApiError(431, "RequestHeaderFieldsTooLarge", "The request headers are too large.")
    : new ApiError(400, "MalformedRequest", "The HTTP request could not be parsed.");
  const body = errorBody(apiErr, randomUUID().toUpperCase(), "");
  socket.end(
    `HTTP/1.1 ${apiErr.status} ${tooBig ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
      "Content-Type: application/json;charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

interface SignedApiDeps {
  store: InstanceStore;
  keys: KeyStore;
  auth: Authenticator;
  faults: FaultInjector;
  recorder: RequestRecorder;
  defaultRegion: string;
  connectDelayMs: number;
  log?: (line: string) => void;
  roles: RoleSessions;
}

/** One signed API request on its way through the pipeline. */
interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  path: string;
  rawQuery: string;
  started: number;
  time: Date;
  requestId: string;
  headers: Map<string, string[]>;
  action: string;
  /** The API version the request names (`""` until its parameters are read). */
  version: string;
  region: string;
  params?: ParamMap;
  status: number;
  code?: string;
}

const NO_BODY = Buffer.alloc(0);

/** Whether the request announces a body (most API calls carry none: parameters are in the query). */
function hasBody(headers: Map<string, string[]>): boolean {
  const length = headers.get("content-length");
  return headers.has("transfer-encoding") || (length !== undefined && length[0] !== "0");
}

/** The signed API (KMS, STS and BSS) on one server. */
class SignedApi {
  constructor(private readonly d: SignedApiDeps) {}

  /** Entry point; synchronous for body-less requests, which is the hot path. */
  handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    rawQuery: string,
  ): void {
    const x: Exchange = {
      req,
      res,
      path,
      rawQuery,
      started: performance.now(),
      time: new Date(),
      requestId: randomUUID().toUpperCase(),
      // Built from rawHeaders once; `req.headers` is never touched, which spares Node building it.
      headers: headerMap(req),
      action: "",
      version: "",
      region: "",
      status: 200,
    };
    try {
      x.region = this.region(path);
      const method = req.method ?? "";
      if (method !== "POST" && method !== "GET") throw errors.unsupportedMethod(method);
    } catch (err) {
      this.fail(x, err);
      return;
    }
    if (!hasBody(x.headers)) {
      this.process(x, NO_BODY);
      return;
    }
    void readBody(req).then((body) => {
      if (body === "too-large") this.fail(x, errors.bodyTooLarge(MAX_BODY_BYTES));
      else this.process(x, body);
    });
  }

  /** Parameters, authentication and faults; then the action (after any injected latency). */
  private process(x: Exchange, body: Buffer): void {
    try {
      const query = parseParams(x.rawQuery);
      let params = query;
      const contentType = x.headers.get("content-type")?.[0] ?? "";
      if (body.length > 0 && contentType.startsWith("application/x-www-form-urlencoded")) {
        params = parseParams(
          body.toString("utf8"),
          Object.assign(Object.create(null) as ParamMap, query),
        );
      }
      x.params = params;
      const headers = x.headers;
      x.action = peekAction({ headers, params });
      x.version = headers.get("x-acs-version")?.[0] ?? params.Version ?? "";
      const method = x.req.method ?? "";
      const who = this.d.auth.authenticate(
        { method, path: x.path, query, params, headers, body },
        x.time.getTime(),
      );
      x.action = who.action;
      x.version = who.version;
      const latency = this.d.faults.latencyFor(x.action);
      if (latency > 0) setTimeout(() => this.dispatch(x, who), latency);
      else this.dispatch(x, who);
    } catch (err) {
      this.fail(x, err);
    }
  }

  /** Destroys the socket without an answer, logging the request as status 0 with `code`. */
  private dropConnection(x: Exchange, code: string): void {
    x.status = 0;
    x.code = code;
    x.req.socket.destroy();
    this.record(x);
  }

  private dispatch(x: Exchange, who: Authenticated): void {
    try {
      const fault = this.d.faults.decide(x.action, Date.now());
      if (fault.kind === "reset") {
        this.dropConnection(x, "ConnectionReset");
        return;
      }
      if (fault.kind === "html") {
        x.status = 502;
        x.res.writeHead(502, {
          "content-type": "text/html",
          "content-length": Buffer.byteLength(HTML_502),
        });
        x.res.end(HTML_502);
        this.record(x);
        return;
      }
      if (fault.kind === "ok") {
        // What a proxy or a misrouted endpoint answers: a 200 that is not the service's, so no
        // x-acs-request-id either.
        x.status = 200;
        x.code = "InjectedOkBody";
        sendJson(x.res, 200, fault.body);
        this.record(x);
        return;
      }
      if (fault.kind === "error") throw fault.error;
      // The version selects the API (KMS, STS, BSS); an unknown version is looked up as KMS's.
      const api = ACTIONS_BY_VERSION.get(who.version);
      const handler = (api ?? ACTIONS).get(x.action);
      if (!handler) throw errors.unknownAction();
      if (!api) throw errors.invalidVersion();
      validateRequest(who.version, x.action, x.params as ParamMap);
      const caller = this.d.keys.callerOf(who.accessKeyId);
      const result = handler({
        params: x.params as ParamMap,
        region: x.region,
        requestId: x.requestId,
        nowMs: Date.now(),
        store: this.d.store.viewFor(caller.accountId),
        caller,
        site: this.d.store.siteOf(caller.accountId),
        connectDelayMs: this.d.connectDelayMs,
        roles: this.d.roles,
      });
      const text = result instanceof JsonText ? result.text : JSON.stringify(result);
      const after = this.d.faults.afterAction(x.action);
      if (after.kind === "reset") {
        // The action ran (the change is made); the answer is lost.
        this.dropConnection(x, "ConnectionResetAfterAction");
        return;
      }
      const answer = (): void => {
        sendJson(x.res, 200, text, { "x-acs-request-id": x.requestId });
        this.record(x);
      };
      if (after.kind === "delay") setTimeout(answer, after.ms);
      else answer();
    } catch (err) {
      this.fail(x, err);
    }
  }

  /** Answers an error (any non-ApiError is a bug, answered as InternalFailure) and records it. */
  private fail(x: Exchange, err: unknown): void {
    const apiErr = err instanceof ApiError ? err : errors.internal();
    if (!(err instanceof ApiError) && this.d.log) {
      this.d.log(`internal error: ${(err as Error).stack ?? String(err)}`);
    }
    x.status = apiErr.status;
    x.code = apiErr.code;
    sendJson(
      x.res,
      apiErr.status,
      errorBody(
        apiErr,
        x.requestId,
        x.headers.get("host")?.[0] ?? "",
        x.version === BSS_API_VERSION ? "BssOpenApi" : "Kms",
      ),
      {
        "x-acs-request-id": x.requestId,
      },
    );
    this.record(x);
  }

  private record(x: Exchange): void {
    const ms = performance.now() - x.started;
    const instanceId = x.params
      ? (x.params.KmsInstanceId ?? x.params["ResourceId.1"] ?? x.params.InstanceIDs?.split(",")[0])
      : undefined;
    const entry: RequestLogEntry = {
      time: x.time.toISOString(),
      action: x.action,
      region: x.region,
      status: x.status,
      ms: Math.round(ms * 1000) / 1000,
    };
    if (instanceId !== undefined) entry.instanceId = instanceId;
    if (x.code !== undefined) entry.code = x.code;
    if (x.params) entry.params = recordedParams(x.params);
    this.d.recorder.record(entry);
    if (this.d.log) {
      this.d.log(
        `${entry.time} ${x.action || "-"} ${x.region || "-"} ${instanceId ?? "-"} ${x.status}` +
          `${x.code ? " " + x.code : ""} ${ms.toFixed(1)}ms`,
      );
    }
  }

  /** `/` → default region; `/<id>` or `/<id>/` → that region; anything else is invalid. */
  private region(path: string): string {
    if (path === "/") return this.d.defaultRegion;
    const end = path.endsWith("/") ? path.length - 1 : path.length;
    const candidate = path.slice(1, end);
    if (!REGION_ID.test(candidate)) throw errors.invalidRegionId();
    return candidate;
  }
}

// Never recorded: the old signature's credentials and signature (the request log is served on
// the control API and may be printed).
const UNRECORDED = new Set(["AccessKeyId", "SecurityToken", "Signature"]);

/** The parameters of a request as the log keeps them: own properties, credentials left out. */
function recordedParams(params: ParamMap): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter(
      (e): e is [string, string] => typeof e[1] === "string" && !UNRECORDED.has(e[0]),
    ),
  );
}
