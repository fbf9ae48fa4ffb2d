// Time and identity from Apps Script. Dates cross into domain/ as local "YYYY-MM-DD" strings.
// Utilities.formatDate and Session.getScriptTimeZone are service calls: a run asks the time zone once
// and converts each distinct date value once, however many cells hold it.
import type { LocalDate } from "../domain/types";
import type { Clock, Identity } from "./ports";

let zone: string | undefined;
const formatted = new Map<string, string>();

const timeZone = (): string => (zone ??= Session.getScriptTimeZone());

/** A Date in the script's time zone by `pattern`, each distinct pattern and time formatted once. */
function inZone(d: Date, pattern: string): string {
  const key = `${pattern}|${d.getTime()}`;
  let s = formatted.get(key);
  if (s === undefined) {
    s = Utilities.formatDate(d, timeZone(), pattern);
    formatted.set(key, s);
  }
  return s;
}

const localDateOf = (d: Date): LocalDate => inZone(d, "yyyy-MM-dd");
const dateTimeText = (d: Date): string => inZone(d, "yyyy-MM-dd HH:mm:ss");

function today(): LocalDate {
  return localDateOf(new Date());
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

/** "yyyy-MM-dd HH:mm:ss" in the script's time zone, as a Date for a date-time cell. */
export function dateTimeTextToDate(s: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s.trim());
  if (!m) return undefined;
  const midnight = localDateToDate(m[1]!);
  return new Date(midnight.getTime() + ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4] ?? 0)) * 1000);
}

/** A date cell as local date text; a date-time cell as date-time text. */
export function dateCellText(v: Date, withTime: boolean): string {
  if (isNaN(v.getTime())) return "";
  return withTime ? dateTimeText(v) : localDateOf(v);
}

export const appsScriptClock: Clock = {
  now: () => new Date(),
  today,
  timeZone,
  dateTimeText,
};

const emailOf = (user: () => GoogleAppsScript.Base.User): string => {
  try {
    return user().getEmail();
  } catch (_e) {
    return "";
  }
};

export const appsScriptIdentity: Identity = {
  activeUser: () => emailOf(() => Session.getActiveUser()),
  effectiveUser: () => emailOf(() => Session.getEffectiveUser()),
};
