/**
 * The contract table of the BssOpenApi 2017-12-14 actions the provider calls for an instance's
 * renewal (issue 21), and the emulator serves on the KMS port: `QueryAvailableInstances` reads
 * an instance's renewal state, `SetRenewal` changes it. Same row format and rules as the KMS
 * table (`kms-actions.ts`), except that a parameter the official model does not name is refused.
 * The sources: the `@alicloud/bssopenapi20171214` 4.1.1 models and Terraform at 81c43b672
 * (`service_alicloud_kms_v2.go`, `resource_alicloud_kms_instance.go`).
 */
import type {
  ActionContract,
  ErrorContract,
  ParamContract,
  Source,
  StringForm,
} from "./contract-types";
import { BSS_SDK, CHOSEN, REGION_ID_FORM, TF, UNCONFIRMED } from "./sources";

/** The BssOpenApi version of the renewal actions. */
export const BSS_VERSION = "2017-12-14";

/** What `RenewStatus` / `RenewalStatus` may be. */
export const RENEW_STATUSES = ["AutoRenewal", "ManualRenewal", "NotRenewal"] as const;

/** The units of an auto-renewal period: months and years. */
export const RENEWAL_UNITS = ["M", "Y"] as const;

/** The auto-renewal periods the emulator accepts, in units of `RenewalPeriodUnit`. */
export const RENEWAL_PERIOD_RANGE = Object.freeze({ min: 1, max: 36 });

/**
 * The KMS product types of BSS: subscription (`ddi`) or pay-as-you-go (`ppi`), on the domestic
 * (`_cn`) or the international (`_intl`) site.
 */
export const KMS_PRODUCT_TYPES = [
  "kms_ddi_public_cn",
  "kms_ppi_public_cn",
  "kms_ddi_public_intl",
  "kms_ppi_public_intl",
] as const;

/** The billing methods of BSS. */
export const SUBSCRIPTION_TYPES = ["Subscription", "PayAsYouGo"] as const;

const TF_SERVICE = (lines: string): Source =>
  TF(`service_alicloud_kms_v2.go at 81c43b672 ${lines}`);
const TF_RESOURCE = (lines: string): Source =>
  TF(`resource_alicloud_kms_instance.go at 81c43b672 ${lines}`);

const QUERY = "QueryAvailableInstancesRequest";
const SET = "SetRenewalRequest";

/** An instance id list, as both actions take it. */
const INSTANCE_IDS = (model: string, required: boolean): ParamContract => ({
  name: "InstanceIDs",
  form: {
    type: "comma-list",
    item: { minLength: 1, maxLength: 128 },
    minItems: 1,
    maxItems: 100,
    distinct: false,
  },
  required,
  source: [
    BSS_SDK(
      model,
      `instanceIDs: comma-separated instance ids, at most 100${required ? "; required" : ""}`,
    ),
    model === QUERY
      ? TF_SERVICE('line 70: request["InstanceIDs"] = id (one kst- id)')
      : TF_RESOURCE('line 707: request["InstanceIDs"] = d.Id()'),
    CHOSEN("each id at most 128 characters; repeated ids are not refused"),
  ],
});

const PRODUCT_CODE = (model: string, required: boolean): ParamContract => ({
  name: "ProductCode",
  form: { type: "string", oneOf: ["kms"] },
  required,
  source: [
    BSS_SDK(
      model,
      required
        ? "productCode: the service code; required"
        : 'productCode: "This parameter cannot be left empty if the region is specified."',
    ),
    model === QUERY
      ? TF_SERVICE('line 73: request["ProductCode"] = "kms"')
      : TF_RESOURCE('line 726: request["ProductCode"] = "kms"'),
    CHOSEN("only kms: the emulator bills KMS instances alone"),
  ],
});

const PRODUCT_TYPE = (model: string): ParamContract => ({
  name: "ProductType",
  form: { type: "string", oneOf: KMS_PRODUCT_TYPES },
  required: false,
  source: [
    BSS_SDK(model, "productType: the type of the service (optional)"),
    model === QUERY
      ? TF_SERVICE(
          "lines 74–86: kms_ddi_public_cn, kms_ppi_public_cn when PayAsYouGo, _intl for an international account",
        )
      : TF_RESOURCE(
          "lines 727–739: kms_ddi_public_cn, kms_ppi_public_cn when PayAsYouGo, _intl for an international account",
        ),
    CHOSEN("only the four KMS product types"),
  ],
});

