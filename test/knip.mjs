/* global process, console */
// Dead code check for `npm test`: runs knip (knip.json) and fails on any unused file, dependency or
// export — except the unused exports listed in test/knip-baseline.json, which were there when the check
// was added and are the lead's to remove (src/ is being refactored). The baseline may only shrink: an
// entry knip no longer reports fails the check too, so it is struck off when the export goes.
// `node test/knip.mjs --write-baseline` rewrites the list from what knip reports now: for merging branches
// only (the diff of test/knip-baseline.json shows what was added).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const r = spawnSync(
  process.execPath,
  [path.join(ROOT, "node_modules/knip/bin/knip.js"), "--reporter", "json"],
  {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  },
);
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  console.error(`knip did not report:\n${r.stderr}`);
  process.exit(2);
}
const BASELINE = path.join(ROOT, "test/knip-baseline.json");
if (process.argv.includes("--write-baseline")) {
  const unused = {};
  for (const issue of report.issues)
    for (const kind of ["exports", "types"])
      if (issue[kind]?.length) (unused[issue.file] ??= {})[kind] = issue[kind].map((e) => e.name).sort();
  const previous = JSON.parse(readFileSync(BASELINE, "utf8"));
  const sorted = Object.fromEntries(Object.entries(unused).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(BASELINE, JSON.stringify({ ...previous, unused: sorted }, null, 2) + "\n");
  console.log(`test/knip-baseline.json rewritten: ${Object.keys(unused).length} files.`);
}
/** file → kind ("exports" | "types") → names known to be unused */
const baseline = JSON.parse(readFileSync(BASELINE, "utf8")).unused;

const found = [];
const listed = new Set();
for (const issue of report.issues) {
  for (const [kind, entries] of Object.entries(issue)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const name = typeof entry === "string" ? entry : entry.name;
      const known = (kind === "exports" || kind === "types") && baseline[issue.file]?.[kind]?.includes(name);
      if (known) listed.add(`${issue.file}|${kind}|${name}`);
      else
        found.push(
          `${issue.file}: unused ${kind.replace(/s$/, "")} ${name}${entry.line ? ` (line ${entry.line})` : ""}`,
        );
    }
  }
}
const stale = Object.entries(baseline).flatMap(([file, kinds]) =>
  Object.entries(kinds).flatMap(([kind, names]) =>
    names.filter((n) => !listed.has(`${file}|${kind}|${n}`)).map((n) => `${file}: ${kind} ${n}`),
  ),
);
if (found.length) console.error(`knip found unused code:\n  ${found.join("\n  ")}`);
if (stale.length)
  console.error(
    `test/knip-baseline.json lists what knip no longer reports (strike it off):\n  ${stale.join("\n  ")}`,
  );
const waiting = listed.size;
if (found.length || stale.length) process.exit(1);
console.log(`knip: no new unused code (${waiting} unused exports known, listed in test/knip-baseline.json).`);
