import {
  ACCOUNT_ID,
  KMS_INSTANCE_ID,
  KMS_INSTANCE_ID_EXAMPLE,
  MAX_INSTANCE_NAME_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  REGION_ID,
  VPC_ID,
  VSWITCH_ID,
} from "./formats";
import { noRegionMessage } from "../kms/region";
import { bindVpcKey } from "./bindVpcKey";
import { INPUT_PROPERTIES, type BindVpc, type KmsInstanceInputs } from "./model";
import { isSystemTagKey } from "./systemTags";

/** One rejected input: the property path (`bindVpcs[1].vpcOwnerId`) and what is accepted. */
export interface CheckFailure {
  /** Path of the offending value, in Pulumi's property-path syntax. */
  property: string;
  /** A sentence that starts with the path and says what is accepted. */
  reason: string;
}

/** What `checkInputs` needs besides the program's values. */
export interface CheckOptions {
  /** Region from `alicloud:region` config or the environment, used when `region` is not declared. */
  defaultRegion?: string;
  /** True for a value the engine does not know yet (preview); such values are never rejected. */
  isUnknown: (v: unknown) => boolean;
  /**
   * The config key that sets the default region, named in messages.
   * @default "alicloud:region" (the dynamic provider's; the plugin reads `alicloud-kms:region`)
   */
  regionConfigKey?: string;
}

/** The result of `checkInputs`, shaped like a dynamic provider's `CheckResult`. */
export interface CheckInputsResult {
  /** The inputs to store: the declared values unchanged (unknowns included), region defaulted. */
  inputs: KmsInstanceInputs;
  /** Every problem found, in input order; empty when the inputs are valid. */
  failures: CheckFailure[];
}

const REGION_EXAMPLES = "e.g. `cn-hangzhou`, `ap-southeast-1`";
const BIND_VPC_FIELDS = ["vpcId", "vSwitchId", "regionId", "vpcOwnerId"] as const;

/**
 * Validates what a program declares. Values are passed through exactly as given — nothing is
 * trimmed or rewritten — except that a missing `region` takes `opts.defaultRegion`. A key whose
 * value is `undefined` or `null` counts as not declared and is omitted. Keys starting with `__`
 * (the engine's `__provider`) are ignored. Values for which `opts.isUnknown` is true, at any depth,
 * are accepted as they are: preview must not fail on values the engine will know only later.
 */
export function checkInputs(news: Record<string, unknown>, opts: CheckOptions): CheckInputsResult {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string) =>
    failures.push({ property, reason: `${property} ${reason}` });
  const unknown = opts.isUnknown;
  const inputs: Record<string, unknown> = {};

  for (const key of Object.keys(news)) {
    if (key.startsWith("__")) continue;
    if (!(INPUT_PROPERTIES as readonly string[]).includes(key)) {
      fail(key, `is not a property of a KMS instance; accepted: ${INPUT_PROPERTIES.join(", ")}.`);
    }
  }
  const declared = (key: string): boolean => news[key] !== undefined && news[key] !== null;

  // kmsInstanceId
  const id = news.kmsInstanceId;
  if (!declared("kmsInstanceId")) {
    fail(
      "kmsInstanceId",
      `is required: the id of an existing KMS instance, e.g. \`${KMS_INSTANCE_ID_EXAMPLE}\`.`,
    );
  } else if (!unknown(id) && !(typeof id === "string" && KMS_INSTANCE_ID.test(id))) {
    fail(
      "kmsInstanceId",
      `must be a KMS instance id: \`kst-\` and 8–64 lowercase letters or digits, e.g. \`${KMS_INSTANCE_ID_EXAMPLE}\`; got ${describe(id)}.`,
    );
  }
  if (declared("kmsInstanceId")) inputs.kmsInstanceId = id;

  // region
  if (declared("region")) {
    const region = news.region;
    if (!unknown(region) && !(typeof region === "string" && REGION_ID.test(region))) {
      fail("region", `must be a region id (${REGION_EXAMPLES}); got ${describe(region)}.`);
    }
    inputs.region = region;
  } else if (opts.defaultRegion !== undefined && opts.defaultRegion !== "") {
    if (!REGION_ID.test(opts.defaultRegion)) {
      fail(
        "region",
        `is not set and the default region ${describe(opts.defaultRegion)} (from \`${opts.regionConfigKey ?? "alicloud:region"}\` or ALIBABA_CLOUD_REGION) is not a region id (${REGION_EXAMPLES}).`,
      );
    }
    inputs.region = opts.defaultRegion;
  } else {
    failures.push({
      property: "region",
      reason: noRegionMessage({ configKey: opts.regionConfigKey }),
    });
  }

  // instanceName
  if (declared("instanceName")) {
    const name = news.instanceName;
    if (
      !unknown(name) &&
      !(typeof name === "string" && name.length > 0 && name.length <= MAX_INSTANCE_NAME_LENGTH)
    ) {
      fail(
        "instanceName",
        `must be a non-empty string of at most ${MAX_INSTANCE_NAME_LENGTH} characters; got ${describe(name)}.`,
      );
    }
    inputs.instanceName = name;
  }

  // bindVpcs
  if (declared("bindVpcs")) {
    checkBindVpcs(news.bindVpcs, unknown, fail);
    inputs.bindVpcs = news.bindVpcs;
  }

  // tags
  if (declared("tags")) {
    checkTags(news.tags, unknown, fail);
    inputs.tags = news.tags;
  }

  // deletionProtection (+ description)
  if (declared("deletionProtection")) {
    const v = news.deletionProtection;
    if (!unknown(v) && typeof v !== "boolean") {
      fail("deletionProtection", `must be true or false; got ${describe(v)}.`);
    }
    inputs.deletionProtection = v;
  }
  if (declared("deletionProtectionDescription")) {
    const v = news.deletionProtectionDescription;
    if (!unknown(v) && typeof v !== "string") {
      fail("deletionProtectionDescription", `must be a string; got ${describe(v)}.`);
    }
    inputs.deletionProtectionDescription = v;
  }

  return { inputs: inputs as unknown as KmsInstanceInputs, failures };
}