const SUBSCRIPTION_TYPE = (model: string): ParamContract => ({
  name: "SubscriptionType",
  form: { type: "string", oneOf: SUBSCRIPTION_TYPES },
  required: false,
  source: [BSS_SDK(model, "subscriptionType: Subscription | PayAsYouGo")],
});

const OWNER_ID = (model: string): ParamContract => ({
  name: "OwnerId",
  form: { type: "string", pattern: /^[0-9]{1,20}$/, patternText: "an account id (1–20 digits)" },
  required: false,
  source: [
    BSS_SDK(model, "ownerId: number"),
    CHOSEN(
      "digits as in every account id; an OwnerId other than the caller's account matches no instance",
    ),
  ],
});

const API_TIME: StringForm = {
  pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
  patternText: "a UTC time like 2016-05-23T12:00:00Z",
};

const TIME_BOUND = (name: string, what: string): ParamContract => ({
  name,
  form: { type: "string", ...API_TIME },
  required: false,
  source: [
    BSS_SDK(
      QUERY,
      `${name[0].toLowerCase()}${name.slice(1)}: ${what}, yyyy-MM-ddTHH:mm:ssZ in UTC`,
    ),
    CHOSEN("the bound is inclusive"),
  ],
});

const NOT_APPLICABLE: ErrorContract = {
  code: "NotApplicable",
  status: 400,
  when: "ProductType ends in _cn for an international account, or in _intl for a domestic one",
  source: [
    TF_SERVICE(
      "lines 98–105: on NotApplicable Terraform switches to the international endpoint and the _intl product types",
    ),
    UNCONFIRMED(
      'HTTP 400 and the message "This API is not applicable for caller."; the real trigger is the endpoint\'s site, the emulator (one address) keys on the product type suffix',
    ),
  ],
};

const BSS_MISSING: ErrorContract = {
  code: "Missing<Name>",
  status: 400,
  when: "a required parameter is absent or empty",
  source: [CHOSEN("the gateway's Missing<Name> pattern, as for KMS")],
};

const BSS_INVALID: ErrorContract = {
  code: "InvalidParameter",
  status: 400,
  when: "a parameter breaks its form, or is not one of the model's; the message names it",
  source: [CHOSEN("the gateway's InvalidParameter, as for KMS; BSS's own codes are not known")],
};

const UNKNOWN_REFUSED: NonNullable<ActionContract["unknownParams"]> = {
  refused: true,
  source: [
    CHOSEN(
      "how BSS treats a parameter its model does not name is not known; the emulator refuses it, so a misspelt field fails a test instead of being dropped",
    ),
  ],
};

