/**
 * The README code-block reader that the README-driven tests rely on: what it returns for any
 * section content, and the "Importing from the CLI" section of `docs/guides/import-cli.md`,
 * the page the README links for it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { placedScripts, sectionCodeBlocks, type CodeBlock } from "./support/readme-blocks";

/** Lines that can appear in a block: anything but a fence, including `#` comment lines. */
const blockLine = fc
  .oneof(fc.string(), fc.constantFrom("# a comment", "## not a heading", "", "  indented"))
  .filter((l) => !l.includes("\n") && !l.includes("\r") && !l.startsWith("```"));
/** Prose lines between blocks: no fences and no headings. */
const proseLine = blockLine.filter((l) => !/^#{1,2} /.test(l));
const block = fc.record({
  lang: fc.constantFrom("sh", "ts", "json", ""),
  body: fc.array(blockLine, { maxLength: 6 }).map((ls) => ls.join("\n")),
});

function render(blocks: CodeBlock[], prose: string[]): string {
  return blocks.map((b, i) => `${prose[i] ?? ""}\n\`\`\`${b.lang}\n${b.body}\n\`\`\``).join("\n");
}

describe("sectionCodeBlocks", () => {
  test("returns exactly the blocks of the section, whatever they hold", () => {
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 5 }),
        fc.array(block, { maxLength: 3 }),
        fc.array(proseLine, { maxLength: 5 }),
        (mine, others, prose) => {
          const md = [
            "# Title",
            render(others, prose),
            "## Wanted",
            render(mine, prose),
            "## Next",
            render(others, prose),
          ].join("\n");
          expect(sectionCodeBlocks(md, "Wanted")).toEqual(mine);
        },
      ),
    );
  });

  test("a level-3 heading stays inside the section; a level-1 heading ends it", () => {
    const md = "## A\n### sub\n```sh\none\n```\n# B\n```sh\ntwo\n```\n";
    expect(sectionCodeBlocks(md, "A")).toEqual([{ lang: "sh", body: "one" }]);
  });

  test("a missing section or an unclosed block is an error", () => {
    expect(() => sectionCodeBlocks("## A\n", "B")).toThrow('no section "## B"');
    expect(() => sectionCodeBlocks("## A\n```sh\necho\n", "A")).toThrow("unclosed code block");
  });
});

describe("placedScripts", () => {
  test("keeps shell blocks with the folder their first line names, in order", () => {
    const blocks: CodeBlock[] = [
      { lang: "sh", body: "# in this repository\nnpm ci" },
      { lang: "json", body: "{}" },
      { lang: "sh", body: "# in your project\npulumi up" },
    ];
    expect(placedScripts(blocks)).toEqual([
      { place: "repository", script: "# in this repository\nnpm ci" },
      { place: "project", script: "# in your project\npulumi up" },
    ]);
  });

  test("a shell block that names no folder is an error", () => {
    expect(() => placedScripts([{ lang: "sh", body: "pulumi up" }])).toThrow(
      'must start with # in this repository or # in your project, got "pulumi up"',
    );
  });

  test("the import guide's section: the repository block, then the project block", () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, "../../docs/guides/import-cli.md"),
      "utf8",
    );
    const scripts = placedScripts(sectionCodeBlocks(readme, "Importing from the CLI"));
    expect(scripts.map((s) => s.place)).toEqual(["repository", "project"]);
    expect(scripts[1].script).toMatch(/^pulumi import alicloud-kms:index:KmsInstance /m);
  });
});
