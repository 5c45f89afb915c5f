/**
 * Jest test sequencer: the files that drive the real Pulumi CLI start first, then the rest in
 * jest's own order. On a fresh clone jest has no timings yet and orders by file size, so a small
 * file that runs for a minute (test/reliability/refresh-rows.test.ts is 9 lines) could start
 * last and leave one worker running alone at the end: a fresh clone's `npm test` measured 357 s
 * of jest wall time for 642 s of work on 2 workers, against 307 s for 594 s when it started early.
 */
const Sequencer = require("@jest/test-sequencer").default;

/** Path fragments of the suites that run the CLI, the slowest first (per-file times of npm test). */
const SLOW = [
  "/test/provider/plugin/plugin-cli.test.ts",
  "/test/reliability/",
  "/test/drift/cli.test.ts",
  "/test/e2e/",
  "/test/examples/",
  "/test/toolchain/",
  "/test/drift/inline.test.ts",
];

/** The index of the first `SLOW` fragment in `path`, or `SLOW.length` for any other file. */
function rank(path) {
  const i = SLOW.findIndex((fragment) => path.includes(fragment));
  return i < 0 ? SLOW.length : i;
}

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const base = super.sort(tests);
    const order = new Map(base.map((t, i) => [t, i]));
    return [...base].sort((a, b) => rank(a.path) - rank(b.path) || order.get(a) - order.get(b));
  }
}

module.exports = SlowFirstSequencer;
