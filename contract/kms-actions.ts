/**
 * The contract table: every action the project calls (`provider/kms`) or serves (`emulator/`),
 * each parameter's wire form, requirement and limits, each action's errors with their HTTP
 * status, what an `Uninitialized` instance refuses, and the source of every fact. The emulator
 * validates requests from it (`emulator/contract-validation.ts`); the contract tests check every
 * request the provider sends against it (`test/contract/`). Sources are those of
 * `reference/kms-instance-api.md`, section "Wire forms confirmed from independent sources". The
 * BssOpenApi renewal actions have their own table (`bss-actions.ts`); {@link actionContract}
 * finds a row of either.
 */
import { BSS_ACTIONS, BSS_VERSION } from "./bss-actions";
import type { ActionContract, ErrorContract, ParamContract, Source } from "./contract-types";
import { CHOSEN, GATEWAY, REF, REGION_ID_FORM, SDK, TF, UNCONFIRMED } from "./sources";

export { REGION_ID_FORM };

/** The KMS API version of every instance action. */
export const KMS_VERSION = "2016-01-20";
/** The STS API version of `GetCallerIdentity`. */
export const STS_VERSION = "2015-04-01";

const TF_INSTANCE = TF("resource_alicloud_kms_instance.go at 81c43b672");
const TF_DELETION_PROTECTION = TF(
  'resource_alicloud_kms_instance.go at 81c43b672 line 772: SetDeletionProtection sends request["KmsInstanceId"] = d.Id()',
);

const KMS_INSTANCE_ID: ParamContract = {
  name: "KmsInstanceId",
  form: { type: "string", maxLength: 128 },
  required: true,
  source: [
    REF("every instance API takes KmsInstanceId (string, required)"),
    CHOSEN("maxLength 128: the real limit is not documented"),
  ],
};

const INSTANCE_NOT_FOUND: ErrorContract = {
  code: "Forbidden.DKMSInstanceNotFound",
  status: 404,
  when: "no such instance in the request's region for the caller's account",
  source: [
    REF("documented for sibling instance APIs with 403 or 404"),
    CHOSEN(
      "404 (the reference allows either; the provider treats the code as not-found at any status)",
    ),
  ],
};

const STATE_INVALID: ErrorContract = {
  code: "Forbidden.DKMSInstanceStateInvalid",
  status: 403,
  when: "the instance's status does not allow the action",
  source: [REF("Forbidden.DKMSInstanceStateInvalid, 403, documented")],
};

const INVALID_PARAMETER: ErrorContract = {
  code: "InvalidParameter",
  status: 400,
  when: "a parameter breaks its form or limits; the message names the parameter",
  source: [REF('InvalidParameter "The specified parameter is not valid.", 400, documented')],
};

const MISSING_PARAMETER: ErrorContract = {
  code: "Missing<Name>",
  status: 400,
  when: "a required parameter is absent or empty (`MissingKmsInstanceId`)",
  source: [GATEWAY('MissingKmsInstanceId "KmsInstanceId is mandatory for this action.", 400')],
};

const TAG_UNINITIALIZED: ErrorContract = {
  code: "Rejected.Uninitialized",
  status: 400,
  when: "the instance is Uninitialized (not yet enabled)",
  source: [
    TF("PR #9320: ListTagResources of a new instance answers Rejected.Uninitialized"),
    CHOSEN("HTTP 400: the status is not documented"),
  ],
};

const INSTANCE_ERRORS: readonly ErrorContract[] = [
  MISSING_PARAMETER,
  INVALID_PARAMETER,
  INSTANCE_NOT_FOUND,
];

const NOT_REFUSED = (detail: string): { refused: false; source: readonly Source[] } => ({
  refused: false,
  source: [CHOSEN(detail)],
});

