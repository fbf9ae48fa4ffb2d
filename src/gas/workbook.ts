// The workbook's structure for 初始化/更新: sheets, columns, formats, drop-downs and protections, made
// to match the ledger's definition (src/domain/ledger.ts). Every method is idempotent and also repairs:
// a half-finished earlier run (a protection of the wrong kind, a column without its format) is put right.
import {
  columnSpec,
  LEDGER,
  locateColumns,
  SHORT_SHEETS,
  SPARE_ROWS,
  type ColumnSpec,
  type SheetKey,
} from "../domain/ledger";
import { MSG } from "../text/zh";
import type { SheetLedger } from "./sheets";
import { SEP_LIST, WORKBOOK } from "../text/words";
import { SHADOW_TEXT } from "../text/integrity";

const HEADER_BACKGROUND = "#e8eaed";
const PROTECTION_PREFIX = WORKBOOK.protectionPrefix;
const DEFAULT_SHEET_NAMES: readonly string[] = WORKBOOK.defaultSheetNames;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface Workbook {
  spreadsheetId(): string;
  /** Sets the spreadsheet's time zone to the script's; true when it changed. */
  alignTimeZone(timeZone: string): boolean;
  /** Creates the sheet, or adds back missing columns; formats the header and the date columns. */
  ensureSheet(key: SheetKey): string[];
  /** Drop-downs of coded columns (an empty list removes the rule). */
  setChoices(key: SheetKey, column: string, values: readonly string[]): void;
  /** Warning-only protection of the computed columns (a reminder before a person types over them). */
  protectComputedColumns(key: SheetKey): void;
  /**
   * Only the listed editors (and the owner) may change the sheet: Google's documented pattern — a new
   * protection copies the sheet's editors until they are removed, and domain editing is turned off.
   */
  protectSheet(key: SheetKey, editors: readonly string[]): boolean;
  removeEmptyDefaultSheets(): string[];
  /** Tabs that receive a form's responses, with the form's URL. */
  responseTabs(): Array<{ name: string; formUrl: string; rows: number }>;
  deleteSheet(name: string): void;
  /** The spreadsheet owner's address ("" when Google does not say). */
  owner(): string;
  /** Hides a sheet of the script's own that people need not see (状态底账). */
  hideSheet(key: SheetKey): void;
  /**
   * Columns only the owner and the coordinators may change (问题台账's state columns): a hard protection
   * per column, with the same editors and pattern as protectSheet.
   */
  protectColumns(key: SheetKey, columns: readonly string[], editors: readonly string[]): void;
  /** The same protection as protectSheet, for a sheet that is not the ledger's (a response tab). */
  protectTab(name: string, editors: readonly string[]): boolean;
  /** Puts the response tabs after the ledger's sheets and hides them (they are raw copies). */
  tuckAwayResponseTabs(names: readonly string[]): boolean;
}

export class AppsScriptWorkbook implements Workbook {
  constructor(private readonly ledger: SheetLedger) {}

  private get ss(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.ledger.spreadsheet;
  }

  spreadsheetId(): string {
    return this.ss.getId();
  }

  alignTimeZone(timeZone: string): boolean {
    if (this.ss.getSpreadsheetTimeZone() === timeZone) return false;
    this.ss.setSpreadsheetTimeZone(timeZone);
    return true;
  }

  private header(sheet: Sheet): unknown[] {
    const lastColumn = sheet.getLastColumn();
    return lastColumn ? (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []) : [];
  }

