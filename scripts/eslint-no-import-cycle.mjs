// ESLint rule `local/no-import-cycle`: no file may reach itself through relative imports.
//
// Every import form counts, `import type` included: `import`, `export … from`, `import x =
// require()`, `require()`, `import()` and `import("…").T`, as `ts.preProcessFile` lists them.
// `import-x/no-cycle` (eslint-plugin-import-x 4.18.1) and `import/no-cycle` skip type-only
// imports with no option to count them (their rules/no-cycle.js returns on `importKind ===
// 'type'`), and a type-only cycle still ties the files together. Packages are not followed.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** The files an import may name, in TypeScript's order of trying them. */
const EXTENSIONS = [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs"];

/** path → the resolved relative imports of the file as last read, and its stamp then. */
const importsCache = new Map();

/** Whether a regular file exists at `file`. */
function isFile(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}

/** The file a relative specifier names, or undefined (a package, or nothing there). */
function resolveImport(fromFile, specifier) {
  if (!/^\.\.?(\/|$)/.test(specifier)) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [
    ...(EXTENSIONS.some((e) => base.endsWith(e)) ? [base] : []),
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => path.join(base, `index${e}`)),
  ];
  return candidates.find(isFile);
}

/** Each relative import of `text`: the file it resolves to and where its specifier stands. */
function importsOf(file, text) {
  const found = [];
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    const target = resolveImport(file, ref.fileName);
    if (target !== undefined && !target.split(path.sep).includes("node_modules")) {
      found.push({ target, pos: ref.pos, end: ref.end });
    }
  }
  return found;
}

/** The files `file` imports, read from disk and cached until the file changes. */
function targetsOf(file) {
  const stat = fs.statSync(file);
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  const cached = importsCache.get(file);
  if (cached?.stamp === stamp) return cached.targets;
  const targets = [...new Set(importsOf(file, fs.readFileSync(file, "utf8")).map((i) => i.target))];
  importsCache.set(file, { stamp, targets });
  return targets;
}

/**
 * A shortest path of imports from `start` back to `file`, or undefined. Files in `dead` are known
 * not to lead back; every file this search exhausts is added to it.
 */
function pathBack(start, file, dead) {
  const parent = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const next of targetsOf(current)) {
      if (next === file) {
        const chain = [current];
        while (parent.get(chain[0]) !== undefined) chain.unshift(parent.get(chain[0]));
        return chain;
      }
      if (!parent.has(next) && !dead.has(next)) {
        parent.set(next, current);
        queue.push(next);
      }
    }
  }
  for (const seen of parent.keys()) dead.add(seen);
  return undefined;
}

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Forbid import cycles, type-only imports included." },
    schema: [],
    messages: { cycle: "Import cycle: {{cycle}}." },
  },
  create(context) {
    const file = context.physicalFilename;
    if (!path.isAbsolute(file)) return {};
    return {
      Program() {
        const { sourceCode } = context;
        const dead = new Set();
        const relative = (f) => path.relative(context.cwd, f).split(path.sep).join("/");
        for (const { target, pos, end } of importsOf(file, sourceCode.text)) {
          if (target === file) continue;
          const chain = pathBack(target, file, dead);
          if (chain === undefined) continue;
          context.report({
            loc: { start: sourceCode.getLocFromIndex(pos), end: sourceCode.getLocFromIndex(end) },
            messageId: "cycle",
            data: { cycle: [file, ...chain, file].map(relative).join(" → ") },
          });
        }
      },
    };
  },
};
