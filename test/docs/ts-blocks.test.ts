/**
 * Every TypeScript block (```ts or ```typescript) of the README, CONTRIBUTING.md and `docs/`
 * compiles, strict, against the package's own sources, so an example cannot drift from the API.
 *
 * How: one in-memory Program holds every block as its own module (`moduleDetection: "force"`,
 * so blocks never see each other's names). `pulumi-alicloud-kms` and
 * `pulumi-alicloud-kms/plugin` map through `paths` to `index.ts` and `sdk/plugin/index.ts`
 * (what `main`/`types` and `plugin/package.json` point at once built); `@pulumi/pulumi` and
 * `@pulumi/alicloud` come from node_modules. The options are the project's tsconfig with
 * `module: "preserve"`, so a block may use top-level `await` as a Pulumi program may, and
 * without `noUnusedLocals`/`noUnusedParameters`, since an example often keeps a name only to
 * show it (`const prod = new KmsInstance(...)`, as `pulumi import` prints it).
 *
 * Rules for a page:
 * - A block is self-contained: it imports what it uses, so a reader can copy it as it is.
 * - A fragment that leans on names it does not show declares them on the line right before its
 *   fence: `<!-- ts-preamble: declare const vpcId: string; -->`. The preamble is compiled in
 *   front of the block and is invisible on the rendered page.
 * - A block that must not compile says so and why in its info string:
 *   ```ts no-compile: <reason>. It is not compiled; one without a reason fails the test.
 * A failure names the page and line of the block line the compiler complains about.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
const TS_LANGS = new Set(["ts", "typescript"]);
const PREAMBLE = /^\s*<!--\s*ts-preamble:(.*)-->\s*$/;

/** A fenced TypeScript block of a page: where it starts and what is compiled for it. */
interface TsBlock {
  /** 1-based line of the block's first line (the one after the opening fence). */
  line: number;
  body: string;
  preamble: string;
  /** Set for a ```ts no-compile block: the reason given after the colon ("" when none). */
  noCompile?: string;
}

/**
 * The TypeScript blocks of a Markdown page. Fences follow CommonMark: up to three spaces of
 * indent (a block in a list item), backticks or tildes, closed by the same character at least as
 * long; the indent of the opening fence is taken off the block's lines.
 */
function tsBlocks(markdown: string): TsBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: TsBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const close = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`);
    const start = i + 1;
    let end = start;
    while (end < lines.length && !close.test(lines[end])) end++;
    if (end === lines.length) throw new Error(`unclosed code block at line ${i + 1}`);
    if (TS_LANGS.has(lang.toLowerCase())) {
      const body = lines
        .slice(start, end)
        .map((l) => l.replace(new RegExp(`^ {0,${indent.length}}`), ""))
        .join("\n");
      const preamble = PREAMBLE.exec(lines[i - 1] ?? "")?.[1].trim() ?? "";
      const noCompile = /^\s*no-compile\b:?\s*(.*)$/.exec(rest)?.[1].trim();
      blocks.push({
        line: start + 1,
        body,
        preamble,
        ...(noCompile !== undefined && { noCompile }),
      });
    }
    i = end;
  }
  return blocks;
}

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
].map((p) => path.relative(ROOT, p));

const BLOCKS = PAGES.flatMap((page) =>
  tsBlocks(fs.readFileSync(path.join(ROOT, page), "utf8")).map((b) => ({ page, ...b })),
);

/** The project's compiler options, changed only as the header says. */
function compilerOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, "tsconfig.json");
  const { config } = ts.readConfigFile(file, ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT, file);
  return {
    ...options,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    moduleDetection: ts.ModuleDetectionKind.Force,
    types: ["node"],
    noEmit: true,
    declaration: false,
    sourceMap: false,
    noUnusedLocals: false,
    noUnusedParameters: false,
    baseUrl: ROOT,
    paths: {
      "pulumi-alicloud-kms": ["index.ts"],
      "pulumi-alicloud-kms/plugin": ["sdk/plugin/index.ts"],
    },
  };
}

/** "page:line: TSnnnn message" for every diagnostic of the blocks, on the page's own lines. */
function compileBlocks(blocks: typeof BLOCKS): string[] {
  const options = compilerOptions();
  const files = new Map<string, (typeof BLOCKS)[number]>();
  blocks.forEach((b, i) => files.set(path.join(ROOT, ".doc-blocks", `block-${i}.ts`), b));
  const text = (b: (typeof BLOCKS)[number]) => (b.preamble ? `${b.preamble}\n` : "") + b.body;
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
  host.readFile = (f) => {
    const b = files.get(f);
    return b ? text(b) : readFile.call(host, f);
  };
  host.getSourceFile = (f, lang, ...rest) => {
    const b = files.get(f);
    return b
      ? ts.createSourceFile(f, text(b), lang, true)
      : getSourceFile.call(host, f, lang, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...files.keys()].flatMap((f) => {
      const sf = program.getSourceFile(f);
      return sf
        ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
        : [];
    }),
  ];
  return diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const b = d.file && files.get(d.file.fileName);
    if (!d.file || d.start === undefined) return `TS${d.code} ${message}`;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    if (!b) return `${path.relative(ROOT, d.file.fileName)}:${line + 1}: TS${d.code} ${message}`;
    const offset = b.preamble ? 1 : 0;
    const where = line < offset ? `${b.line - 1} (ts-preamble)` : `${b.line + line - offset}`;
    return `${b.page}:${where}: TS${d.code} ${message}`;
  });
}

describe("tsBlocks", () => {
  test("reads ts/typescript blocks with their line, preamble, indent and no-compile reason", () => {
    const md = [
      "# Page", // 1
      "```sh", // 2
      "```ts inside a shell block is not a fence opener", // 3
      "```", // 4
      "<!-- ts-preamble: declare const vpcId: string; -->", // 5
      "```ts", // 6
      "use(vpcId);", // 7
      "```", // 8
      "1. a step", // 9
      "   ~~~typescript", // 10
      "   const a = 1;", // 11
      "     const b = 2;", // 12
      "   ~~~", // 13
      "```ts no-compile: shows the error a numeric vpcOwnerId gives", // 14
      "vpcOwnerId: 1903253031260001", // 15
      "````", // 16
    ].join("\n");
    expect(tsBlocks(md)).toEqual([
      { line: 7, body: "use(vpcId);", preamble: "declare const vpcId: string;" },
      { line: 11, body: "const a = 1;\n  const b = 2;", preamble: "" },
      {
        line: 15,
        body: "vpcOwnerId: 1903253031260001",
        preamble: "",
        noCompile: "shows the error a numeric vpcOwnerId gives",
      },
    ]);
  });

  test("an unclosed block is an error", () => {
    expect(() => tsBlocks("text\n```ts\nconst a = 1;\n")).toThrow("unclosed code block at line 2");
  });
});

describe("the TypeScript blocks of the README and docs", () => {
  test("there are blocks to compile", () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(8);
  });

  test("a block that is not compiled says why", () => {
    const unexplained = BLOCKS.filter((b) => b.noCompile === "").map((b) => `${b.page}:${b.line}`);
    expect(unexplained).toEqual([]);
  });

  test("every other block compiles, strict, against the package's sources", () => {
    expect(compileBlocks(BLOCKS.filter((b) => b.noCompile === undefined))).toEqual([]);
  }, 120_000);
});
