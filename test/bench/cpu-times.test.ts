/** Reading the CPU time of a CLI run from bash's `times`, and the script that prints it. */
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { TIMED_PULUMI_SCRIPT, childCpuSeconds } from "../../bench/scale/cpu-times";

describe("childCpuSeconds", () => {
  it("adds the children's user and system time (the second line)", () => {
    expect(childCpuSeconds("0m0.005s 0m0.011s\n1m2.500s 0m3.250s\n")).toBeCloseTo(65.75, 9);
  });

  it("round-trips any time bash prints", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        (userMs, sysMs) => {
          const fmt = (ms: number): string =>
            `${Math.floor(ms / 60_000)}m${((ms % 60_000) / 1000).toFixed(3)}s`;
          const text = `0m0.001s 0m0.002s\n${fmt(userMs)} ${fmt(sysMs)}\n`;
          expect(childCpuSeconds(text)).toBeCloseTo((userMs + sysMs) / 1000, 6);
        },
      ),
    );
  });

  it("refuses anything else", () => {
    for (const bad of [
      "",
      "0m0.1s 0m0.2s",
      "a\nb",
      "0m0.1s 0m0.2s\n0m0.1s",
      "0m1s 0m2s\n1.5s 2s",
    ]) {
      expect(() => childCpuSeconds(bad)).toThrow();
    }
  });
});

describe("TIMED_PULUMI_SCRIPT", () => {
  it("passes the arguments and exit code through and reports children's CPU on fd 3", () => {
    // A stand-in `pulumi` on PATH: a shell script that burns a little CPU and exits 3.
    const dir = execFileSync("mktemp", ["-d"], { encoding: "utf8" }).trim();
    execFileSync("bash", [
      "-c",
      `printf '#!/bin/bash\\necho "args:$*"\\nfor i in $(seq 1 20000); do :; done\\nexit 3\\n' > ${dir}/pulumi && chmod +x ${dir}/pulumi`,
    ]);
    const out = execFileSync(
      "bash",
      ["-c", `bash -c '${TIMED_PULUMI_SCRIPT}' bash up --yes 3>&1; echo "rc:$?"`],
      { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, encoding: "utf8" },
    );
    execFileSync("rm", ["-rf", dir]);
    const lines = out.trim().split("\n");
    expect(lines[0]).toBe("args:up --yes");
    expect(lines[lines.length - 1]).toBe("rc:3");
    expect(childCpuSeconds(lines.slice(1, 3).join("\n"))).toBeGreaterThan(0);
  });
});