  ensureSheet(key: SheetKey): string[] {
    const spec = LEDGER[key];
    const changes: string[] = [];
    let sheet: Sheet;
    let header: unknown[];
    // 状态底账 of an older version (one column a field): built again from 问题台账 in the new format.
    if (key === "shadow" && this.ledger.has(key)) {
      const old = this.header(this.ledger.sheet(key));
      if (old.length && locateColumns(key, old).missing.length) {
        this.ss.deleteSheet(this.ledger.sheet(key));
        this.ledger.forget(key);
        changes.push(SHADOW_TEXT.upgraded);
      }
    }
    if (!this.ledger.has(key)) {
      sheet = this.ss.insertSheet(spec.name);
      this.ledger.remember(sheet);
      header = [];
      if (!changes.length) changes.push(MSG.setupCreatedSheet(spec.name));
    } else {
      sheet = this.ledger.sheet(key);
      header = this.header(sheet);
    }
    const layout = locateColumns(key, header);
    const added = layout.missing.map((c) => c.header);
    if (added.length) {
      const start = header.length + 1;
      const needed = start + added.length - 1 - sheet.getMaxColumns();
      if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
      sheet.getRange(1, start, 1, added.length).setValues([added]);
      if (header.length) changes.push(MSG.setupAddedColumns(spec.name, added.join(SEP_LIST)));
      header = [...header, ...added];
    }
    const index = locateColumns(key, header).index;
    if (SHORT_SHEETS.has(key)) {
      const keep = Math.max(sheet.getLastRow(), 1) + SPARE_ROWS;
      const max = sheet.getMaxRows();
      if (max > keep) sheet.deleteRows(keep + 1, max - keep);
    }
    if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
    sheet.getRange(1, 1, 1, header.length).setFontWeight("bold").setBackground(HEADER_BACKGROUND);
    for (const col of spec.columns as readonly ColumnSpec[]) {
      const c = index[col.key]! + 1;
      if (col.width) sheet.setColumnWidth(c, col.width);
      const body = sheet.getRange(2, c, sheet.getMaxRows() - 1, 1);
      if (col.kind === "date") body.setNumberFormat("yyyy-mm-dd");
      if (col.kind === "datetime") body.setNumberFormat("yyyy-mm-dd hh:mm:ss");
    }
    return changes;
  }

  private columnRange(
    key: SheetKey,
    column: string,
    index = locateColumns(key, this.header(this.ledger.sheet(key))).index,
  ): GoogleAppsScript.Spreadsheet.Range {
    const sheet = this.ledger.sheet(key);
    return sheet.getRange(2, index[column]! + 1, sheet.getMaxRows() - 1, 1);
  }

  setChoices(key: SheetKey, column: string, values: readonly string[]): void {
    const body = this.columnRange(key, column);
    if (values.length === 0) {
      body.setDataValidation(null);
      return;
    }
    // Coded columns reject anything off the list when a person types it; the script's writes are checked in code.
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList([...values], true)
      .setAllowInvalid(false)
      .setHelpText(MSG.chooseFromList(values.join(SEP_LIST)))
      .build();
    body.setDataValidation(rule);
  }

