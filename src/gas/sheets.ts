// The ledger spreadsheet as a LedgerStore: batched reads that find columns by header, and the one commit
// step every run writes through. The commit re-reads the cells it is about to change, leaves alone any
// a person changed since the run read them, finds rows by key (people sort and insert rows), writes
// only cells that change, and groups them so the number of calls stays small: one call per run of
// adjacent rows, or one per distinct value over a list of ranges, whichever is fewer.
import {
  headerText,
  LEDGER,
  ROW_KEY,
  locateColumns,
  objectToRow,
  rowKey,
  SHORT_SHEETS,
  type ColumnKind,
  type ColumnSpec,
  type Layout,
  type Row,
  type SheetKey,
} from "../domain/ledger";
import { sameCell, type CellChange, type CellValue, type CommitReport, type SheetStep } from "../domain/plan";
import type { CellAt } from "../domain/plan";
import { MSG } from "../text/zh";
import { toCell } from "./cells";
import { dateCellText, dateTimeTextToDate } from "./env";
import type { LedgerStore, Table } from "./ports";
import { asText, trimmedText } from "../domain/text";

/** A problem the coordinator can fix, said in plain Chinese. */
export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LedgerError";
  }
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const kindsOf = (key: SheetKey, layout: Layout): ColumnKind[] => {
  const kinds: ColumnKind[] = [];
  for (const col of LEDGER[key].columns as readonly ColumnSpec[]) {
    const i = layout.index[col.key];
    if (i !== undefined) kinds[i] = col.kind;
  }
  return kinds;
};

/** A cell as the domain sees it: text, a number, or a date as "YYYY-MM-DD" (with time where it has one). */
function fromCell(kind: ColumnKind | undefined, v: unknown): CellValue {
  if (v instanceof Date) return dateCellText(v, kind === "datetime");
  if (typeof v === "number") return kind === "number" || kind === undefined ? v : String(v);
  if (v === null || v === undefined) return "";
  return String(v);
}

/** What setValues must be given for a logical value. */
function cellFor(kind: ColumnKind | undefined, v: unknown): unknown {
  if (kind === "datetime" && typeof v === "string") {
    const d = dateTimeTextToDate(v);
    if (d) return d;
  }
  return toCell(kind ?? "text", v);
}

function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const a1 = (row: number, col: number, rows = 1, cols = 1) =>
  rows === 1 && cols === 1
    ? `${columnLetters(col)}${row}`
    : `${columnLetters(col)}${row}:${columnLetters(col + cols - 1)}${row + rows - 1}`;

/**
 * At most this many rows go by Sheet.appendRow (one write call each, but no read of where the sheet
 * ends); more go in one setValues after getLastRow.
 */
const BY_ROW_MAX = 20;

/** At most this many keys are looked up by Google's search (findRows); more, by reading the key column. */
export const FIND_MAX = 50;

/** Rows this close are read in one go (the rows between cost less than another call). */
const CLUSTER_GAP = 50;

export class SheetLedger implements LedgerStore {
  private readonly byName = new Map<string, Sheet>();
  private readonly layouts = new Map<SheetKey, Layout>();
  /** Rows whose key this commit has checked (key → sheet row). */
  private readonly verified = new Map<SheetKey, Map<string, number>>();

  constructor(readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    for (const s of spreadsheet.getSheets()) this.byName.set(s.getName(), s);
  }

  has(key: SheetKey): boolean {
    return this.byName.has(LEDGER[key].name);
  }

  url(): string {
    return this.spreadsheet.getUrl();
  }

  name(): string {
    return this.spreadsheet.getName();
  }

  /** The Sheet itself, for setup's formatting (the only user outside this file). */
  sheet(key: SheetKey): Sheet {
    const s = this.byName.get(LEDGER[key].name);
    if (!s) throw new LedgerError(MSG.missingSheet(LEDGER[key].name));
    return s;
  }

