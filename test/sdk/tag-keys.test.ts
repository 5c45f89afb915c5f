/**
 * Which tag keys the Pulumi Node SDK can carry to the provider, tried for real with
 * `pulumi.runtime.setMocks`: every `Object.prototype` name (`__proto__` among them), the engine's
 * signature key and an ordinary key, as a plain map and as an Output. First what the SDK itself
 * does with each (the facts `UNSENDABLE_TAG_KEYS` rests on), then both resource classes: they
 * reject exactly the keys that would crash or vanish, naming `tags` and the key, before
 * registering, and every other key reaches the (mock) engine intact.
 */
import * as pulumi from "@pulumi/pulumi";
import { KmsInstance as DynamicKmsInstance } from "../../sdk/kms-instance";
import { KmsInstance as PluginKmsInstance } from "../../sdk/plugin/kms-instance";
import { UNSENDABLE_TAG_KEYS } from "../../sdk/tag-keys";
import { probeTagKeys } from "./support/tag-key-probe";

const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const KEYS = [...Object.getOwnPropertyNames(Object.prototype), SIGNATURE_KEY, "team"];

/** A map with one own key `key` (as `JSON.parse` makes it, `__proto__` included). */
function tagsWith(key: string): Record<string, string> {
  return JSON.parse(`{${JSON.stringify(key)}:"v"}`) as Record<string, string>;
}

test("what the SDK does with each key on its own: exactly the listed keys crash or vanish", () => {
  const broken = (form: "plain" | "output") =>
    [...probeTagKeys("raw", form, KEYS)]
      .filter(([, outcome]) => outcome !== "intact")
      .map(([key, outcome]) => [key, outcome === "vanished" ? "vanished" : "crash"])
      .sort(([a], [b]) => (a < b ? -1 : 1));
  expect(broken("plain")).toEqual([
    [SIGNATURE_KEY, "crash"],
    ["__proto__", "vanished"],
    ["toString", "crash"],
  ]);
  // `toString` only breaks a plain map (the SDK formats it as text); `__proto__` is lost by
  // `pulumi.output()` itself.
  expect(broken("output")).toEqual([
    [SIGNATURE_KEY, "crash"],
    ["__proto__", "vanished"],
  ]);
  expect([...UNSENDABLE_TAG_KEYS.keys()].sort()).toEqual(
    ["__proto__", "toString", SIGNATURE_KEY].sort(),
  );
  expect(UNSENDABLE_TAG_KEYS.get("toString")?.plainOnly).toBe(true);
}, 120_000);

describe.each([
  ["dynamic", DynamicKmsInstance],
  ["plugin", PluginKmsInstance],
] as const)("%s KmsInstance", (cls, Cls) => {
  const registered: Record<string, unknown>[] = [];
  beforeAll(() => {
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args.inputs as Record<string, unknown>);
          return { id: "kst-hzz65f176a0ogplgqxxxx", state: args.inputs };
        },
        call: () => ({}),
      },
      "proj",
      "stack",
      false,
    );
  });

  it.each([...UNSENDABLE_TAG_KEYS.keys()])(
    "a plain map with %s is rejected in the constructor, before registering",
    (key) => {
      const before = registered.length;
      expect(
        () =>
          new Cls(`bad-${cls}-${key}`, {
            kmsInstanceId: "kst-hzz65f176a0ogplgqxxxx",
            region: "cn-hangzhou",
            tags: tagsWith(key),
          }),
      ).toThrow(`tags: the key ${JSON.stringify(key)} cannot be used: `);
      expect(registered.length).toBe(before);
    },
  );

  it("every other key, plain or as an Output, reaches the engine intact", () => {
    for (const form of ["plain", "output"] as const) {
      const outcomes = probeTagKeys(cls, form, KEYS);
      for (const key of KEYS) {
        const row = UNSENDABLE_TAG_KEYS.get(key);
        const outcome = outcomes.get(key);
        if (row && (form === "plain" || !row.plainOnly) && key !== "__proto__") {
          expect([key, form, outcome]).toEqual([
            key,
            form,
            expect.stringContaining(`tags: the key ${JSON.stringify(key)} cannot be used: `),
          ]);
        } else if (key === "__proto__") {
          // A plain map is rejected; inside an Output the key is gone before anything sees it.
          expect([form, outcome]).toEqual(
            form === "plain"
              ? ["plain", expect.stringContaining('tags: the key "__proto__" cannot be used')]
              : ["output", "vanished"],
          );
        } else {
          expect([key, form, outcome]).toEqual([key, form, "intact"]);
        }
      }
    }
  }, 120_000);
});
