/**
 * Finds the places in the source tree where a sentence a user can read is put together, by
 * syntax rather than by file name (files move; the sentences do not): the message of a thrown
 * or constructed error, a warning, and what an exported `…Message` function returns. Each site
 * comes with the literal text it holds, so a test can check that the troubleshooting page has
 * an entry for it. The places are: `throw <expression>`, `new …Error(…)` and `super(…)` in a
 * class extending `…Error`, `warn(…)` / `….warn(…)`, `warnings.push(…)`, the reporting verbs of
 * `REPORTING_CALLS`, and the body of an exported function named `…Message`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

/** One place a message is built. */
export interface MessageSite {
  /** The file, relative to the repository root (for failure messages only). */
  file: string;
  line: number;
  /** What kind of place: `throw`, `new …Error`, `warn`, `warnings.push`, `…Message()`. */
  kind: string;
  /** Each string-literal piece of the expression, `${…}` parts left out. */
  pieces: string[];
}

/** Every `.ts` file under `dir`, recursively, without declaration files. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") out.push(...sourceFiles(full));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      out.push(full);
    }
  }
  return out;
}

/** The literal pieces of an expression: string literals and the fixed parts of templates. */
function literalPieces(node: ts.Node): string[] {
  const pieces: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      pieces.push(n.text);
    } else if (ts.isTemplateExpression(n)) {
      pieces.push(n.head.text);
      for (const span of n.templateSpans) {
        visit(span.expression);
        pieces.push(span.literal.text);
      }
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return pieces.filter((p) => p.trim() !== "");
}

/** Whether a call's callee is `warn` or `<something>.warn`. */
function isWarnCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === "warn";
  return ts.isPropertyAccessExpression(callee) && callee.name.text === "warn";
}

/**
 * The verbs the code reports a rejected input or an unconfirmed "gone" with: `fail(property,
 * reason)` in the input checks, `notConfirmed(…, detail, check)` in the gone rule. A new verb of
 * that kind needs adding here.
 */
const REPORTING_CALLS = /^(fail|notConfirmed)$/;

/** Whether a call is `fail(…)` or another reporting verb. */
function isReportingCall(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && REPORTING_CALLS.test(call.expression.text);
}

/** Whether `node` is `super(…)` in the constructor of a class extending `…Error`. */
function isErrorSuper(call: ts.CallExpression): boolean {
  if (call.expression.kind !== ts.SyntaxKind.SuperKeyword) return false;
  let n: ts.Node | undefined = call.parent;
  while (n && !ts.isClassDeclaration(n)) n = n.parent;
  const heritage = n && ts.isClassDeclaration(n) ? (n.heritageClauses ?? []) : [];
  return heritage.some((h) => h.types.some((t) => /Error$/.test(t.expression.getText())));
}

/** Whether a call is `warnings.push(…)`. */
function isWarningsPush(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === "push" &&
    ts.isIdentifier(callee.expression) &&
    /warnings$/i.test(callee.expression.text)
  );
}

/** Whether `node` is an exported function (declaration or `const`) named `…Message`. */
function exportedMessageFunction(node: ts.Node): ts.Node | undefined {
  const exported = (n: ts.Node): boolean =>
    ts.canHaveModifiers(n) &&
    (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (ts.isFunctionDeclaration(node) && node.name && /Message$/.test(node.name.text)) {
    return exported(node) ? node.body : undefined;
  }
  return undefined;
}

/** The message sites of one file. */
export function messageSites(file: string, root: string): MessageSite[] {
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const sites: MessageSite[] = [];
  const add = (node: ts.Node, kind: string, expr: ts.Node): void => {
    const pieces = literalPieces(expr);
    if (pieces.length === 0) return;
    sites.push({
      file: path.relative(root, file),
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      kind,
      pieces,
    });
  };
  const visit = (node: ts.Node): void => {
    const body = exportedMessageFunction(node);
    if (body) {
      add(node, `${(node as ts.FunctionDeclaration).name?.text}()`, body);
      return; // its pieces are one message; the throws inside are parts of it
    }
    if (ts.isThrowStatement(node) && !ts.isNewExpression(node.expression)) {
      add(node, "throw", node.expression);
    } else if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText())) {
      // All arguments together: a message may be built from several (a detail and a remedy).
      if ((node.arguments ?? []).length > 0) add(node, `new ${node.expression.getText()}`, node);
    } else if (ts.isCallExpression(node) && (isWarnCall(node) || isWarningsPush(node))) {
      const first = node.arguments[0];
      if (first) add(node, isWarnCall(node) ? "warn" : "warnings.push", first);
    } else if (ts.isCallExpression(node) && (isReportingCall(node) || isErrorSuper(node))) {
      if (node.arguments.length > 0) add(node, `${node.expression.getText()}()`, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** Every string-literal piece of a file (template parts without their `${…}`). */
export function allLiteralPieces(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.ES2022,
    true,
  );
  return literalPieces(source);
}

/** Whether a piece reads like words of a sentence (three words or more), not a token. */
export function isSentenceLike(piece: string): boolean {
  return (piece.match(/[A-Za-z][A-Za-z'-]*/g) ?? []).length >= 3;
}
