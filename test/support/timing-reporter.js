/**
 * Jest reporter: after a run, prints every test file's wall time, slowest first, and the sum,
 * so the next slow suite is visible in CI output (issue 18). With `JEST_TIMINGS=<path>` it also
 * writes them there as JSON ({ file, seconds, tests, failed }).
 */
const fs = require("node:fs");
const path = require("node:path");

class TimingReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const rows = results.testResults
      .map((r) => ({
        file: path.relative(this.rootDir, r.testFilePath),
        seconds: Math.round((r.perfStats.end - r.perfStats.start) / 100) / 10,
        tests: r.numPassingTests + r.numFailingTests + r.numPendingTests,
        failed: r.numFailingTests + (r.testExecError ? 1 : 0),
      }))
      .sort((a, b) => b.seconds - a.seconds);
    if (rows.length === 0) return;
    const total = rows.reduce((s, r) => s + r.seconds, 0);
    const wall = (Date.now() - results.startTime) / 1000;
    const width = Math.max(...rows.map((r) => r.file.length));
    const lines = rows.map(
      (r) =>
        `  ${r.seconds.toFixed(1).padStart(6)} s  ${r.file.padEnd(width)}  ${r.tests} tests` +
        (r.failed ? `, ${r.failed} failed` : ""),
    );
    process.stderr.write(
      `\nPer-file times (${rows.length} files; ${total.toFixed(1)} s summed over workers, ` +
        `${wall.toFixed(1)} s wall):\n${lines.join("\n")}\n`,
    );
    const out = process.env.JEST_TIMINGS;
    if (out) fs.writeFileSync(out, JSON.stringify(rows, null, 2) + "\n");
  }
}

module.exports = TimingReporter;
