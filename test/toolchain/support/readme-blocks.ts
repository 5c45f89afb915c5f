/**
 * Reads the fenced code blocks of one section of a Markdown file, so tests run the README's
 * commands exactly as written instead of a copy that could drift from it.
 */

/** A fenced code block: its info string (language) and the lines between the fences. */
export interface CodeBlock {
  lang: string;
  body: string;
}

/** Where a shell block of the README is run, named by its first line. */
export type Place = "repository" | "project";

/** A shell block of the README with the folder it runs in. */
export interface PlacedScript {
  place: Place;
  script: string;
}

const FENCE_OPEN = /^```(\S*)\s*$/;
const FENCE_CLOSE = /^```\s*$/;

/**
 * The fenced code blocks under the heading `## <title>`, up to the next heading of level 1 or 2.
 * Lines inside a block never end the section (a `# comment` in a shell block is not a heading).
 * Throws when the section is missing or a block is not closed.
 */
export function sectionCodeBlocks(markdown: string, title: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trimEnd() === `## ${title}`);
  if (start < 0) throw new Error(`no section "## ${title}"`);
  const blocks: CodeBlock[] = [];
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of lines.slice(start + 1)) {
    if (open) {
      if (FENCE_CLOSE.test(line)) {
        blocks.push({ lang: open.lang, body: open.lines.join("\n") });
        open = undefined;
      } else {
        open.lines.push(line);
      }
      continue;
    }
    if (/^#{1,2} /.test(line)) break;
    const fence = FENCE_OPEN.exec(line);
    if (fence) open = { lang: fence[1], lines: [] };
  }
  if (open) throw new Error(`unclosed code block in section "## ${title}"`);
  return blocks;
}

const PLACES: Record<string, Place> = {
  "# in this repository": "repository",
  "# in your project": "project",
};

/**
 * The `sh` blocks among `blocks`, each with the folder its first line names (`# in this
 * repository` or `# in your project`). Throws on a shell block that names neither.
 */
export function placedScripts(blocks: CodeBlock[]): PlacedScript[] {
  return blocks
    .filter((b) => b.lang === "sh")
    .map((b) => {
      const first = b.body.split("\n", 1)[0].trim();
      const place = PLACES[first];
      if (!place) {
        throw new Error(
          `a shell block must start with ${Object.keys(PLACES).join(" or ")}, got "${first}"`,
        );
      }
      return { place, script: b.body };
    });
}
