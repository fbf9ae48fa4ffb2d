// Official public holidays and make-up working days (调休), from the State Council's yearly notices.
// A year not listed here has no data: deadlines that reach into it are flagged, never guessed.
import type { LocalDate } from "./types";

export interface HolidayEntry {
  date: LocalDate;
  /** off: a holiday (放假); work: a weekend day that is a working day (上班). */
  kind: "off" | "work";
  name: string;
}

function range(from: LocalDate, to: LocalDate, name: string): HolidayEntry[] {
  const out: HolidayEntry[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind: "off", name });
  }
  return out;
}
const work = (date: LocalDate, name: string): HolidayEntry => ({
  date,
  kind: "work",
  name: `${name}调休上班`,
});

export const HOLIDAY_SOURCES: Record<number, string> = {
  2025: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
  2026: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
};

export const OFFICIAL_HOLIDAYS: HolidayEntry[] = [
  // 2025
  ...range("2025-01-01", "2025-01-01", "元旦"),
  ...range("2025-01-28", "2025-02-04", "春节"),
  work("2025-01-26", "春节"),
  work("2025-02-08", "春节"),
  ...range("2025-04-04", "2025-04-06", "清明节"),
  ...range("2025-05-01", "2025-05-05", "劳动节"),
  work("2025-04-27", "劳动节"),
  ...range("2025-05-31", "2025-06-02", "端午节"),
  ...range("2025-10-01", "2025-10-08", "国庆节、中秋节"),
  work("2025-09-28", "国庆节"),
  work("2025-10-11", "国庆节"),
  // 2026
  ...range("2026-01-01", "2026-01-03", "元旦"),
  work("2026-01-04", "元旦"),
  ...range("2026-02-15", "2026-02-23", "春节"),
  work("2026-02-14", "春节"),
  work("2026-02-28", "春节"),
  ...range("2026-04-04", "2026-04-06", "清明节"),
  ...range("2026-05-01", "2026-05-05", "劳动节"),
  work("2026-05-09", "劳动节"),
  ...range("2026-06-19", "2026-06-21", "端午节"),
  ...range("2026-09-25", "2026-09-27", "中秋节"),
  ...range("2026-10-01", "2026-10-07", "国庆节"),
  work("2026-09-20", "国庆节"),
  work("2026-10-10", "国庆节"),
];
