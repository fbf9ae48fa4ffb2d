// Time and identity from Apps Script. Dates cross into domain/ as local "YYYY-MM-DD" strings.
import { parseLocalDate } from "../domain/dates";
import type { LocalDate } from "../domain/types";

export const timeZone = (): string => Session.getScriptTimeZone();

export function today(): LocalDate {
  return Utilities.formatDate(new Date(), timeZone(), "yyyy-MM-dd");
}

export function nowText(): string {
  return Utilities.formatDate(new Date(), timeZone(), "yyyy-MM-dd HH:mm:ss");
}

export function dateTimeText(d: Date): string {
  return Utilities.formatDate(d, timeZone(), "yyyy-MM-dd HH:mm:ss");
}

/** Midnight of a local date in the script's time zone, as a Date for a date cell. */
export function localDateToDate(d: LocalDate): Date {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, day);
  const offset = Utilities.formatDate(new Date(guess), timeZone(), "Z"); // e.g. +0800
  const sign = offset.startsWith("-") ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  return new Date(guess - minutes * 60_000);
}

/** A date cell, or a date typed as text, as a local date; '' when it is neither. */
export function cellToLocalDate(v: unknown): LocalDate | "" {
  if (v instanceof Date && !isNaN(v.getTime())) return Utilities.formatDate(v, timeZone(), "yyyy-MM-dd");
  if (typeof v === "string") return parseLocalDate(v) ?? "";
  return "";
}

export function currentUserEmail(): string {
  try {
    return Session.getActiveUser().getEmail();
  } catch (_e) {
    return "";
  }
}
