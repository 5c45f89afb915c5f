/**
 * The lint rule against import cycles (`local/no-import-cycle`, scripts/eslint-no-import-cycle.mjs)
 * counts `import type`: two files that import only each other's types are a cycle. The files are
 * written in a temp folder inside the repository, so the repository's ESLint config applies.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");

// ESLint's Node API in a child process: inside Jest's VM, ESLint cannot `import()` the ESM config.
const LINT = `
const { ESLint } = require("eslint");
new ESLint({ cwd: process.cwd() }).lintFiles(process.argv.slice(1)).then((results) =>
  process.stdout.write(JSON.stringify(results.map((r) => [
    r.filePath,
    r.messages.map((m) => [m.ruleId, m.message, m.line]),
  ]))),
);`;

/** Three small trees, each in its own folder: file → text. */
const FILES: Record<string, string> = {
  // Two files that import only each other's types.
  "pair/a.ts": 'import type { B } from "./b";\n\nexport interface A {\n  b?: B;\n}\n',
  "pair/b.ts": 'import type { A } from "./a";\n\nexport interface B {\n  a?: A;\n}\n',
  // Three, one of the links a type re-export.
  "chain/a.ts": 'export type { C } from "./c";\n\nexport type A = string;\n',
  "chain/b.ts": 'import type { A } from "./a";\n\nexport type B = A;\n',
  "chain/c.ts": 'import type { B } from "./b";\n\nexport type C = B;\n',
  // An import one way only.
  "oneway/a.ts": "export type A = string;\n",
  "oneway/b.ts": 'import type { A } from "./a";\n\nexport type B = A;\n',
};

let dir: string;
/** Each file's messages as [rule, message, line], by its name in `FILES`. */
let messages: Record<string, [string, string, number][]>;

/** The repository-relative path of a file of `FILES`, as the rule's message writes it. */
const rel = (name: string): string =>
  path.relative(ROOT, path.join(dir, name)).split(path.sep).join("/");

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(__dirname, "lint-cycles-"));
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const paths = Object.keys(FILES).map((name) => path.join(dir, name));
  const out = execFileSync(process.execPath, ["-e", LINT, ...paths], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const results = JSON.parse(out) as [string, [string, string, number][]][];
  messages = Object.fromEntries(
    results.map(([file, found]) => [path.relative(dir, file).split(path.sep).join("/"), found]),
  );
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it("reports two files that import only each other's types, at each import", () => {
  expect(messages["pair/a.ts"]).toEqual([
    [
      "local/no-import-cycle",
      `Import cycle: ${rel("pair/a.ts")} → ${rel("pair/b.ts")} → ${rel("pair/a.ts")}.`,
      1,
    ],
  ]);
  expect(messages["pair/b.ts"]).toEqual([
    [
      "local/no-import-cycle",
      `Import cycle: ${rel("pair/b.ts")} → ${rel("pair/a.ts")} → ${rel("pair/b.ts")}.`,
      1,
    ],
  ]);
});

it("follows type re-exports and names the whole path of a longer cycle", () => {
  expect(messages["chain/a.ts"]).toEqual([
    [
      "local/no-import-cycle",
      `Import cycle: ${rel("chain/a.ts")} → ${rel("chain/c.ts")} → ${rel("chain/b.ts")} → ${rel("chain/a.ts")}.`,
      1,
    ],
  ]);
});

it("says nothing when the imports run one way", () => {
  expect(messages["oneway/a.ts"]).toEqual([]);
  expect(messages["oneway/b.ts"]).toEqual([]);
});