/** The BssOpenApi renewal actions the provider calls and the emulator serves. */
export const BSS_ACTIONS: readonly ActionContract[] = [
  {
    action: "QueryAvailableInstances",
    version: BSS_VERSION,
    calledByProvider: true,
    params: [
      INSTANCE_IDS(QUERY, false),
      {
        name: "Region",
        form: { type: "string", ...REGION_ID_FORM },
        required: false,
        source: [
          BSS_SDK(QUERY, "region: the region of the instance"),
          TF_SERVICE('line 71: request["Region"] = client.RegionId'),
        ],
      },
      PRODUCT_CODE(QUERY, false),
      PRODUCT_TYPE(QUERY),
      SUBSCRIPTION_TYPE(QUERY),
      {
        name: "RenewStatus",
        form: { type: "string", oneOf: RENEW_STATUSES },
        required: false,
        source: [BSS_SDK(QUERY, "renewStatus: AutoRenewal | ManualRenewal | NotRenewal")],
      },
      TIME_BOUND("CreateTimeStart", "instances created at or after"),
      TIME_BOUND("CreateTimeEnd", "instances created at or before"),
      TIME_BOUND("EndTimeStart", "instances ending at or after"),
      TIME_BOUND("EndTimeEnd", "instances ending at or before"),
      {
        name: "PageNum",
        form: { type: "integer", min: 1, max: 1_000_000 },
        required: false,
        source: [BSS_SDK(QUERY, "pageNum: number"), CHOSEN("1–1000000, default 1")],
      },
      {
        name: "PageSize",
        form: { type: "integer", min: 1, max: 300 },
        required: false,
        source: [BSS_SDK(QUERY, "pageSize: number, example 20"), CHOSEN("1–300, default 20")],
      },
      OWNER_ID(QUERY),
    ],
    unknownParams: UNKNOWN_REFUSED,
    errors: [
      {
        ...BSS_MISSING,
        code: "MissingProductCode",
        when: "Region is given without ProductCode",
        source: [
          BSS_SDK(
            QUERY,
            'productCode: "This parameter cannot be left empty if the region is specified."',
          ),
          CHOSEN("HTTP 400 and the Missing<Name> code"),
        ],
      },
      BSS_INVALID,
      NOT_APPLICABLE,
    ],
    source: [
      BSS_SDK(QUERY, "the request; QueryAvailableInstancesResponseBody: Data.InstanceList"),
      TF_SERVICE(
        "line 62: DescribeInstanceQueryAvailableInstances; an empty InstanceList is NotFound",
      ),
      TF_RESOURCE("lines 464–465: renew_period and renew_status read from it"),
    ],
  },
  {
    action: "SetRenewal",
    version: BSS_VERSION,
    calledByProvider: true,
    params: [
      INSTANCE_IDS(SET, true),
      PRODUCT_CODE(SET, true),
      PRODUCT_TYPE(SET),
      SUBSCRIPTION_TYPE(SET),
      {
        name: "RenewalStatus",
        form: { type: "string", oneOf: RENEW_STATUSES },
        required: true,
        source: [
          BSS_SDK(SET, "renewalStatus: AutoRenewal | ManualRenewal | NotRenewal; required"),
          TF_RESOURCE('line 712: request["RenewalStatus"] = d.Get("renew_status")'),
        ],
      },
      {
        name: "RenewalPeriod",
        form: { type: "integer", ...RENEWAL_PERIOD_RANGE },
        required: false,
        source: [
          BSS_SDK(SET, "renewalPeriod: 1, 2, 3, 6, 12; required if RenewalStatus is AutoRenewal"),
          TF_RESOURCE("line 132: renew_period IntBetween(0, 36)"),
          CHOSEN("1–36: Terraform's bound without 0, which is no period"),
        ],
      },
      {
        name: "RenewalPeriodUnit",
        form: { type: "string", oneOf: RENEWAL_UNITS },
        required: false,
        source: [
          BSS_SDK(SET, "renewalPeriodUnit: M (months) | Y (years); required if AutoRenewal"),
          TF_RESOURCE('line 155: renewal_period_unit StringInSlice("M", "Y")'),
        ],
      },
      OWNER_ID(SET),
    ],
    unknownParams: UNKNOWN_REFUSED,
    errors: [
      {
        ...BSS_MISSING,
        when: "RenewalStatus is AutoRenewal without RenewalPeriod or RenewalPeriodUnit (MissingRenewalPeriod, MissingRenewalPeriodUnit), or a required parameter is absent",
        source: [
          BSS_SDK(SET, 'renewalPeriod, renewalPeriodUnit: "required if … AutoRenewal"'),
          CHOSEN("HTTP 400 and the Missing<Name> code"),
        ],
      },
      BSS_INVALID,
      NOT_APPLICABLE,
      {
        code: "InvalidParameter.InstanceIDs",
        status: 400,
        when: "an id that is not a subscription instance of the caller's account (unknown, another account's, another product type, or pay-as-you-go); nothing is changed",
        source: [
          UNCONFIRMED(
            "what BSS answers for such an id is not known; the code is the emulator's own",
          ),
        ],
      },
    ],
    source: [
      BSS_SDK(SET, "the request; SetRenewalResponseBody: Code, Message, RequestId, Success"),
      TF_RESOURCE("lines 704–760: SetRenewal through BssOpenApi 2017-12-14"),
    ],
  },
];