const TAG_KEY = {
  minLength: 1,
  maxLength: 128,
  pattern: /^(?!aliyun|acs:)/i,
  patternText: "a key that does not start with aliyun or acs:",
} as const;
const TAG_VALUE = { minLength: 0, maxLength: 128 } as const;
const TAG_LIMIT_SOURCE = CHOSEN(
  "tag key 1–128 characters, not starting with aliyun/acs:, value up to 128, at most 20 per call: the KMS instance tag limits are not documented; these are the common Alibaba Cloud tag rules",
);

const RESOURCE_TYPE: ParamContract = {
  name: "ResourceType",
  form: { type: "string", oneOf: ["instance"] },
  required: true,
  source: [REF("tags on instances use ResourceType=instance"), TF_INSTANCE],
};

const TAG_REGION: ParamContract = {
  name: "RegionId",
  form: { type: "string", ...REGION_ID_FORM },
  required: false,
  source: [
    REF("TagResources (RegionId, ResourceId.N, ResourceType, Tag.N.Key, Tag.N.Value)"),
    TF("reads instance tags with ListTagResources (ResourceType=instance, ResourceId.1, RegionId)"),
    UNCONFIRMED("whether the service requires it; the endpoint already names the region"),
  ],
};

const RESOURCE_IDS = (minItems: number): ParamContract => ({
  name: "ResourceId",
  form: { type: "flat-list", item: { minLength: 1, maxLength: 128 }, minItems, maxItems: 50 },
  required: minItems > 0,
  source: [
    REF("ResourceId.N, a flattened list"),
    CHOSEN("at most 50 ids per call: the common tag API limit"),
  ],
});

const TAG_UNINITIALIZED_RULE = {
  refused: true,
  code: TAG_UNINITIALIZED.code,
  status: TAG_UNINITIALIZED.status,
  source: TAG_UNINITIALIZED.source,
} as const;