  protectComputedColumns(key: SheetKey): void {
    const sheet = this.ledger.sheet(key);
    const index = locateColumns(key, this.header(sheet)).index;
    const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).map((p) => {
      const description = p.getDescription();
      // A run that died between protect() and setDescription() left one without a description.
      return { p, description, a1: description ? "" : p.getRange().getA1Notation() };
    });
    for (const col of LEDGER[key].columns as readonly ColumnSpec[]) {
      if (!col.computed) continue;
      const description = PROTECTION_PREFIX + col.header;
      const range = this.columnRange(key, col.key, index);
      // Adopted and put right (description, kind), never doubled.
      const found = existing
        .filter((e) => e.description === description || (!e.description && e.a1 === range.getA1Notation()))
        .map((e) => e.p);
      for (const p of found.slice(1)) p.remove();
      const p = found[0] ?? range.protect();
      if (!found[0] || found[0] !== existing.find((e) => e.description === description)?.p)
        p.setDescription(description);
      if (!p.isWarningOnly()) p.setWarningOnly(true);
    }
  }

  protectSheet(key: SheetKey, editors: readonly string[]): boolean {
    return this.protectWhole(this.ledger.sheet(key), editors);
  }

  protectColumns(key: SheetKey, columns: readonly string[], editors: readonly string[]): void {
    const sheet = this.ledger.sheet(key);
    const index = locateColumns(key, this.header(sheet)).index;
    const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
    for (const column of columns) {
      const spec = columnSpec(key, column);
      if (!spec || index[column] === undefined) continue;
      const description = MSG.protectedColumn(spec.header);
      const range = this.columnRange(key, column, index);
      // A protection without a description on this very range is one a run that died had just made.
      const found = existing.filter(
        (p) =>
          p.getDescription() === description ||
          (!p.getDescription() && p.getRange().getA1Notation() === range.getA1Notation()),
      );
      for (const p of found.slice(1)) p.remove();
      const protection = found[0] ?? range.protect();
      if (protection.getDescription() !== description) protection.setDescription(description);
      if (protection.isWarningOnly()) protection.setWarningOnly(false);
      restrictEditors(protection, editors);
    }
  }

  protectTab(name: string, editors: readonly string[]): boolean {
    const sheet = this.ss.getSheetByName(name);
    return sheet ? this.protectWhole(sheet, editors) : false;
  }

  private protectWhole(sheet: Sheet, editors: readonly string[]): boolean {
    const description = MSG.protectedSheet(sheet.getName());
    // A protection without a description is one a run that died had just made: adopted, not doubled.
    const found = sheet
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)
      .filter((p) => p.getDescription() === description || !p.getDescription());
    for (const p of found.slice(1)) p.remove();
    const made = !found[0];
    const protection = found[0] ?? sheet.protect();
    const described = protection.getDescription() !== description;
    if (described) protection.setDescription(description);
    const hardened = protection.isWarningOnly();
    if (hardened) protection.setWarningOnly(false);
    return restrictEditors(protection, editors) || made || described || hardened;
  }

  removeEmptyDefaultSheets(): string[] {
    const changes: string[] = [];
    for (const name of DEFAULT_SHEET_NAMES) {
      const sheet = this.ss.getSheetByName(name);
      if (sheet && sheet.getLastRow() === 0 && this.ss.getSheets().length > 1) {
        this.ss.deleteSheet(sheet);
        changes.push(MSG.setupRemovedSheet(name));
      }
    }
    return changes;
  }

  responseTabs(): Array<{ name: string; formUrl: string; rows: number }> {
    const out: Array<{ name: string; formUrl: string; rows: number }> = [];
    for (const sheet of this.ss.getSheets()) {
      const url = sheet.getFormUrl();
      if (url) out.push({ name: sheet.getName(), formUrl: url, rows: sheet.getLastRow() });
    }
    return out;
  }

  deleteSheet(name: string): void {
    const sheet = this.ss.getSheetByName(name);
    if (sheet) this.ss.deleteSheet(sheet);
  }

  owner(): string {
    try {
      return this.ss.getOwner()?.getEmail() ?? "";
    } catch (_e) {
      return "";
    }
  }

  hideSheet(key: SheetKey): void {
    const sheet = this.ledger.sheet(key);
    if (!sheet.isSheetHidden()) sheet.hideSheet();
  }

  tuckAwayResponseTabs(names: readonly string[]): boolean {
    let changed = false;
    const order = this.ss.getSheets().map((s) => s.getName());
    if (order.slice(-names.length).join("\n") !== names.join("\n")) {
      // Moving each to the end in turn leaves them at the end, in this order.
      for (const name of names) {
        const sheet = this.ss.getSheetByName(name);
        if (!sheet) continue;
        this.ss.setActiveSheet(sheet);
        this.ss.moveActiveSheet(order.length);
      }
      const first = this.ss.getSheets()[0];
      if (first) this.ss.setActiveSheet(first);
      changed = true;
    }
    for (const name of names) {
      const sheet = this.ss.getSheetByName(name);
      if (sheet && !sheet.isSheetHidden()) {
        sheet.hideSheet();
        changed = true;
      }
    }
    return changed;
  }
}

/**
 * Google's documented pattern (Protection reference): a new protection mirrors the spreadsheet's
 * editors until the script sets its own list. Adding the owner first ends the mirroring even when the
 * lists happen to agree; then everyone else is removed and the coordinators listed are added, and
 * domain editing is turned off. Returns whether anything changed.
 */
function restrictEditors(
  protection: GoogleAppsScript.Spreadsheet.Protection,
  editors: readonly string[],
): boolean {
  const wanted = new Set(editors.filter(Boolean));
  const [owner] = editors;
  if (owner) protection.addEditor(owner);
  const current = protection.getEditors().map((u) => u.getEmail());
  const extra = current.filter((e) => !wanted.has(e));
  const missing = [...wanted].filter((e) => !current.includes(e));
  if (extra.length) protection.removeEditors(extra);
  if (missing.length) protection.addEditors(missing);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  return extra.length > 0 || missing.length > 0;
}
