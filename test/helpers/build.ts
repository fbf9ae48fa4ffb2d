// Runs the real build (esbuild.config.mjs) from tests, in a child process (the config is an ES module).
import { spawnSync } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

export function build(
  entry?: string,
  outdir?: string,
): { status: number | null; stdout: string; stderr: string } {
  const script = entry
    ? `import(${JSON.stringify(path.join(ROOT, "esbuild.config.mjs"))}).then(m => m.buildBundle({ entry: ${JSON.stringify(entry)}, outdir: ${JSON.stringify(outdir)} })).then(r => console.log(JSON.stringify(r)), e => { console.error(e.message); process.exit(1); })`
    : `import(${JSON.stringify(path.join(ROOT, "esbuild.config.mjs"))}).then(m => m.buildBundle()).then(r => console.log(JSON.stringify(r)), e => { console.error(e.message); process.exit(1); })`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
