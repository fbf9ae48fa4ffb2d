// Where in src/ a position in Apps Script's stack trace is. The bundle is minified (one long line),
// so Apps Script reports e.g. "at processNewResponses (Code:1:48213)"; this reads dist/Code.js.map
// (written by every build) and prints the source file, line and column.
//   npm run where -- "Code:1:48213"     or     npm run where -- 1:48213
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** "Code:1:48213", "Code.gs:1:48213" or "1:48213" → the source position, or undefined. */
export function where(position: string, map = readFileSync(path.join(root, "dist/Code.js.map"), "utf8")) {
  const m = /(?:^|:)(\d+):(\d+)\)?\s*$/.exec(position.trim());
  if (!m || Number(m[2]) < 1) return undefined;
  // Stack traces count columns from 1; source maps from 0.
  const found = originalPositionFor(new TraceMap(map), { line: Number(m[1]), column: Number(m[2]) - 1 });
  if (!found.source) return undefined;
  return {
    source: path.relative(root, path.resolve(root, "dist", found.source)),
    line: found.line,
    column: found.column,
    name: found.name,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = process.argv.slice(2).join(" ");
  const found = arg ? where(arg) : undefined;
  if (!found) {
    console.error(
      'Usage: npm run where -- "Code:1:48213" (after npm run build; the position from the stack trace)',
    );
    process.exit(2);
  }
  console.log(
    `${found.source}:${found.line}:${(found.column ?? 0) + 1}${found.name ? ` (${found.name})` : ""}`,
  );
}