type Fail = (property: string, reason: string) => void;

function checkBindVpcs(value: unknown, unknown: (v: unknown) => boolean, fail: Fail): void {
  if (unknown(value)) return;
  if (!Array.isArray(value)) {
    fail(
      "bindVpcs",
      `must be a list of { vpcId, vSwitchId, regionId, vpcOwnerId } (an empty list unbinds every VPC); got ${describe(value)}.`,
    );
    return;
  }
  const seen = new Map<string, number>();
  value.forEach((entry: unknown, i) => {
    const at = `bindVpcs[${i}]`;
    if (unknown(entry)) return;
    if (!isPlainObject(entry)) {
      fail(
        at,
        `must be an object { vpcId, vSwitchId, regionId, vpcOwnerId }; got ${describe(entry)}.`,
      );
      return;
    }
    for (const key of Object.keys(entry)) {
      if (!(BIND_VPC_FIELDS as readonly string[]).includes(key)) {
        fail(
          `${at}.${key}`,
          `is not a field of a bound VPC; accepted: ${BIND_VPC_FIELDS.join(", ")}.`,
        );
      }
    }
    let complete = true;
    const field = (
      name: (typeof BIND_VPC_FIELDS)[number],
      ok: (v: unknown) => boolean,
      what: string,
    ) => {
      const v = entry[name];
      if (unknown(v)) {
        complete = false;
        return;
      }
      if (v === undefined || v === null) {
        fail(`${at}.${name}`, `is required: ${what}.`);
        complete = false;
      } else if (!ok(v)) {
        fail(`${at}.${name}`, `must be ${what}; got ${describe(v)}.`);
        complete = false;
      }
    };
    const matches = (re: RegExp) => (v: unknown) => typeof v === "string" && re.test(v);
    field(
      "vpcId",
      matches(VPC_ID),
      "a VPC id (`vpc-` and lowercase letters or digits, e.g. `vpc-bp1k4m4d0ob5mwxxxxxxx`)",
    );
    field(
      "vSwitchId",
      matches(VSWITCH_ID),
      "a vSwitch id (`vsw-` and lowercase letters or digits, e.g. `vsw-bp1s7e7dxp0ak4xxxxxxx`)",
    );
    field("regionId", matches(REGION_ID), `a region id (${REGION_EXAMPLES})`);
    const owner = entry.vpcOwnerId;
    if (typeof owner === "number") {
      fail(
        `${at}.vpcOwnerId`,
        `must be a string of 1–20 digits, not a number: 16-digit account ids overflow JavaScript numbers and lose digits, so write it in quotes, e.g. "1234567890123456"; got ${describe(owner)}.`,
      );
      complete = false;
    } else {
      field(
        "vpcOwnerId",
        matches(ACCOUNT_ID),
        'the VPC owner account id as a string of 1–20 digits, e.g. "1234567890123456"',
      );
    }
    if (complete) {
      const key = bindVpcKey(entry as unknown as BindVpc);
      const first = seen.get(key);
      if (first !== undefined) {
        fail(
          at,
          `binds the same regionId, vpcId and vSwitchId as bindVpcs[${first}]; list each binding once.`,
        );
      } else {
        seen.set(key, i);
      }
    }
  });
}

function checkTags(value: unknown, unknown: (v: unknown) => boolean, fail: Fail): void {
  if (unknown(value)) return;
  if (!isPlainObject(value)) {
    fail(
      "tags",
      `must be a map of string keys to string values, e.g. { team: "payments" }; got ${describe(value)}.`,
    );
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_TAGS) {
    fail("tags", `may hold at most ${MAX_TAGS} tags; got ${keys.length}.`);
  }
  for (const key of keys) {
    const at = `tags[${JSON.stringify(key)}]`;
    if (key.length === 0 || key.length > MAX_TAG_LENGTH) {
      fail(at, `has a key of ${key.length} characters; a tag key must have 1–${MAX_TAG_LENGTH}.`);
    } else if (isSystemTagKey(key)) {
      fail(
        at,
        "uses a prefix reserved for system tags (`aliyun`, `acs:`, any case); choose another key.",
      );
    }
    const v = value[key];
    if (unknown(v)) continue;
    if (typeof v !== "string") {
      fail(at, `must be a string value; got ${describe(v)}.`);
    } else if (v.length > MAX_TAG_LENGTH) {
      fail(
        at,
        `has a value of ${v.length} characters; a tag value may have at most ${MAX_TAG_LENGTH}.`,
      );
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A short, safe rendering of a rejected value for messages. */
function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === "object") return "an object";
  if (typeof v === "string") {
    return v.length > 80 ? `a string of ${v.length} characters` : JSON.stringify(v);
  }
  return `${typeof v} ${String(v)}`;
}