  /** After setup created a sheet. */
  remember(sheet: Sheet): void {
    this.byName.set(sheet.getName(), sheet);
  }

  /** After setup deleted a sheet. */
  forget(key: SheetKey): void {
    this.byName.delete(LEDGER[key].name);
    this.layouts.delete(key);
  }

  private layoutFrom(key: SheetKey, header: readonly unknown[]): Layout {
    const layout = locateColumns(key, header);
    const required = layout.missing.filter((c) => !c.optional);
    if (required.length) throw new LedgerError(MSG.missingColumn(LEDGER[key].name, required[0]!.header));
    this.layouts.set(key, layout);
    return layout;
  }

  private toRows(key: SheetKey, layout: Layout, values: readonly unknown[][]): Row[] {
    const kinds = kindsOf(key, layout);
    const entries = Object.entries(layout.index);
    return values.map((r) => {
      const o: Row = {};
      for (const [col, i] of entries) o[col] = fromCell(kinds[i], r[i]);
      return o;
    });
  }

  /** Every row, in one read of the sheet's data range (its extent asked first: no empty rows read). */
  read(key: SheetKey): Table {
    const short = SHORT_SHEETS.has(key) ? this.readShort(key) : undefined;
    if (short) return short;
    const values = this.sheet(key).getDataRange().getValues();
    return this.tableOf(key, this.layoutFrom(key, values[0] ?? []), values);
  }

  /**
   * A sheet setup keeps short (SHORT_SHEETS), in one open-ended read of its usual columns with the
   * header: undefined when the headers read are not where LEDGER lists them (then it is read as any).
   */
  private readShort(key: SheetKey): Table | undefined {
    const specs = LEDGER[key].columns as readonly ColumnSpec[];
    const values = this.sheet(key)
      .getRange(`A1:${columnLetters(specs.length)}`)
      .getValues();
    const layout = locateColumns(key, values[0] ?? []);
    if (specs.some((c, i) => layout.index[c.key] !== i)) return undefined;
    return this.tableOf(key, layout, values);
  }

  /** A table from a header row and the rows below it; the empty rows at the end are cut. */
  private tableOf(key: SheetKey, layout: Layout, values: unknown[][]): Table {
    let n = values.length;
    while (n > 1 && values[n - 1]!.every(isBlank)) n--;
    const rows = this.toRows(key, layout, values.slice(1, n));
    return { key, layout, rows, firstRow: 2, lastRow: n, full: true };
  }

  readHeader(key: SheetKey, reuse = false): Table {
    const layout =
      (reuse && this.layouts.get(key)) ||
      // "1:1" is the whole first row: one read, no call to ask the sheet's width first.
      this.layoutFrom(key, trimRow(this.sheet(key).getRange("1:1").getValues()[0] ?? []));
    return { key, layout, rows: [], firstRow: 2, lastRow: 0, full: false };
  }

  readTail(key: SheetKey, count: number): Table {
    const last = this.sheet(key).getLastRow();
    const first = Math.max(2, last - count + 1);
    return { ...this.readRows(key, first, last - first + 1), lastRow: last, full: first === 2 };
  }

  readRows(key: SheetKey, first: number, count: number): Table {
    const sheet = this.sheet(key);
    const layout = this.layoutOf(key);
    const values = count > 0 ? sheet.getRange(first, 1, count, layout.width).getValues() : [];
    return {
      key,
      layout,
      rows: this.toRows(key, layout, values),
      firstRow: first,
      lastRow: first + count - 1,
      full: false,
    };
  }

