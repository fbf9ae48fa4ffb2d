// Utilities.formatDate: Java SimpleDateFormat patterns, in a given time zone.
// https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
// https://docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html
import { offsetMinutes, zonedParts } from "./tz";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, "0");

function offsetText(minutes: number, style: "Z" | "X" | "XX" | "XXX" | "z"): string {
  if ((style === "X" || style === "XX" || style === "XXX") && minutes === 0) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (style === "X") return `${sign}${h}`;
  if (style === "XXX") return `${sign}${h}:${m}`;
  if (style === "z") return `GMT${sign}${h}:${m}`;
  return `${sign}${h}${m}`;
}

export function formatDate(epochMs: number, tz: string, pattern: string): string {
  const p = zonedParts(epochMs, tz);
  const offset = offsetMinutes(epochMs, tz);
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      if (end < 0) throw new Error(`Invalid argument: pattern (unterminated quote in ${pattern})`);
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    switch (ch) {
      case "y":
      case "Y":
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case "M":
      case "L":
        out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1]!.slice(0, 3) : pad(p.month, n);
        break;
      case "d":
        out += pad(p.day, n);
        break;
      case "D": {
        const startOfYear = Date.UTC(p.year, 0, 1);
        const dayOfYear = Math.floor((Date.UTC(p.year, p.month - 1, p.day) - startOfYear) / 86400000) + 1;
        out += pad(dayOfYear, n);
        break;
      }
      case "E":
        out += n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday]!.slice(0, 3);
        break;
      case "u":
        out += pad(p.weekday === 0 ? 7 : p.weekday, n);
        break;
      case "a":
        out += p.hour < 12 ? "AM" : "PM";
        break;
      case "H":
        out += pad(p.hour, n);
        break;
      case "k":
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case "K":
        out += pad(p.hour % 12, n);
        break;
      case "h":
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case "m":
        out += pad(p.minute, n);
        break;
      case "s":
        out += pad(p.second, n);
        break;
      case "S":
        out += pad(p.millisecond, Math.max(n, 3)).slice(0, Math.max(n, 3));
        break;
      case "Z":
        out += offsetText(offset, "Z");
        break;
      case "X":
        out += offsetText(offset, n === 1 ? "X" : n === 2 ? "XX" : "XXX");
        break;
      case "z":
        out += n >= 4 ? tz : offsetText(offset, "z");
        break;
      default:
        throw new Error(`Invalid argument: pattern (Illegal pattern character '${ch}')`);
    }
  }
  return out;
}
