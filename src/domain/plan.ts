// A run's writes as plain data. Every run reads what it needs, decides, and returns a plan; one commit
// step (src/gas/sheets.ts) applies it under the script lock. A cell change carries the value the cell had
// when it was read, so the commit can leave alone any cell a person changed in the meantime, and rows are
// named by their key (问题编号, 机构编号…), never by position alone: coordinators sort and insert rows.
import type { Row, SheetKey } from "./ledger";
import { asText } from "./text";

/** A logical cell value: text, a number, or a local date / date-time as text ("2026-03-02 08:30:00"). */
export type CellValue = string | number;

export interface CellChange {
  /** The row's key value (e.g. the finding id). */
  key: string;
  /** The sheet row where the key was read: a hint, checked at commit time. */
  row: number;
  /** The column key (see LEDGER). */
  column: string;
  before: CellValue;
  after: CellValue;
}

interface RowColour {
  key: string;
  row: number;
  colour: string | null;
}

/** A note on a cell (why an edit was put back). */
export interface CellNote {
  key: string;
  row: number;
  column: string;
  note: string;
}

/** A cell by its place (a person's edit of a script-owned sheet put back, a renamed header restored). */
export interface CellAt {
  row: number;
  /** The sheet column (1-based). */
  col: number;
  /** Its column key, for the kind of value (none: text, as in the header row). */
  column?: string;
  before: CellValue;
  after: CellValue;
}

export type SheetStep =
  | {
      kind: "append";
      sheet: SheetKey;
      rows: Row[];
      /** A background for some appended rows (by index in `rows`). */
      colours?: Record<number, string | null>;
      /** The rows are new for certain (no run that died can have written them): nothing is looked up. */
      fresh?: boolean;
      /**
       * The few rows of one submission: each goes to the end of the sheet by itself (Sheet.appendRow),
       * so the commit need not first ask where the sheet ends. Not for rows to paint.
       */
      byRow?: boolean;
    }
  | { kind: "update"; sheet: SheetKey; changes: CellChange[] }
  | { kind: "paint"; sheet: SheetKey; colours: RowColour[] }
  | { kind: "note"; sheet: SheetKey; notes: CellNote[] }
  /**
   * Sets `column` of each row whose key `values` names, where it differs: the commit reads the keys and
   * the column right before it writes (a column only the script computes, such as 逾期), so rows a
   * person sorted or inserted are found where they are.
   */
  | {
      kind: "refresh";
      sheet: SheetKey;
      column: string;
      values: Record<string, CellValue>;
      /** Each row's colour (by key): a row whose value changes is painted with it. */
      colours: Record<string, string | null>;
    }
  /** Cells by place, each written only while it still holds `before` (else reported as skipped). */
  | { kind: "cells"; sheet: SheetKey; cells: CellAt[] }
  /** Removes the rows whose `column` holds one of `values` (an unfinished draw being taken back). */
  | { kind: "remove"; sheet: SheetKey; column: string; values: string[] };

/** The steps written most: rows appended to a sheet, and cells of its rows changed. */
export const appendRows = (
  sheet: SheetKey,
  rows: Row[],
  options?: { fresh?: boolean; byRow?: boolean },
): SheetStep => ({
  kind: "append",
  sheet,
  rows,
  ...options,
});
export const updateCells = (sheet: SheetKey, changes: CellChange[]): SheetStep => ({
  kind: "update",
  sheet,
  changes,
});

export interface CommitReport {
  written: number;
  /** Cells a person changed after the run read them: left as the person wrote them. */
  skipped: Array<CellChange & { sheet: SheetKey; found: CellValue | undefined }>;
  /** Rows whose key was no longer in the sheet (deleted or its key edited). */
  missing: Array<{ sheet: SheetKey; key: string }>;
  removed: number;
  /** The keys a refresh step read, from sheet row 2 down (trailing empty rows left out). */
  keys?: string[];
}

/** Text a logical cell value compares by: numbers and text typed as "3" are the same cell to a person. */
export const sameCell = (a: CellValue | undefined, b: CellValue | undefined): boolean =>
  asText(a) === asText(b);

/** The changes that turn `current` into `current + patch`: only the cells whose value differs. */
export function diffRow(key: string, row: number, current: Row, patch: Row): CellChange[] {
  const out: CellChange[] = [];
  for (const [column, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const before = (current[column] ?? "") as CellValue;
    const after = value as CellValue;
    if (!sameCell(before, after)) out.push({ key, row, column, before, after });
  }
  return out;
}
