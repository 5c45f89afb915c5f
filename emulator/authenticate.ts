/**
 * Request authentication, as the Alibaba Cloud gateway does it: ACS3-HMAC-SHA256 (Authorization
 * header over the canonical request) or the older HMAC-SHA1 RPC query signature, plus STS tokens,
 * a 15-minute date window and single-use nonces. Throws {@link ApiError}; returns who signed.
 */
import { timingSafeEqual } from "node:crypto";
import { errors } from "./api-error";
import {
  EMPTY_SHA256,
  acs3CanonicalRequest,
  acs3Signature,
  rpcSignature,
  sha256Hex,
  type ParamMap,
} from "./canonical";
import type { KeyStore, KnownKey } from "./credentials";
import { NonceStore, REPLAY_WINDOW_MS } from "./nonce-store";

/** What the HTTP layer hands to authentication. */
export interface IncomingSigned {
  /** HTTP method, upper case. */
  method: string;
  /** The path as requested (without the query). */
  path: string;
  /** Decoded query parameters. */
  query: ParamMap;
  /** Query and form-body parameters merged (body wins). */
  params: ParamMap;
  /** Lower-cased header name → every value. */
  headers: ReadonlyMap<string, string[]>;
  /** The raw body bytes. */
  body: Buffer;
}

/** An authenticated request's action, version and signer. */
export interface Authenticated {
  /** The requested action (`x-acs-action` or `Action`). */
  action: string;
  /** The requested version (`x-acs-version` or `Version`). */
  version: string;
  /** Who signed it. */
  accessKeyId: string;
}

const ACS3_AUTH =
  /^([A-Z0-9-]+) Credential=([^,\s]*),SignedHeaders=([^,\s]*),Signature=([0-9a-fA-F]*)$/;
