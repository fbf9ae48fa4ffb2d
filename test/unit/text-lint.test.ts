// The lint rule behind "every user-facing string lives in src/text/" (issue 12, point 7): Chinese text
// in a literal or a template anywhere else in src/ fails `npm run lint`; comments and src/text/ do not.
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
// ESLint's flat config loads by dynamic import, which Jest's VM cannot do: lint in a child process.
const messages = async (code: string, filePath: string): Promise<string[]> => {
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/eslint/bin/eslint.js"),
      "--stdin",
      "--stdin-filename",
      filePath,
      "-f",
      "json",
    ],
    { cwd: ROOT, input: code, encoding: "utf8" },
  );
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ message: string }> }>;
  return result!.messages.map((m) => m.message);
};

describe("Chinese text outside src/text/", () => {
  test("a string literal in src/domain/ is an error", async () => {
    expect(await messages('export const overdue = "逾期";\n', "src/domain/probe.ts")).toEqual([
      "Chinese text belongs in src/text/ (import it from there).",
    ]);
  });

  test("so is a template, and a list separator (、 is CJK punctuation)", async () => {
    const code = 'export const f = (n: number, xs: string[]) => `逾期 ${n} 天` + xs.join("、");\n';
    // Three: the template's two quasis (`逾期 `, ` 天`) and the separator.
    expect(await messages(code, "src/app/probe.ts")).toHaveLength(3);
  });

  test("a comment is not, and src/text/ may hold any text", async () => {
    expect(await messages("// 逾期: the overdue label\nexport const a = 1;\n", "src/gas/probe.ts")).toEqual(
      [],
    );
    expect(await messages('export const overdue = "逾期";\n', "src/text/probe.ts")).toEqual([]);
  });
});
