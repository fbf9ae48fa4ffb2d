// `npm run where`: a position in Apps Script's stack trace (the minified bundle) back to its line in src/.
import { readFileSync } from "node:fs";
import path from "node:path";
import { where } from "../../tools/where";
import { bundle } from "../helpers/township";
import { ROOT } from "../helpers/build";

test("a position in dist/Code.js maps to the line of src/ it was built from", () => {
  // A text that appears once in src/ and survives minification unchanged: find it in both.
  const text = "尚未初始化：请在菜单";
  const code = bundle().split("\n");
  const line = code.findIndex((l) => l.includes(text));
  // The string literal starts at its opening quote, one before the text.
  const column = code[line]!.indexOf(text);
  const src = readFileSync(path.join(ROOT, "src/text/zh.ts"), "utf8").split("\n");
  const declared = src.findIndex((l) => l.includes(text)) + 1;
  expect(declared).toBeGreaterThan(0);
  expect(where(`at Gh (Code:${line + 1}:${column})`)).toMatchObject({
    source: "src/text/zh.ts",
    line: declared,
  });
  expect(where("no position here")).toBeUndefined();
});