  /**
   * The rows of the keys wanted: read where the hints say (one read of their span) when the keys are
   * there, else found by the key column. Rows far apart are read apart; the table spans them all, with
   * empty rows between (their key is "", so no use case takes them for a row of its own).
   */
  readRowsByKey(key: SheetKey, wanted: ReadonlyArray<{ key: string; hint?: number }>): Table {
    const layout = this.layoutOf(key);
    const empty = { key, layout, rows: [], firstRow: 2, lastRow: 1, full: false };
    if (!wanted.length) return empty;
    const hints = wanted.map((w) => w.hint ?? 0);
    const low = Math.min(...hints);
    const high = Math.max(...hints);
    if (low >= 2 && high - low < CLUSTER_GAP) {
      const t = this.readRows(key, low, high - low + 1);
      if (wanted.every((w, i) => rowKey(key, t.rows[hints[i]! - low] ?? {}) === w.key)) return t;
    }
    const keys = new Set(wanted.map((w) => w.key));
    const found = this.findRows(key, [...keys]);
    const byRows = (list: number[]): Table => {
      const rows = [...new Set(list)].sort((a, b) => a - b);
      if (!rows.length) return empty;
      const first = rows[0]!;
      const last = rows[rows.length - 1]!;
      const out: Row[] = Array.from({ length: last - first + 1 }, () => ({}));
      for (let i = 0; i < rows.length;) {
        let j = i;
        while (j + 1 < rows.length && rows[j + 1]! - rows[j]! < CLUSTER_GAP) j++;
        const t = this.readRows(key, rows[i]!, rows[j]! - rows[i]! + 1);
        t.rows.forEach((r, k) => (out[rows[i]! - first + k] = r));
        i = j + 1;
      }
      // A key held twice: the first row is its row (as where the key column is read), the others blank.
      const seen = new Set<string>();
      out.forEach((r, i) => {
        const k = rowKey(key, r);
        if (seen.has(k)) out[i] = {};
        else if (keys.has(k)) seen.add(k);
      });
      return { key, layout, rows: out, firstRow: first, lastRow: last, full: false };
    };
    const searched = found && byRows(found);
    // A key the search missed (a blank around it Google's expression does not take for one, a key the
    // sheet does not hold): the key column is read, which finds what the search could not.
    if (searched && [...keys].every((k) => searched.rows.some((r) => rowKey(key, r) === k))) return searched;
    const at = this.keyRows(key, new Map());
    return byRows(wanted.map((w) => at.get(w.key)).filter((r): r is number => !!r));
  }

  /**
   * The rows whose key is one of a few `keys`, found by Google's search of the key column (TextFinder):
   * none of its cells is read, so the cost does not grow with the sheet. Undefined for a key of several
   * columns or too many keys (then the key column is read).
   */
  private findRows(key: SheetKey, keys: readonly string[]): number[] | undefined {
    const cols = ROW_KEY[key] ?? [];
    const wanted = keys.map((k) => k.trim());
    // Ids the script makes are letters, digits and hyphens: nothing to escape in the expression.
    if (cols.length !== 1 || wanted.length > FIND_MAX || !wanted.every((k) => /^[\w-]+$/.test(k)))
      return undefined;
    const col = this.layoutOf(key).index[cols[0]!];
    if (col === undefined) return undefined;
    const letters = columnLetters(col + 1);
    // Anchored, and blanks around a key allowed: a row is its key's as rowKey trims it.
    // Blanks: ASCII, and the no-break and full-width spaces a paste brings (Google's \s is ASCII only).
    const pattern = `^[\\s\u00a0\u3000]*(${wanted.join("|")})[\\s\u00a0\u3000]*$`;
    return this.sheet(key)
      .getRange(`${letters}2:${letters}`)
      .createTextFinder(pattern)
      .useRegularExpression(true)
      .matchCase(true)
      .findAll()
      .map((r) => r.getRow());
  }

