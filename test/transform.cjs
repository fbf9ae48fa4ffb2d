// Jest transform: TypeScript to CommonJS with esbuild (already the project's bundler). Chosen over
// @swc/jest because the platform packages of @swc/core (and of Jest 30's resolver) are missing from the
// registry these machines reach, which makes `npm ci` reject the lockfile (see docs/decisions.md).
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { transformSync, version } = require("esbuild");

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith(".ts") ? "ts" : "js",
      format: "cjs",
      // As the bundle is built (es2020, syntax minified), so that coverage counted here lands on the same
      // branches as the bundle's counters for the same file (test/coverage-report.mjs merges them).
      target: "es2020",
      minifySyntax: true,
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
