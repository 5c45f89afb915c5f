/**
 * A client-side ACS3-HMAC-SHA256 signer producing what `@alicloud/openapi-client` sends, for raw
 * HTTP tests (skewed dates, replayed nonces, tampered queries) and for the benchmark's load
 * generator, which must not spend its time in the full client.
 */
import { randomBytes } from "node:crypto";
import { stringify } from "node:querystring";
import {
  EMPTY_SHA256,
  acs3CanonicalRequest,
  acs3Signature,
  sha256Hex,
  type ParamMap,
} from "./canonical";

/** What to sign. */
export interface Acs3SignInput {
  /** `host[:port]` as the client sends it. */
  host: string;
  /** The request path, e.g. `/cn-hangzhou`. @default "/" */
  path?: string;
  /** @default "POST" */
  method?: string;
  /** The action (`x-acs-action`). */
  action: string;
  /** @default "2016-01-20" */
  version?: string;
  /** Query parameters (already flattened). */
  query?: Record<string, string>;
  /** A form body (flattened), sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** Signer. */
  accessKeyId: string;
  /** Signing secret. */
  accessKeySecret: string;
  /** STS token, when the key is an STS key. */
  securityToken?: string;
  /** `x-acs-date`. @default now */
  date?: Date;
  /** `x-acs-signature-nonce`. @default 32 random hex digits */
  nonce?: string;
  /** More headers (signed when their names are host/content-type/x-acs-*). */
  headers?: Record<string, string>;
}

/** A signed request ready to send. */
export interface SignedRequest {
  /** Method. */
  method: string;
  /** Path plus `?` and the wire query (written like Node's `querystring`, as the client does). */
  pathWithQuery: string;
  /** Every header to send, `authorization` included. */
  headers: Record<string, string>;
  /** The body (empty without a form). */
  body: string;
}

/** Formats a date as `x-acs-date` wants it: `YYYY-MM-DDTHH:mm:ssZ`. */
export function acsDate(d: Date): string {
  return d.toISOString().slice(0, 19) + "Z";
}

/** Signs one request exactly as `@alicloud/openapi-client` `doRequest` would. */
export function signAcs3(input: Acs3SignInput): SignedRequest {
  const method = input.method ?? "POST";
  const path = input.path ?? "/";
  const query = Object.assign(Object.create(null) as ParamMap, input.query ?? {});
  const body = input.form ? stringify(input.form) : "";
  const headers: Record<string, string> = {
    host: input.host,
    "x-acs-version": input.version ?? "2016-01-20",
    "x-acs-action": input.action,
    "x-acs-date": acsDate(input.date ?? new Date()),
    "x-acs-signature-nonce": input.nonce ?? randomBytes(16).toString("hex"),
    accept: "application/json",
    "x-acs-content-sha256": body === "" ? EMPTY_SHA256 : sha256Hex(body),
    ...(input.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    ...(input.securityToken
      ? { "x-acs-accesskey-id": input.accessKeyId, "x-acs-security-token": input.securityToken }
      : {}),
    ...input.headers,
  };
  const byName = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === "host" || lower === "content-type" || lower.startsWith("x-acs-")) {
      byName.set(lower, [...(byName.get(lower) ?? []), value]);
    }
  }
  const signedHeaders = [...byName.keys()].sort();
  const signature = acs3Signature(
    input.accessKeySecret,
    acs3CanonicalRequest({
      method,
      path,
      query,
      headers: byName,
      signedHeaders,
      payloadHash: headers["x-acs-content-sha256"],
    }),
  );
  headers.authorization =
    `ACS3-HMAC-SHA256 Credential=${input.accessKeyId},SignedHeaders=${signedHeaders.join(";")},` +
    `Signature=${signature}`;
  const wire = stringify(input.query ?? {});
  return { method, pathWithQuery: wire ? `${path}?${wire}` : path, headers, body };
}
