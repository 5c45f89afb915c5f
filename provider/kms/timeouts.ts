/**
 * `alicloud-kms:connectTimeoutMs` bounds establishing the connection only,
 * `alicloud-kms:readTimeoutMs` the wait for the whole response once connected.
 *
 * Not `Config.connectTimeout`/`readTimeout` alone: `@alicloud/tea-typescript`'s `doAction` hands
 * both to `httpx.request`, which passes the connect timeout to `http.request` as `timeout`, the
 * socket's *idle* timeout, so a response slower than it failed as `ConnectTimeout`. And httpx's
 * read timer lives on the socket: `tea-util` reads bodies without clearing it, so on a reused
 * keep-alive socket a stale timer can cancel the next request's. So httpx gets backstops
 * (`httpxTimeouts`) and this module enforces both bounds per request: on
 * `http.client.request.start` (Node's `diagnostics_channel`, published when the request body is
 * handed over, while a new socket is still connecting) inside `withTimeouts`, it starts a connect
 * timer on a new socket and a read timer once connected (at once on a reused one), destroying the
 * socket when one expires and recording which.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest, IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { TLSSocket } from "node:tls";
import { CONFIG_KEYS } from "./settings";

/** The two bounds of one API call, and which one expired. */
export interface CallTimeouts {
  /** TCP, and TLS for HTTPS. */
  readonly connectTimeoutMs: number;
  /** Headers and body, once connected. */
  readonly readTimeoutMs: number;
  expired?: "connect" | "read";
}

/** E.g. "no response within the read timeout of 10000 ms (alicloud-kms:readTimeoutMs)". */
export function timeoutDetail(which: "connect" | "read", timeoutMs: number): string {
  return which === "connect"
    ? `could not connect within the connect timeout of ${timeoutMs} ms (${CONFIG_KEYS.connectTimeoutMs})`
    : `no response within the read timeout of ${timeoutMs} ms (${CONFIG_KEYS.readTimeoutMs})`;
}

/**
 * `Config.connectTimeout`/`readTimeout`: backstops that fire only if the guard here did not
 * (httpx's "connect" one is the socket idle timeout, so it must outlast a connect plus a read).
 */
export function httpxTimeouts(t: Pick<CallTimeouts, "connectTimeoutMs" | "readTimeoutMs">): {
  connectTimeout: number;
  readTimeout: number;
} {
  const margin = 1000;
  return {
    connectTimeout: t.connectTimeoutMs + t.readTimeoutMs + 2 * margin,
    readTimeout: t.readTimeoutMs + margin,
  };
}

const current = new AsyncLocalStorage<CallTimeouts>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  subscribe("http.client.request.start", (message) => {
    const bounds = current.getStore();
    if (!bounds) return;
    const { request } = message as { request: ClientRequest };
    // Published when the request is ended, which is after the socket was assigned (still
    // connecting, for a new one); wait for the socket in case a future Node publishes earlier.
    if (request.socket) guard(request, request.socket, bounds);
    else request.once("socket", (socket: Socket) => guard(request, socket, bounds));
  });
}

function guard(request: ClientRequest, socket: Socket, bounds: CallTimeouts): void {
  // For HTTPS the connection is established when the TLS handshake is done.
  const connectedEvent = socket instanceof TLSSocket ? "secureConnect" : "connect";
  let timer: NodeJS.Timeout | undefined;
  const expire = (which: "connect" | "read", ms: number) => (): void => {
    // The caller reads `bounds.expired`; the error only ends the request.
    bounds.expired = which;
    socket.destroy(new Error(timeoutDetail(which, ms)));
  };
  const startRead = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(expire("read", bounds.readTimeoutMs), bounds.readTimeoutMs);
  };
  // A keep-alive socket outlives the request: take every listener off it when the request ends.
  const stop = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    socket.removeListener(connectedEvent, startRead);
    socket.removeListener("close", stop);
  };
  request.once("response", (res: IncomingMessage) => res.once("end", stop));
  request.once("close", stop);
  socket.once("close", stop);
  if (socket.connecting) {
    timer = setTimeout(expire("connect", bounds.connectTimeoutMs), bounds.connectTimeoutMs);
    socket.once(connectedEvent, startRead);
  } else {
    startRead();
  }
}

/** Runs `fn` (one API call) with `bounds` on every HTTP request it starts (sets `expired`). */
export function withTimeouts<T>(bounds: CallTimeouts, fn: () => Promise<T>): Promise<T> {
  install();
  return current.run(bounds, fn);
}
