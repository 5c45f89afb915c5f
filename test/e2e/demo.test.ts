/**
 * `npm run demo` as a person runs it (after build and setup): it walks through adopt → drift →
 * correct → clean with the real CLI and the embedded emulator, exits 0 and leaves nothing behind.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { REPO_ROOT, SCRATCH_ROOT, ensureBuilt } from "../support/installed-package";

jest.setTimeout(240_000);

test("the demo walks through every step and exits 0", async () => {
  ensureBuilt();
  const before = fs.existsSync(SCRATCH_ROOT) ? fs.readdirSync(SCRATCH_ROOT) : [];
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "dist/scripts/demo.js")], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d));
    child.stderr.on("data", (d: Buffer) => (output += d));
    child.on("close", (c) => resolve({ code: c ?? -1, output }));
  });
  const plain = stripVTControlCharacters(output);
  expect({ code, tail: plain.slice(-3000) }).toEqual({ code: 0, tail: expect.any(String) });
  const headings = plain.split("\n").filter((l) => l.startsWith("━━ Step"));
  expect(headings.map((h) => h.replace(/ ━+$/, ""))).toEqual([
    "━━ Step 1: the embedded KMS emulator",
    "━━ Step 2: pulumi up — adopt the existing instance and export its outputs",
    "━━ Step 3: an out-of-band change: someone renames it, unbinds a VPC and edits a tag in the console",
    "━━ Step 4: pulumi preview --refresh --expect-no-changes — the scheduled drift check fails",
    "━━ Step 5: pulumi up --refresh — put the declared properties back",
    "━━ Step 6: pulumi refresh --expect-no-changes — clean again",
    "━━ Step 7: pulumi destroy — stop managing it (the instance keeps running)",
  ]);
  expect(plain).toMatch(/drift detected, as expected/);
  expect(plain).toMatch(/the emulator now says: "prod-kms", 2 bound VPCs, team=platform/);
  expect(plain).toMatch(/keeps running/);
  const after = fs.existsSync(SCRATCH_ROOT) ? fs.readdirSync(SCRATCH_ROOT) : [];
  expect(after.filter((d) => d.startsWith("demo-") && !before.includes(d))).toEqual([]);
});
