// Bundles src/main.ts into dist/Code.js for Apps Script.
//
// Apps Script only sees top-level `function` declarations, and a bundle hides everything in a closure.
// So we build an IIFE that assigns the exports of main.ts to a global (`__app`) and append one
// forwarding stub per export. The export list comes from a probe build's metafile, so it never drifts.
import * as esbuild from "esbuild";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
export const GLOBAL_NAME = "__app";

const shared = {
  bundle: true,
  target: "es2020",
  // "neutral": no Node built-ins resolve, so `import "fs"` or `require("fs")` in src/ fails the build.
  platform: "neutral",
  mainFields: ["module", "main"],
  // Every trigger run loads the whole script, so its size is paid on every execution (budget 200 KB):
  // the bundle is minified. Apps Script's stack traces then read "at xy (Code:2:48213)";
  // `npm run where -- Code:2:48213` finds the file, line and name in src/ through dist/Code.js.map.
  // The entry points keep their names (the forwarding stubs below call them by name).
  minify: true,
  legalComments: "none",
  logLevel: "silent",
  charset: "utf8",
};

/** Names exported by the entry module, read from an ESM probe build's metafile. */
export async function entryExports(entry) {
  const probe = await esbuild.build({
    ...shared,
    entryPoints: [entry],
    format: "esm",
    write: false,
    metafile: true,
    outdir: "probe",
  });
  const output = Object.values(probe.metafile.outputs).find((o) => o.entryPoint);
  return output.exports.filter((name) => name !== "default").sort();
}

export function forwardingStubs(names) {
  return names.map((n) => `function ${n}(...args) { return ${GLOBAL_NAME}.${n}(...args); }`).join("\n");
}

/** Checks forms/ with the same zod schema the app uses; a bad checklist fails the build with its messages. */
export async function validateForms() {
  const probe = await esbuild.build({
    ...shared,
    stdin: {
      contents: `import { CHECKLISTS } from "./forms/index"; import { validateChecklists } from "./src/domain/checklist-schema"; export const errors = validateChecklists(CHECKLISTS);`,
      resolveDir: root,
      loader: "ts",
    },
    format: "esm",
    write: false,
  });
  const url = "data:text/javascript;base64," + Buffer.from(probe.outputFiles[0].text).toString("base64");
  const { errors } = await import(url);
  if (errors.length) throw new Error(`forms/ has ${errors.length} problem(s):\n  ${errors.join("\n  ")}`);
}

/** Writes a file whole or not at all: readers (parallel test workers, clasp) never see half of it. */
async function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}

/**
 * Builds `entry` into `outdir/Code.js` (+ appsscript.json, + Code.js.map for coverage and stack traces;
 * .claspignore keeps the map local). Returns the output path and the stub names.
 */
export async function buildBundle({
  entry = path.join(root, "src/main.ts"),
  outdir = path.join(root, "dist"),
} = {}) {
  const names = await entryExports(entry);
  if (names.length === 0) throw new Error(`${entry} exports nothing: Apps Script would see no functions.`);
  const result = await esbuild.build({
    ...shared,
    entryPoints: [entry],
    format: "iife",
    globalName: GLOBAL_NAME,
    write: false,
    sourcemap: "external",
    outfile: path.join(outdir, "Code.js"),
    banner: { js: "// Built by esbuild.config.mjs from src/ — do not edit; run `npm run build`." },
    footer: {
      js:
        "\n// Apps Script entry points (forwarding stubs generated from src/main.ts exports)\n" +
        forwardingStubs(names),
    },
  });
  await mkdir(outdir, { recursive: true });
  const code = result.outputFiles.find((f) => f.path.endsWith("Code.js")).text;
  const map = result.outputFiles.find((f) => f.path.endsWith("Code.js.map")).text;
  // Written beside the script for tools (coverage, `npm run where`); .claspignore keeps it out of Apps Script.
  await writeAtomically(path.join(outdir, "Code.js.map"), map);
  await writeAtomically(path.join(outdir, "Code.js"), code);
  await writeAtomically(
    path.join(outdir, "appsscript.json"),
    await readFile(path.join(root, "appsscript.json")),
  );
  return { file: path.join(outdir, "Code.js"), names, bytes: Buffer.byteLength(code) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  validateForms()
    .then(() => buildBundle())
    .then(({ names, bytes }) =>
      console.log(`dist/Code.js: ${(bytes / 1024).toFixed(1)} KB, entry points: ${names.join(", ")}`),
    )
    .catch((err) => {
      console.error(err.message);
      process.exit(1);
    });
}
