// What the script writes must come back as the same text once Sheets has parsed it: checked against
// the runtime's implementation of Sheets' parsing (sim/values.ts), which test/sim pins to Sheets.
import fc from "fast-check";
import { parseEntered } from "../../sim/values";

jest.mock("../../src/gas/env", () => ({ localDateToDate: (d: string) => new Date(`${d}T00:00:00+08:00`) }));
const { textCell, toCell, wouldBeParsed } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("../../src/gas/cells") as typeof import("../../src/gas/cells");

const NOW = Date.parse("2026-03-02T09:00:00+08:00");
const parsed = (s: string, locale = "zh_CN") => parseEntered(s, "Asia/Shanghai", false, { locale, now: NOW });
const stored = (s: string, locale = "zh_CN") => parsed(textCell(s), locale);

test.each([
  '=HYPERLINK("http://x","x")',
  "0571-88886666",
  "05718888",
  "2026-01-02",
  "2026/1/2",
  "2026年1月2日",
  "3月2日",
  "TRUE",
  "false",
  "50%",
  "-5%",
  "1e5",
  "1e3",
  "+86 138",
  "-3",
  "@sum(1)",
  "'quoted",
  "12:30",
  "12:30 PM",
  "9am",
  "Mar 1 2026",
  "March 1, 2026",
  "1 Mar 2026",
  "1-Mar-26",
  "Mar 1",
  "3/2/2026",
  "3/2",
  "¥100",
  "￥100",
  "$1,000",
  "100 €",
  "(100)",
  "($1,000.50)",
  "1,234",
  "普通文本",
  " 0 ",
  "\u3000100",
])("%j stays exactly that text", (s) => {
  expect(stored(s)).toEqual({ value: s });
  expect(stored(s, "en_US")).toEqual({ value: s });
});

test("each of those shapes is indeed parsed by Sheets when written bare (so the guard is needed)", () => {
  // The shapes the runtime turns into something else; hand-picked from the list above.
  for (const s of ["Mar 1 2026", "12:30 PM", "9am", "¥100", "$1,000", "(100)", "1e3", "50%", "3/2", "3月2日"])
    expect([s, parsed(s, "en_US").value === s]).toEqual([s, false]);
});

test("plain text is written without an apostrophe; dates of date columns become dates", () => {
  expect(textCell("阳光培训学校")).toBe("阳光培训学校");
  expect(textCell("东村1号")).toBe("东村1号");
  expect(textCell("March")).toBe("March");
  expect(toCell("date", "2026-03-02")).toEqual(new Date("2026-03-02T00:00:00+08:00"));
  expect(toCell("number", "3")).toBe(3);
  expect(toCell("text", "")).toBe("");
});

// The property: whatever the guard lets through without an apostrophe, Sheets (as the runtime models it)
// keeps as the same text; and whatever the guard protects comes back as the same text too.
describe("property: the guard never lets a string change", () => {
  const pieces = [
    ..."0123456789０１２３４５６７８９",
    " ",
    "\u3000",
    ".",
    ",",
    ":",
    "/",
    "-",
    "+",
    "%",
    "(",
    ")",
    "$",
    "¥",
    "￥",
    "€",
    "£",
    "e",
    "E",
    "年",
    "月",
    "日",
    "Mar",
    "March",
    "may",
    "Sept",
    "Dec",
    "AM",
    "pm",
    "a.m.",
    "st",
    "th",
    "TRUE",
    "false",
    "'",
    "=",
    "@",
    "村",
    "号",
    "x",
    "Q",
  ];
  const text = fc
    .array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join(""));

  test("for random shapes of numbers, dates, times, currencies and words", () => {
    fc.assert(
      fc.property(text, fc.constantFrom("zh_CN", "en_US"), (s, locale) => {
        if (!wouldBeParsed(s)) expect(parsed(s, locale)).toEqual({ value: s });
        expect(stored(s, locale)).toEqual({ value: s });
      }),
      { seed: 20260302, numRuns: 20000 },
    );
  });

  test("for arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        if (!wouldBeParsed(s)) expect(parsed(s)).toEqual({ value: s });
        expect(stored(s)).toEqual({ value: s });
      }),
      { seed: 17, numRuns: 5000 },
    );
  });
});
