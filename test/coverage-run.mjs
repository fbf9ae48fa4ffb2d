/* global process, console, performance */
// `npm test`'s Jest step: runs Jest (with any arguments given) while Node writes V8's coverage counters
// of every process — the Jest workers, and the CLI processes tests start — to a temporary directory
// (NODE_V8_COVERAGE), then reports coverage of src/ (test/coverage-report.mjs) and fails below the branch floor.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BRANCH_FLOOR, report } from "./coverage-report.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = mkdtempSync(path.join(tmpdir(), "v8-coverage-"));
/**
 * The fault-injection suites (test/reliability/exactly-once-*) play thousands of runs; under V8 coverage
 * each run's fresh global state keeps its counters and the heap outgrows Node's limit. They prove
 * behaviour, not coverage (every path they take is taken by the other suites too), so a plain `npm test`
 * runs them in a second Jest run without the coverage counters.
 */
const HEAVY = "test/reliability/exactly-once-";
const jestRun = (args, env) =>
  new Promise((resolve) => {
    const jest = spawn(process.execPath, [path.join(ROOT, "node_modules/jest/bin/jest.js"), ...args], {
      cwd: ROOT,
      stdio: "inherit",
      env,
    });
    jest.on("close", (c) => resolve(c ?? 1));
  });
try {
  const args = process.argv.slice(2);
  const withCoverage = { ...process.env, NODE_V8_COVERAGE: dataDir };
  let code;
  if (args.length) code = await jestRun(args, withCoverage);
  else {
    code = await jestRun(["--testPathIgnorePatterns", HEAVY], withCoverage);
    const heavy = await jestRun([HEAVY], process.env);
    if (code === 0) code = heavy;
  }
  if (code !== 0) process.exitCode = code;
  else {
    const started = performance.now();
    const { branches, ok } = await report(dataDir);
    console.log(`(coverage report: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    if (!ok) {
      console.error(
        `\nBranch coverage of src/ is ${branches.toFixed(1)}%, below the floor of ${BRANCH_FLOOR}% (test/coverage-report.mjs).`,
      );
      process.exitCode = 1;
    }
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
