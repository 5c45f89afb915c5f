import { OUTPUT_FIELDS, OUTPUT_NAMES, toOutputs } from "../../../provider/instance";
import type { OutputField } from "../../../provider/instance/fields";
import type { ApiKmsInstance } from "../../../provider/kms/types";

/**
 * The schema type of every output, pinned: a type may only change on purpose. `integer` where
 * the API sends a JSON integer (shared/reference/kms-instance-api.md: Spec, KeyNum, VpcNum, Log,
 * LogStorage); `secretNum` stays `number` (the API sends a string).
 */
const EXPECTED_TYPES: Record<string, unknown> = {
  kmsInstanceId: "string",
  region: "string",
  managedProperties: "array",
  instanceId: "string",
  instanceName: "string",
  status: "string",
  createTime: "string",
  startDate: "string",
  endDate: "string",
  spec: "integer",
  keyNum: "integer",
  secretNum: "number",
  vpcNum: "integer",
  vpcId: "string",
  zoneIds: "array",
  vswitchIds: "array",
  caCertificateChainPem: "string",
  bindVpcs: "array",
  chargeType: "string",
  productVersion: "string",
  productType: "string",
  saleStatus: "string",
  log: "integer",
  logStorage: "integer",
  deletionProtection: "boolean",
  deletionProtectionDescription: "string",
  tags: "object",
  ownerAccountId: "string",
  watchQuota: "boolean",
  // A `$ref` to the QuotaUsage object type (no `type` of its own).
  quota: undefined,
};

describe("OUTPUT_FIELDS", () => {
  it("gives every output its pinned schema type and a description", () => {
    const types = Object.fromEntries(
      OUTPUT_NAMES.map((name) => [name, (OUTPUT_FIELDS[name].type as { type?: string }).type]),
    );
    expect(types).toEqual(EXPECTED_TYPES);
    for (const name of OUTPUT_NAMES) expect(OUTPUT_FIELDS[name].description).not.toBe("");
  });

  it("reads each API field into exactly one output", () => {
    const apiNames = OUTPUT_NAMES.flatMap((name) => {
      const row: OutputField = OUTPUT_FIELDS[name];
      return row.from?.api ?? [];
    });
    expect(new Set(apiNames).size).toBe(apiNames.length);
    expect(apiNames).toContain("SecretNum");
  });

  it("drives toOutputs: a row's API field lands under the row's output name", () => {
    const body: ApiKmsInstance = { VpcId: "vpc-1", SecretNum: "10", Log: 1 };
    const out = toOutputs(body, { kmsInstanceId: "kst-a", region: "cn-hangzhou", managed: [] });
    expect(out).toEqual({
      kmsInstanceId: "kst-a",
      region: "cn-hangzhou",
      managedProperties: [],
      vpcId: "vpc-1",
      secretNum: 10,
      log: 1,
    });
  });
});
