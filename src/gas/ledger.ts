// The ledger spreadsheet: one batched read per sheet, one batched write per sheet, columns found by header.
import {
  LEDGER,
  locateColumns,
  objectToRow,
  rowToObject,
  type ColumnKind,
  type Layout,
  type Row,
  type SheetKey,
} from "../domain/ledger";
import { MSG } from "../text/zh";
import { toCell } from "./cells";

/** A problem the coordinator can fix, said in plain Chinese. */
export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LedgerError";
  }
}

export interface Table {
  key: SheetKey;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  layout: Layout;
  /** Every row as read, header first. */
  values: unknown[][];
  /** Whether `values` holds the whole sheet (a full read) or only the header. */
  full: boolean;
}

export class Ledger {
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  private readonly byName = new Map<string, GoogleAppsScript.Spreadsheet.Sheet>();

  constructor(spreadsheet?: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    this.spreadsheet = spreadsheet ?? SpreadsheetApp.getActiveSpreadsheet();
    for (const s of this.spreadsheet.getSheets()) this.byName.set(s.getName(), s);
  }

  has(key: SheetKey): boolean {
    return this.byName.has(LEDGER[key].name);
  }

  sheet(key: SheetKey): GoogleAppsScript.Spreadsheet.Sheet {
    const s = this.byName.get(LEDGER[key].name);
    if (!s) throw new LedgerError(MSG.missingSheet(LEDGER[key].name));
    return s;
  }

  remember(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
    this.byName.set(sheet.getName(), sheet);
  }

  /** The whole sheet in one read. Fails with a plain message when a column the script needs is gone. */
  read(key: SheetKey): Table {
    const sheet = this.sheet(key);
    const values = sheet.getDataRange().getValues();
    const layout = locateColumns(key, values[0] ?? []);
    if (layout.missing.length)
      throw new LedgerError(MSG.missingColumn(LEDGER[key].name, layout.missing[0]!.header));
    return { key, sheet, layout, values, full: true };
  }

  /** Only the header row and where the data ends: for sheets that grow large and are only appended to. */
  readHeader(key: SheetKey): Table {
    const sheet = this.sheet(key);
    // "1:1" is the whole first row: one read, no call to ask the sheet's width first.
    const header = sheet.getRange("1:1").getValues()[0] ?? [];
    const layout = locateColumns(key, header);
    if (layout.missing.length)
      throw new LedgerError(MSG.missingColumn(LEDGER[key].name, layout.missing[0]!.header));
    return { key, sheet, layout, values: [header], full: false };
  }

  rows(table: Table): Row[] {
    return table.values.slice(1).map((r) => rowToObject(table.layout, r));
  }

  /** Converts a row of logical values (as getValues returns them) into what setValues must be given. */
  private toCells(table: Table, row: readonly unknown[]): unknown[] {
    const kinds: ColumnKind[] = [];
    for (const col of LEDGER[table.key].columns) {
      const i = table.layout.index[col.key];
      if (i !== undefined) kinds[i] = col.kind;
    }
    const out = row.slice(0, table.layout.width);
    while (out.length < table.layout.width) out.push("");
    return out.map((v, i) => toCell(kinds[i] ?? "text", v));
  }

  /**
   * Appends rows below the last row in one write. `lastRow` comes from a full read, or is asked for.
   * A full sheet grows first (writing past the last row is an error in Sheets).
   */
  append(table: Table, rows: Row[], lastRow?: number): number {
    if (rows.length === 0) return 0;
    const start = (lastRow ?? (table.full ? table.values.length : table.sheet.getLastRow())) + 1;
    const logical = rows.map((r) => objectToRow(table.layout, r));
    const data = logical.map((r) => this.toCells(table, r));
    const width = table.layout.width;
    let range: GoogleAppsScript.Spreadsheet.Range;
    try {
      range = table.sheet.getRange(start, 1, data.length, width);
    } catch (_e) {
      const max = table.sheet.getMaxRows();
      table.sheet.insertRowsAfter(max, start + data.length - 1 - max + 500);
      range = table.sheet.getRange(start, 1, data.length, width);
    }
    range.setValues(data);
    if (table.full) for (const r of logical) table.values.push(r);
    return start;
  }

  /**
   * Rewrites changed rows (1-based data indexes into `table.values`) in one write spanning them.
   * Other rows in the span are written back as read, so nothing else moves. (Formulas a coordinator
   * put in the span become their values.)
   */
  update(table: Table, changes: Map<number, Row>): void {
    if (changes.size === 0) return;
    const indexes = [...changes.keys()].sort((a, b) => a - b);
    const first = indexes[0]!;
    const last = indexes[indexes.length - 1]!;
    for (const [i, row] of changes) table.values[i] = objectToRow(table.layout, row, table.values[i]);
    const block = table.values.slice(first, last + 1).map((r) => this.toCells(table, r));
    table.sheet.getRange(first + 1, 1, block.length, table.layout.width).setValues(block);
  }
}
