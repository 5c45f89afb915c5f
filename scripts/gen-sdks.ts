/**
 * `npm run gen:sdks`: generates the Python, Go and .NET SDKs of the `alicloud-kms` provider plugin
 * from the checked-in `schema.json` with `pulumi package gen-sdk`, into `sdk-gen/<language>`, and
 * puts a README beside each (from `scripts/sdk-readmes/`) saying how to install it next to the
 * plugin. The CLI asks each language's host for GeneratePackage: `.tools/bin/pulumi-language-*`,
 * built by `npm run setup:pulumi` (tools/pulumi/codegen-host, tools/pulumi/dotnet-host).
 *
 * `sdk-gen/` is not checked in: the SDKs are a function of `schema.json`, which is, so a
 * contract change is reviewed once there; the tests regenerate them and compile them.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { makePulumiEnv, repoRoot } from "./pulumi-env";

/** The languages `gen:sdks` generates, as `pulumi package gen-sdk --language` names them. */
export const SDK_LANGUAGES = ["python", "go", "dotnet"] as const;

/** One of {@link SDK_LANGUAGES}. */
export type SdkLanguage = (typeof SDK_LANGUAGES)[number];

/** What one `gen-sdk` run printed, and how it ended. */
export interface GenSdkRun {
  /** The language generated. */
  language: SdkLanguage;
  /** The CLI's exit code. */
  code: number;
  /** stdout and stderr together. */
  output: string;
}

/** Where the SDKs go by default: `sdk-gen/` at the repository root. */
export function sdkGenDir(): string {
  return path.join(repoRoot(), "sdk-gen");
}

/** Runs `pulumi package gen-sdk` for one language into `<outDir>/<language>`. */
function genSdk(language: SdkLanguage, outDir: string, env: NodeJS.ProcessEnv): Promise<GenSdkRun> {
  const schema = path.join(repoRoot(), "schema.json");
  const args = ["package", "gen-sdk", schema, "--language", language, "--out", outDir];
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive", "--color=never"], {
      cwd: repoRoot(),
      env,
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ language, code: code ?? -1, output }));
  });
}

/**
 * Generates the SDKs of `languages` into `<outDir>/<language>` (each folder replaced whole), each
 * with its README, using the CLI in `.tools/bin` offline. Resolves with every run, in order;
 * a failed language leaves its folder as gen-sdk left it.
 */
export async function generateSdks(
  outDir: string = sdkGenDir(),
  languages: readonly SdkLanguage[] = SDK_LANGUAGES,
): Promise<GenSdkRun[]> {
  const pulumiEnv = makePulumiEnv();
  try {
    const runs: GenSdkRun[] = [];
    for (const language of languages) {
      const run = await genSdk(language, outDir, pulumiEnv.env);
      runs.push(run);
      if (run.code !== 0) continue;
      const readme = path.join(repoRoot(), "scripts", "sdk-readmes", `${language}.md`);
      fs.copyFileSync(readme, path.join(outDir, language, "README.md"));
    }
    return runs;
  } finally {
    pulumiEnv.cleanup();
  }
}

if (require.main === module) {
  generateSdks().then(
    (runs) => {
      for (const run of runs) {
        const where = path.relative(process.cwd(), path.join(sdkGenDir(), run.language));
        console.log(run.code === 0 ? `gen-sdks: ${run.language} → ${where}` : run.output);
      }
      if (runs.some((r) => r.code !== 0)) process.exitCode = 1;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