  /**
   * Each listed column's cells from row 2 down, one read per run of adjacent columns. Each read is
   * open-ended ("C1:E"), so the sheet's last row need not be asked first, and takes in the header row:
   * while the columns stand where LEDGER lists them (a coordinator rarely moves them), the headers read
   * along say so and no read of the header row comes first. A header elsewhere: the header row is read,
   * and the columns where they are.
   */
  private columnCells(key: SheetKey, columns: readonly string[]): Map<string, unknown[]> {
    const sheet = this.sheet(key);
    const read = (index: Readonly<Record<string, number>>, withHeader: boolean) => {
      const out = new Map<string, unknown[]>();
      const present = columns.filter((c) => index[c] !== undefined);
      const wanted = [...new Set(present.map((c) => index[c]!))].sort((a, b) => a - b);
      // Columns apart are read apart: the rows are many, and every cell read costs more than a call.
      for (const [from, to] of columnBlocks(wanted, Infinity, 0)) {
        const first = withHeader ? 1 : 2;
        const block = sheet
          .getRange(`${columnLetters(from + 1)}${first}:${columnLetters(to + 1)}`)
          .getValues();
        for (const c of present)
          if (index[c]! >= from && index[c]! <= to)
            out.set(
              c,
              block.map((r) => r[index[c]! - from]),
            );
      }
      return out;
    };
    const known = this.layouts.get(key);
    if (!known) {
      const specs = LEDGER[key].columns as readonly ColumnSpec[];
      const usual = Object.fromEntries(specs.map((c, i) => [c.key, i]));
      const cells = read(usual, true);
      // A column the sheet does not have (a field only 状态底账 keeps) is simply not read.
      const listed = columns.filter((c) => usual[c] !== undefined);
      if (listed.every((c) => headerText(cells.get(c)?.[0]) === headerText(specs[usual[c]!]!.header)))
        return new Map([...cells].map(([c, v]) => [c, v.slice(1)]));
    }
    return read(this.layoutOf(key).index, false);
  }

  /** The listed columns of every row (see columnCells); the empty rows at the end are cut. */
  readColumns(key: SheetKey, columns: string[]): Table {
    const cells = this.columnCells(key, columns);
    const kinds = new Map((LEDGER[key].columns as readonly ColumnSpec[]).map((c) => [c.key, c.kind]));
    let count = Math.max(0, ...[...cells.values()].map((v) => v.length));
    while (count > 0 && [...cells.values()].every((v) => isBlank(v[count - 1]))) count--;
    const rows: Row[] = Array.from({ length: count }, () => ({}));
    for (const [c, values] of cells)
      for (let k = 0; k < count; k++) rows[k]![c] = fromCell(kinds.get(c), values[k]);
    const layout = this.layouts.get(key) ?? { index: {}, missing: [], width: 0 };
    return { key, layout, rows, firstRow: 2, lastRow: count + 1, full: true };
  }

