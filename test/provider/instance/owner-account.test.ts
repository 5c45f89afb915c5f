/**
 * `ownerAccountId`: recorded next to the outputs, read back from state narrowly, and never part
 * of what a program declares — so it can never show as a diff.
 */
import fc from "fast-check";
import {
  diffInstance,
  readResult,
  storedAccountId,
  toOutputs,
  withOwnerAccount,
} from "../../../provider/instance";
import {
  apiKmsInstanceArb,
  inputsArb,
  isUnknown,
  kmsInstanceIdArb,
  managedArb,
  ownerIdArb,
  regionArb,
} from "./arbitraries";

describe("withOwnerAccount", () => {
  it("sets the account, or leaves the outputs as they are (no empty value)", () => {
    const outputs = { kmsInstanceId: "kst-x1234567", region: "cn-hangzhou", managedProperties: [] };
    expect(withOwnerAccount(outputs, "1234567890123456")).toEqual({
      ...outputs,
      ownerAccountId: "1234567890123456",
    });
    expect(withOwnerAccount(outputs, undefined)).toBe(outputs);
    expect("ownerAccountId" in withOwnerAccount(outputs, undefined)).toBe(false);
  });
});

describe("storedAccountId", () => {
  it.each([
    ["1234567890123456", "1234567890123456"],
    ["1", "1"],
    ["", undefined],
    ["123456789012****", undefined],
    [" 1", undefined],
    [1234567890123456, undefined],
    [null, undefined],
    [undefined, undefined],
    ["123456789012345678901", undefined],
  ])("reads %p as %p", (stored, expected) => {
    expect(storedAccountId(stored)).toBe(expected);
  });
});

describe("never a diff, never an input", () => {
  it("diffInstance is the same whatever ownerAccountId the stored outputs hold (property)", () => {
    fc.assert(
      fc.property(
        kmsInstanceIdArb,
        regionArb,
        apiKmsInstanceArb,
        managedArb,
        fc.option(ownerIdArb, { nil: undefined }),
        ownerIdArb,
        (id, region, api, managed, before, after) => {
          const live = toOutputs(api, { kmsInstanceId: id, region, managed });
          const olds = withOwnerAccount(live, before) as unknown as Record<string, unknown>;
          const moved = withOwnerAccount(live, after) as unknown as Record<string, unknown>;
          fc.assert(
            fc.property(inputsArb(id, region), (news) => {
              expect(diffInstance(moved, news, { isUnknown })).toEqual(
                diffInstance(olds, news, { isUnknown }),
              );
            }),
            { numRuns: 5 },
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it("readResult keeps it in the outputs and out of the inputs (property)", () => {
    fc.assert(
      fc.property(
        kmsInstanceIdArb,
        regionArb,
        apiKmsInstanceArb,
        managedArb,
        ownerIdArb,
        (id, region, api, managed, owner) => {
          const live = withOwnerAccount(
            toOutputs(api, { kmsInstanceId: id, region, managed }),
            owner,
          );
          const r = readResult(live);
          expect(r.outputs.ownerAccountId).toBe(owner);
          expect("ownerAccountId" in r.inputs).toBe(false);
        },
      ),
    );
  });
});
