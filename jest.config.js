/**
 * Jest: TypeScript tests through ts-jest; e2e tests get long timeouts of their own.
 *
 * `npm test` leaves out slow suites, each script of them run by `.ci/run` after `npm test`: the
 * full fault matrix (test/reliability/fault-matrix.test.ts, 5–12 min through the real CLI;
 * `npm run test:reliability`), the bench:scale smoke run (test/bench/scale-short.test.ts, ~1 min;
 * `npm run test:bench`), and the end-to-end files that no longer fit in `npm test`'s 6 minutes
 * (`npm run test:e2e`, ~4 min: `pulumi import` with the plugin, test/provider/plugin/plugin-cli;
 * `kms-drift`, test/drift/cli; the policy pack, test/policy/policy-pack-cli; renewal,
 * test/e2e/renewal; an assumed role, test/e2e/assume-role; `npm run demo`, test/e2e/demo; the
 * fleet-inventory example, test/examples/fleet-inventory). The matrix's refresh rows — the never-drop cases — run in `npm test` from
 * test/reliability/refresh-rows.test.ts. The files that drive the real CLI start first
 * (test/support/slow-first-sequencer.js), and every run ends with each file's time, slowest first
 * (test/support/timing-reporter.js).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: [
    "/node_modules/",
    "/test/reliability/fault-matrix\\.test\\.ts$",
    "/test/bench/scale-short\\.test\\.ts$",
    "/test/policy/policy-pack-cli\\.test\\.ts$",
    "/test/e2e/renewal\\.test\\.ts$",
    "/test/provider/plugin/plugin-cli\\.test\\.ts$",
    "/test/drift/cli\\.test\\.ts$",
    "/test/e2e/assume-role\\.test\\.ts$",
    "/test/e2e/demo\\.test\\.ts$",
    "/test/examples/fleet-inventory\\.test\\.ts$",
  ],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testTimeout: 30000,
  maxWorkers: 2,
  testSequencer: "<rootDir>/test/support/slow-first-sequencer.js",
  reporters: ["default", "<rootDir>/test/support/timing-reporter.js"],
};
