/**
 * The STS actions the provider calls (STS API version 2015-04-01), served on the same port and
 * signature-checked like the KMS actions:
 * - `GetCallerIdentity` tells a caller which account its keys belong to. Response fields as the
 *   STS API reference gives them (https://help.aliyun.com/document_detail/43767.html):
 *   `IdentityType`, `AccountId`, `RequestId`, `PrincipalId`, `UserId` (RAM users only), `Arn`,
 *   `RoleId` (roles only).
 * - `AssumeRole` mints temporary credentials of the role's account. Request (form body, as
 *   `@alicloud/credentials`' RAM-role provider sends it): `RoleArn`, `RoleSessionName`,
 *   `DurationSeconds`, optional `Policy`, `ExternalId`. Response as the STS AssumeRole reference
 *   (https://help.aliyun.com/document_detail/28763.html): `RequestId`,
 *   `AssumedRoleUser{Arn, AssumedRoleId}`, `Credentials{AccessKeyId, AccessKeySecret,
 *   SecurityToken, Expiration}`.
 */
import { createHash } from "node:crypto";
import type { ActionHandler } from "./action-context";
import { ApiError } from "./api-error";
import { required } from "./params";

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
  const { accountId, accessKeyId, sts, session } = ctx.caller;
  if (sts) {
    // A session AssumeRole minted answers as that role and session; a configured STS triple
    // as the emulator's role.
    const roleName = session?.roleName ?? EMULATOR_ROLE_NAME;
    const sessionName = session?.sessionName ?? "emulator-session";
    const roleId = session ? roleIdOf(accountId, roleName) : numericId(`role:${accountId}`);
    return {
      RequestId: ctx.requestId,
      IdentityType: "AssumedRoleUser",
      AccountId: accountId,
      PrincipalId: `${roleId}:${sessionName}`,
      RoleId: roleId,
      Arn: `acs:ram::${accountId}:assumed-role/${roleName}/${sessionName}`,
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

/** The name of the role every account of the emulator has (see {@link emulatorRoleArn}). */
export const EMULATOR_ROLE_NAME = "emulator-role";

/** The ARN of the emulator's role in `accountId`: `acs:ram::<account>:role/emulator-role`. */
export function emulatorRoleArn(accountId: string): string {
  return `acs:ram::${accountId}:role/${EMULATOR_ROLE_NAME}`;
}

/**
 * A RAM role ARN, `acs:ram::<account id>:role/<role name>` (the form of the STS AssumeRole
 * reference's example, `acs:ram::123456789012****:role/adminrole`). Role names are 1–64
 * letters, digits, `.` and `-` (RAM CreateRole reference).
 */
const ROLE_ARN = /^acs:ram::(\d{1,20}):role\/([A-Za-z0-9.-]{1,64})$/;

/**
 * `RoleSessionName`: letters, digits, `.`, `@`, `-`, `_` (the STS troubleshooting page,
 * https://www.alibabacloud.com/help/doc-detail/42775.htm, gives `^[a-zA-Z0-9.@-_]+$`), 2–64
 * characters (the AssumeRole reference; the older page says 2–32).
 */
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

/**
 * The session length range of the emulator's roles: 900 s up to the role's maximum session
 * duration, which is 3600 s unless raised (the STS error
 * `InvalidParameter.DurationSeconds`, "The Min/Max value of DurationSeconds is 15min/1hr.",
 * on the troubleshooting page above).
 */
export const ROLE_DURATION_RANGE = { min: 900, max: 3600 } as const;

/** The errors of `AssumeRole`: documented codes, except where marked as chosen. */
const assumeRoleErrors = {
  // Chosen: the documented `InvalidParameter.<Name>` family ("… is wrongly formed.").
  roleArn: (): ApiError =>
    new ApiError(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed."),
  // Chosen: the code RAM answers for a missing role; its HTTP status is not documented.
  noRole: (arn: string): ApiError =>
    new ApiError(404, "EntityNotExist.Role", `The specified Role not exists: ${arn}`),
  // Documented (troubleshooting page).
  sessionName: (): ApiError =>
    new ApiError(
      400,
      "InvalidParameter.RoleSessionName",
      "The parameter RoleSessionName is wrongly formed.",
    ),
  // Documented (troubleshooting page).
  duration: (): ApiError =>
    new ApiError(
      400,
      "InvalidParameter.DurationSeconds",
      "The Min/Max value of DurationSeconds is 15min/1hr.",
    ),
  // Documented (troubleshooting page).
  policy: (): ApiError =>
    new ApiError(
      400,
      "InvalidParameter.PolicyGrammar",
      "The parameter Policy has not passed grammar check.",
    ),
};

/**
 * `AssumeRole`: any authenticated caller may assume any existing role (the emulator has no
 * trust policies, so `ExternalId` is accepted and not checked); the session's keys belong to
 * the role's account and are registered for signing at once.
 */
export const assumeRole: ActionHandler = (ctx) => {
  const roles = ctx.roles;
  if (!roles) throw new Error("AssumeRole needs the emulator's roles");
  const roleArn = required(ctx.params, "RoleArn");
  const arn = ROLE_ARN.exec(roleArn);
  if (!arn) throw assumeRoleErrors.roleArn();
  const sessionName = required(ctx.params, "RoleSessionName");
  if (!SESSION_NAME.test(sessionName)) throw assumeRoleErrors.sessionName();
  const rawDuration = ctx.params.DurationSeconds;
  let duration: number = ROLE_DURATION_RANGE.max;
  if (rawDuration !== undefined && rawDuration !== "") {
    duration = /^\d{1,9}$/.test(rawDuration) ? Number(rawDuration) : NaN;
    if (!(duration >= ROLE_DURATION_RANGE.min && duration <= ROLE_DURATION_RANGE.max)) {
      throw assumeRoleErrors.duration();
    }
  }
  const policy = ctx.params.Policy;
  if (policy !== undefined && policy !== "" && !isPolicyDocument(policy)) {
    throw assumeRoleErrors.policy();
  }
  if (!roles.exists(roleArn)) throw assumeRoleErrors.noRole(roleArn);
  const [, accountId, roleName] = arn;
  const session = roles.issue(accountId, roleArn, sessionName, duration, ctx.nowMs);
  const roleId = roleIdOf(accountId, roleName);
  return {
    RequestId: ctx.requestId,
    AssumedRoleUser: {
      Arn: `acs:ram::${accountId}:role/${roleName}/${sessionName}`,
      AssumedRoleId: `${roleId}:${sessionName}`,
    },
    Credentials: {
      SecurityToken: session.securityToken,
      Expiration: session.expiration,
      AccessKeySecret: session.accessKeySecret,
      AccessKeyId: session.accessKeyId,
    },
  };
};

/** The stable id of a role (role names compare case-insensitively). */
function roleIdOf(accountId: string, roleName: string): string {
  return numericId(`role:${accountId}:${roleName.toLowerCase()}`);
}

/** A policy document: a JSON object with a `Statement` (the RAM policy grammar, loosely). */
function isPolicyDocument(text: string): boolean {
  try {
    const doc = JSON.parse(text) as unknown;
    return typeof doc === "object" && doc !== null && !Array.isArray(doc) && "Statement" in doc;
  } catch {
    return false;
  }
}

/** Every STS action the emulator serves; any other STS action is `InvalidAction.NotFound`. */
export const STS_ACTIONS: ReadonlyMap<string, ActionHandler> = new Map<string, ActionHandler>([
  ["GetCallerIdentity", getCallerIdentity],
  ["AssumeRole", assumeRole],
]);
