/**
 * `docs/troubleshooting.md` answers every message the code can show a user, and only messages
 * that still exist. Files under `provider/` move and merge; the sentences do not. So nothing here
 * names a source file: the page carries, under each heading, comments `<!-- message: … -->` with
 * a fixed fragment of each sentence that heading answers, and the tests
 *
 * (a) find every fragment in a string literal somewhere under `provider/`, `sdk/` or `drift/`
 *     (searched recursively, as parsed string pieces, so an escaped backtick still matches);
 * (b) check that every fragment sits in an entry: after a `###` heading, with a **Cause.** and
 *     a **Fix.**;
 * (c) the other way round: discover by syntax every place the code builds a message (see
 *     `support/message-sites.ts`: throws, `new …Error(…)`, warnings, input-check verbs, exported
 *     `…Message` functions) and fail for each whose sentence-like text (three words or more in
 *     a literal piece) contains no fragment of the page. Pieces that are tokens (`"not-found"`,
 *     `"unexpected"`) are not sentences, so they need no entry; errors only a programming
 *     mistake can raise are listed below, each with its reason, and must still exist.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  allLiteralPieces,
  isSentenceLike,
  messageSites,
  sourceFiles,
  type MessageSite,
} from "./support/message-sites";

const ROOT = path.resolve(__dirname, "../..");
const PAGE = fs.readFileSync(path.join(ROOT, "docs/troubleshooting.md"), "utf8");
const FILES = ["provider", "sdk", "drift"].flatMap((d) => sourceFiles(path.join(ROOT, d)));

/**
 * Messages that are not for users: invariants of the code itself, unreachable through any
 * input, config or answer of the service. Each is a fragment of the message and why.
 */
const INTERNAL: Record<string, string> = {
  "limiter policy: ": "the limiter's constants are fixed in code",
  "no property module owns": "a property without a module is a programming error",
  "no property module makes": "an API call without a module is a programming error",
  "unsupported schema version ": "the engine asks for version 0 only",
};

/** One entry of the page: its heading and the fragments listed under it. */
interface Entry {
  heading: string;
  body: string;
  fragments: string[];
}

function entries(): Entry[] {
  const out: Entry[] = [];
  for (const chunk of PAGE.split(/^### /m).slice(1)) {
    const [heading, ...rest] = chunk.split("\n");
    const body = rest.join("\n").split(/^## /m)[0];
    const fragments = [...body.matchAll(/^<!-- message: (.+?) -->$/gm)].map((m) => m[1]);
    out.push({ heading: heading.trim(), body, fragments });
  }
  return out;
}

const ENTRIES = entries();
const FRAGMENTS = ENTRIES.flatMap((e) => e.fragments);
const PIECES = FILES.flatMap(allLiteralPieces);
const SITES: MessageSite[] = FILES.flatMap((f) => messageSites(f, ROOT));

test("the page has entries, and each fragment comment belongs to an entry", () => {
  expect(ENTRIES.length).toBeGreaterThan(30);
  const listed = [...PAGE.matchAll(/<!-- message: (.+?) -->/g)].map((m) => m[1]);
  expect(FRAGMENTS.sort()).toEqual(listed.sort());
  expect(new Set(FRAGMENTS).size).toBe(FRAGMENTS.length);
});

test.each(ENTRIES.map((e) => [e.heading, e] as const))(
  "entry %s names its messages and gives the cause and the fix",
  (_heading, entry) => {
    expect(entry.fragments.length).toBeGreaterThan(0);
    expect(entry.body).toContain("**Cause.**");
    expect(entry.body).toContain("**Fix.**");
  },
);

test.each(FRAGMENTS)("(a) the fragment %j is still in the code", (fragment) => {
  expect(PIECES.some((p) => p.includes(fragment))).toBe(true);
});

test("(c) every message the code builds has an entry", () => {
  // The discovery must keep finding the messages it is meant to find.
  expect(SITES.length).toBeGreaterThan(60);
  const missing = SITES.filter((site) => {
    const sentences = site.pieces.filter(isSentenceLike);
    if (sentences.length === 0) return false;
    const answered = (p: string) => FRAGMENTS.some((f) => p.includes(f));
    const internal = (p: string) => Object.keys(INTERNAL).some((f) => p.includes(f));
    return !site.pieces.some((p) => answered(p) || internal(p));
  }).map(
    (s) => `${s.file}:${s.line} (${s.kind}): ${JSON.stringify(s.pieces.filter(isSentenceLike))}`,
  );
  expect(missing).toEqual([]);
});

test.each(Object.keys(INTERNAL))("the internal message %j still exists", (fragment) => {
  expect(PIECES.some((p) => p.includes(fragment))).toBe(true);
});
