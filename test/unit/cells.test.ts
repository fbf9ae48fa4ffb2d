// What the script writes must come back as the same text once Sheets has parsed it: checked against
// the runtime's implementation of Sheets' parsing (sim/values.ts), which test/sim pins to Sheets.
import { parseEntered } from "../../sim/values";

jest.mock("../../src/gas/env", () => ({ localDateToDate: (d: string) => new Date(`${d}T00:00:00+08:00`) }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { textCell, toCell } = require("../../src/gas/cells") as typeof import("../../src/gas/cells");

const stored = (s: string) => parseEntered(textCell(s), "Asia/Shanghai", false);

test.each([
  '=HYPERLINK("http://x","x")',
  "0571-88886666",
  "05718888",
  "2026-01-02",
  "2026/1/2",
  "2026年1月2日",
  "TRUE",
  "false",
  "50%",
  "1e5",
  "+86 138",
  "-3",
  "@sum(1)",
  "'quoted",
  "12:30",
  "1,234",
  "普通文本",
  " 0 ",
])("%j stays exactly that text", (s) => {
  const cell = stored(s);
  expect(cell).toEqual({ value: s });
});

test("plain text is written without an apostrophe; dates of date columns become dates", () => {
  expect(textCell("阳光培训学校")).toBe("阳光培训学校");
  expect(toCell("date", "2026-03-02")).toEqual(new Date("2026-03-02T00:00:00+08:00"));
  expect(toCell("number", "3")).toBe(3);
  expect(toCell("text", "")).toBe("");
});
