// What the script writes into cells. Sheets parses strings as if typed: "=…" becomes a formula, "0571…"
// a number, "2026-01-02" a date. Text a person typed must stay exactly that text, so it is written with
// a leading apostrophe whenever Sheets would otherwise parse it (the apostrophe is not stored).
import type { ColumnKind } from "../domain/ledger";
import { isLocalDate } from "../domain/dates";
import { localDateToDate } from "./env";

const PARSED_AS_FORMULA_OR_SIGNED = /^[=+\-@']/;
const LOOKS_NUMERIC_OR_DATE = /^\s*[\d０-９.,:/%\s年月日-]+\s*$/;
const LOOKS_SCIENTIFIC = /^\s*\d*\.?\d+e[-+]?\d+\s*$/i;
const LOOKS_BOOLEAN = /^\s*(true|false)\s*$/i;

/** Whether Sheets would turn this string into something other than the same text. */
export function wouldBeParsed(s: string): boolean {
  return (
    PARSED_AS_FORMULA_OR_SIGNED.test(s) ||
    LOOKS_NUMERIC_OR_DATE.test(s) ||
    LOOKS_SCIENTIFIC.test(s) ||
    LOOKS_BOOLEAN.test(s)
  );
}

export function textCell(s: string): string {
  return s !== "" && wouldBeParsed(s) ? `'${s}` : s;
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
