/** The CPU time of a whole process tree, as `tree-cpu.py` measures it for each CLI run. */
import { execFileSync, spawnSync } from "node:child_process";
import * as path from "node:path";
import fc from "fast-check";
import { treeCpuScript, treeCpuSeconds } from "../../bench/scale/cpu-times";

const SCRIPT = treeCpuScript(path.resolve(__dirname, "../../bench/scale"));

/** Runs `tree-cpu.py <command...>`; returns stdout, the exit code and what fd 3 received. */
function treeCpu(command: string[]): { stdout: string; code: number | null; fd3: string } {
  // fd 3 into stdout's pipe after a marker: spawnSync has no fourth pipe to read.
  const r = spawnSync("bash", ["-c", 'python3 "$@" 3>&1', "bash", SCRIPT, ...command], {
    encoding: "utf8",
  });
  const lines = r.stdout.trim().split("\n");
  return { stdout: lines.slice(0, -1).join("\n"), code: r.status, fd3: lines[lines.length - 1] };
}

describe("treeCpuSeconds", () => {
  it("adds the user and system seconds", () => {
    expect(treeCpuSeconds("62.500 3.250\n")).toBeCloseTo(65.75, 9);
  });

  it("round-trips any time the script prints", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        (userMs, sysMs) => {
          const text = `${(userMs / 1000).toFixed(3)} ${(sysMs / 1000).toFixed(3)}\n`;
          expect(treeCpuSeconds(text)).toBeCloseTo((userMs + sysMs) / 1000, 6);
        },
      ),
    );
  });

  it("refuses anything else", () => {
    for (const bad of ["", "1.0", "a b", "1.0 2.0 3.0", "0m1s 0m2s", "-1.0 2.0"]) {
      expect(() => treeCpuSeconds(bad)).toThrow();
    }
  });
});

describe("tree-cpu.py", () => {
  it("passes the arguments and the exit code through", () => {
    const r = treeCpu(["bash", "-c", 'echo "args:$*"; exit 3', "bash", "up", "--yes"]);
    expect(r.stdout).toBe("args:up --yes");
    expect(r.code).toBe(3);
    expect(treeCpuSeconds(r.fd3)).toBeGreaterThanOrEqual(0);
  });

  it("counts an orphaned grandchild's CPU, which bash's `times` does not", () => {
    // The command exits at once; its background job, orphaned, then burns CPU for a while.
    // A fixed amount of work (about 0.4 s of CPU here), so the machine's load cannot shrink it.
    const burn = "( sleep 0.3; for i in $(seq 1 300000); do :; done ) & exit 0";
    const r = treeCpu(["bash", "-c", burn]);
    expect(r.code).toBe(0);
    expect(treeCpuSeconds(r.fd3)).toBeGreaterThan(0.2);
    // The same tree under bash's `times`, read after the orphan has finished: it was not the
    // shell's child, so its CPU is lost.
    const times = execFileSync("bash", ["-c", `bash -c '${burn}'; sleep 2; times | tail -1`], {
      encoding: "utf8",
    });
    const [user, sys] = times
      .trim()
      .split(/\s+/)
      .map((t) => {
        const m = /^(\d+)m(\d+\.\d+)s$/.exec(t);
        if (!m) throw new Error(`not a bash time: ${t}`);
        return Number(m[1]) * 60 + Number(m[2]);
      });
    expect(user + sys).toBeLessThan(0.1);
  }, 30_000);

  it("exits 127 and still reports when the command cannot be run", () => {
    const r = treeCpu(["/nonexistent/command"]);
    expect(r.code).toBe(127);
    expect(treeCpuSeconds(r.fd3)).toBeGreaterThanOrEqual(0);
  });
});
