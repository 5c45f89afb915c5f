/**
 * A JSON parser that keeps every number as its source text. `JSON.parse` turns
 * `"VpcOwnerId":1234567890123456789` into 1234567890123456800 (a 19-digit account id does not
 * fit a double), and a reviver sees the value only after the digits are gone; so request
 * parameters whose numbers are account ids are read with this instead. Strict RFC 8259 grammar:
 * anything `JSON.parse` rejects is rejected here too.
 */

/** A JSON number, kept exactly as written (`"120708975881"`, `"-1.5e3"`). */
export class JsonNumberText {
  constructor(
    /** The number's source text, unchanged. */
    readonly text: string,
  ) {}

  /** Whether it is a non-negative integer without sign, fraction or exponent (`0`, `42`). */
  get isDigits(): boolean {
    return /^(0|[1-9][0-9]*)$/.test(this.text);
  }
}

/** A parsed JSON value whose numbers are {@link JsonNumberText}. */
export type ExactJson =
  null | boolean | string | JsonNumberText | ExactJson[] | { [key: string]: ExactJson };

/** Thrown for text that is not JSON; `offset` is where reading stopped. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset in the text where the error was found. */
    readonly offset: number,
  ) {
    super(message);
    this.name = "JsonSyntaxError";
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
// A string: characters other than `"`, `\` and the controls U+0000–U+001F (JSON forbids them
// unescaped, so matching them is the point here), or valid escapes.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;
// Nesting deeper than this is refused rather than risking the stack on hostile input.
const MAX_DEPTH = 64;

/** Parses `text` as one JSON value, keeping numbers as text. */
export function parseExactJson(text: string): ExactJson {
  let pos = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at offset ${pos}`, pos);
  };
  const skip = (): void => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
  };
  const literal = (word: string, value: ExactJson): ExactJson => {
    if (!text.startsWith(word, pos)) fail("unexpected token");
    pos += word.length;
    return value;
  };
  const str = (): string => {
    STRING.lastIndex = pos;
    const m = STRING.exec(text);
    if (!m) return fail("malformed string");
    pos = STRING.lastIndex;
    // The matched text is a valid JSON string literal, so JSON.parse decodes its escapes.
    return JSON.parse(m[0]) as string;
  };
  const value = (depth: number): ExactJson => {
    if (depth > MAX_DEPTH) fail("nesting too deep");
    skip();
    const c = text[pos];
    if (c === "{") {
      pos++;
      // No prototype: keys such as `__proto__` stay ordinary keys.
      const obj = Object.create(null) as { [key: string]: ExactJson };
      skip();
      if (text[pos] === "}") {
        pos++;
        return obj;
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail("expected a key");
        const key = str();
        skip();
        if (text[pos] !== ":") fail("expected ':'");
        pos++;
        obj[key] = value(depth + 1);
        skip();
        if (text[pos] === ",") pos++;
        else if (text[pos] === "}") {
          pos++;
          return obj;
        } else fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      pos++;
      const arr: ExactJson[] = [];
      skip();
      if (text[pos] === "]") {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        skip();
        if (text[pos] === ",") pos++;
        else if (text[pos] === "]") {
          pos++;
          return arr;
        } else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (c === "t") return literal("true", true);
    if (c === "f") return literal("false", false);
    if (c === "n") return literal("null", null);
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail("unexpected token");
    pos = NUMBER.lastIndex;
    return new JsonNumberText(m[0]);
  };
  const result = value(0);
  skip();
  if (pos !== text.length) fail("unexpected text after the value");
  return result;
}

/** Whether a parsed value is a JSON object. */
export function isExactObject(v: ExactJson): v is { [key: string]: ExactJson } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof JsonNumberText);
}
