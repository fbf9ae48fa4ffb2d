// What the script writes into cells. Sheets parses strings as if typed: "=…" becomes a formula, "0571…"
// a number, "2026-01-02" or "Mar 1 2026" a date, "12:30 PM" a time, "¥100" or "(100)" a number. Text a
// person typed must stay exactly that text, so it is written with a leading apostrophe whenever Sheets
// might parse it (the apostrophe is not stored). The guard errs on the side of the apostrophe: a string
// protected needlessly costs nothing, one let through may change.
import type { ColumnKind } from "../domain/ledger";
import { isLocalDate } from "../domain/dates";
import { CELL_MAX_CHARS, fitCell } from "../domain/responses";
import { localDateToDate } from "./env";

const PARSED_AS_FORMULA_OR_SIGNED = /^[=+\-@']/;
const LOOKS_BOOLEAN = /^\s*(true|false)\s*$/i;
/** Words Sheets reads inside dates and times: month and weekday names, AM/PM, ordinal suffixes. */
const DATE_WORDS =
  /jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(r(s(day)?)?)?|fri(day)?|sat(urday)?|sun(day)?|[ap]\.?m\.?|st|nd|rd|th/gi;
/** What is left of a number, date, time, currency or percentage once its words are taken out. */
const NUMERIC_SHAPE = /^[\s\d０-９.,:/%()\-+$¥￥€£年月日时分秒eE]*$/;

/**
 * Whether Sheets might turn this string into something other than the same text.
 * @public (its property test in test/unit/cells.test.ts loads it with require, which knip cannot see)
 */
export function wouldBeParsed(s: string): boolean {
  if (PARSED_AS_FORMULA_OR_SIGNED.test(s) || LOOKS_BOOLEAN.test(s)) return true;
  const rest = s.replace(DATE_WORDS, "");
  return /[\d０-９]/.test(rest) && NUMERIC_SHAPE.test(rest);
}

/** Text as written: guarded when Sheets might parse it, and cut to fit a cell (never a failed write). */
export function textCell(s: string): string {
  if (s === "") return s;
  if (!wouldBeParsed(s)) return fitCell(s);
  return `'${fitCell(s, CELL_MAX_CHARS - 1)}`;
}

export function toCell(kind: ColumnKind, value: unknown): unknown {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  const s = String(value);
  if (s === "") return "";
  if (kind === "date" && isLocalDate(s)) return localDateToDate(s);
  if (kind === "number" && /^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return textCell(s);
}
