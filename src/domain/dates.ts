// Calendar arithmetic on local dates ("YYYY-MM-DD"): no time zones here, the gas/ layer converts.
import type { LocalDate } from "./types";

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function toUtcMs(d: LocalDate): number {
  const m = ISO.exec(d);
  if (!m || !isLocalDate(d)) throw new Error(`Not a date: ${d}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtcMs(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(d: LocalDate, days: number): LocalDate {
  return fromUtcMs(toUtcMs(d) + days * DAY_MS);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(d: LocalDate): number {
  return new Date(toUtcMs(d)).getUTCDay();
}

export function year(d: LocalDate): number {
  return Number(d.slice(0, 4));
}

/** Accepts the ways a date reaches us from a sheet or a form: ISO, with slashes or dots, or 年月日. */
export function parseLocalDate(input: string): LocalDate | undefined {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(input);
  if (!m) return undefined;
  const d = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isLocalDate(d) ? d : undefined;
}

/** A ledger cell read as a local date ("" when it holds none). */
export function asLocalDate(v: unknown): LocalDate | "" {
  return typeof v === "string" ? (parseLocalDate(v) ?? "") : "";
}

/**
 * The first id of a day not yet `taken`: the prefix, the date's digits, "-" and the lowest sequence
 * number free, padded to `width` digits (JC20260309-001).
 */
export function nextDayId(
  prefix: string,
  date: LocalDate,
  taken: { has(id: string): boolean },
  width = 3,
): string {
  const head = `${prefix}${date.replace(/-/g, "")}-`;
  let n = 1;
  while (taken.has(head + String(n).padStart(width, "0"))) n++;
  return head + String(n).padStart(width, "0");
}