/** Every KMS action the project calls or serves. */
export const KMS_ACTIONS: readonly ActionContract[] = [
  {
    action: "GetKmsInstance",
    version: KMS_VERSION,
    calledByProvider: true,
    params: [KMS_INSTANCE_ID],
    errors: INSTANCE_ERRORS,
    uninitialized: NOT_REFUSED("the reference's example answers an instance without VPC or zones"),
    source: [REF("GetKmsInstance"), SDK("GetKmsInstanceRequest")],
  },
  {
    action: "ListKmsInstances",
    version: KMS_VERSION,
    calledByProvider: true,
    params: [
      {
        name: "PageNumber",
        form: { type: "integer", min: 1, max: 1_000_000 },
        required: false,
        source: [REF("PageNumber, default 1"), CHOSEN("upper limit 1000000")],
      },
      {
        name: "PageSize",
        form: { type: "integer", min: 1, max: 100 },
        required: false,
        source: [REF("PageSize 1–100, default 20"), TF("pages with 50")],
      },
      {
        name: "Filters",
        form: {
          type: "json",
          shape: {
            json: "array",
            minItems: 0,
            maxItems: 10,
            items: {
              json: "object",
              fields: [
                {
                  name: "Key",
                  shape: { json: "string", minLength: 1, maxLength: 128 },
                  required: true,
                  source: [REF('Filters such as [{"Key":"InstanceName","Values":["x"]}]')],
                },
                {
                  name: "Values",
                  shape: {
                    json: "array",
                    minItems: 0,
                    maxItems: 100,
                    items: { json: "string", minLength: 0, maxLength: 256 },
                  },
                  required: true,
                  source: [REF('Filters such as [{"Key":"InstanceName","Values":["x"]}]')],
                },
              ],
            },
          },
        },
        required: false,
        source: [
          REF("Filters, a JSON string"),
          CHOSEN("at most 10 filters of 100 values of 256 characters"),
        ],
      },
    ],
    errors: [MISSING_PARAMETER, INVALID_PARAMETER],
    source: [REF("ListKmsInstances"), TF("data source alicloud_kms_instances")],
  },
  {
    action: "UpdateKmsInstanceBindVpc",
    version: KMS_VERSION,
    calledByProvider: true,
    params: [
      KMS_INSTANCE_ID,
      {
        name: "BindVpcs",
        form: {
          type: "json",
          shape: {
            json: "array",
            minItems: 0,
            maxItems: 100,
            items: {
              json: "object",
              fields: [
                {
                  name: "VpcId",
                  shape: { json: "string", minLength: 1, maxLength: 128 },
                  required: true,
                  source: [SDK('UpdateKmsInstanceBindVpcRequest: "VpcId":"${VpcId}"')],
                },
                {
                  name: "VSwitchId",
                  shape: { json: "string", minLength: 1, maxLength: 128 },
                  required: true,
                  source: [SDK('UpdateKmsInstanceBindVpcRequest: "VSwitchId":"${VSwitchId}"')],
                },
                {
                  name: "RegionId",
                  shape: { json: "string", ...REGION_ID_FORM },
                  required: true,
                  source: [SDK('UpdateKmsInstanceBindVpcRequest: "RegionId":"${RegionId}"')],
                },
                {
                  name: "VpcOwnerId",
                  shape: { json: "integer-digits", minDigits: 1, maxDigits: 20 },
                  required: false,
                  source: [
                    SDK(
                      'UpdateKmsInstanceBindVpcRequest: "VpcOwnerId":${VpcOwnerId} unquoted, example 120708975881****',
                    ),
                    REF("the API reference gives the same format and example"),
                    TF(
                      "parses the id with strconv.ParseInt(…, 10, 64), sends the int64, leaves the key out when empty",
                    ),
                    CHOSEN(
                      "1–20 digits, as the provider's inputs accept (an int64 holds 19); absent means the caller's own account",
                    ),
                  ],
                },
              ],
            },
          },
        },
        required: true,
        source: [
          SDK("UpdateKmsInstanceBindVpcRequest.BindVpcs: a JSON string, required"),
          REF("each call replaces the whole list"),
          CHOSEN("at most 100 entries"),
        ],
      },
    ],
    errors: [
      ...INSTANCE_ERRORS,
      {
        ...STATE_INVALID,
        when: "the instance is not Connected",
        source: [...STATE_INVALID.source, CHOSEN("only a Connected instance takes bound VPCs")],
      },
    ],
    uninitialized: {
      refused: true,
      code: STATE_INVALID.code,
      status: STATE_INVALID.status,
      source: [
        REF("bound VPCs are additional to the VPC the instance was enabled in"),
        CHOSEN("an instance that was never enabled has no VPC to add to: refused as not Connected"),
      ],
    },
    source: [SDK("UpdateKmsInstanceBindVpcRequest"), TF_INSTANCE],
  },
  {
    action: "UpdateKmsInstance",
    version: KMS_VERSION,
    calledByProvider: true,
    params: [
      KMS_INSTANCE_ID,
      {
        name: "InstanceName",
        form: { type: "string", minLength: 1, maxLength: 128 },
        required: true,
        source: [
          TF("renames with UpdateKmsInstance (KmsInstanceId, InstanceName)"),
          CHOSEN("1–128 characters"),
        ],
      },
    ],
    errors: INSTANCE_ERRORS,
    uninitialized: NOT_REFUSED("a name is not a network setting; not known to be refused"),
    source: [TF_INSTANCE, UNCONFIRMED("not in the Go SDK")],
  },
  {
    action: "SetDeletionProtection",
    version: KMS_VERSION,
    calledByProvider: true,
    params: [
      { ...KMS_INSTANCE_ID, source: [...KMS_INSTANCE_ID.source, TF_DELETION_PROTECTION] },
      {
        name: "EnableDeletionProtection",
        form: { type: "boolean" },
        required: true,
        source: [
          SDK("SetDeletionProtectionRequest.EnableDeletionProtection: bool, required"),
          TF_INSTANCE,
        ],
      },
      {
        name: "DeletionProtectionDescription",
        form: { type: "string", minLength: 0, maxLength: 256 },
        required: false,
        source: [
          SDK(
            "SetDeletionProtectionRequest.DeletionProtectionDescription: valid only when enabling",
          ),
          CHOSEN("up to 256 characters"),
        ],
      },
    ],
    errors: INSTANCE_ERRORS,
    uninitialized: NOT_REFUSED(
      "deletion protection concerns billing, not the network; not known to be refused",
    ),
    source: [
      TF_DELETION_PROTECTION,
      SDK(
        "v3.2.3 SetDeletionProtectionRequest: EnableDeletionProtection and DeletionProtectionDescription; it names the protected resource only as ProtectedResourceArn (a CMK's ARN), not by KmsInstanceId",
      ),
    ],
  },
  {
    action: "ConnectKmsInstance",
    version: KMS_VERSION,
    calledByProvider: true,
    params: [
      KMS_INSTANCE_ID,
      {
        name: "VpcId",
        form: { type: "string", minLength: 1, maxLength: 128 },
        required: true,
        source: [SDK("ConnectKmsInstanceRequest.VpcId: required")],
      },
      {
        name: "ZoneIds",
        form: {
          type: "comma-list",
          item: { minLength: 1, maxLength: 64 },
          minItems: 2,
          maxItems: 2,
          distinct: true,
        },
        required: true,
        source: [
          SDK("ConnectKmsInstanceRequest.ZoneIds: two zones"),
          REF("comma-separated"),
          TF_INSTANCE,
        ],
      },
      {
        name: "VSwitchIds",
        form: {
          type: "comma-list",
          item: { minLength: 1, maxLength: 128 },
          minItems: 1,
          maxItems: 10,
          distinct: false,
        },
        required: true,
        source: [
          SDK("ConnectKmsInstanceRequest.VSwitchIds: required"),
          REF("comma-separated"),
          CHOSEN("at most 10"),
        ],
      },
      {
        name: "KMProvider",
        form: { type: "string", oneOf: ["Aliyun"] },
        required: true,
        source: [SDK('ConnectKmsInstanceRequest.KMProvider: required, "Set the value to Aliyun"')],
      },
    ],
    errors: [
      ...INSTANCE_ERRORS,
      { ...STATE_INVALID, when: "the instance is not Uninitialized" },
      {
        code: "Forbidden.RamRoleNotFound",
        status: 403,
        when: "the KMS service-linked role is still being created; the provider retries it",
        source: [
          TF("resource_alicloud_kms_instance.go at 81c43b672: retries ConnectKmsInstance on it"),
          CHOSEN("HTTP 403: the status is not documented; a Forbidden.* code"),
        ],
      },
    ],
    uninitialized: NOT_REFUSED("connecting is how an Uninitialized instance is enabled"),
    source: [SDK("ConnectKmsInstanceRequest"), TF_INSTANCE],
  },
  {
    action: "GetKmsInstanceQuotaInfos",
    version: KMS_VERSION,
    calledByProvider: true,
    params: [
      KMS_INSTANCE_ID,
      {
        name: "ResourceType",
        form: { type: "string", oneOf: ["key", "secret", "qps", "vpc"] },
        required: true,
        source: [REF("ResourceType key, secret, qps, vpc")],
      },
    ],
    errors: INSTANCE_ERRORS,
    uninitialized: NOT_REFUSED("quotas are bought with the instance"),
    source: [REF("GetKmsInstanceQuotaInfos")],
  },
  {
    action: "TagResources",
    version: KMS_VERSION,
    calledByProvider: true,
    params: [
      TAG_REGION,
      RESOURCE_TYPE,
      RESOURCE_IDS(1),
      {
        name: "Tag",
        form: {
          type: "flat-pairs",
          key: TAG_KEY,
          value: TAG_VALUE,
          valueRequired: false,
          minItems: 1,
          maxItems: 20,
        },
        required: true,
        source: [REF("Tag.N.Key, Tag.N.Value"), TAG_LIMIT_SOURCE],
      },
    ],
    errors: [...INSTANCE_ERRORS, TAG_UNINITIALIZED],
    uninitialized: TAG_UNINITIALIZED_RULE,
    source: [REF("TagResources with ResourceType=instance"), TF_INSTANCE],
  },
  {
    action: "UntagResources",
    version: KMS_VERSION,
    calledByProvider: true,
    params: [
      TAG_REGION,
      RESOURCE_TYPE,
      RESOURCE_IDS(1),
      {
        name: "TagKey",
        form: { type: "flat-list", item: TAG_KEY, minItems: 0, maxItems: 20 },
        required: false,
        source: [REF("UntagResources TagKey.N"), TAG_LIMIT_SOURCE],
      },
      {
        name: "All",
        form: { type: "boolean" },
        required: false,
        source: [REF("UntagResources All")],
      },
    ],
    errors: [
      ...INSTANCE_ERRORS,
      { ...MISSING_PARAMETER, code: "MissingTagKey", when: "neither TagKey.N nor All=true" },
      TAG_UNINITIALIZED,
    ],
    uninitialized: TAG_UNINITIALIZED_RULE,
    source: [REF("UntagResources with ResourceType=instance"), TF_INSTANCE],
  },
  {
    action: "ListTagResources",
    version: KMS_VERSION,
    calledByProvider: true,
    params: [
      TAG_REGION,
      RESOURCE_TYPE,
      RESOURCE_IDS(0),
      {
        name: "Tag",
        form: {
          type: "flat-pairs",
          key: TAG_KEY,
          value: TAG_VALUE,
          valueRequired: false,
          minItems: 0,
          maxItems: 20,
        },
        required: false,
        source: [REF("Tag.N.Key filters"), TAG_LIMIT_SOURCE],
      },
      {
        name: "NextToken",
        form: { type: "string", minLength: 0, maxLength: 256 },
        required: false,
        source: [REF("ListTagResources NextToken"), CHOSEN("up to 256 characters")],
      },
      {
        name: "MaxResults",
        form: { type: "integer", min: 1, max: 1000 },
        required: false,
        source: [
          UNCONFIRMED("MaxResults, default 20: the common tag API parameter"),
          CHOSEN("1–1000"),
        ],
      },
    ],
    errors: [...INSTANCE_ERRORS, TAG_UNINITIALIZED],
    uninitialized: TAG_UNINITIALIZED_RULE,
    source: [REF("ListTagResources"), TF("PR #9320")],
  },
];

