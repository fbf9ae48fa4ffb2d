// The repository stands alone: `npm test` must pass in a fresh clone anywhere, so no file may read or
// point at anything outside it (the project's sibling notes directory, this machine's paths).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../helpers/build";

const SKIP_DIRS = new Set([".git", "node_modules", "dist", "out", "coverage"]);
const SELF = path.relative(ROOT, __filename);

/** Files in the repository: tracked ones and new ones not ignored (git), else every file but the build output. */
function repositoryFiles(): string[] {
  const git = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (git.status === 0) return git.stdout.split("\0").filter(Boolean);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(ROOT, dir))) {
      const rel = path.join(dir, name);
      if (statSync(path.join(ROOT, rel)).isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(rel);
      } else out.push(rel);
    }
  };
  walk("");
  return out;
}

/** A relative path written in a string, a template or a Markdown link: "../x", '../../x', (../x). */
const RELATIVE_PATH = /["'`(]((?:\.\.\/)+[^"'`)\s]*|\.\.)["'`)]/g;
/**
 * Names of the notes kept beside the repository, and this machine's own directories. The folder's name is
 * put together here, so this file does not itself name a path outside the repository.
 */
const NOTES_DIR = ["sha", "red"].join("");
const OUTSIDE_NAMES = [
  new RegExp(`\\b${NOTES_DIR}\\/(?:DESIGN|DOMAIN)\\.md`),
  new RegExp(`\\b${NOTES_DIR}\\/(?:testdata|seeds|hooks)\\b`),
  /(?:^|[\s"'`(])\/work\//,
];

function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  const dir = path.dirname(path.join(ROOT, file));
  for (const m of text.matchAll(RELATIVE_PATH)) {
    const target = path.resolve(dir, m[1]!);
    if (path.relative(ROOT, target).startsWith("..")) found.push(`${file}: ${m[1]} (resolves outside)`);
    else if (!["", ".ts", ".js", ".mjs", ".json"].some((ext) => existsSync(target + ext)))
      found.push(`${file}: ${m[1]} (no such file in the repository)`);
  }
  text.split("\n").forEach((line, i) => {
    for (const re of OUTSIDE_NAMES) if (re.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
  });
  return found;
}

test("the check itself sees the shapes it is meant to catch", () => {
  const up = "../../..";
  expect(
    outsideReferences("test/unit/x.test.ts", `readFileSync("${up}/${NOTES_DIR}/testdata/v.json")`),
  ).toHaveLength(2);
  expect(outsideReferences("docs/decisions.md", `the notes (\`../${NOTES_DIR}/DESIGN.md\`)`)).toHaveLength(2);
  expect(outsideReferences("sim/bench.ts", `Budgets (from ${NOTES_DIR}/DESIGN.md)`)).toHaveLength(1);
  expect(outsideReferences("README.md", "see [x](../" + "outside.md)")).toHaveLength(1);
  // Paths that stay inside are fine.
  expect(outsideReferences("src/app/setup.ts", 'import { X } from "../../forms/index";')).toEqual([]);
  expect(outsideReferences("test/helpers/build.ts", 'path.resolve(__dirname, "../..")')).toEqual([]);
});

test("no file in the repository refers to a file outside it", () => {
  const files = repositoryFiles().filter(
    (f) => f !== SELF && !f.endsWith("package-lock.json") && !/\.(png|jpg|pdf|xlsx)$/.test(f),
  );
  expect(files.length).toBeGreaterThan(50);
  const found = files.flatMap((f) => outsideReferences(f, readFileSync(path.join(ROOT, f), "utf8")));
  expect(found).toEqual([]);
});
