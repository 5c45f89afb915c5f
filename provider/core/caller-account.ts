/**
 * The caller's account, from STS `GetCallerIdentity`, asked once per provider process for each
 * credential identity and STS endpoint (parallel resources share the one call). It is recorded
 * as `ownerAccountId` and is the first evidence `gone-evidence.ts` weighs. A failure is kept
 * too, so a refresh of many instances does not ask a failing STS once per instance.
 */
import { createHash } from "crypto";
import { endpointUrl } from "../kms/endpoint";
import type { KmsSettings } from "../kms/settings";
import { StsClient, type CallerIdentity } from "../kms/sts-client";

const identities = new Map<string, Promise<CallerIdentity>>();
const warned = new Set<string>();

/** Each settings object's key, computed once: every read asks for the owner (a hash per read). */
const keys = new WeakMap<KmsSettings, string>();

/** The cache key: credential identity (an HMAC fingerprint, never a secret) + STS endpoint. */
function keyOf(settings: KmsSettings): string {
  let key = keys.get(settings);
  if (key === undefined) {
    key = hashKey(settings);
    keys.set(settings, key);
  }
  return key;
}

function hashKey(settings: KmsSettings): string {
  return createHash("sha256")
    .update(
      [
        settings.credentialSource,
        settings.credentialIdentity,
        endpointUrl(settings.stsEndpoint),
      ].join("\0"),
    )
    .digest("hex");
}

/** The caller's identity for `settings`, from the process cache or one STS call. */
export function callerIdentity(settings: KmsSettings): Promise<CallerIdentity> {
  const key = keyOf(settings);
  let pending = identities.get(key);
  if (!pending) {
    pending = new StsClient(settings).getCallerIdentity();
    // Handled here so a failure nobody awaits yet is not an unhandled rejection.
    pending.catch(() => undefined);
    identities.set(key, pending);
  }
  return pending;
}

/**
 * The caller's account to record as `ownerAccountId`, or undefined when STS fails — then a
 * warning (once per process, credentials and STS endpoint) says what is not recorded and why.
 */
export async function ownerToRecord(
  settings: KmsSettings,
  warn: (message: string) => void,
): Promise<string | undefined> {
  try {
    return (await callerIdentity(settings)).accountId;
  } catch (err) {
    const key = keyOf(settings);
    if (!warned.has(key)) {
      warned.add(key);
      warn(ownerNotRecordedMessage(settings, err));
    }
    return undefined;
  }
}

/** The warning when the owner account cannot be read. */
function ownerNotRecordedMessage(settings: KmsSettings, err: unknown): string {
  const setting = settings.stsEndpointSource ?? "alicloud-kms:stsEndpoint";
  const why = err instanceof Error ? err.message : String(err);
  return (
    `the owning account of KMS instances is not recorded (ownerAccountId): STS GetCallerIdentity ` +
    `at ${endpointUrl(settings.stsEndpoint)} failed: ${why}. Until STS answers, an instance ` +
    `that is not found cannot be confirmed gone and stays in state. Set ${setting} (or ` +
    `ALIBABA_CLOUD_STS_ENDPOINT) to an STS endpoint this machine reaches, e.g. ` +
    `https://sts-vpc.{region}.aliyuncs.com`
  );
}

/** Forgets every cached identity and warning (tests; or after credentials were rotated). */
export function clearCallerIdentityCache(): void {
  identities.clear();
  warned.clear();
}
