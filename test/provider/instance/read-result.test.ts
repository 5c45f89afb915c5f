import fc from "fast-check";
import {
  MANAGED_PROPERTIES,
  diffInstance,
  readResult,
  toOutputs,
  type KmsInstanceOutputs,
} from "../../../provider/instance";
import {
  apiKmsInstanceArb,
  expectPlainJson,
  isUnknown,
  kmsInstanceIdArb,
  liveTagsArb,
  managedArb,
  regionArb,
} from "./arbitraries";

const ID = "kst-hzz65f176a0ogplgqxxxx";

describe("readResult", () => {
  it("returns identity plus the live values of exactly the managed properties", () => {
    const live: KmsInstanceOutputs = {
      kmsInstanceId: ID,
      region: "cn-hangzhou",
      managedProperties: ["instanceName", "tags"],
      instanceName: "payments",
      status: "Connected",
      endDate: "2030-01-01T00:00:00Z",
      deletionProtection: true,
      tags: { team: "pay" },
    };
    const { outputs, inputs } = readResult(live);
    expect(outputs).toBe(live);
    expect(inputs).toStrictEqual({
      kmsInstanceId: ID,
      region: "cn-hangzhou",
      instanceName: "payments",
      tags: { team: "pay" },
    });
  });

  it("uses the API defaults for absent booleans and lists, and omits absent strings", () => {
    const { inputs } = readResult({
      kmsInstanceId: ID,
      region: "cn-hangzhou",
      managedProperties: [...MANAGED_PROPERTIES],
    });
    expect(inputs).toStrictEqual({
      kmsInstanceId: ID,
      region: "cn-hangzhou",
      bindVpcs: [],
      tags: {},
      deletionProtection: false,
    });
  });

  it("never puts output-only fields into inputs, and copies rather than aliases (property)", () => {
    fc.assert(
      fc.property(apiKmsInstanceArb, managedArb, liveTagsArb, (api, managed, tags) => {
        const live = toOutputs(api, { kmsInstanceId: ID, region: "cn-hangzhou", managed, tags });
        const { inputs } = readResult(live);
        expectPlainJson(inputs);
        const allowed = ["kmsInstanceId", "region", ...managed];
        for (const key of Object.keys(inputs)) expect(allowed).toContain(key);
        if (inputs.bindVpcs !== undefined && live.bindVpcs !== undefined) {
          expect(inputs.bindVpcs).not.toBe(live.bindVpcs);
        }
      }),
    );
  });

  it("read then diff of an unchanged instance is always no change (property)", () => {
    fc.assert(
      fc.property(
        apiKmsInstanceArb,
        managedArb,
        liveTagsArb,
        kmsInstanceIdArb,
        regionArb,
        (api, managed, tags, kmsInstanceId, region) => {
          const live = toOutputs(api, { kmsInstanceId, region, managed, tags });
          const { outputs, inputs } = readResult(live);
          const d = diffInstance(outputs as unknown as Record<string, unknown>, inputs, {
            isUnknown,
          });
          expect(d).toEqual({ changes: false, replaces: [], diffs: [] });
          // The state round-trips through JSON between runs; that must not matter either.
          const stored = JSON.parse(JSON.stringify(outputs)) as Record<string, unknown>;
          expect(diffInstance(stored, inputs, { isUnknown }).changes).toBe(false);
        },
      ),
    );
  });
});
