/**
 * Empty values mean "absent" (the decoders in fields.ts; the GetKmsInstance reference's example shows
 * `"ZoneIds": [""]`): whatever a GetKmsInstance body holds, no output is ever `""`, `[""]`, an
 * empty string list or a list with a `""` element, and no bound VPC is an empty entry. Tag
 * values are the user's data (a tag may have the value `""`) and are left out of the rule.
 */
import fc from "fast-check";
import { OUTPUT_FIELDS, OUTPUT_NAMES, toOutputs } from "../../../provider/instance";
import type { OutputField } from "../../../provider/instance/fields";
import type { ApiKmsInstance } from "../../../provider/kms/types";

/** Values that carry nothing, in every shape the API could send them. */
const emptyish = fc.constantFrom<unknown>("", [""], ["", ""], [], "  ", ",", " , ", null);
/** Any JSON-ish value, biased to the empty forms and to lists that mix them with real values. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  emptyish,
  fc.string({ maxLength: 8 }),
  fc.array(fc.oneof(fc.constant(""), fc.string({ maxLength: 6 }), fc.integer()), {
    maxLength: 4,
  }),
  fc.integer(),
  fc.boolean(),
  fc.constant(undefined),
);
const bindVpcEntry = fc.record(
  {
    RegionId: fc.oneof(fc.constant(""), fc.constant("cn-hangzhou")),
    VpcId: fc.oneof(fc.constant(""), fc.constant("vpc-a")),
    VSwitchId: fc.oneof(fc.constant(""), fc.constant("vsw-a")),
    VpcOwnerId: fc.oneof(fc.constant(""), fc.constant("1234567890123456"), fc.integer()),
  },
  { requiredKeys: [] },
);
const bindVpcs = fc.oneof(
  anyValue,
  fc.record({ BindVpc: fc.array(fc.oneof(bindVpcEntry, emptyish), { maxLength: 4 }) }),
  fc.array(bindVpcEntry, { maxLength: 3 }),
);
const apiFields = OUTPUT_NAMES.flatMap((n) => {
  const from = (OUTPUT_FIELDS[n] as OutputField).from;
  return from === undefined ? [] : [from.api];
});
const bodyArb: fc.Arbitrary<ApiKmsInstance> = fc.record(
  Object.fromEntries(apiFields.map((f) => [f, f === "BindVpcs" ? bindVpcs : anyValue])),
  { requiredKeys: [] },
) as fc.Arbitrary<ApiKmsInstance>;

/** The paths of every empty value in an output object (tags excepted). */
function emptyPaths(out: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(out)) {
    if (key === "tags") continue;
    if (value === "") found.push(key);
    if (!Array.isArray(value)) continue;
    // `bindVpcs: []` is "no VPC bound", a real answer; a string list without items is not.
    if (value.length === 0 && key !== "bindVpcs" && key !== "managedProperties") found.push(key);
    value.forEach((item: unknown, i) => {
      if (item === "") found.push(`${key}[${i}]`);
      if (typeof item === "object" && item !== null) {
        const members = Object.values(item as Record<string, unknown>);
        if (members.every((m) => m === "")) found.push(`${key}[${i}] (no member)`);
      }
    });
  }
  return found;
}

test("no output ever holds an empty value", () => {
  fc.assert(
    fc.property(bodyArb, (body) => {
      const out = toOutputs(body, {
        kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx",
        region: "cn-hangzhou",
        managed: ["tags"],
        tags: { team: "" },
      });
      expect(emptyPaths(out as unknown as Record<string, unknown>)).toEqual([]);
    }),
    { numRuns: 500 },
  );
});

test("an Uninitialized instance as the service shows it has no VPC, zones or vSwitches", () => {
  const out = toOutputs(
    { Status: "Uninitialized", VpcId: "", ZoneIds: [""], VswitchIds: [""], InstanceName: "x" },
    { kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx", region: "cn-hangzhou", managed: [] },
  );
  expect(out).toEqual({
    kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx",
    region: "cn-hangzhou",
    managedProperties: [],
    status: "Uninitialized",
    instanceName: "x",
  });
});

test("real values next to empty ones are kept, in order", () => {
  const out = toOutputs(
    {
      ZoneIds: ["", "cn-hangzhou-k", "", "cn-hangzhou-j"],
      // The comma form an old doc page describes.
      VswitchIds: "vsw-a,,vsw-b",
    } as unknown as ApiKmsInstance,
    { kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx", region: "cn-hangzhou", managed: [] },
  );
  expect(out.zoneIds).toEqual(["cn-hangzhou-k", "cn-hangzhou-j"]);
  expect(out.vswitchIds).toEqual(["vsw-a", "vsw-b"]);
});