const STS_TROUBLESHOOTING = (detail: string): Source =>
  REF(`STS AssumeRole error page (alibabacloud.com doc 42775): ${detail}`);
const CREDENTIALS_LIB = (detail: string): Source => ({
  kind: "sdk-model",
  detail: `@alicloud/credentials 2.4.7 RAMRoleARNCredentialsProvider: ${detail}`,
});

/**
 * The STS actions: `GetCallerIdentity`, which the provider's client calls to learn its account,
 * and `AssumeRole`, which the provider calls for `alicloud:assumeRole` (as RPC query fields,
 * through the same signed caller: `provider/kms/credentials.ts`) — the parameters and their forms
 * are those `@alicloud/credentials`' RAM-role provider sends too (in the form body; checked in
 * `test/emulator/sts-assume-role.test.ts`).
 */
export const STS_ACTIONS: readonly ActionContract[] = [
  {
    action: "GetCallerIdentity",
    version: STS_VERSION,
    calledByProvider: true,
    params: [],
    errors: [],
    source: [
      {
        kind: "reference",
        detail:
          "STS API reference, GetCallerIdentity (https://help.aliyun.com/document_detail/43767.html)",
      },
    ],
  },
  {
    action: "AssumeRole",
    version: STS_VERSION,
    calledByProvider: true,
    params: [
      {
        name: "RoleArn",
        form: { type: "string", maxLength: 1024 },
        required: true,
        source: [CREDENTIALS_LIB("form body RoleArn"), REF("STS AssumeRole: RoleArn, required")],
      },
      {
        name: "RoleSessionName",
        form: { type: "string", maxLength: 64 },
        required: true,
        source: [
          CREDENTIALS_LIB("form body RoleSessionName, always sent"),
          STS_TROUBLESHOOTING("InvalidParameter.RoleSessionName for a malformed name"),
        ],
      },
      {
        name: "DurationSeconds",
        form: { type: "string", maxLength: 9 },
        required: false,
        source: [
          CREDENTIALS_LIB("form body DurationSeconds, a decimal string, default 3600"),
          STS_TROUBLESHOOTING(
            "InvalidParameter.DurationSeconds outside 15 min to the role's maximum",
          ),
        ],
      },
      {
        name: "Policy",
        form: { type: "string", maxLength: 2048 },
        required: false,
        source: [CREDENTIALS_LIB("form body Policy when set"), REF("STS AssumeRole: Policy")],
      },
      {
        name: "ExternalId",
        form: { type: "string", maxLength: 1224 },
        required: false,
        source: [
          CREDENTIALS_LIB("form body ExternalId when set"),
          REF("STS AssumeRole: ExternalId"),
        ],
      },
    ],
    errors: [
      {
        code: "InvalidParameter.RoleArn",
        status: 400,
        when: "RoleArn is not acs:ram::<account>:role/<name>",
        source: [CHOSEN("the documented InvalidParameter.<Name> family; this code is not listed")],
      },
      {
        code: "EntityNotExist.Role",
        status: 404,
        when: "no such role",
        source: [
          CHOSEN("the code RAM answers for a missing role; its HTTP status is not documented"),
        ],
      },
      {
        code: "InvalidParameter.RoleSessionName",
        status: 400,
        when: "a session name that is not 2–64 of A-Z a-z 0-9 . @ - _",
        source: [STS_TROUBLESHOOTING("InvalidParameter.RoleSessionName")],
      },
      {
        code: "InvalidParameter.DurationSeconds",
        status: 400,
        when: "a session length outside 900 s to the role's maximum (3600 s)",
        source: [STS_TROUBLESHOOTING("InvalidParameter.DurationSeconds")],
      },
      {
        code: "InvalidParameter.PolicyGrammar",
        status: 400,
        when: "a policy that is not a policy document",
        source: [STS_TROUBLESHOOTING("InvalidParameter.PolicyGrammar")],
      },
    ],
    source: [
      REF("STS API reference, AssumeRole (version 2015-04-01)"),
      CREDENTIALS_LIB(
        "Action=AssumeRole, Version=2015-04-01, RPC HMAC-SHA1 over query + form body",
      ),
    ],
  },
];

