/** fast-check arbitraries shared by the instance tests: API bodies, declared inputs, unknowns. */
import fc from "fast-check";
import type { ApiBindVpc, ApiKmsInstance } from "../../../provider/kms/types";
import {
  MANAGED_PROPERTIES,
  type BindVpc,
  type KmsInstanceInputs,
  type ManagedProperty,
} from "../../../provider/instance";

/** The engine's "unknown during preview" value and the predicate the adapters pass. */
export { UNKNOWN_VALUE as UNKNOWN, isUnknown } from "../../../provider/core/unknown";

const lowerAlnum = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[a-z0-9]{${min},${max}}$`));

/** A valid instance id. */
export const kmsInstanceIdArb = lowerAlnum(8, 24).map((s) => `kst-${s}`);
/** A valid region id. */
export const regionArb = fc.constantFrom(
  "cn-hangzhou",
  "cn-shanghai",
  "ap-southeast-1",
  "eu-central-1",
);
/** A 16-digit account id, as the API sends it. */
export const ownerIdArb = fc.stringMatching(/^[1-9][0-9]{15}$/);
/** A valid binding. */
export const bindVpcArb: fc.Arbitrary<BindVpc> = fc.record({
  vpcId: lowerAlnum(3, 6).map((s) => `vpc-${s}`),
  vSwitchId: lowerAlnum(3, 6).map((s) => `vsw-${s}`),
  regionId: regionArb,
  vpcOwnerId: ownerIdArb,
});
/** A list of bindings with no two sharing region, VPC and vSwitch (what checkInputs accepts). */
export const bindVpcListArb = fc.uniqueArray(bindVpcArb, {
  maxLength: 6,
  selector: (v) => `${v.regionId}|${v.vpcId}|${v.vSwitchId}`,
});
/** A user tag key (never a system prefix), including awkward ones. */
export const tagKeyArb = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).filter((k) => !k.startsWith("aliyun")),
  fc.constantFrom("team:name", "cost center", "__proto__", "constructor", "Env"),
);
/** A user tag map of at most 20 entries. */
export const tagsArb = fc.dictionary(tagKeyArb, fc.string({ maxLength: 20 }), {
  maxKeys: 20,
  noNullPrototype: true,
});
/** A live tag map that may also hold system tags. */
export const liveTagsArb = fc
  .tuple(
    tagsArb,
    fc.dictionary(
      fc.constantFrom("acs:rm:rgId", "aliyun:product", "ACS:x"),
      fc.string({ maxLength: 5 }),
      { noNullPrototype: true },
    ),
  )
  .map(([user, system]) => ({ ...system, ...user }));
/** A subset of the managed properties. */
export const managedArb: fc.Arbitrary<ManagedProperty[]> = fc.subarray([...MANAGED_PROPERTIES]);

const apiBindVpcArb: fc.Arbitrary<ApiBindVpc> = fc.record(
  {
    RegionId: regionArb,
    VpcId: lowerAlnum(3, 6).map((s) => `vpc-${s}`),
    VSwitchId: lowerAlnum(3, 6).map((s) => `vsw-${s}`),
    VpcOwnerId: ownerIdArb,
  },
  { requiredKeys: [] },
);
const isoArb = fc
  .date({
    min: new Date("2020-01-01T00:00:00Z"),
    max: new Date("2035-01-01T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().replace(/\.\d{3}Z$/, "Z"));

/** Any GetKmsInstance body: every field of ApiKmsInstance, each possibly absent. */
export const apiKmsInstanceArb: fc.Arbitrary<ApiKmsInstance> = fc.record(
  {
    InstanceId: kmsInstanceIdArb,
    InstanceName: fc.string({ minLength: 1, maxLength: 30 }),
    Status: fc.constantFrom("Uninitialized", "Connecting", "Connected", "Disconnected", "Error"),
    CreateTime: isoArb,
    StartDate: isoArb,
    EndDate: isoArb,
    Spec: fc.nat(10000),
    KeyNum: fc.nat(100000),
    SecretNum: fc.nat(100000).map(String),
    VpcNum: fc.nat(100),
    VpcId: lowerAlnum(3, 8).map((s) => `vpc-${s}`),
    ZoneIds: fc.array(fc.constantFrom("cn-hangzhou-h", "cn-hangzhou-k", "cn-hangzhou-j")),
    VswitchIds: fc.array(lowerAlnum(3, 6).map((s) => `vsw-${s}`)),
    CaCertificateChainPem: fc.constant(
      "-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----",
    ),
    BindVpcs: fc.record({ BindVpc: fc.array(apiBindVpcArb, { maxLength: 5 }) }),
    ChargeType: fc.constantFrom("PREPAY", "POSTPAY"),
    ProductVersion: fc.constantFrom("3", "4"),
    ProductType: fc.constantFrom("kms_ddi_public_cn", "kms_ppi_public_intl"),
    SaleStatus: fc.constant("Normal"),
    Log: fc.constantFrom(0, 1),
    LogStorage: fc.nat(1000),
    DeletionProtection: fc.boolean(),
    DeletionProtectionDescription: fc.string({ maxLength: 30 }),
  },
  { requiredKeys: [] },
);

/** Valid declared inputs for `id`/`region` with any subset of managed properties. */
export const inputsArb = (kmsInstanceId: string, region: string): fc.Arbitrary<KmsInstanceInputs> =>
  fc
    .record(
      {
        instanceName: fc.string({ minLength: 1, maxLength: 30 }),
        bindVpcs: bindVpcListArb,
        tags: tagsArb,
        deletionProtection: fc.boolean(),
        deletionProtectionDescription: fc.string({ maxLength: 30 }),
      },
      { requiredKeys: [] },
    )
    .map((managed) => ({ kmsInstanceId, region, ...managed }));

/** Asserts a value is plain JSON: no undefined, NaN, Infinity, functions or class instances. */
export function expectPlainJson(value: unknown, path = "$"): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => expectPlainJson(v, `${path}[${i}]`));
    return;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) expectPlainJson(v, `${path}.${k}`);
    return;
  }
  throw new Error(`${path} is not plain JSON: ${typeof value}`);
}