  /**
   * Two phases: first every read the writes depend on (where each append goes, the current value of
   * each cell to change, where each row is now), then the writes, one after another. Sheets sends
   * pending writes together at the next read, so a commit costs its reads and one flush.
   */
  commit(steps: readonly SheetStep[]): CommitReport {
    const report: CommitReport = { written: 0, skipped: [], missing: [], removed: 0 };
    this.verified.clear();
    const located = new Map<SheetKey, Map<string, number>>();
    const nextFree = new Map<SheetKey, number>();
    const rowWise = new Set<SheetKey>();
    const writes: Array<() => void> = [];
    for (const step of steps) {
      switch (step.kind) {
        case "append": {
          if (!step.rows.length) break;
          report.written += step.rows.length;
          // A sheet appended to row by row stays so for the rest of the commit: where it ends is not known.
          if (
            ((step.byRow && step.rows.length <= BY_ROW_MAX) || rowWise.has(step.sheet)) &&
            !Object.keys(step.colours ?? {}).length
          ) {
            rowWise.add(step.sheet);
            const data = this.cellsOf(step.sheet, step.rows);
            writes.push(() => {
              const sheet = this.sheet(step.sheet);
              for (const row of data) sheet.appendRow(row);
            });
            break;
          }
          const start = nextFree.get(step.sheet) ?? this.sheet(step.sheet).getLastRow() + 1;
          nextFree.set(step.sheet, start + step.rows.length);
          const data = this.cellsOf(step.sheet, step.rows);
          const colours = Object.entries(step.colours ?? {}).map(([i, colour]) => ({
            row: start + Number(i),
            colour,
          }));
          writes.push(() => {
            this.writeRows(step.sheet, start, data);
            this.paint(step.sheet, colours);
          });
          break;
        }
        case "update": {
          const cells = this.prepareUpdate(step.sheet, step.changes, report, located);
          report.written += cells.length;
          writes.push(() => this.write(this.sheet(step.sheet), cells));
          break;
        }
        case "paint": {
          const at = this.rowsOf(step.sheet, step.colours, located);
          const rows = step.colours
            .map((c) => ({ row: at.get(c.key), colour: c.colour }))
            .filter((c): c is { row: number; colour: string | null } => !!c.row);
          writes.push(() => this.paint(step.sheet, rows));
          break;
        }
        case "note": {
          const layout = this.layoutOf(step.sheet);
          const at = this.rowsOf(step.sheet, step.notes, located);
          const cells = step.notes
            .map((n) => ({ row: at.get(n.key), col: layout.index[n.column], note: n.note }))
            .filter((n): n is { row: number; col: number; note: string } => !!n.row && n.col !== undefined);
          writes.push(() => {
            for (const n of cells)
              this.sheet(step.sheet)
                .getRange(n.row, n.col + 1)
                .setNote(n.note);
          });
          break;
        }
        case "refresh": {
          const cells = this.prepareRefresh(step.sheet, step.column, step.values, report);
          report.written += cells.length;
          const colours = cells
            .map((c) => ({ row: c.row, colour: step.colours[c.key] }))
            .filter((c): c is { row: number; colour: string | null } => c.colour !== undefined);
          const width = this.paintWidth(step.sheet);
          writes.push(() => {
            this.write(this.sheet(step.sheet), cells);
            this.paint(step.sheet, colours, width);
          });
          break;
        }
        case "cells": {
          const sheet = this.sheet(step.sheet);
          const kind = (c: CellAt) => LEDGER[step.sheet].columns.find((s) => s.key === c.column)?.kind;
          const cells = step.cells.filter((c) => {
            const now = fromCell(kind(c), sheet.getRange(c.row, c.col).getValue());
            const stale = !sameCell(now, c.before) && !sameCell(now, c.after);
            if (stale)
              report.skipped.push({
                ...c,
                key: `R${c.row}C${c.col}`,
                column: c.column ?? "",
                sheet: step.sheet,
                found: now,
              });
            return !stale && !sameCell(now, c.after);
          });
          report.written += cells.length;
          writes.push(() =>
            cells.forEach((c) => sheet.getRange(c.row, c.col).setValue(cellFor(kind(c), c.after))),
          );
          break;
        }
        case "remove": {
          const rows = this.rowsHolding(step.sheet, step.column, step.values);
          report.removed += rows.length;
          writes.push(() => this.deleteRows(step.sheet, rows));
          break;
        }
      }
    }
    for (const w of writes) w();
    return report;
  }

  private layoutOf(key: SheetKey): Layout {
    return this.layouts.get(key) ?? this.readHeader(key).layout;
  }

  private cellsOf(key: SheetKey, rows: readonly Row[]): unknown[][] {
    const layout = this.layoutOf(key);
    const kinds = kindsOf(key, layout);
    return rows.map((r) =>
      objectToRow(layout, r)
        .slice(0, layout.width)
        .map((v, i) => cellFor(kinds[i], v)),
    );
  }

  /** Writes rows from `start`; a sheet too short grows first (writing past its last row is an error). */
  private writeRows(key: SheetKey, start: number, data: unknown[][]): void {
    const sheet = this.sheet(key);
    const width = data[0]?.length ?? 0;
    let range: GoogleAppsScript.Spreadsheet.Range;
    try {
      range = sheet.getRange(start, 1, data.length, width);
    } catch (_e) {
      const max = sheet.getMaxRows();
      sheet.insertRowsAfter(max, start + data.length - 1 - max + 500);
      range = sheet.getRange(start, 1, data.length, width);
    }
    range.setValues(data);
  }

