/**
 * The canonical forms both signature schemes are computed over, exactly as
 * `@alicloud/openapi-util` 1.x builds them (`getAuthorization`, `getRPCSignature`). Pure functions:
 * the server verifies with them and the test/bench signer signs with them.
 */
import { createHash, createHmac } from "node:crypto";
import { unescape as qsUnescape } from "node:querystring";

/** A parameter map without a prototype, so `__proto__` in a query is just a key. */
export type ParamMap = Record<string, string>;

/** Hex SHA-256 of the empty body, the value every body-less request carries. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** `encodeURIComponent` with `! ' ( ) *` also encoded: the reference's `enc`. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/**
 * Decodes `a=b&c=d` (form or query) into a map. `+` is a space, as in form encoding; malformed
 * escapes are kept literally (like `querystring`), so a hostile query never throws.
 */
export function parseParams(
  text: string,
  into: ParamMap = Object.create(null) as ParamMap,
): ParamMap {
  if (text === "") return into;
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? "" : part.slice(eq + 1);
    into[decodeComponent(rawKey)] = decodeComponent(rawValue);
  }
  return into;
}

function decodeComponent(raw: string): string {
  const spaced = raw.indexOf("+") < 0 ? raw : raw.replace(/\+/g, " ");
  return spaced.indexOf("%") < 0 ? spaced : qsUnescape(spaced);
}

/** ACS3 canonical query: keys sorted (JS default sort), raw keys, `enc` values, joined by `&`. */
export function acs3CanonicalQuery(query: ParamMap): string {
  const keys = Object.keys(query).sort();
  let out = "";
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out += "&";
    out += keys[i] + "=" + percentEncode(query[keys[i]]);
  }
  return out;
}

/** ACS3 canonical URI: the path with the client's (first-occurrence) substitutions. */
export function acs3CanonicalUri(path: string): string {
  return path.replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
}

/**
 * Canonical headers for the given names: `name:v1,v2\n` per name in sorted order, values trimmed
 * and sorted, as the client joins case variants of one header.
 */
export function acs3CanonicalHeaders(
  headers: ReadonlyMap<string, string[]>,
  signedNames: readonly string[],
): string {
  let out = "";
  for (const name of signedNames) {
    const values = headers.get(name) ?? [];
    const joined =
      values.length === 1
        ? values[0].trim()
        : values
            .map((v) => v.trim())
            .sort()
            .join(",");
    out += name + ":" + joined + "\n";
  }
  return out;
}

/** The parts an ACS3 canonical request is built from. */
export interface Acs3RequestParts {
  /** HTTP method, upper case. */
  method: string;
  /** The requested path, without the query. */
  path: string;
  /** Decoded query parameters. */
  query: ParamMap;
  /** Lower-cased header name → every value sent under it. */
  headers: ReadonlyMap<string, string[]>;
  /** The signed header names, lower case, sorted. */
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the body (the `x-acs-content-sha256` value). */
  payloadHash: string;
}

/** The ACS3 canonical request string. */
export function acs3CanonicalRequest(parts: Acs3RequestParts): string {
  return (
    parts.method +
    "\n" +
    acs3CanonicalUri(parts.path) +
    "\n" +
    acs3CanonicalQuery(parts.query) +
    "\n" +
    acs3CanonicalHeaders(parts.headers, parts.signedHeaders) +
    "\n" +
    parts.signedHeaders.join(";") +
    "\n" +
    parts.payloadHash
  );
}

/** Hex SHA-256. */
export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** ACS3-HMAC-SHA256 signature (hex) of a canonical request. */
export function acs3Signature(secret: string, canonicalRequest: string): string {
  const stringToSign = "ACS3-HMAC-SHA256\n" + sha256Hex(canonicalRequest);
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}

/**
 * The old RPC (HMAC-SHA1) signature: every parameter but `Signature` (query and form body
 * merged), keys and values `enc`oded and sorted, `METHOD&%2F&enc(canonicalized)`, keyed by
 * `secret + "&"`, base64. The path is always `/` in the string to sign, as in the client.
 */
export function rpcSignature(params: ParamMap, method: string, secret: string): string {
  const keys = Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort();
  let canonical = "";
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) canonical += "&";
    canonical += percentEncode(keys[i]) + "=" + percentEncode(params[keys[i]]);
  }
  const stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonical);
  return createHmac("sha1", secret + "&")
    .update(stringToSign)
    .digest("base64");
}
