/**
 * Which requests the unsigned control API accepts. A web page can make a browser send a
 * CORS-"simple" request (GET/POST with a `text/plain`, form or multipart body and no custom
 * header) to any address, loopback included, without asking first. The control API therefore
 * takes only requests a browser would have to preflight: a JSON body, or a custom header. A
 * foreign `Origin` or a non-loopback `Host` (DNS rebinding) is refused outright. The rules follow
 * the Fetch standard's definition of a CORS-safelisted request (https://fetch.spec.whatwg.org/,
 * "CORS-safelisted request-header" and "CORS-safelisted method").
 */

/** The custom header that makes a body-less control request non-simple; its value must be `1`. */
export const CONTROL_HEADER = "x-kms-emulator-control";

/** Headers every body-less control request sends (a JSON body needs `content-type` instead). */
export const CONTROL_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  [CONTROL_HEADER]: "1",
});

/** What the guard looks at: lower-cased header name → every value sent under it. */
export type ControlHeaders = ReadonlyMap<string, readonly string[]>;

/** Why a control request was refused: the HTTP status and a message saying what to send. */
export interface ControlRefusal {
  /** 403 (not allowed) or 415 (a body that is not JSON). */
  status: 403 | 415;
  /** Says what was wrong and what to send instead. */
  error: string;
}

const WHAT_TO_SEND =
  `send the header "${CONTROL_HEADER}: 1" (any method), or a JSON body with ` +
  `"content-type: application/json"`;

/** Whether the request announces a body (a length above 0, or chunked transfer). */
export function announcesBody(headers: ControlHeaders): boolean {
  if (headers.has("transfer-encoding")) return true;
  const length = headers.get("content-length");
  return length !== undefined && length.some((v) => v.trim() !== "0");
}

/** `application/json`, with or without parameters such as `charset=utf-8`; one header only. */
export function isJsonContentType(values: readonly string[] | undefined): boolean {
  if (values === undefined || values.length !== 1) return false;
  return values[0].split(";")[0].trim().toLowerCase() === "application/json";
}

/** A host name that can only mean this machine: `localhost`, `127.0.0.0/8`, `[::1]`. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === "localhost" || h === "[::1]") return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

/** An `Origin` header value naming an http(s) page served from this machine. */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and garbage are not loopback
  }
  return (
    (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHostname(url.hostname)
  );
}

/**
 * A `Host` header value (`host[:port]`) naming this machine. Besides loopback names this takes
 * the unspecified addresses `0.0.0.0` and `[::]`, which Linux connects to this machine: the
 * emulator's own `url` uses them when it listens on every interface. A DNS-rebinding page can
 * only produce its own domain name here, never these.
 */
export function isLoopbackHost(host: string): boolean {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/@?#\s]+)(?::\d{1,5})?$/.exec(host);
  if (m === null) return false;
  return m[1] === "0.0.0.0" || m[1] === "[::]" || isLoopbackHostname(m[1]);
}

/**
 * Decides whether a control request (from a loopback peer) may proceed; undefined when it may.
 * Order: Host, Origin, then the body's content type or the custom header.
 */
export function refuseControlRequest(headers: ControlHeaders): ControlRefusal | undefined {
  const host = headers.get("host");
  // HTTP/1.0 clients may omit Host; a browser always sends it.
  if (host !== undefined && (host.length !== 1 || !isLoopbackHost(host[0]))) {
    return {
      status: 403,
      error: `the control API answers only requests addressed to a loopback host (Host: ${
        host.join(", ") || "(empty)"
      }); use http://127.0.0.1:PORT, http://localhost:PORT or http://[::1]:PORT`,
    };
  }
  const origin = headers.get("origin");
  if (origin !== undefined && !origin.every(isLoopbackOrigin)) {
    return {
      status: 403,
      error:
        `cross-origin control requests are refused (Origin: ${origin.join(", ")}); ` +
        `send the request from a script, curl or a loopback origin, and ${WHAT_TO_SEND}`,
    };
  }
  const json = isJsonContentType(headers.get("content-type"));
  if (announcesBody(headers)) {
    if (json) return undefined;
    return {
      status: 415,
      error:
        `a control request body must be JSON sent with "content-type: application/json" ` +
        `(got ${JSON.stringify(headers.get("content-type")?.join(", ") ?? "no content-type")})`,
    };
  }
  const marker = headers.get(CONTROL_HEADER);
  if (json || (marker !== undefined && marker.length === 1 && marker[0].trim() === "1")) {
    return undefined;
  }
  return {
    status: 403,
    error: `the control API accepts only requests a web page cannot forge: ${WHAT_TO_SEND}`,
  };
}
