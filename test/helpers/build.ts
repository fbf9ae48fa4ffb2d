// The bundle under test, and the real build (esbuild.config.mjs) for fixture entry points.
//
// dist/Code.js is built once per `jest` run, by test/global-setup.mjs, before any worker starts (the build
// writes to a temporary file and renames it, so no reader sees half a file). Tests only read it.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
const BUNDLE = path.join(ROOT, "dist/Code.js");

let code: string | undefined;
/** The text of dist/Code.js as the global setup built it (read once per worker). */
export function bundle(): string {
  if (code === undefined) {
    if (!existsSync(BUNDLE))
      throw new Error("dist/Code.js is missing: run the tests with `npx jest` (its global setup builds it).");
    code = readFileSync(BUNDLE, "utf8");
  }
  return code;
}

/**
 * With an entry and an output directory, builds that entry with the real build (in a child process: the
 * config is an ES module). Without them, the shipped bundle, which the global setup has built already:
 * it is not rebuilt (a rebuild in place would race the other workers reading it).
 */
export function build(
  entry?: string,
  outdir?: string,
): { status: number | null; stdout: string; stderr: string } {
  if (!entry || !outdir) {
    const ok = existsSync(BUNDLE);
    return { status: ok ? 0 : 1, stdout: "", stderr: ok ? "" : "dist/Code.js is missing" };
  }
  const script = `import(${JSON.stringify(path.join(ROOT, "esbuild.config.mjs"))}).then(m => m.buildBundle({ entry: ${JSON.stringify(entry)}, outdir: ${JSON.stringify(outdir)} })).then(r => console.log(JSON.stringify(r)), e => { console.error(e.message); process.exit(1); })`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
