/* global afterAll, process */
// Jest setup file (jest.config.js): when test/coverage-run.mjs collects coverage, writes this worker's V8
// counters to NODE_V8_COVERAGE after every test file. Node writes them otherwise only when the process
// exits, and Jest force-kills a worker that is slow to exit (on a loaded machine, writing the counters of
// a worker's many runtime executions is exactly what makes it slow), which lost the whole worker's
// coverage. v8.takeCoverage() resets the counters after each write, so the dumps add up.
const v8 = require("node:v8");

afterAll(() => {
  if (process.env.NODE_V8_COVERAGE) v8.takeCoverage();
});