/**
 * The errors of the signing gateway and the transport, common to every action, as the emulator
 * answers them.
 */
export const GATEWAY_ERRORS: readonly ErrorContract[] = [
  {
    code: "IllegalTimestamp",
    status: 400,
    when: "old RPC signature without Timestamp",
    source: [
      REF(
        'GetKmsInstance page: 400 IllegalTimestamp "The input parameter Timestamp that is mandatory for processing this request is not supplied."',
      ),
    ],
  },
  {
    code: "IncompleteSignature",
    status: 400,
    when: "malformed or incomplete signature",
    source: [GATEWAY("IncompleteSignature, 400")],
  },
  {
    code: "SignatureDoesNotMatch",
    status: 400,
    when: "wrong signature or body hash",
    source: [
      GATEWAY(
        'SignatureDoesNotMatch "Specified signature is not matched with our calculation.", 400',
      ),
    ],
  },
  {
    code: "InvalidSignatureMethod",
    status: 400,
    when: "an algorithm other than ACS3-HMAC-SHA256 / HMAC-SHA1",
    source: [CHOSEN("the code the gateway uses is not documented")],
  },
  {
    code: "SignatureNonceUsed",
    status: 400,
    when: "a nonce reused within 15 minutes",
    source: [GATEWAY("SignatureNonceUsed, 400")],
  },
  {
    code: "InvalidTimeStamp.Format",
    status: 400,
    when: "a malformed date",
    source: [CHOSEN("the gateway family's code for a malformed date")],
  },
  {
    code: "InvalidTimeStamp.Expired",
    status: 400,
    when: "a date more than 15 minutes off",
    source: [GATEWAY("InvalidTimeStamp.Expired, 400")],
  },
  {
    code: "InvalidAccessKeyId.NotFound",
    status: 404,
    when: "an unknown AccessKeyId",
    source: [REF("KMS doc: InvalidAccessKeyId.NotFound, 404")],
  },
  {
    code: "InvalidSecurityToken.Expired",
    status: 400,
    when: "an expired STS token",
    source: [GATEWAY("InvalidSecurityToken.Expired, 400")],
  },
  {
    code: "InvalidSecurityToken.Malformed",
    status: 400,
    when: "a token the emulator did not issue",
    source: [GATEWAY("InvalidSecurityToken.Malformed, 400")],
  },
  {
    code: "InvalidSecurityToken.MismatchWithAccessKey",
    status: 400,
    when: "a token of another key",
    source: [GATEWAY("InvalidSecurityToken.MismatchWithAccessKey, 400")],
  },
  {
    code: "MissingSecurityToken",
    status: 400,
    when: "an STS key without a token",
    source: [CHOSEN("the Missing<Name> pattern")],
  },
  {
    code: "InvalidAction.NotFound",
    status: 404,
    when: "an unknown action",
    source: [GATEWAY("InvalidAction.NotFound, 404")],
  },
  {
    code: "InvalidVersion",
    status: 400,
    when: "a version other than the action's",
    source: [CHOSEN("the gateway's answer to a wrong version is not documented")],
  },
  {
    code: "InvalidRegionId",
    status: 400,
    when: "a request path that is not a region id",
    source: [CHOSEN("the emulator serves every region on one port, by path")],
  },
  {
    code: "UnsupportedHTTPMethod",
    status: 400,
    when: "a method other than POST or GET",
    source: [CHOSEN("not documented")],
  },
  {
    code: "RequestEntityTooLarge",
    status: 413,
    when: "a body over 1 MiB",
    source: [CHOSEN("HTTP 413's name; the real limit is not documented")],
  },
  {
    code: "MalformedRequest",
    status: 400,
    when: "unparseable HTTP",
    source: [CHOSEN("not documented")],
  },
  {
    code: "RequestHeaderFieldsTooLarge",
    status: 431,
    when: "headers too large",
    source: [CHOSEN("HTTP 431's name")],
  },
  {
    code: "Throttling.User",
    status: 400,
    when: "the injected rate limit is exceeded",
    source: [REF("Throttling.User is confirmed"), CHOSEN("HTTP 400: the status is not confirmed")],
  },
  {
    code: "InternalFailure",
    status: 500,
    when: "an emulator bug",
    source: [REF("KMS doc: InternalFailure, 500")],
  },
];

/** Each API version's actions: KMS, STS and BssOpenApi. */
const ACTIONS_BY_VERSION: ReadonlyMap<string, readonly ActionContract[]> = new Map([
  [KMS_VERSION, KMS_ACTIONS],
  [STS_VERSION, STS_ACTIONS],
  [BSS_VERSION, BSS_ACTIONS],
]);

/** The actions by version and name. */
export function actionContract(version: string, action: string): ActionContract | undefined {
  return ACTIONS_BY_VERSION.get(version)?.find((a) => a.action === action);
}
