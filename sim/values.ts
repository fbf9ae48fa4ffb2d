// How Google Sheets turns a written value into a cell value.
//
// Range.setValue(s) interprets strings as if a person typed them ("user entered"): "=..." becomes a
// formula, "0571" becomes the number 571, "2026-01-02" becomes a date, "TRUE" a boolean, "50%" 0.5.
// A leading apostrophe forces text and is not stored; a cell formatted as plain text ("@") keeps the
// string as typed. https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
// https://support.google.com/docs/answer/3094135 (formats that Sheets recognises on entry)
import { isDate } from "./host";
import { zonedToEpoch } from "./tz";

export type CellValue = string | number | boolean | Date;

export interface Entered {
  value: CellValue;
  formula?: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const CN_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function parseEntered(input: unknown, tz: string, plainText: boolean): Entered {
  if (input === null || input === undefined) return { value: "" };
  if (typeof input === "number") return { value: Number.isFinite(input) ? input : "#NUM!" };
  if (typeof input === "boolean") return { value: input };
  if (isDate(input)) return { value: new Date(input.getTime()) };
  if (typeof input !== "string") return parseEntered(String(input), tz, plainText);
  const s = input;
  if (s === "") return { value: "" };
  if (plainText) return { value: s };
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.startsWith("=") && s.length > 1) return { value: evaluateFormula(s), formula: s };
  const t = s.trim();
  if (NUMBER.test(t)) return { value: Number(t) };
  if (GROUPED.test(t)) return { value: Number(t.replace(/,/g, "")) };
  const pct = PERCENT.exec(t);
  if (pct) return { value: Number(pct[1]) / 100 };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
  const iso = ISO_DATE.exec(t) ?? CN_DATE.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (validDate(y, m, d)) {
      const h = Number(iso[4] ?? 0);
      const mi = Number(iso[5] ?? 0);
      const sec = Number(iso[6] ?? 0);
      if (h < 24 && mi < 60 && sec < 60) return { value: new Date(zonedToEpoch(tz, y, m, d, h, mi, sec)) };
    }
  }
  const time = TIME.exec(t);
  if (time && Number(time[1]) < 24 && Number(time[2]) < 60) {
    // Sheets stores a time of day as a fraction of the day after its epoch, 1899-12-30.
    return {
      value: new Date(zonedToEpoch(tz, 1899, 12, 30, Number(time[1]), Number(time[2]), Number(time[3] ?? 0))),
    };
  }
  return { value: s };
}

/** The runtime does not evaluate formulas in general; it computes the few shapes a ledger might hold. */
function evaluateFormula(f: string): CellValue {
  const body = f.slice(1).trim();
  const str = /^"((?:[^"]|"")*)"$/.exec(body);
  if (str) return str[1]!.replace(/""/g, '"');
  if (NUMBER.test(body)) return Number(body);
  const link = /^HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)$/i.exec(body);
  if (link) return (link[2] ?? link[1]!).replace(/""/g, '"');
  return "#NAME?";
}

export function displayValue(
  v: CellValue,
  numberFormat: string | undefined,
  tz: string,
  format: (ms: number, tz: string, pattern: string) => string,
): string {
  if (v === "") return "";
  if (isDate(v)) {
    const pattern =
      numberFormat && /[yMdHms]/.test(numberFormat) ? toJavaPattern(numberFormat) : "yyyy-MM-dd";
    return format(v.getTime(), tz, pattern);
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** Sheets date formats ("yyyy-mm-dd hh:mm") use m for both month and minute; Java needs M for month. */
function toJavaPattern(sheetsFormat: string): string {
  return sheetsFormat.replace(/m+/g, (run, offset: number, whole: string) => {
    const before = whole.slice(0, offset);
    return /h[^a-z]*$/i.test(before) ? run : run.toUpperCase();
  });
}
