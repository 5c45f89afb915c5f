/**
 * The engine's secret wrapper: `{ [SIGNATURE_KEY]: SECRET_SIGNATURE, value }`, the strings being
 * `@pulumi/pulumi/runtime/rpc`'s `specialSigKey` and `specialSecretSig` (pinned by a test).
 * Configure and CheckConfig send secret config values wrapped whatever the provider accepts, and
 * the engine stores plain what the provider answers plain, so every answer wraps again what
 * arrived wrapped (and the config keys the schema calls secret).
 */

/** The signature key of a special Pulumi value. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret. */
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** The value with every secret wrapper (at any depth) replaced by its plain value. */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[SIGNATURE_KEY] === SECRET_SIGNATURE) return unwrapSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
}

/** Whether `value` is, or holds at any depth, a secret wrapper. */
function containsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record[SIGNATURE_KEY] === SECRET_SIGNATURE) return true;
  return Object.values(record).some(containsSecret);
}

/** The top-level keys of a property bag (as received, still wrapped) that hold a secret. */
export function secretKeysIn(raw: Record<string, unknown>): Set<string> {
  return new Set(Object.keys(raw).filter((k) => containsSecret(raw[k])));
}

/**
 * `props` with the values under `keys` wrapped whole as secrets (a secret anywhere inside a value
 * makes all of it secret, which never reveals more). Absent keys stay absent.
 */
export function markSecrets(props: object, keys: Iterable<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...props };
  for (const k of keys) {
    if (out[k] !== undefined && !containsSecret(out[k])) {
      out[k] = { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: out[k] };
    }
  }
  return out;
}
