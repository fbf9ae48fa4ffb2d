// How Google Sheets turns a written value into a cell value.
//
// Range.setValue(s) interprets strings as if a person typed them ("user entered"): "=..." becomes a
// formula, "0571" the number 571, "2026-01-02" or "Mar 1 2026" a date, "12:30 PM" a time, "TRUE" a
// boolean, "50%" 0.5, "$1,000" or "¥100" a number, "(100)" -100. A leading apostrophe forces text and is
// not stored; a cell formatted as plain text ("@") keeps the string as typed.
// https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
// https://support.google.com/docs/answer/3094135 (formats that Sheets recognises on entry)
import { isDate } from "./host";
import { zonedToEpoch } from "./tz";

export type CellValue = string | number | boolean | Date;

export interface Entered {
  value: CellValue;
  formula?: string;
}

export interface ParseOptions {
  /** The spreadsheet's locale (en_US reads 1/2/2026 as January 2; zh_CN writes dates year first). */
  locale?: string;
  /** Now, for dates typed without a year ("Mar 1", "3/1"): they fall in the current year. */
  now?: number;
}

const DIGIT = /\d/;
const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+`;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = new RegExp(String.raw`^([+-]?)(${NUM})\s*%$`);
const CURRENCY_SYMBOLS = "$¥￥€£";
const CURRENCY = new RegExp(
  String.raw`^([+-]?)\s*[${CURRENCY_SYMBOLS}]\s*([+-]?)(${NUM})$|^([+-]?)(${NUM})\s*[${CURRENCY_SYMBOLS}]$`,
);
const PARENTHESES = new RegExp(
  String.raw`^\(\s*[${CURRENCY_SYMBOLS}]?\s*(${NUM})\s*[${CURRENCY_SYMBOLS}]?\s*\)$`,
);
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(.+))?$/;
const CN_DATE = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:\s*(.+))?$/;
const NUMERIC_DATE = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?(?:\s+(.+))?$/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const MONTH_FIRST = new RegExp(
  String.raw`^${MONTH}[\s-]+(\d{1,2})(?:st|nd|rd|th)?(?:,?[\s-]+(\d{4}))?(?:,?\s+(.+))?$`,
  "i",
);
const DAY_FIRST = new RegExp(
  String.raw`^(\d{1,2})[\s-]+${MONTH}(?:,?[\s-]+(\d{2}|\d{4}))?(?:,?\s+(.+))?$`,
  "i",
);
const MONTH_YEAR = new RegExp(String.raw`^${MONTH}[\s-]+(\d{4})$`, "i");
const TIME = /^(\d{1,4}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(am|pm|a\.m\.|p\.m\.)?$/i;
const HOUR_AMPM = /^(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)$/i;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const number = (s: string) => Number(s.replace(/,/g, ""));
const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
/** Two-digit years as spreadsheets read them: 00–29 are 20xx, 30–99 are 19xx. */
const fullYear = (y: string) => (y.length === 2 ? (Number(y) < 30 ? 2000 : 1900) + Number(y) : Number(y));

interface Clock {
  h: number;
  mi: number;
  s: number;
  ms: number;
}

/** A time of day (or a duration, "25:00"), with an optional AM/PM; undefined when it is not one. */
function parseTime(t: string, allowDuration: boolean): Clock | undefined {
  const ampmOnly = HOUR_AMPM.exec(t);
  if (ampmOnly) {
    const h = Number(ampmOnly[1]);
    if (h < 1 || h > 12) return undefined;
    return { h: (h % 12) + (/^p/i.test(ampmOnly[2]!) ? 12 : 0), mi: 0, s: 0, ms: 0 };
  }
  const m = TIME.exec(t);
  if (!m) return undefined;
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3] ?? 0);
  const ms = Number((m[4] ?? "0").padEnd(3, "0"));
  if (mi > 59 || s > 59) return undefined;
  if (m[5]) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (/^p/i.test(m[5]) ? 12 : 0);
  } else if (h > 23 && !allowDuration) return undefined;
  return { h, mi, s, ms };
}

/** Sheets stores a time of day as a fraction of the day after its epoch, 1899-12-30. */
function timeValue(tz: string, c: Clock): Date {
  return new Date(zonedToEpoch(tz, 1899, 12, 30, 0, 0, 0) + ((c.h * 60 + c.mi) * 60 + c.s) * 1000 + c.ms);
}

function dateValue(tz: string, y: number, m: number, d: number, rest: string | undefined): Date | undefined {
  if (!validDate(y, m, d)) return undefined;
  let c: Clock = { h: 0, mi: 0, s: 0, ms: 0 };
  if (rest !== undefined) {
    const parsed = parseTime(rest.trim(), false);
    if (!parsed) return undefined;
    c = parsed;
  }
  return new Date(zonedToEpoch(tz, y, m, d, c.h, c.mi, c.s, c.ms));
}

function parseDate(t: string, tz: string, opts: ParseOptions): Date | undefined {
  const thisYear = () => new Date(opts.now ?? Date.now()).getUTCFullYear();
  let m = ISO_DATE.exec(t);
  if (m) return dateValue(tz, Number(m[1]), Number(m[2]), Number(m[3]), m[4]);
  m = CN_DATE.exec(t);
  if (m) return dateValue(tz, m[1] ? Number(m[1]) : thisYear(), Number(m[2]), Number(m[3]), m[4]);
  m = NUMERIC_DATE.exec(t);
  if (m) {
    // Month first (en_US, and zh_CN for a date typed without its year); en_GB and most of Europe put the day first.
    const dayFirst = /^(en_GB|en_AU|en_IN|fr|de|es|it|pt|nl|ru)/.test(opts.locale ?? "");
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [mo, d] = dayFirst ? [b, a] : [a, b];
    return dateValue(tz, m[3] ? fullYear(m[3]) : thisYear(), mo, d, m[4]);
  }
  m = MONTH_FIRST.exec(t);
  if (m) return dateValue(tz, m[3] ? Number(m[3]) : thisYear(), monthIndex(m[1]!), Number(m[2]), m[4]);
  m = DAY_FIRST.exec(t);
  if (m) return dateValue(tz, m[3] ? fullYear(m[3]) : thisYear(), monthIndex(m[2]!), Number(m[1]), m[4]);
  m = MONTH_YEAR.exec(t);
  if (m) return dateValue(tz, Number(m[2]), monthIndex(m[1]!), 1, undefined);
  return undefined;
}

export function parseEntered(
  input: unknown,
  tz: string,
  plainText: boolean,
  opts: ParseOptions = {},
): Entered {
  if (input === null || input === undefined) return { value: "" };
  if (typeof input === "number") return { value: Number.isFinite(input) ? input : "#NUM!" };
  if (typeof input === "boolean") return { value: input };
  if (isDate(input)) return { value: new Date(input.getTime()) };
  if (typeof input !== "string") return parseEntered(String(input), tz, plainText, opts);
  const s = input;
  if (s === "") return { value: "" };
  if (plainText) return { value: s };
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.startsWith("=") && s.length > 1) return { value: evaluateFormula(s), formula: s };
  const t = s.trim();
  if (t === "") return { value: s };
  // Without a digit only a boolean can change (month names alone, "Mar", stay text).
  if (!DIGIT.test(t)) return /^(true|false)$/i.test(t) ? { value: t.toLowerCase() === "true" } : { value: s };
  if (NUMBER.test(t)) return { value: Number(t) };
  if (GROUPED.test(t)) return { value: number(t) };
  const pct = PERCENT.exec(t);
  if (pct) return { value: ((pct[1] === "-" ? -1 : 1) * number(pct[2]!)) / 100 };
  const cur = CURRENCY.exec(t);
  if (cur) {
    const negative = cur[1] === "-" || cur[2] === "-" || cur[4] === "-";
    return { value: (negative ? -1 : 1) * number(cur[3] ?? cur[5]!) };
  }
  const paren = PARENTHESES.exec(t);
  if (paren) return { value: -number(paren[1]!) };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
  const date = parseDate(t, tz, opts);
  if (date) return { value: date };
  const time = parseTime(t, true);
  if (time) return { value: timeValue(tz, time) };
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

/** The formats Sheets gives dates and times when no number format is set, per locale. */
export function defaultDateFormats(locale: string): { date: string; dateTime: string } {
  if (locale.startsWith("zh")) return { date: "yyyy/m/d", dateTime: "yyyy/m/d h:mm:ss" };
  if (locale === "en_US") return { date: "m/d/yyyy", dateTime: "m/d/yyyy h:mm:ss" };
  return { date: "yyyy-mm-dd", dateTime: "yyyy-mm-dd h:mm:ss" };
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
      numberFormat && /[yMdHhms]/.test(numberFormat) ? toJavaPattern(numberFormat) : "yyyy-MM-dd";
    return format(v.getTime(), tz, pattern);
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  // A percent pattern ("0%", "0.0%"): the number times 100, with as many decimals as the pattern's 0s
  // after the point (https://developers.google.com/sheets/api/guides/formats, "%"). Other number
  // patterns are not modelled: the number is shown as it is.
  const percent = typeof v === "number" && numberFormat ? /^0(?:\.(0+))?%$/.exec(numberFormat) : null;
  if (percent) return `${((v as number) * 100).toFixed(percent[1]?.length ?? 0)}%`;
  return String(v);
}

/**
 * Sheets date formats ("yyyy-mm-dd hh:mm") use m for both month and minute, and h for the 24-hour clock
 * unless the format says AM/PM; Java needs M for month and H for the 24-hour clock.
 */
function toJavaPattern(sheetsFormat: string): string {
  const twelveHour = /am\/pm|a\/p/i.test(sheetsFormat);
  return sheetsFormat
    .replace(/am\/pm|a\/p/gi, "a")
    .replace(/m+/g, (run, offset: number, whole: string) => {
      const before = whole.slice(0, offset);
      const after = whole.slice(offset + run.length);
      return /h[^a-z]*$/i.test(before) || /^[^a-z]*s/i.test(after) ? run : run.toUpperCase();
    })
    .replace(/h+/g, (run) => (twelveHour ? run : run.toUpperCase()));
}
