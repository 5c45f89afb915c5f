/**
 * The one STS action the provider calls, `GetCallerIdentity` (STS API version 2015-04-01), served
 * on the same port and signature-checked like the KMS actions: it tells a caller which account
 * its keys belong to. Response fields as the STS API reference gives them
 * (https://help.aliyun.com/document_detail/43767.html, "GetCallerIdentity"): `IdentityType`,
 * `AccountId`, `RequestId`, `PrincipalId`, `UserId` (RAM users only), `Arn`, `RoleId` (roles only).
 */
import { createHash } from "node:crypto";
import type { ActionHandler } from "./action-context";

/** The STS API version; a request with this version is dispatched to {@link STS_ACTIONS}. */
export const STS_API_VERSION = "2015-04-01";

/** A stable 16-digit id derived from a name (the emulator's user and role ids). */
function numericId(name: string): string {
  const hex = createHash("sha256").update(name).digest("hex").slice(0, 15);
  return ("2" + BigInt(`0x${hex}`).toString().padStart(15, "0")).slice(0, 16);
}

/**
 * `GetCallerIdentity`: a static key answers as a RAM user of its account, an STS key as an
 * assumed role of its account.
 */
export const getCallerIdentity: ActionHandler = (ctx) => {
  const { accountId, accessKeyId, sts } = ctx.caller;
  if (sts) {
    const roleId = numericId(`role:${accountId}`);
    return {
      RequestId: ctx.requestId,
      IdentityType: "AssumedRoleUser",
      AccountId: accountId,
      PrincipalId: `${roleId}:emulator-session`,
      RoleId: roleId,
      Arn: `acs:ram::${accountId}:assumed-role/emulator-role/emulator-session`,
    };
  }
  const userId = numericId(`user:${accessKeyId}`);
  return {
    RequestId: ctx.requestId,
    IdentityType: "RAMUser",
    AccountId: accountId,
    PrincipalId: userId,
    UserId: userId,
    Arn: `acs:ram::${accountId}:user/emulator-user`,
  };
};

/** Every STS action the emulator serves; any other STS action is `InvalidAction.NotFound`. */
export const STS_ACTIONS: ReadonlyMap<string, ActionHandler> = new Map<string, ActionHandler>([
  ["GetCallerIdentity", getCallerIdentity],
]);
