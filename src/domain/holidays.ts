// Official public holidays and make-up working days (调休), from the State Council's yearly notices.
// A year not listed here has no data: deadlines that reach into it are flagged, never guessed.
import { HOLIDAY_NAME as H, HOLIDAY_SOURCES } from "../text/words";
import type { LocalDate } from "./types";

export { HOLIDAY_SOURCES };

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
  name: H.makeUpDay(name),
});

export const OFFICIAL_HOLIDAYS: HolidayEntry[] = [
  // 2025
  ...range("2025-01-01", "2025-01-01", H.newYear),
  ...range("2025-01-28", "2025-02-04", H.springFestival),
  work("2025-01-26", H.springFestival),
  work("2025-02-08", H.springFestival),
  ...range("2025-04-04", "2025-04-06", H.qingming),
  ...range("2025-05-01", "2025-05-05", H.labourDay),
  work("2025-04-27", H.labourDay),
  ...range("2025-05-31", "2025-06-02", H.dragonBoat),
  ...range("2025-10-01", "2025-10-08", H.nationalDayAndMidAutumn),
  work("2025-09-28", H.nationalDay),
  work("2025-10-11", H.nationalDay),
  // 2026
  ...range("2026-01-01", "2026-01-03", H.newYear),
  work("2026-01-04", H.newYear),
  ...range("2026-02-15", "2026-02-23", H.springFestival),
  work("2026-02-14", H.springFestival),
  work("2026-02-28", H.springFestival),
  ...range("2026-04-04", "2026-04-06", H.qingming),
  ...range("2026-05-01", "2026-05-05", H.labourDay),
  work("2026-05-09", H.labourDay),
  ...range("2026-06-19", "2026-06-21", H.dragonBoat),
  ...range("2026-09-25", "2026-09-27", H.midAutumn),
  ...range("2026-10-01", "2026-10-07", H.nationalDay),
  work("2026-09-20", H.nationalDay),
  work("2026-10-10", H.nationalDay),
];