  /** The sheet row of a key: where the key column says when this commit looked, else the hint. */
  private locate(
    key: SheetKey,
    rowKeyValue: string,
    hint: number,
    located: Map<SheetKey, Map<string, number>>,
  ): number | undefined {
    const map = located.get(key);
    if (map) return map.get(rowKeyValue);
    return hint || undefined;
  }

  private keyRows(key: SheetKey, located: Map<SheetKey, Map<string, number>>): Map<string, number> {
    let map = located.get(key);
    if (map) return map;
    const table = this.readColumns(key, [...(ROW_KEY[key] ?? [])]);
    map = new Map();
    table.rows.forEach((r, i) => {
      const k = rowKey(key, r);
      if (k && !map!.has(k)) map!.set(k, i + 2);
    });
    located.set(key, map);
    return map;
  }

  /**
   * Where rows are now: rows an earlier step of this commit checked, else the hint when the key is
   * still there (one read of the key column over the hints' span), else where the key column says.
   */
  private rowsOf(
    key: SheetKey,
    items: ReadonlyArray<{ key: string; row: number }>,
    located: Map<SheetKey, Map<string, number>>,
  ): Map<string, number> {
    const out = new Map<string, number>();
    const full = located.get(key);
    const known = this.verified.get(key);
    const unchecked = items.filter((i) => {
      const row = full?.get(i.key) ?? known?.get(i.key);
      if (row) out.set(i.key, row);
      return !row && !full;
    });
    if (!unchecked.length) return out;
    const cols = [...(ROW_KEY[key] ?? [])];
    const first = Math.min(...unchecked.map((i) => i.row || Infinity));
    const last = Math.max(...unchecked.map((i) => i.row || 0));
    const keys = Number.isFinite(first) && last >= first ? this.readKeys(key, cols, first, last) : [];
    if (unchecked.every((i) => i.row && keys[i.row - first] === i.key)) {
      for (const i of unchecked) out.set(i.key, i.row);
      return out;
    }
    const map = this.keyRows(key, located);
    for (const i of unchecked) {
      const row = map.get(i.key);
      if (row) out.set(i.key, row);
    }
    return out;
  }

  private readKeys(key: SheetKey, cols: readonly string[], first: number, last: number): string[] {
    const layout = this.layoutOf(key);
    const kinds = kindsOf(key, layout);
    const idx = cols.map((c) => layout.index[c]!);
    const from = Math.min(...idx);
    const to = Math.max(...idx);
    const block = this.sheet(key)
      .getRange(first, from + 1, last - first + 1, to - from + 1)
      .getValues();
    return block.map((r) => idx.map((i) => trimmedText(fromCell(kinds[i], r[i - from]))).join("|"));
  }

