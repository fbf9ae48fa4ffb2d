/* global process, console */
// Runs every test of the given suites on its own (`jest <file> -t "^<its full name>$"`), the way a developer
// re-runs one failing test, and fails if any of them does not pass alone: a test that passes only after
// another has run shares state with it. Usage:
//   node test/isolation.mjs                 # the suites that drive the bundle (test/app, test/helpers)
//   node test/isolation.mjs test/reliability/failures.test.ts …
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const JEST = path.join(ROOT, "node_modules/jest/bin/jest.js");
const work = mkdtempSync(path.join(tmpdir(), "isolation-"));

/** Runs Jest with `args` in its own process; resolves to its JSON report. */
function jest(args) {
  const out = path.join(work, `run-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve, reject) => {
    let stderr = "";
    const child = spawn(process.execPath, [JEST, "--json", `--outputFile=${out}`, ...args], { cwd: ROOT });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", () => {
      try {
        resolve(JSON.parse(readFileSync(out, "utf8")));
      } catch {
        reject(new Error(`jest ${args.join(" ")} wrote no report:\n${stderr}`));
      }
    });
  });
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const patterns = process.argv.slice(2);
// One run of the suites lists their tests (and shows they pass together).
const all = await jest(patterns.length ? patterns : ["test/app/", "test/helpers/"]);
const tests = all.testResults.flatMap((file) =>
  file.assertionResults.map((t) => ({ file: file.name, name: t.fullName })),
);
const files = new Set(tests.map((t) => t.file));
if (!tests.length) throw new Error("no tests matched");
console.log(`${tests.length} tests in ${files.size} files; running each alone…`);

// Two at a time (the machine has two cores); each run is its own Jest process.
const failures = [];
let done = 0;
const queue = [...tests];
async function worker() {
  while (queue.length) {
    const t = queue.shift();
    const report = await jest([t.file, "-t", `^${escape(t.name)}$`]);
    const ran = report.testResults[0].assertionResults.filter((a) => a.status !== "pending");
    const ok = ran.length === 1 && ran[0].status === "passed";
    if (!ok)
      failures.push(
        `${path.relative(ROOT, t.file)} › ${t.name}: ${ran.length === 1 ? ran[0].failureMessages.join("\n") : `${ran.length} tests ran`}`,
      );
    done++;
    if (done % 10 === 0) console.log(`  ${done}/${tests.length}`);
  }
}
await Promise.all([worker(), worker()]);
rmSync(work, { recursive: true, force: true });
if (failures.length) {
  console.error(`\n${failures.length} test(s) fail when run alone:\n${failures.join("\n\n")}`);
  process.exit(1);
}
console.log(`All ${tests.length} tests pass when run alone.`);
