// Writes what the runtime holds to files: the spreadsheet as .xlsx (colours, bold, frozen header rows,
// data validation, widths, notes) and as JSON, mails as .html + .json, and the run log.
import ExcelJS from "exceljs";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isDate, type Execution } from "./host";
import type { SimSheet, SimSpreadsheet } from "./spreadsheet";
import type { SentMail } from "./services";
import { formatDate } from "./format-date";
import { displayValue } from "./values";
import type { Browser } from "playwright-core";
import { htmlDocument, htmlToPdfs } from "./chromium";
import type { UiRecord } from "./scenario";

function argb(color: string): string {
  const hex = color.replace("#", "");
  return `FF${(hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex).toUpperCase()}`;
}

function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Sheets' number formats use m for months and minutes alike; Excel reads them the same way. */
const excelFormat = (f: string) => (f === "@" ? "@" : f);

/**
 * Excel has no time zones: a cell holds the wall-clock time. Sheets shows a date in the spreadsheet's
 * zone, so the cell gets that zone's calendar day and time (ExcelJS writes a Date's UTC fields).
 * Without this a date at midnight in Shanghai was written as 16:00 the day before.
 */
function wallClock(d: Date, tz: string): Date {
  const [y, mo, day, h, mi, sec] = formatDate(d.getTime(), tz, "yyyy-MM-dd-HH-mm-ss").split("-").map(Number);
  return new Date(Date.UTC(y!, mo! - 1, day!, h!, mi!, sec!));
}

/** What a cell shows, for sizing its column: dates as their format prints them. */
function shownText(v: unknown, format: string | undefined, tz: string): string {
  if (isDate(v)) {
    const f = (format && format !== "@" ? format : "yyyy-mm-dd").toLowerCase();
    return f.includes("h")
      ? formatDate(v.getTime(), tz, "yyyy-MM-dd HH:mm:ss")
      : formatDate(v.getTime(), tz, "yyyy-MM-dd");
  }
  // A rate formatted 0.0% shows as "58.3%", not as its fraction.
  return typeof v === "number" ? displayValue(v, format, tz, formatDate) : String(v ?? "");
}

/** Width in Excel's units (the width of "0"): CJK and full-width characters take two. */
function charUnits(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return n;
}

/** Sheets' default column width is 100 px; Excel's unit is about 7 px. */
const DEFAULT_WIDTH_PX = 100;
/** Text wider than this wraps or overflows into the next cell, as in Sheets; numbers must fit or show ###. */
const MAX_TEXT_UNITS = 40;

export async function spreadsheetToXlsx(ss: SimSpreadsheet, file: string): Promise<void> {
  const wb = spreadsheetToWorkbook(ss);
  mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
}

/** The workbook as the spreadsheet holds it now (built at once; writing it to disk may come later). */
export function spreadsheetToWorkbook(ss: SimSpreadsheet): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "township-inspection-ledger (local runtime)";
  for (const sheet of ss._sheets) {
    const ws = wb.addWorksheet(sheet._name.slice(0, 31), {
      views:
        sheet._frozenRows || sheet._frozenColumns
          ? [{ state: "frozen", ySplit: sheet._frozenRows, xSplit: sheet._frozenColumns }]
          : [],
      // The raw form response tabs setup hides stay hidden, as the coordinator sees the workbook.
      state: sheet._hidden ? "hidden" : "visible",
    });
    const lastRow = sheet._lastRow();
    const lastCol = Math.max(sheet._lastColumn(), 1);
    const tz = ss._timeZone;
    // Every column as wide as in Sheets, and wide enough for its dates and numbers (no ###), and for
    // short text; long text wraps or overflows as it does in Sheets.
    const widths = new Map<number, number>();
    for (let c = 1; c <= lastCol; c++) widths.set(c, (sheet._columnWidths.get(c) ?? DEFAULT_WIDTH_PX) / 7);
    for (let r = 1; r <= lastRow; r++) {
      for (let c = 1; c <= lastCol; c++) {
        const v = sheet._get(r, c);
        if (v === "") continue;
        const meta = sheet._metaAt(r, c);
        const lines = shownText(v, meta?.numberFormat, tz).split("\n");
        const units = Math.max(...lines.map(charUnits)) + 2;
        const isNumber = isDate(v) || typeof v === "number";
        const need = isNumber ? units : Math.min(units, MAX_TEXT_UNITS);
        if (need > widths.get(c)!) widths.set(c, need);
      }
    }
    for (const [c, width] of widths) ws.getColumn(c).width = Math.ceil(width);
    // Validation: Excel wants it per range; group each column's identical rules into one range.
    const validations = new Map<string, { first: number; last: number; col: number; values: string[] }>();
    const metaRows = Math.max(lastRow, Math.min(sheet._meta.length, 1000));
    for (let r = 1; r <= metaRows; r++) {
      for (let c = 1; c <= lastCol; c++) {
        const v = sheet._get(r, c);
        const meta = sheet._metaAt(r, c);
        if (r > lastRow && !meta?.validation) continue;
        const cell = ws.getCell(r, c);
        if (v !== "") cell.value = isDate(v) ? wallClock(v, tz) : (v as string | number | boolean);
        if (!meta) continue;
        if (meta.formula)
          cell.value = {
            formula: meta.formula.slice(1),
            result: (isDate(v) ? wallClock(v, tz) : v) as string | number,
          };
        if (meta.background && meta.background !== "#ffffff")
          cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(meta.background) } };
        if (meta.fontWeight === "bold" || meta.fontColor)
          cell.font = {
            bold: meta.fontWeight === "bold",
            color: meta.fontColor ? { argb: argb(meta.fontColor) } : undefined,
          };
        if (meta.numberFormat) cell.numFmt = excelFormat(meta.numberFormat);
        else if (isDate(v)) cell.numFmt = "yyyy-mm-dd";
        if (meta.note) cell.note = meta.note;
        if (meta.wrap) cell.alignment = { wrapText: true };
        const dv = meta.validation;
        if (dv && dv._criteria === "VALUE_IN_LIST") {
          const values = dv._values[0] as string[];
          const key = `${c}|${values.join("\u0001")}`;
          const g = validations.get(key);
          if (g && g.last === r - 1) g.last = r;
          else if (!g) validations.set(key, { first: r, last: r, col: c, values });
        }
      }
    }
    for (const g of validations.values()) {
      const list = `"${g.values.join(",")}"`;
      // Excel limits an inline list to 255 characters; longer lists are left as notes in the header.
      if (list.length > 255) continue;
      const ref = `${columnLetters(g.col)}${g.first}:${columnLetters(g.col)}${g.last}`;
      (
        ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(ref, {
        type: "list",
        allowBlank: true,
        formulae: [list],
        showErrorMessage: true,
      });
    }
    if (sheet._tabColor) ws.properties.tabColor = { argb: argb(sheet._tabColor) };
  }
  return wb;
}

