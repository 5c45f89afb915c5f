/**
 * Every relative link of the README, CONTRIBUTING.md and `docs/` resolves: to a file or folder
 * of the repository, or, registry style without the extension, to the `.md` beside it; a
 * `#fragment` into a Markdown page names one of its headings (GitHub's slugs). Absolute URLs are
 * not fetched. The pipeline shown in the drift guide is the example file, verbatim.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "api" ? [] : markdownFiles(full);
    return e.name.endsWith(".md") ? [full] : [];
  });
}

const PAGES = [
  path.join(ROOT, "README.md"),
  path.join(ROOT, "CONTRIBUTING.md"),
  ...markdownFiles(path.join(ROOT, "docs")),
];

/** The text outside fenced code blocks. */
function prose(md: string): string {
  return md.replace(/^```[\s\S]*?^```/gm, "");
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchors(file: string): Set<string> {
  const headings = prose(fs.readFileSync(file, "utf8")).match(/^#{1,6} .*$/gm) ?? [];
  return new Set(headings.map((h) => slug(h.replace(/^#+ /, ""))));
}

/** The file a link target names, or undefined when nothing is there. */
function resolve(from: string, target: string): string | undefined {
  const full = path.resolve(path.dirname(from), target);
  if (target === "" || target.startsWith("#")) return from;
  if (fs.existsSync(full)) return full;
  if (fs.existsSync(`${full}.md`)) return `${full}.md`;
  return undefined;
}

const LINKS = PAGES.flatMap((page) =>
  [...prose(fs.readFileSync(page, "utf8")).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((t) => !/^[a-z]+:/.test(t))
    .map((target) => [path.relative(ROOT, page), target] as const),
);

test("the pages have relative links to check", () => {
  expect(LINKS.length).toBeGreaterThan(40);
});

test.each(LINKS)("%s → %s resolves", (page, target) => {
  const [file, fragment] = target.split("#");
  const resolved = resolve(path.join(ROOT, page), file);
  expect({ target, resolved: resolved !== undefined }).toEqual({ target, resolved: true });
  if (fragment !== undefined && resolved?.endsWith(".md")) {
    expect({ target, anchor: anchors(resolved).has(fragment) }).toEqual({ target, anchor: true });
  }
});

test("the drift guide's pipeline is examples/drift-check/nightly-drift.yml as it is", () => {
  const guide = fs.readFileSync(path.join(ROOT, "docs/guides/drift-ci.md"), "utf8");
  const block = /```yaml\n([\s\S]*?)```/.exec(guide)?.[1];
  const example = fs.readFileSync(
    path.join(ROOT, "examples/drift-check/nightly-drift.yml"),
    "utf8",
  );
  expect(block).toBe(example);
});
