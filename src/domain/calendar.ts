// Deadlines in calendar days or in working days. Working days skip weekends and the holidays in the
// holiday table, and count the make-up working days (调休). A year counts as entered only when the
// table marks it complete (a row 全年已录入): a deadline that needs a year not marked so is not
// computed, and the caller flags it to the coordinator. One row of a year is not the year.
import { addDays, weekday, year } from "./dates";
import type { HolidayEntry } from "./holidays";
import type { LocalDate } from "./types";

export class WorkCalendar {
  private readonly days = new Map<LocalDate, "off" | "work">();
  readonly years: ReadonlySet<number>;
  /** `completeYears`: the years marked 全年已录入. */
  constructor(entries: readonly HolidayEntry[], completeYears: Iterable<number> = []) {
    for (const e of entries) this.days.set(e.date, e.kind);
    this.years = new Set(completeYears);
  }
  covers(y: number): boolean {
    return this.years.has(y);
  }
  isWorkingDay(d: LocalDate): boolean {
    const special = this.days.get(d);
    if (special) return special === "work";
    const w = weekday(d);
    return w !== 0 && w !== 6;
  }
}

export type DeadlineResult = { ok: true; date: LocalDate } | { ok: false; missingYear: number };

/** `days` after `start` in the chosen mode. Day 0 is the start itself. */
export function addDeadlineDays(
  start: LocalDate,
  days: number,
  mode: "calendar" | "working",
  calendar: WorkCalendar,
): DeadlineResult {
  if (mode === "calendar") return { ok: true, date: addDays(start, days) };
  let d = start;
  let left = days;
  while (left > 0) {
    d = addDays(d, 1);
    if (!calendar.covers(year(d))) return { ok: false, missingYear: year(d) };
    if (calendar.isWorkingDay(d)) left--;
  }
  return { ok: true, date: d };
}