const ISO_SECOND = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** Headers every ACS3 request must carry (and therefore sign). */
const REQUIRED_SIGNED = ["host", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce"];

/** Whether the reference's rule requires this header to be signed when present. */
function mustBeSigned(name: string): boolean {
  return name === "host" || name === "content-type" || name.startsWith("x-acs-");
}

/** Reads the action/version without verifying anything (for logs and fault filters). */
export function peekAction(req: Pick<IncomingSigned, "headers" | "params">): string {
  return req.headers.get("x-acs-action")?.[0] ?? req.params.Action ?? "";
}

/** Verifies signatures for one emulator. */
export class Authenticator {
  constructor(
    private readonly keys: KeyStore,
    /** Shared with the `--state` nonce journal, which persists it. */
    private readonly nonces: NonceStore = new NonceStore(),
  ) {}

  /** Verifies the request; throws the gateway's error when it does not pass. */
  authenticate(req: IncomingSigned, nowMs: number): Authenticated {
    const authorization = req.headers.get("authorization");
    if (authorization !== undefined) return this.acs3(req, authorization, nowMs);
    if (req.params.Signature !== undefined) return this.rpc(req, nowMs);
    throw errors.incompleteSignature("The Authorization header is missing.");
  }

  private acs3(req: IncomingSigned, authorization: string[], nowMs: number): Authenticated {
    if (authorization.length !== 1) {
      throw errors.incompleteSignature("More than one Authorization header.");
    }
    const m = ACS3_AUTH.exec(authorization[0]);
    if (!m) throw errors.incompleteSignature("The Authorization header is malformed.");
    const [, algorithm, accessKeyId, signedList, signature] = m;
    if (algorithm !== "ACS3-HMAC-SHA256") throw errors.unsupportedSignatureMethod(algorithm);
    if (accessKeyId === "") throw errors.incompleteSignature("Credential is empty.");
    if (signature.length !== 64) throw errors.incompleteSignature("Signature is malformed.");

    const signedHeaders = signedList === "" ? [] : signedList.split(";");
    const signedSet = new Set(signedHeaders);
    if (signedSet.size !== signedHeaders.length) {
      throw errors.incompleteSignature("SignedHeaders lists a header twice.");
    }
    for (const name of signedHeaders) {
      if (name !== name.toLowerCase() || !req.headers.has(name)) {
        throw errors.incompleteSignature(`Signed header ${name} is not in the request.`);
      }
    }
    for (const name of req.headers.keys()) {
      if (mustBeSigned(name) && !signedSet.has(name)) {
        throw errors.incompleteSignature(`Header ${name} must be signed.`);
      }
    }
    for (const name of REQUIRED_SIGNED) {
      if (!req.headers.has(name)) throw errors.incompleteSignature(`Header ${name} is required.`);
    }
    const action = single(req, "x-acs-action");
    const version = single(req, "x-acs-version");
    if (action === undefined) throw errors.missingParameter("Action");
    if (version === undefined) throw errors.missingParameter("Version");

    checkDate(single(req, "x-acs-date") ?? "", nowMs);
    const key = this.lookup(accessKeyId);
    this.checkToken(key, single(req, "x-acs-security-token"));
    const headerKeyId = single(req, "x-acs-accesskey-id");
    if (headerKeyId !== undefined && headerKeyId !== accessKeyId) throw errors.stsMismatch();

    const payloadHash = (single(req, "x-acs-content-sha256") ?? "").toLowerCase();
    const bodyHash = req.body.length === 0 ? EMPTY_SHA256 : sha256Hex(req.body);
    if (payloadHash !== bodyHash) {
      throw errors.signatureMismatch("x-acs-content-sha256 does not match the request body.");
    }
    const expected = acs3Signature(
      key.secret,
      acs3CanonicalRequest({
        method: req.method,
        path: req.path,
        query: req.query,
        headers: req.headers,
        signedHeaders,
        payloadHash,
      }),
    );
    if (!sameText(expected, signature.toLowerCase())) throw errors.signatureMismatch();
    this.useNonce(single(req, "x-acs-signature-nonce") ?? "", nowMs);
    return { action, version, accessKeyId };
  }

  private rpc(req: IncomingSigned, nowMs: number): Authenticated {
    const p = req.params;
    for (const name of ["AccessKeyId", "SignatureNonce", "Timestamp", "Action", "Version"]) {
      if (p[name] !== undefined && p[name] !== "") continue;
      // The reference's only documented error for GetKmsInstance: 400 IllegalTimestamp.
      throw name === "Timestamp" ? errors.illegalTimestamp() : errors.missingParameter(name);
    }
    const method = p.SignatureMethod ?? "";
    if (method !== "HMAC-SHA1") throw errors.unsupportedSignatureMethod(method);
    if (p.SignatureVersion !== undefined && p.SignatureVersion !== "1.0") {
      throw errors.invalidParameter("SignatureVersion");
    }
    checkDate(p.Timestamp, nowMs);
    const key = this.lookup(p.AccessKeyId);
    this.checkToken(key, p.SecurityToken);
    const expected = rpcSignature(p, req.method, key.secret);
    if (!sameText(expected, p.Signature)) throw errors.signatureMismatch();
    this.useNonce(p.SignatureNonce, nowMs);
    return { action: p.Action, version: p.Version, accessKeyId: p.AccessKeyId };
  }

  private lookup(accessKeyId: string): KnownKey {
    const key = this.keys.lookup(accessKeyId);
    if (!key) throw errors.unknownAccessKey();
    return key;
  }

  /** STS: a token must be present exactly for STS keys and issued for this very key. */
  private checkToken(key: KnownKey, token: string | undefined): void {
    if (token === undefined || token === "") {
      if (key.tokens) throw errors.stsMissing();
      return;
    }
    if (key.tokens?.has(token)) return;
    throw this.keys.isIssuedToken(token) ? errors.stsMismatch() : errors.stsMalformed();
  }

  private useNonce(nonce: string, nowMs: number): void {
    if (nonce === "") throw errors.missingParameter("SignatureNonce");
    if (!this.nonces.use(nonce, nowMs)) throw errors.nonceUsed();
  }
}

/** The one value of a header; a repeated single-valued header is malformed. */
function single(req: IncomingSigned, name: string): string | undefined {
  const values = req.headers.get(name);
  if (values === undefined) return undefined;
  if (values.length !== 1) throw errors.incompleteSignature(`Header ${name} is repeated.`);
  return values[0];
}

/** The last date string that parsed, and its time: dates repeat for a whole second of requests. */
let lastDate = { text: "", ms: 0 };

function checkDate(value: string, nowMs: number): void {
  let t: number;
  if (value === lastDate.text) {
    t = lastDate.ms;
  } else {
    const m = ISO_SECOND.exec(value);
    t = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
    if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 19) + "Z" !== value) {
      throw errors.timestampFormat(value);
    }
    lastDate = { text: value, ms: t };
  }
  if (Math.abs(nowMs - t) > REPLAY_WINDOW_MS) throw errors.timestampExpired();
}

function sameText(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
