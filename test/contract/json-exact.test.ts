/**
 * The exact JSON parser: numbers keep their source text, and it accepts exactly what
 * `JSON.parse` accepts.
 */
import fc from "fast-check";
import {
  isExactObject,
  JsonNumberText,
  JsonSyntaxError,
  parseExactJson,
  type ExactJson,
} from "../../contract/json-exact";

/** The value with every JsonNumberText turned into a JS number, to compare with JSON.parse. */
function toPlain(v: ExactJson): unknown {
  if (v instanceof JsonNumberText) return Number(v.text);
  if (Array.isArray(v)) return v.map(toPlain);
  if (isExactObject(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
  }
  return v;
}

describe("parseExactJson", () => {
  it("keeps a 19-digit integer's digits", () => {
    const doc = parseExactJson('[{"VpcOwnerId":1234567890123456789}]') as {
      VpcOwnerId: JsonNumberText;
    }[];
    expect(doc[0].VpcOwnerId.text).toBe("1234567890123456789");
    expect(doc[0].VpcOwnerId.isDigits).toBe(true);
  });

  it("tells a quoted id from a number", () => {
    const doc = parseExactJson('{"a":"12","b":12,"c":-12,"d":1.5,"e":1e3}') as Record<
      string,
      ExactJson
    >;
    expect(doc.a).toBe("12");
    expect(doc.b).toEqual(new JsonNumberText("12"));
    for (const k of ["c", "d", "e"]) expect((doc[k] as JsonNumberText).isDigits).toBe(false);
  });

  it("keeps __proto__ as an ordinary key", () => {
    const doc = parseExactJson('{"__proto__":"x"}');
    expect(isExactObject(doc) && Object.keys(doc)).toEqual(["__proto__"]);
  });

  it.each(["", "[", "[1,]", "{'a':1}", '{"a" 1}', "01", "1.", "[1] x", '"\\x"', "tru", '"a\tb"'])(
    "rejects %j like JSON.parse does",
    (text) => {
      expect(() => JSON.parse(text) as unknown).toThrow();
      expect(() => parseExactJson(text)).toThrow(JsonSyntaxError);
    },
  );

  it("refuses nesting deeper than 64", () => {
    expect(() => parseExactJson("[".repeat(100) + "]".repeat(100))).toThrow(/too deep/);
  });

  it("agrees with JSON.parse on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = JSON.stringify(value);
        expect(toPlain(parseExactJson(text))).toEqual(JSON.parse(text));
      }),
    );
  });

  it("rejects what JSON.parse rejects", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        let ok = true;
        try {
          JSON.parse(text);
        } catch {
          ok = false;
        }
        let exactOk = true;
        try {
          parseExactJson(text);
        } catch {
          exactOk = false;
        }
        expect(exactOk).toBe(ok);
      }),
    );
  });
});
