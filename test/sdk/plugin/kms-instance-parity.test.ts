/**
 * The hand-written plugin SDK (`pulumi-alicloud-kms/plugin`) exposes what Pulumi's Node.js
 * generator makes of the schema: `pulumi package gen-sdk --language nodejs` (the pinned CLI, the
 * repository's Node.js host with pkg/v3/codegen/nodejs v3.248.0) writes the generated SDK, and the
 * TypeScript checker compares the two `KmsInstance` classes and `KmsInstanceArgs` property for
 * property: the same names, the same optionality, and types that fit. Each hand-written type is
 * assignable to the generated one (a program written against `pulumi-alicloud-kms/plugin`
 * compiles against the generated SDK too); the generated outputs may be wider (`managedProperties`
 * is a union of names here, `string[]` in the schema). The other way, inputs differ in one known
 * way only: the generator (v3.248.0) types an optional input `Input<T | undefined>`, which also
 * takes an Output that resolves to undefined; the hand-written `Input<T> | undefined` does not.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { spawnSync } from "node:child_process";
import { makePulumiEnv, repoRoot, type PulumiEnv } from "../../../scripts/pulumi-env";

jest.setTimeout(180_000);

let penv: PulumiEnv;
let checker: ts.TypeChecker;
let generated: ts.Symbol;
let handWritten: ts.Symbol;

/** The module symbol of a source file in the program. */
function moduleOf(program: ts.Program, file: string): ts.Symbol {
  const source = program.getSourceFile(file);
  const symbol = source && program.getTypeChecker().getSymbolAtLocation(source);
  if (!symbol) throw new Error(`${file} is not a module of the program`);
  return symbol;
}

beforeAll(() => {
  penv = makePulumiEnv();
  // Inside the repository, so the generated code resolves @pulumi/pulumi from its node_modules.
  const scratch = path.join(repoRoot(), ".pulumi-tmp");
  fs.mkdirSync(scratch, { recursive: true });
  const out = fs.mkdtempSync(path.join(scratch, "parity-"));
  const schema = path.join(repoRoot(), "schema.json");
  const args = ["package", "gen-sdk", schema, "--language", "nodejs", "--out", out];
  const r = spawnSync("pulumi", [...args, "--non-interactive"], {
    cwd: repoRoot(),
    env: penv.env,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`pulumi ${args.join(" ")}: ${r.status}\n${r.stderr}`);
  const generatedFile = path.join(out, "nodejs", "kmsInstance.ts");
  const handWrittenFile = path.join(repoRoot(), "sdk", "plugin", "index.ts");
  const program = ts.createProgram([generatedFile, handWrittenFile], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  checker = program.getTypeChecker();
  generated = moduleOf(program, generatedFile);
  handWritten = moduleOf(program, handWrittenFile);
  fs.rmSync(out, { recursive: true, force: true });
});

afterAll(() => penv?.cleanup());

/** The exported type `name` of a module (a class's instance type, or an interface). */
function exportedType(module: ts.Symbol, name: string): ts.Type {
  const symbol = checker.getExportsOfModule(module).find((s) => s.name === name);
  if (!symbol) throw new Error(`no export ${name}`);
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return checker.getDeclaredTypeOfSymbol(target);
}

/** A property's type and whether it may be left out. */
interface Prop {
  type: ts.Type;
  optional: boolean;
}

/** The properties a type declares itself: not those inherited from @pulumi/pulumi's classes. */
function ownProperties(type: ts.Type): Map<string, Prop> {
  const props = new Map<string, Prop>();
  for (const p of checker.getPropertiesOfType(type)) {
    const decls = p.getDeclarations() ?? [];
    if (decls.some((d) => d.getSourceFile().fileName.includes("node_modules"))) continue;
    const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
    props.set(p.name, { type: checker.getTypeOfSymbol(p), optional });
  }
  return props;
}

/** Names of `a`'s properties whose types do not fit `b`'s (per `fits`), with both types shown. */
function misfits(
  a: Map<string, Prop>,
  b: Map<string, Prop>,
  fits: (x: ts.Type, y: ts.Type) => boolean,
): string[] {
  return [...a]
    .filter(([name, p]) => {
      const q = b.get(name);
      return q !== undefined && (p.optional !== q.optional || !fits(p.type, q.type));
    })
    .map(
      ([name, p]) =>
        `${name}: ${checker.typeToString(p.type)} vs ${checker.typeToString(b.get(name)?.type ?? p.type)}`,
    );
}

test("the resource outputs: the same names, each hand-written type fitting the generated one", () => {
  const gen = ownProperties(exportedType(generated, "KmsInstance"));
  const hand = ownProperties(exportedType(handWritten, "KmsInstance"));
  // The generated class also declares `__pulumiType` (the hand-written one uses isResourceOfType).
  gen.delete("__pulumiType");
  expect([...hand.keys()].sort()).toEqual([...gen.keys()].sort());
  expect(gen.size).toBeGreaterThan(20);
  expect(misfits(hand, gen, (h, g) => checker.isTypeAssignableTo(h, g))).toEqual([]);
});

test("the resource inputs (KmsInstanceArgs): the same names, optionality and types", () => {
  const gen = ownProperties(exportedType(generated, "KmsInstanceArgs"));
  const hand = ownProperties(exportedType(handWritten, "KmsInstanceArgs"));
  expect([...hand.keys()].sort()).toEqual([...gen.keys()].sort());
  expect(gen.get("kmsInstanceId")?.optional).toBe(false);
  expect(misfits(hand, gen, (h, g) => checker.isTypeAssignableTo(h, g))).toEqual([]);
  // The other way: only the optional inputs, and only through an Output of `T | undefined`.
  const wider = misfits(gen, hand, (g, h) => checker.isTypeAssignableTo(g, h));
  const optional = [...gen].filter(([, p]) => p.optional).map(([name]) => name);
  expect(wider.map((m) => m.split(":")[0]).sort()).toEqual(optional.sort());
  // (The hand-written side prints as `Input<…>` or as its alias `InputOf<…>`.)
  for (const m of wider) {
    expect(m).toMatch(/: Input<.* \| undefined> vs (Input|InputOf)<.*> \| undefined$/);
  }
});
