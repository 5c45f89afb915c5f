/**
 * The credentials the emulator accepts. The documented test pairs below are public on purpose:
 * they only open a local emulator, never a real account.
 */
import type { AccessKeyPair, StsCredential } from "./types";

/** AccessKeyId of the documented test key, accepted when no `--access-key` is given. */
export const TEST_ACCESS_KEY_ID = "LTAI5tEmulatorTestKey01";

/** Secret of the documented test key. */
export const TEST_ACCESS_KEY_SECRET = "EmulatorTestSecret0123456789abcd";

/** The documented test STS triple, always accepted. */
export const TEST_STS: Readonly<StsCredential> = Object.freeze({
  accessKeyId: "STS.EmulatorTestKey01",
  accessKeySecret: "EmulatorStsSecret0123456789abcdef",
  securityToken: "CAIS.EmulatorTestSecurityToken.v1",
});

/** What an access key id resolves to. */
export interface KnownKey {
  /** The secret to verify with. */
  secret: string;
  /** Tokens issued for this key; undefined for a static (non-STS) key. */
  tokens?: Set<string>;
}

/** Looks up access keys and STS tokens. */
export class KeyStore {
  private readonly keys = new Map<string, KnownKey>();
  private readonly allTokens = new Set<string>();

  constructor(accessKeys: readonly AccessKeyPair[], stsTokens: readonly StsCredential[]) {
    for (const k of accessKeys) this.keys.set(k.accessKeyId, { secret: k.accessKeySecret });
    for (const s of stsTokens) {
      const known = this.keys.get(s.accessKeyId);
      if (known?.tokens) known.tokens.add(s.securityToken);
      else
        this.keys.set(s.accessKeyId, {
          secret: s.accessKeySecret,
          tokens: new Set([s.securityToken]),
        });
      this.allTokens.add(s.securityToken);
    }
  }

  /** The key registered under this id, if any. */
  lookup(accessKeyId: string): KnownKey | undefined {
    return this.keys.get(accessKeyId);
  }

  /** Whether any known key was issued this token (tells "malformed" from "mismatched"). */
  isIssuedToken(token: string): boolean {
    return this.allTokens.has(token);
  }
}

/** Parses `ID:SECRET` (the secret may contain `:`). */
export function parseAccessKeyArg(arg: string): AccessKeyPair {
  const i = arg.indexOf(":");
  if (i <= 0 || i === arg.length - 1) {
    throw new Error("--access-key expects ID:SECRET");
  }
  return { accessKeyId: arg.slice(0, i), accessKeySecret: arg.slice(i + 1) };
}

/** Parses `ID:SECRET:TOKEN` (the token, last, may contain `:`). */
export function parseStsArg(arg: string): StsCredential {
  const first = arg.indexOf(":");
  const second = first < 0 ? -1 : arg.indexOf(":", first + 1);
  if (first <= 0 || second <= first + 1 || second === arg.length - 1) {
    throw new Error("--sts expects ID:SECRET:TOKEN");
  }
  return {
    accessKeyId: arg.slice(0, first),
    accessKeySecret: arg.slice(first + 1, second),
    securityToken: arg.slice(second + 1),
  };
}
