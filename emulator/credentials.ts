/**
 * The credentials the emulator accepts, and the account each belongs to. The documented test
 * pairs below are public on purpose: they only open a local emulator, never a real account.
 */
import { randomBytes } from "node:crypto";
import { ApiError } from "./api-error";
import { EMULATOR_ACCOUNT_ID, OTHER_ACCOUNT_ID } from "./default-seed";
import type { AccessKeyPair, IssuedSession, StsCredential } from "./types";

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

/**
 * A key of another account (`OTHER_ACCOUNT_ID`, which owns no seed instance), always accepted:
 * with it every instance API answers `Forbidden.DKMSInstanceNotFound` and `ListKmsInstances`
 * lists nothing — what the real service answers to another account's keys.
 */
export const OTHER_ACCOUNT_KEY: Readonly<Required<AccessKeyPair>> = Object.freeze({
  accessKeyId: "LTAI5tEmulatorOtherKey01",
  accessKeySecret: "EmulatorOtherSecret0123456789abc",
  accountId: OTHER_ACCOUNT_ID,
});

/**
 * An STS triple whose token has expired, always recognised: every request signed with it is
 * answered `InvalidSecurityToken.Expired` (HTTP 400, the gateway's code for an expired token).
 */
export const TEST_EXPIRED_STS: Readonly<StsCredential> = Object.freeze({
  accessKeyId: "STS.EmulatorExpiredKey01",
  accessKeySecret: "EmulatorExpiredSecret0123456789ab",
  securityToken: "CAIS.EmulatorExpiredSecurityToken.v1",
});

/** What an access key id resolves to. */
export interface KnownKey {
  /** The secret to verify with. */
  secret: string;
  /** Tokens issued for this key; undefined for a static (non-STS) key. */
  tokens?: Set<string>;
  /** The account the key belongs to. */
  accountId: string;
  /** True for a key whose token has expired. */
  expired?: boolean;
  /** For keys minted by `AssumeRole`: when the session ends (epoch ms). */
  expiresAtMs?: number;
  /** For keys minted by `AssumeRole`: the role (name as in its ARN) and the session name. */
  session?: { roleName: string; sessionName: string };
}

/** The signer of an authenticated request. */
export interface Caller {
  /** The AccessKeyId that signed it. */
  accessKeyId: string;
  /** The account the key belongs to. */
  accountId: string;
  /** True for an STS key (a role session), false for a static key (a RAM user). */
  sts: boolean;
  /** For a session minted by `AssumeRole`: its role name and session name. */
  session?: { roleName: string; sessionName: string };
}

/** Random text of `bytes` bytes in an alphabet that survives every encoding untouched. */
function randomText(bytes: number): string {
  return randomBytes(bytes).toString("base64").replace(/[+/=]/g, "");
}

/** The error the gateway answers for an expired STS token. */
export function stsExpired(): ApiError {
  return new ApiError(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
}

/**
 * Looks up access keys and STS tokens. `OTHER_ACCOUNT_KEY` and `TEST_EXPIRED_STS` are always
 * known, whatever else is configured.
 */
export class KeyStore {
  private readonly keys = new Map<string, KnownKey>();
  private readonly allTokens = new Set<string>();
  private readonly sessions: IssuedSession[] = [];

  constructor(accessKeys: readonly AccessKeyPair[], stsTokens: readonly StsCredential[]) {
    for (const k of [...accessKeys, OTHER_ACCOUNT_KEY]) {
      this.keys.set(k.accessKeyId, {
        secret: k.accessKeySecret,
        accountId: k.accountId ?? EMULATOR_ACCOUNT_ID,
      });
    }
    for (const s of [...stsTokens, TEST_EXPIRED_STS]) {
      const known = this.keys.get(s.accessKeyId);
      if (known?.tokens) known.tokens.add(s.securityToken);
      else
        this.keys.set(s.accessKeyId, {
          secret: s.accessKeySecret,
          tokens: new Set([s.securityToken]),
          accountId: s.accountId ?? EMULATOR_ACCOUNT_ID,
          ...(s === TEST_EXPIRED_STS ? { expired: true } : {}),
        });
      this.allTokens.add(s.securityToken);
    }
  }

  /**
   * The key registered under this id, if any.
   * @throws ApiError `InvalidSecurityToken.Expired` for the expired test triple.
   */
  lookup(accessKeyId: string): KnownKey | undefined {
    const key = this.keys.get(accessKeyId);
    if (key?.expired) throw stsExpired();
    if (key?.expiresAtMs !== undefined && Date.now() >= key.expiresAtMs) throw stsExpired();
    return key;
  }

  /**
   * Mints and registers temporary credentials of `accountId` valid for `durationSeconds` (the
   * random parts are fresh each time, so a test can search logs and state for them).
   */
  issue(
    accountId: string,
    roleArn: string,
    sessionName: string,
    durationSeconds: number,
    nowMs: number,
  ): IssuedSession {
    const expiresAtMs = Math.floor(nowMs / 1000) * 1000 + durationSeconds * 1000;
    const session: IssuedSession = {
      accessKeyId: `STS.${randomText(18)}`,
      accessKeySecret: randomText(30),
      securityToken: `CAIS.${randomText(48)}`,
      accountId,
      roleArn,
      sessionName,
      expiration: new Date(expiresAtMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    this.keys.set(session.accessKeyId, {
      secret: session.accessKeySecret,
      tokens: new Set([session.securityToken]),
      accountId,
      expiresAtMs,
      session: { roleName: roleArn.slice(roleArn.lastIndexOf("/") + 1), sessionName },
    });
    this.allTokens.add(session.securityToken);
    this.sessions.push(session);
    return session;
  }

  /** Every session `AssumeRole` minted, oldest first. */
  issuedSessions(): readonly IssuedSession[] {
    return [...this.sessions];
  }

  /** Who an authenticated key is: its account, and whether it is an STS key. */
  callerOf(accessKeyId: string): Caller {
    const key = this.keys.get(accessKeyId);
    return {
      accessKeyId,
      accountId: key?.accountId ?? EMULATOR_ACCOUNT_ID,
      sts: key?.tokens !== undefined,
      ...(key?.session ? { session: key.session } : {}),
    };
  }

  /** Whether any known key was issued this token (tells "malformed" from "mismatched"). */
  isIssuedToken(token: string): boolean {
    return this.allTokens.has(token);
  }
}

/** An account id: 1–20 digits (a string, since 16-digit ids overflow JS numbers). */
const ACCOUNT_ID = /^\d{1,20}$/;

/**
 * Parses `ID:SECRET[:ACCOUNT]`. The secret may contain `:`; a last `:`-separated part of 1–20
 * digits, after at least a one-character secret, is the account (a secret ending in `:digits`
 * must then be followed by an explicit account).
 */
export function parseAccessKeyArg(arg: string): AccessKeyPair {
  const i = arg.indexOf(":");
  if (i <= 0 || i === arg.length - 1) {
    throw new Error("--access-key expects ID:SECRET or ID:SECRET:ACCOUNT");
  }
  const accessKeyId = arg.slice(0, i);
  const rest = arg.slice(i + 1);
  const last = rest.lastIndexOf(":");
  if (last > 0 && ACCOUNT_ID.test(rest.slice(last + 1))) {
    return {
      accessKeyId,
      accessKeySecret: rest.slice(0, last),
      accountId: rest.slice(last + 1),
    };
  }
  return { accessKeyId, accessKeySecret: rest };
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
