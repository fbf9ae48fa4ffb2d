// Apps Script evaluates a Date's local-time methods in the script's time zone (appsscript.json:
// Asia/Shanghai). The local runtime shares V8 with its host, so tests run with that zone too; the
// product code never relies on it (it formats dates with Utilities.formatDate and an explicit zone).
process.env.TZ = "Asia/Shanghai";

/** @type {import('jest').Config} */
export default {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "<rootDir>/test/transform.cjs" },
  moduleFileExtensions: ["ts", "js", "json"],
  // Builds dist/Code.js once for the whole run; the tests only read it (test/helpers/build.ts).
  globalSetup: "<rootDir>/test/global-setup.mjs",
  // Under test/coverage-run.mjs: each worker writes its V8 coverage after every test file.
  setupFilesAfterEnv: ["<rootDir>/test/coverage-flush.cjs"],
  // A worker that has grown past this (many runtimes, V8's coverage counters) is replaced between files.
  workerIdleMemoryLimit: "1GB",
};
