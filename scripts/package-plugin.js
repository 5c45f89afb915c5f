#!/usr/bin/env node
/**
 * Builds the provider-plugin tarball `dist/plugin/pulumi-resource-alicloud-kms-v<version>-<os>-<arch>.tar.gz`,
 * installable with `pulumi plugin install resource alicloud-kms <version> --file <tarball>`.
 * It holds the whole plugin bundled into one JavaScript file by esbuild (it runs from the plugin
 * cache, away from any node_modules) and the executable `pulumi-resource-alicloud-kms`, a shell
 * script that starts node on it.
 * Usage: node scripts/package-plugin.js [outDir]   (npm run package:plugin; outDir defaults to dist/plugin)
 */
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const esbuild = require("esbuild");

const ROOT = path.resolve(__dirname, "..");
const NAME = "pulumi-resource-alicloud-kms";

/** Pulumi's names for the platform, as in its own plugin tarballs. */
function platform() {
  const os = { linux: "linux", darwin: "darwin", win32: "windows" }[process.platform];
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch];
  if (!os || !arch) throw new Error(`unsupported platform ${process.platform}/${process.arch}`);
  return `${os}-${arch}`;
}

/** The package version, which the plugin reports too (checked so the two never disagree). */
function version() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const src = fs.readFileSync(path.join(ROOT, "provider/package/version.ts"), "utf8");
  const m = /PLUGIN_VERSION = "([^"]+)"/.exec(src);
  if (!m || m[1] !== pkg.version) {
    throw new Error(
      `provider/package/version.ts says ${m ? m[1] : "nothing"} but package.json says ${pkg.version}`,
    );
  }
  return pkg.version;
}

async function main() {
  const v = version();
  const outDir = path.resolve(process.argv[2] ?? path.join(ROOT, "dist/plugin"));
  fs.mkdirSync(outDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "kms-plugin-"));

  await esbuild.build({
    entryPoints: [path.join(ROOT, "provider/plugin/main.ts")],
    outfile: path.join(staging, `${NAME}.js`),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    legalComments: "none",
    logLevel: "warning",
  });
  const launcher = path.join(staging, NAME);
  fs.writeFileSync(
    launcher,
    [
      "#!/bin/sh",
      "# The alicloud-kms provider plugin: node on the bundled JavaScript beside this script.",
      `exec node "$(dirname "$0")/${NAME}.js" "$@"`,
      "",
    ].join("\n"),
  );
  fs.chmodSync(launcher, 0o755);

  const tarball = path.join(outDir, `${NAME}-v${v}-${platform()}.tar.gz`);
  execFileSync("tar", ["-czf", tarball, "-C", staging, NAME, `${NAME}.js`]);
  fs.rmSync(staging, { recursive: true, force: true });
  const size = fs.statSync(tarball).size;
  process.stdout.write(`${tarball} (${(size / 1024).toFixed(0)} KiB)\n`);
}

main().catch((err) => {
  process.stderr.write(`package-plugin: ${err.message}\n`);
  process.exit(1);
});
