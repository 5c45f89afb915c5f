/**
 * Serializes the dynamic provider exactly as `pulumi.dynamic.Resource` does
 * (`runtime.serializeFunction(() => provider, { allowSecrets: true })`), in a separate Node
 * process whose working directory holds the installed package, as a program's would.
 */
import { execFileSync } from "node:child_process";

/** The serialized `__provider` text of the installed package in `dir`. */
export function serializeInstalledProvider(dir: string): string {
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const provider = require("pulumi-alicloud-kms/dist/provider/dynamic.js");
    pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })
      .then((sf) => process.stdout.write(JSON.stringify({ text: sf.text, secret: sf.containsSecrets })))
      .catch((e) => { console.error(e); process.exit(1); });
  `;
  const out = execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
  const parsed = JSON.parse(out) as { text: string; secret: boolean };
  if (parsed.secret) throw new Error("the serialized provider captured a secret");
  return parsed.text;
}
