/**
 * Credentials of settings with `assumeRole`: `@alicloud/credentials`' `RAMRoleARNCredentialsProvider`
 * on top of the source credentials (static keys, the named profile or the default chain), calling
 * STS `AssumeRole` at the settings' STS endpoint and refreshing the session before it ends.
 *
 * The role's temporary keys live only inside that provider (and the openapi client's signing): no
 * settings object, message or log line holds them. A failure is one sentence naming the role,
 * where it came from and the STS endpoint, with the service's code and request id, scrubbed of
 * every credential string the source handed out.
 */
import {
  CredentialsProvider,
  RAMRoleARNCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
} from "@alicloud/credentials";
import { assumeRoleStsHost } from "./assume-role";
import { chainCredentials, onClearSharedCredentials, SharedCredentials } from "./credentials";
import { KmsSettings, secretsOf, staticKeysOf } from "./settings";

type Credentials = Awaited<ReturnType<CredentialsProvider["getCredentials"]>>;

/** A failure of the source credentials (not of STS). */
class SourceCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceCredentialsError";
  }
}

/** The source credentials, noting every string it hands out (for scrubbing) and its failures. */
class WatchedSource implements CredentialsProvider {
  /** Credential strings handed out so far: never to appear in a message. */
  readonly seen = new Set<string>();

  constructor(private readonly inner: CredentialsProvider) {}

  getCredentials = async (): Promise<Credentials> => {
    let c: Credentials;
    try {
      c = await this.inner.getCredentials();
    } catch (err) {
      throw new SourceCredentialsError(err instanceof Error ? err.message : String(err));
    }
    for (const s of [c.accessKeyId, c.accessKeySecret, c.securityToken]) {
      if (typeof s === "string" && s.length > 0) this.seen.add(s);
    }
    return c;
  };

  getProviderName = (): string => this.inner.getProviderName();
}

/** The source credentials of `settings`, as a provider. */
function sourceOf(settings: KmsSettings): CredentialsProvider {
  const keys = staticKeysOf(settings);
  if (!keys) return chainCredentials(settings);
  return keys.securityToken
    ? StaticSTSCredentialsProvider.builder()
        .withAccessKeyId(keys.accessKeyId)
        .withAccessKeySecret(keys.accessKeySecret)
        .withSecurityToken(keys.securityToken)
        .build()
    : StaticAKCredentialsProvider.builder()
        .withAccessKeyId(keys.accessKeyId)
        .withAccessKeySecret(keys.accessKeySecret)
        .build();
}

/** Replaces every occurrence of each secret by `***`. */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join("***");
  return out;
}

/**
 * What went wrong with STS, from the library's error: the service's `Code`, `Message` (without
 * the "server string to sign", which names the access key id) and `RequestId` when it answered
 * JSON; else the library's or the network's own words.
 */
export function stsFailureDetail(message: string): string {
  const body = /^refresh session token failed: ([\s\S]*)$/.exec(message)?.[1];
  if (body !== undefined) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const code = typeof parsed.Code === "string" ? parsed.Code : "an error";
      const text =
        typeof parsed.Message === "string" ? parsed.Message.split(" server string")[0] : "";
      const id = typeof parsed.RequestId === "string" ? ` (request id ${parsed.RequestId})` : "";
      return `STS answered ${code}${text ? `: ${text}` : ""}${id}`;
    } catch {
      return "STS answered an error that is not JSON (is the STS endpoint right?)";
    }
  }
  if (/unmarshal fail/.test(message)) {
    return "STS answered a body that is not JSON (is the STS endpoint right?)";
  }
  if (/fail to get credentials/.test(message)) {
    return "STS answered without Credentials (is the STS endpoint right?)";
  }
  // httpx appends the whole request URL (signature, access key id, nonce): keep only the reason.
  const network = /^(?:\w*Error: )?([\s\S]*?)(?:POST|GET) https?:\/\/\S* failed\.?$/.exec(message);
  if (network) return network[1].trim() || "the request failed";
  return message;
}

const byIdentity = new Map<string, SharedCredentials>();
onClearSharedCredentials(() => byIdentity.clear());

/**
 * The shared assumed-role credentials of `settings` (which must have `assumeRole`), made on first
 * use: one STS session per credential identity and STS host per process, refreshed by the library.
 */
export function assumedRoleCredentials(settings: KmsSettings): SharedCredentials {
  const role = settings.assumeRole;
  if (!role) throw new Error("assumedRoleCredentials needs settings with assumeRole");
  const stsSetting = settings.stsEndpointSource ?? "alicloud-kms:stsEndpoint";
  const host = assumeRoleStsHost(settings.stsEndpoint, stsSetting);
  const key = `${settings.credentialIdentity}\0${host}`;
  let shared = byIdentity.get(key);
  if (shared) return shared;

  const source = new WatchedSource(sourceOf(settings));
  const builder = RAMRoleARNCredentialsProvider.builder()
    .withCredentialsProvider(source)
    .withRoleArn(role.roleArn)
    .withRoleSessionName(role.sessionName)
    .withDurationSeconds(role.durationSeconds)
    .withStsEndpoint(host)
    .withReadTimeout(settings.readTimeoutMs)
    .withConnectTimeout(settings.connectTimeoutMs);
  if (role.policy !== undefined) builder.withPolicy(role.policy);
  if (role.externalId !== undefined) builder.withExternalId(role.externalId);
  const provider = builder.build();

  const staticSecrets = secretsOf(settings);
  const describe = (err: unknown): string => {
    const what = `could not assume RAM role ${role.roleArn} (${role.source})`;
    const raw = err instanceof Error ? err.message : String(err);
    const detail =
      err instanceof SourceCredentialsError
        ? `the credentials that call AssumeRole failed: ${raw}`
        : `STS AssumeRole at https://${host} (${stsSetting}) failed: ${stsFailureDetail(raw)}`;
    return scrub(`${what}: ${detail}`, [...staticSecrets, ...source.seen]);
  };
  // A failed AssumeRole is not remembered: STS may fail transiently, and the next call asks again.
  shared = new SharedCredentials(provider, describe, false);
  byIdentity.set(key, shared);
  return shared;
}