  /** Re-reads the cells to change (and the keys of their rows) and keeps those still as the run read them. */
  private prepareUpdate(
    key: SheetKey,
    changes: readonly CellChange[],
    report: CommitReport,
    located: Map<SheetKey, Map<string, number>>,
  ): Array<{ row: number; col: number; value: unknown }> {
    if (!changes.length) return [];
    const sheet = this.sheet(key);
    const layout = this.layoutOf(key);
    const kinds = kindsOf(key, layout);
    const keyCols = (ROW_KEY[key] ?? []).map((c) => layout.index[c]!);
    const cols = [...new Set(changes.map((c) => layout.index[c.column]!))];
    // Re-read the changed cells (and the keys) over the span of rows they were read at.
    const readSpan = (rowsOf: (c: CellChange) => number | undefined) => {
      const rows = changes.map(rowsOf).filter((r): r is number => !!r);
      if (!rows.length) return { first: 0, values: new Map<number, unknown[]>() };
      const first = Math.min(...rows);
      const last = Math.max(...rows);
      const values = new Map<number, unknown[]>();
      for (const [from, to] of columnBlocks(
        [...new Set([...keyCols, ...cols])].sort((a, b) => a - b),
        last - first + 1,
      )) {
        const block = sheet.getRange(first, from + 1, last - first + 1, to - from + 1).getValues();
        for (let i = from; i <= to; i++)
          values.set(
            i,
            block.map((r) => r[i - from]),
          );
      }
      return { first, values };
    };
    const keyAt = (span: ReturnType<typeof readSpan>, row: number) =>
      keyCols.map((i) => trimmedText(fromCell(kinds[i], span.values.get(i)?.[row - span.first]))).join("|");

    let rowOf = (c: CellChange) => this.locate(key, c.key, c.row, located);
    let span = readSpan(rowOf);
    if (changes.some((c) => !rowOf(c) || keyAt(span, rowOf(c)!) !== c.key)) {
      // Rows moved since the run read them (a sort, an inserted row): find each by its key.
      located.delete(key);
      const map = this.keyRows(key, located);
      rowOf = (c) => map.get(c.key);
      span = readSpan(rowOf);
    }
    const out: Array<{ row: number; col: number; value: unknown }> = [];
    for (const c of changes) {
      const row = rowOf(c);
      if (!row) {
        if (!report.missing.some((m) => m.sheet === key && m.key === c.key))
          report.missing.push({ sheet: key, key: c.key });
        continue;
      }
      const col = layout.index[c.column]!;
      const now = fromCell(kinds[col], span.values.get(col)?.[row - span.first]);
      if (sameCell(now, c.after)) continue;
      if (!sameCell(now, c.before)) {
        report.skipped.push({ ...c, sheet: key, found: now });
        continue;
      }
      out.push({ row, col, value: cellFor(kinds[col], c.after) });
    }
    // Later steps (paint, notes) of this sheet use the rows this step checked.
    const verified = this.verified.get(key) ?? new Map<string, number>();
    for (const c of changes) {
      const row = rowOf(c);
      if (row && keyAt(span, row) === c.key) verified.set(c.key, row);
    }
    this.verified.set(key, verified);
    return out;
  }

  /**
   * The cells of `column` to change for a refresh: the key column and `column` are read whole, as they
   * are now (one read each, open-ended so the sheet's last row need not be asked first).
   */
  private prepareRefresh(
    key: SheetKey,
    column: string,
    values: Readonly<Record<string, CellValue>>,
    report: CommitReport,
  ): Array<{ row: number; col: number; value: unknown; key: string }> {
    const keyColumn = (ROW_KEY[key] ?? [])[0]!;
    const kind = (LEDGER[key].columns as readonly ColumnSpec[]).find((c) => c.key === column)?.kind;
    const cells = this.columnCells(key, [keyColumn, column]);
    const keys = (cells.get(keyColumn) ?? []).map((k) => String(fromCell("text", k)).trim());
    const current = (cells.get(column) ?? []).map((v) => fromCell(kind, v));
    // Where `column` is: as the header row says, or (read along with the headers) where LEDGER lists it.
    const col =
      this.layouts.get(key)?.index[column] ??
      (LEDGER[key].columns as readonly ColumnSpec[]).findIndex((c) => c.key === column);
    let n = keys.length;
    while (n > 0 && keys[n - 1] === "" && asText(current[n - 1]) === "") n--;
    keys.length = n;
    report.keys = keys;
    const out: Array<{ row: number; col: number; value: unknown; key: string }> = [];
    keys.forEach((k, i) => {
      const wanted = values[k];
      if (wanted !== undefined && !sameCell(current[i], wanted))
        out.push({ row: i + 2, col, value: cellFor(kind, wanted), key: k });
    });
    return out;
  }

