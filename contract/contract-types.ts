/**
 * The vocabulary of the contract tables (`kms-actions.ts`, `bss-actions.ts`): how a request parameter travels on
 * the wire, whether it is required, its limits, each action's errors, and where each fact comes
 * from. Plain data: the emulator validates requests from it, the tests check the provider's
 * requests against it, and neither restates it.
 */

/** Where a fact comes from. */
export interface Source {
  /**
   * - `reference`: the API reference page (as collected in `reference/kms-instance-api.md`);
   * - `sdk-model`: Alibaba's generated SDK models: for kms 2016-01-20 the Go
   *   `alibabacloud-go/kms-20160120`, for BssOpenApi 2017-12-14 the TypeScript
   *   `@alicloud/bssopenapi20171214` 4.1.1 (`src/models/<File>.ts`), for STS `@alicloud/credentials`;
   * - `terraform`: what `aliyun/terraform-provider-alicloud` sends or handles in production;
   * - `gateway`: the Alibaba Cloud API gateway's common error codes, seen across products;
   * - `unconfirmed`: believed, not confirmed by an outside source;
   * - `chosen`: the real behaviour is unknown; the emulator does this, strictly.
   */
  kind: "reference" | "sdk-model" | "terraform" | "gateway" | "unconfirmed" | "chosen";
  /** What exactly: the page, file or pull request, or why the choice. */
  detail: string;
}

/** A string value's constraints. */
export interface StringForm {
  /** A regular expression the whole value must match. */
  pattern?: RegExp;
  /** What the pattern means, for messages (`a VPC id (vpc-…)`). */
  patternText?: string;
  /** Only these values. */
  oneOf?: readonly string[];
  /** Minimum length. @default 1 (a required parameter is never `""`) */
  minLength?: number;
  /** Maximum length in UTF-16 code units. */
  maxLength?: number;
}

/** The shape of a value inside a JSON-string parameter. */
export type JsonShape =
  | ({ json: "string" } & StringForm)
  /** An unquoted JSON integer, digits kept exactly (never through a JS number). */
  | { json: "integer-digits"; minDigits: number; maxDigits: number }
  | { json: "array"; items: JsonShape; minItems: number; maxItems: number }
  | { json: "object"; fields: readonly JsonField[] };

/** One member of a JSON object shape. */
export interface JsonField {
  /** The member name. */
  name: string;
  /** Its value. */
  shape: JsonShape;
  /** Whether the member must be present (an absent optional member is left out, never `""`). */
  required: boolean;
  /** Where the form comes from. */
  source: readonly Source[];
}

/**
 * How a parameter is written on the wire. Every RPC parameter is a string in the query or
 * form body; the form says what that string must hold.
 */
export type WireForm =
  /** Any text within the constraints. */
  | ({ type: "string" } & StringForm)
  /** A decimal integer (`"20"`): digits only, within [min, max]. */
  | { type: "integer"; min: number; max: number }
  /** `"true"` or `"false"`. */
  | { type: "boolean" }
  /** Items joined by `,` (`"cn-hangzhou-k,cn-hangzhou-j"`). */
  | { type: "comma-list"; item: StringForm; minItems: number; maxItems: number; distinct: boolean }
  /** A flattened list `Name.1`, `Name.2`, … numbered from 1 without gaps. */
  | { type: "flat-list"; item: StringForm; minItems: number; maxItems: number }
  /** Flattened pairs `Name.1.Key` / `Name.1.Value`, numbered from 1 without gaps. */
  | {
      type: "flat-pairs";
      key: StringForm;
      value: StringForm;
      /** Whether each `Name.N.Value` must be present. */
      valueRequired: boolean;
      minItems: number;
      maxItems: number;
    }
  /** A JSON text of the given shape. */
  | { type: "json"; shape: JsonShape };

/** One request parameter of an action. */
export interface ParamContract {
  /** The wire name (`KmsInstanceId`; for flattened forms the stem: `ResourceId`, `Tag`). */
  name: string;
  /** How it is written. */
  form: WireForm;
  /** Whether a request without it is refused (`Missing<Name>`). */
  required: boolean;
  /** Where the name, form, requirement and limits come from. */
  source: readonly Source[];
}

/** An error an action may answer. */
export interface ErrorContract {
  /** The `Code` field. */
  code: string;
  /** The HTTP status the emulator answers with. */
  status: number;
  /** When it is answered. */
  when: string;
  /** Where the code and the status come from. */
  source: readonly Source[];
}

/** Whether an action is refused for an instance whose status is `Uninitialized`. */
export type UninitializedRule =
  | { refused: false; source: readonly Source[] }
  | { refused: true; code: string; status: number; source: readonly Source[] };

/** One action of the API, as the project calls or serves it. */
export interface ActionContract {
  /** The action name (`x-acs-action`). */
  action: string;
  /** The API version (`x-acs-version`). */
  version: string;
  /** Whether the provider's client calls it. */
  calledByProvider: boolean;
  /**
   * Its request parameters. Anything else is ignored, as the gateway does, unless
   * {@link ActionContract.unknownParams} refuses it.
   */
  params: readonly ParamContract[];
  /**
   * Present when a parameter the table does not name (other than the old RPC signature's common
   * parameters) is refused with `InvalidParameter` naming it, rather than ignored; with why.
   */
  unknownParams?: { refused: true; source: readonly Source[] };
  /** The errors specific to it (the gateway's common errors are in `GATEWAY_ERRORS`). */
  errors: readonly ErrorContract[];
  /** What an `Uninitialized` instance answers; absent for actions not about one instance. */
  uninitialized?: UninitializedRule;
  /** Where the action and its use come from. */
  source: readonly Source[];
}
