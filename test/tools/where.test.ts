// `npm run where`: a position in Apps Script's stack trace (the minified bundle) back to its line in src/.
import { readFileSync } from "node:fs";
import path from "node:path";
import { where } from "../../tools/where";
import { bundle } from "../helpers/township";
import { ROOT } from "../helpers/build";

test("a function's position in dist/Code.js is the line of its declaration in src/", () => {
  const code = bundle().split("\n");
  const line = code.findIndex((l) => l.includes("function processNewResponses("));
  const column = code[line]!.indexOf("function processNewResponses(") + 1;
  // The expected line is read from the source itself, not from the map.
  const src = readFileSync(path.join(ROOT, "src/app/submit.ts"), "utf8").split("\n");
  const declared = src.findIndex((l) => l.includes("export function processNewResponses(")) + 1;
  expect(where(`at processNewResponses (Code:${line + 1}:${column})`)).toMatchObject({
    source: "src/app/submit.ts",
    line: declared,
  });
  expect(where("no position here")).toBeUndefined();
});
