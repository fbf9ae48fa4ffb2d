// Time-zone arithmetic for the runtime, on Intl only (no tz database of our own).

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function zonedParts(epochMs: number, tz: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((epochMs % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
}

/** Offset of `tz` from UTC at the instant `epochMs`, in ms (exact, even for a local mean time of 1899). */
function offsetMs(epochMs: number, tz: string): number {
  const p = zonedParts(epochMs, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - epochMs;
}

/** Offset of `tz` from UTC at the instant `epochMs`, in minutes (Asia/Shanghai: +480). */
export function offsetMinutes(epochMs: number, tz: string): number {
  return Math.round(offsetMs(epochMs, tz) / 60000);
}

/** The instant at which the wall clock in `tz` shows the given local time. */
export function zonedToEpoch(
  tz: string,
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
  ms = 0,
): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  let epoch = guess - offsetMs(guess, tz);
  // A second pass settles instants near an offset change.
  epoch = guess - offsetMs(epoch, tz);
  return epoch;
}
