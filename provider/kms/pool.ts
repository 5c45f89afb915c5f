/**
 * One `KmsClient` per region, endpoint and credential identity per process. Connection reuse
 * needs nothing more: `@alicloud/tea-typescript`'s `doAction` passes no agent unless a
 * runtime sets `keepAlive` (openapi-client never does), so `httpx` uses its module-wide
 * `new http(s).Agent({ keepAlive: true })` — every client in the process shares those sockets.
 * Credential chains are shared per identity whether clients are pooled or not (credentials.ts),
 * and every client paces through the one process limiter (limiter.ts).
 */
import { createHash } from "crypto";
import { KmsClient } from "./client";
import { clearSharedCredentials } from "./credentials";
import type { KmsSettings } from "./settings";

const pool = new Map<string, KmsClient>();

/**
 * The pool key of `settings`. The credential part is the settings' HMAC fingerprint, never a
 * raw secret; the whole key is hashed again so it can be logged.
 */
export function poolKey(settings: KmsSettings): string {
  const parts = [
    settings.region,
    settings.endpoint.protocol,
    settings.endpoint.endpoint,
    settings.endpoint.pathname,
    settings.credentialSource,
    settings.credentialIdentity,
    String(settings.readTimeoutMs),
    String(settings.connectTimeoutMs),
    String(settings.retryTimeoutMs),
  ];
  return createHash("sha256").update(parts.join("\0")).digest("hex");
}

/** The shared client for `settings`, created on first use. */
export function getKmsClient(settings: KmsSettings): KmsClient {
  const key = poolKey(settings);
  let client = pool.get(key);
  if (!client) {
    client = new KmsClient(settings);
    pool.set(key, client);
  }
  return client;
}

/** How many clients the pool holds (for tests and diagnostics). */
export function kmsClientPoolSize(): number {
  return pool.size;
}

/**
 * Empties the pool and forgets the shared credential chains (tests; or after credentials were
 * rotated in-process).
 */
export function clearKmsClientPool(): void {
  pool.clear();
  clearSharedCredentials();
}