function sheetToJson(sheet: SimSheet, tz: string): { name: string; frozenRows: number; rows: unknown[][] } {
  const rows: unknown[][] = [];
  const lastRow = sheet._lastRow();
  const lastCol = sheet._lastColumn();
  for (let r = 1; r <= lastRow; r++) {
    const row: unknown[] = [];
    for (let c = 1; c <= lastCol; c++) {
      const v = sheet._get(r, c);
      row.push(isDate(v) ? formatDate(v.getTime(), tz, "yyyy-MM-dd'T'HH:mm:ssXXX") : v);
    }
    rows.push(row);
  }
  return { name: sheet._name, frozenRows: sheet._frozenRows, rows };
}

export function writeSpreadsheetJson(ss: SimSpreadsheet, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return ss._sheets.map((s, i) => {
    const file = path.join(
      dir,
      `${String(i + 1).padStart(2, "0")}-${s._name.replace(/[\\/:*?"<>|\s]/g, "_")}.json`,
    );
    writeFileSync(file, JSON.stringify(sheetToJson(s, ss._timeZone), null, 2));
    return file;
  });
}

export function writeMails(mails: readonly SentMail[], dir: string, tz: string): string[] {
  mkdirSync(dir, { recursive: true });
  return mails.map((m, i) => {
    const base = path.join(dir, `${String(i + 1).padStart(3, "0")}-${formatDate(m.at, tz, "yyyyMMdd-HHmm")}`);
    writeFileSync(
      `${base}.json`,
      JSON.stringify({ ...m, at: formatDate(m.at, tz, "yyyy-MM-dd'T'HH:mm:ssXXX") }, null, 2),
    );
    const html = m.htmlBody ?? `<pre>${m.body.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</pre>`;
    writeFileSync(
      `${base}.html`,
      `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${m.subject.replace(/</g, "&lt;")}</title>${html}`,
    );
    return `${base}.html`;
  });
}

export function executionLog(executions: readonly Execution[], tz: string): string {
  const lines = ["time\tfunction\tkind\tuser\tsheets_calls\tall_calls\tmodelled_ms\terror"];
  for (const e of executions) {
    const all = [...e.counts.values()].reduce((a, b) => a + b, 0);
    lines.push(
      [
        formatDate(e.startedAt, tz, "yyyy-MM-dd HH:mm:ss"),
        e.functionName,
        e.kind,
        e.user,
        e.sheetsCalls,
        all,
        Math.round(e.modeledMs),
        e.error ?? "",
      ].join("\t"),
    );
  }
  return lines.join("\n") + "\n";
}

/** A file name as Drive shows it, safe on every disk (Chinese stays Chinese). */
export const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|]/g, "_");

/**
 * The notices saved to Drive: the HTML each PDF was made from, and a real PDF printed by Chromium when
 * one is given (Google renders the PDF in Apps Script; locally the runtime only holds a placeholder).
 */
export async function writeNotices(
  files: ReadonlyArray<{ name: string; blob: { _source?: string } }>,
  dir: string,
  browser?: Browser,
): Promise<{ html: string[]; pdf: string[]; pages: number[] }> {
  mkdirSync(dir, { recursive: true });
  const jobs = files
    .filter((f) => f.blob._source)
    .map((f) => {
      const base = path.join(dir, safeFileName(f.name).replace(/\.pdf$/i, ""));
      const title = path.basename(base);
      return { html: htmlDocument(f.blob._source!, title), file: `${base}.pdf`, source: `${base}.html` };
    });
  for (const j of jobs) writeFileSync(j.source, j.html);
  const pages = browser ? await htmlToPdfs(browser, jobs) : [];
  return { html: jobs.map((j) => j.source), pdf: browser ? jobs.map((j) => j.file) : [], pages };
}

/** What people saw: toasts, alerts and prompts with the answers given, times in the sheet's zone. */
export function uiJson(records: readonly UiRecord[], tz: string): string {
  return JSON.stringify(
    records.map((r) => ({ ...r, at: formatDate(r.at, tz, "yyyy-MM-dd'T'HH:mm:ssXXX") })),
    null,
    2,
  );
}
