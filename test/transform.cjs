/* global __dirname */
// Jest transform: TypeScript to CommonJS with esbuild (already the project's bundler). Chosen over
// @swc/jest because the platform packages of @swc/core (and of Jest 30's resolver) are missing from the
// registry these machines reach, which makes `npm ci` reject the lockfile (see docs/decisions.md).
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { transformSync, version } = require("esbuild");
const path = require("node:path");

const SRC = path.join(__dirname, "..", "src") + path.sep;

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith(".ts") ? "ts" : "js",
      format: "cjs",
      // src/ is compiled as the bundle is (es2020, minified), so that coverage counted here lands on the
      // same branches as the bundle's counters for the same file (test/coverage-report.mjs merges them).
      // A branch is merged only when both copies map it to the same start and end in the TypeScript; with
      // syntax-only minification here and full minification in the bundle, 330 of src/'s 3,364 branches
      // mapped apart and were counted twice. Tests and tools keep their names (syntax only).
      target: "es2020",
      ...(filename.startsWith(SRC) ? { minify: true } : { minifySyntax: true }),
      sourcemap: "inline",
      sourcefile: filename,
      // import.meta.url has no CommonJS equivalent: give it the file's URL, as Node's ESM loader would.
      define: { "import.meta.url": "__importMetaUrl" },
      banner: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    });
    return { code: result.code };
  },
  getCacheKey(source, filename) {
    // This file's own text is in the key, so changing the options above invalidates Jest's cache.
    return createHash("sha256")
      .update(version)
      .update(readFileSync(__filename))
      .update(filename)
      .update(source)
      .digest("hex");
  },
};
