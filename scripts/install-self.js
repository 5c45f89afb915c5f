#!/usr/bin/env node
// Copies the built package (package.json, dist/, bin/, plugin/) into this repo's own
// node_modules/pulumi-alicloud-kms, so programs inside the repo (the quick start, examples,
// tests) import it exactly as users do: from under node_modules. That location matters:
// Pulumi serializes the dynamic provider of a package under node_modules as one small
// `require(...)` line; from a source path or through a symlink it would capture the code itself.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const target = path.join(root, "node_modules", "pulumi-alicloud-kms");
const staging = `${target}.tmp-${process.pid}`;

fs.rmSync(staging, { recursive: true, force: true });
fs.mkdirSync(staging, { recursive: true });
fs.copyFileSync(path.join(root, "package.json"), path.join(staging, "package.json"));
for (const dir of ["dist", "bin", "plugin"]) {
  if (fs.existsSync(path.join(root, dir))) {
    fs.cpSync(path.join(root, dir), path.join(staging, dir), { recursive: true });
  }
}
fs.rmSync(target, { recursive: true, force: true });
fs.renameSync(staging, target);
