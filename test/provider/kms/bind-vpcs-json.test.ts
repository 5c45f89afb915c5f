/**
 * The `BindVpcs` encoder: `VpcOwnerId` unquoted with its exact digits (16 and 19 digits
 * included), left out when absent, and the text read back digit for digit by the exact parser.
 */
import fc from "fast-check";
import { JsonNumberText, parseExactJson } from "../../../contract/json-exact";
import { encodeBindVpcs } from "../../../provider/kms/client";

const vpc = { VpcId: "vpc-a", VSwitchId: "vsw-a", RegionId: "cn-hangzhou" };

describe("encodeBindVpcs", () => {
  it.each([
    ["16 digits", "1234567890123456"],
    ["16 digits above 2^53 (2^53 + 1)", "9007199254740993"],
    ["19 digits (above 2^53, below 2^63)", "9223372036854775807"],
    ["19 digits that a double rounds", "1234567890123456789"],
  ])("writes a %s VpcOwnerId unquoted with its exact digits", (_what, owner) => {
    const text = encodeBindVpcs([{ ...vpc, VpcOwnerId: owner }]);
    expect(text).toBe(
      `[{"VpcId":"vpc-a","VSwitchId":"vsw-a","RegionId":"cn-hangzhou","VpcOwnerId":${owner}}]`,
    );
    // JSON.parse loses the digits of any id above 2^53: that is why the emulator keeps text.
    expect(String((JSON.parse(text) as { VpcOwnerId: number }[])[0].VpcOwnerId) === owner).toBe(
      Number.isSafeInteger(Number(owner)),
    );
  });

  it("leaves the key out when there is no owner id", () => {
    expect(encodeBindVpcs([vpc, { ...vpc, VpcId: "vpc-b", VpcOwnerId: "" }])).toBe(
      '[{"VpcId":"vpc-a","VSwitchId":"vsw-a","RegionId":"cn-hangzhou"},' +
        '{"VpcId":"vpc-b","VSwitchId":"vsw-a","RegionId":"cn-hangzhou"}]',
    );
  });

  it("encodes an empty list as []", () => {
    expect(encodeBindVpcs([])).toBe("[]");
  });

  it.each(["01234", "12a", "-5", "1e3", " 12"])(
    "refuses a VpcOwnerId %j that would not be a JSON integer",
    (owner) => {
      expect(() => encodeBindVpcs([{ ...vpc, VpcOwnerId: owner }])).toThrow(
        /VpcOwnerId must be an account id of digits/,
      );
    },
  );

  it("round-trips any ids and strings through the exact parser", () => {
    const text = fc.string({ maxLength: 12 });
    const owner = fc.option(fc.stringMatching(/^[1-9][0-9]{0,19}$/), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(fc.record({ VpcId: text, VSwitchId: text, RegionId: text, VpcOwnerId: owner }), {
          maxLength: 5,
        }),
        (vpcs) => {
          const doc = parseExactJson(encodeBindVpcs(vpcs)) as Record<string, unknown>[];
          expect(doc).toHaveLength(vpcs.length);
          doc.forEach((entry, i) => {
            expect(entry.VpcId).toBe(vpcs[i].VpcId);
            expect(entry.VSwitchId).toBe(vpcs[i].VSwitchId);
            expect(entry.RegionId).toBe(vpcs[i].RegionId);
            const got = entry.VpcOwnerId;
            if (vpcs[i].VpcOwnerId === undefined) expect(got).toBeUndefined();
            else expect(got).toEqual(new JsonNumberText(vpcs[i].VpcOwnerId ?? ""));
          });
        },
      ),
    );
  });
});