  /**
   * Per column: one setValues per run of adjacent rows, or one RangeList.setValue per distinct value,
   * whichever makes fewer calls.
   */
  private write(sheet: Sheet, cells: Array<{ row: number; col: number; value: unknown }>): void {
    const byCol = new Map<number, Array<{ row: number; value: unknown }>>();
    for (const c of cells) {
      const list = byCol.get(c.col);
      if (list) list.push(c);
      else byCol.set(c.col, [c]);
    }
    for (const [col, list] of byCol) {
      list.sort((a, b) => a.row - b.row);
      const runs: Array<typeof list> = [];
      for (const c of list) {
        const run = runs[runs.length - 1];
        if (run && run[run.length - 1]!.row === c.row - 1) run.push(c);
        else runs.push([c]);
      }
      const byValue = new Map<string, { value: unknown; rows: number[] }>();
      for (const c of list) {
        const k = c.value instanceof Date ? `d${c.value.getTime()}` : `v${String(c.value)}`;
        const entry = byValue.get(k) ?? { value: c.value, rows: [] };
        entry.rows.push(c.row);
        byValue.set(k, entry);
      }
      if (byValue.size < runs.length) {
        for (const { value, rows } of byValue.values()) {
          if (rows.length === 1) sheet.getRange(rows[0]!, col + 1).setValue(value);
          else sheet.getRangeList(rows.map((r) => a1(r, col + 1))).setValue(value);
        }
      } else {
        for (const run of runs)
          sheet.getRange(run[0]!.row, col + 1, run.length, 1).setValues(run.map((c) => [c.value]));
      }
    }
  }

  /** The width a row is painted to: the sheet's as its header was read, else the ledger's own columns. */
  private paintWidth(key: SheetKey): number {
    return this.layouts.get(key)?.width ?? LEDGER[key].columns.length;
  }

  private paint(
    key: SheetKey,
    rows: ReadonlyArray<{ row: number; colour: string | null }>,
    width = this.paintWidth(key),
  ): void {
    if (!rows.length) return;
    const sheet = this.sheet(key);
    const byColour = new Map<string | null, number[]>();
    for (const c of rows) {
      const list = byColour.get(c.colour);
      if (list) list.push(c.row);
      else byColour.set(c.colour, [c.row]);
    }
    for (const [colour, list] of byColour) {
      const ranges = list.map((r) => a1(r, 1, 1, width));
      if (ranges.length === 1) sheet.getRange(ranges[0]!).setBackground(colour);
      else sheet.getRangeList(ranges).setBackground(colour);
    }
  }

  /** The rows whose `column` holds one of `values`, bottom first. */
  private rowsHolding(key: SheetKey, column: string, values: readonly string[]): number[] {
    const wanted = new Set(values);
    return this.readColumns(key, [column])
      .rows.map((r, i) => (wanted.has(asText(r[column])) ? i + 2 : 0))
      .filter(Boolean)
      .sort((a, b) => b - a);
  }

  private deleteRows(key: SheetKey, rows: readonly number[]): void {
    const sheet = this.sheet(key);
    let i = 0;
    while (i < rows.length) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j]! - 1) j++;
      sheet.deleteRows(rows[j]!, j - i + 1);
      i = j + 1;
    }
  }
}

/**
 * Sorted column indexes grouped into blocks to read: adjacent columns always together, and columns a few
 * apart too when the rows are few (one call is worth more than a few extra cells).
 */
function columnBlocks(sorted: readonly number[], rows: number, wide = 2): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const gap = rows <= 50 ? 30 : wide;
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i - last[1] - 1 <= gap) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

const isBlank = (v: unknown) => v === "" || v == null;

/** A header row read as "1:1" has trailing empty cells up to the sheet's width. */
function trimRow(row: readonly unknown[]): unknown[] {
  let n = row.length;
  while (n > 0 && isBlank(row[n - 1])) n--;
  return row.slice(0, n);
}
