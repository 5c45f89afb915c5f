/**
 * Where `pulumi import` finds a language host that can generate code. The pinned
 * pulumi-language-nodejs (sdk v3.68.0) has no GenerateProgram, so `npm run setup:pulumi` also
 * builds `tools/pulumi/codegen-host` (the CLI's own Node.js program generator at v3.248.0) into
 * `.tools/codegen-host/bin`; with a full pulumi installation on PATH it is not needed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./plugin-tarball";

/** The folder of the codegen host, to put first on PATH for `pulumi import`; undefined when not built. */
export function codegenHostBin(): string | undefined {
  const dir = path.join(REPO_ROOT, ".tools/codegen-host/bin");
  return fs.existsSync(path.join(dir, "pulumi-language-nodejs")) ? dir : undefined;
}
