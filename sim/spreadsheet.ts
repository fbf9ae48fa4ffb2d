// In-memory SpreadsheetApp: spreadsheets, sheets, ranges, values, the formats the ledger uses, data
// validation, protections, frozen rows. Behaviour follows the reference pages cited at each method.
// https://developers.google.com/apps-script/reference/spreadsheet
import { counted, isDate, type CallInfo } from "./host";
import { SCOPES, type Faked, type SimContext } from "./context";
import { displayValue, parseEntered, type CellValue } from "./values";
import { formatDate } from "./format-date";

type RangeApi = GoogleAppsScript.Spreadsheet.Range;
type SheetApi = GoogleAppsScript.Spreadsheet.Sheet;
type SpreadsheetApi = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SimChart {
  type: string;
  ranges: string[];
  position: [number, number];
  options: Record<string, unknown>;
}

export interface CellMeta {
  formula?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  numberFormat?: string;
  note?: string;
  validation?: SimDataValidation;
  wrap?: boolean;
}

const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;
/** https://support.google.com/drive/answer/37603 — a spreadsheet holds at most 10 million cells. */
export const MAX_CELLS = 10_000_000;

const LOCAL_METHODS = new Set([
  "getRange",
  "getRangeList",
  "getNumRows",
  "getNumColumns",
  "getRow",
  "getColumn",
  "getSheet",
  "getA1Notation",
  "offset",
  "getParent",
  "getName",
  "getSheetId",
  "getId",
  "getUrl",
  "newDataValidation",
  "getUi",
  "getRowIndex",
  "getActiveSpreadsheet",
  "getActive",
  "newChart",
]);
const META_METHODS = new Set([
  "getLastRow",
  "getLastColumn",
  "getMaxRows",
  "getMaxColumns",
  "getDataRange",
  "getFrozenRows",
  "getFrozenColumns",
  "getSheetByName",
  "getSheets",
  "getSheetById",
  "openById",
  "getActiveSheet",
  "getSpreadsheetTimeZone",
  "getProtections",
  "getCharts",
  "toast",
  "flush",
  "getEditors",
  "isWarningOnly",
  "getDescription",
]);

function classifySheetsCall(cellsOf: (method: string, args: unknown[]) => number) {
  return (method: string, args: unknown[]): Omit<CallInfo, "name"> => {
    const scope =
      method === "openById" || method === "create" ? SCOPES.spreadsheets : SCOPES.spreadsheetsCurrent;
    if (method === "getUi") return { kind: "local", cells: 0, scope: SCOPES.containerUi };
    if (LOCAL_METHODS.has(method)) return { kind: "local", cells: 0, scope };
    if (META_METHODS.has(method)) return { kind: "meta", cells: 0, scope };
    const cells = cellsOf(method, args);
    return { kind: method.startsWith("get") ? "read" : "write", cells, scope };
  };
}

function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export class SimSpreadsheetApp implements Faked<GoogleAppsScript.Spreadsheet.SpreadsheetApp, "flush"> {
  readonly _spreadsheets = new Map<string, SimSpreadsheet>();
  _activeId: string | undefined;
  readonly _api: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  readonly DataValidationCriteria = {
    VALUE_IN_LIST: "VALUE_IN_LIST",
    VALUE_IN_RANGE: "VALUE_IN_RANGE",
    DATE_IS_VALID_DATE: "DATE_IS_VALID_DATE",
    NUMBER_BETWEEN: "NUMBER_BETWEEN",
    CHECKBOX: "CHECKBOX",
  };
  readonly ProtectionType = { RANGE: "RANGE", SHEET: "SHEET" };
  readonly WrapStrategy = { WRAP: "WRAP", OVERFLOW: "OVERFLOW", CLIP: "CLIP" };

  constructor(readonly _ctx: SimContext) {
    this._api = counted(
      this,
      "SpreadsheetApp",
      _ctx.log,
      classifySheetsCall(() => 0),
    ) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  }

  _create(name: string, id?: string): SimSpreadsheet {
    const ss = new SimSpreadsheet(this._ctx, id ?? this._ctx.ids.next("ss"), name);
    this._spreadsheets.set(ss._id, ss);
    return ss;
  }

  getActiveSpreadsheet(): SpreadsheetApi {
    const ss = this._activeId ? this._spreadsheets.get(this._activeId) : undefined;
    // Outside a container-bound context Apps Script returns null here.
    return (ss?._api ?? null) as SpreadsheetApi;
  }
  getActive(): SpreadsheetApi {
    return this.getActiveSpreadsheet();
  }
  openById(id: string): SpreadsheetApi {
    const ss = this._spreadsheets.get(id);
    if (!ss)
      throw this._ctx.realm.exception(
        `Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
      );
    return ss._api;
  }
  create(name: string): SpreadsheetApi {
    return this._create(name)._api;
  }
  flush(): void {}
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return new SimDataValidationBuilder() as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }
  getUi(): GoogleAppsScript.Base.Ui {
    const ex = this._ctx.execution();
    if (ex && !ex.hasUi)
      throw this._ctx.realm.exception("Cannot call SpreadsheetApp.getUi() from this context.");
    return new SimUi(this._ctx, this._activeId) as unknown as GoogleAppsScript.Base.Ui;
  }
}

export class SimSpreadsheet implements Faked<
  SpreadsheetApi,
  "getId" | "getName" | "getUrl" | "getSpreadsheetTimeZone" | "setSpreadsheetTimeZone" | "deleteSheet"
> {
  readonly _sheets: SimSheet[] = [];
  readonly _api: SpreadsheetApi;
  _timeZone: string;
  private nextSheetId = 0;
  constructor(
    readonly _ctx: SimContext,
    readonly _id: string,
    public _name: string,
  ) {
    this._timeZone = _ctx.scriptTimeZone;
    this._api = counted(
      this,
      "Spreadsheet",
      _ctx.log,
      classifySheetsCall(() => 0),
    ) as unknown as SpreadsheetApi;
    this._addSheet("Sheet1");
  }
  _addSheet(name: string, index?: number): SimSheet {
    const sheet = new SimSheet(this._ctx, this, this.nextSheetId++, name);
    if (index === undefined) this._sheets.push(sheet);
    else this._sheets.splice(index, 0, sheet);
    return sheet;
  }
  _sheet(name: string): SimSheet | undefined {
    return this._sheets.find((s) => s._name === name);
  }
  getId(): string {
    return this._id;
  }
  getName(): string {
    return this._name;
  }
  rename(name: string): void {
    this._name = name;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this._timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this._timeZone = tz;
  }
  getSheets(): SheetApi[] {
    return this._ctx.realm.array(this._sheets.map((s) => s._api));
  }
  getSheetByName(name: string): SheetApi {
    return (this._sheet(name)?._api ?? null) as SheetApi;
  }
  getSheetById(id: number): SheetApi {
    return (this._sheets.find((s) => s._sheetId === id)?._api ?? null) as SheetApi;
  }
  _active: SimSheet | undefined;
  getActiveSheet(): SheetApi {
    return (this._active && this._sheets.includes(this._active) ? this._active : this._sheets[0]!)._api;
  }
  setActiveSheet(sheet: SheetApi): SheetApi {
    this._active = this._sheets.find((s) => s._api === sheet);
    return sheet;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveActiveSheet(Integer) */
  moveActiveSheet(pos: number): void {
    const sheet = this._active ?? this._sheets[0]!;
    const i = this._sheets.indexOf(sheet);
    this._sheets.splice(i, 1);
    this._sheets.splice(Math.max(0, Math.min(pos - 1, this._sheets.length)), 0, sheet);
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer) */
  insertSheet(name?: string | number, index?: number): SheetApi {
    const sheetName = typeof name === "string" ? name : `Sheet${this._sheets.length + 1}`;
    if (this._sheet(sheetName)) {
      throw this._ctx.realm.exception(
        `A sheet with the name "${sheetName}" already exists. Please enter another name.`,
      );
    }
    this._checkCellLimit(DEFAULT_ROWS * DEFAULT_COLUMNS);
    return this._addSheet(sheetName, typeof name === "number" ? name : index)._api;
  }
  deleteSheet(sheet: SheetApi): void {
    const i = this._sheets.findIndex((s) => s._api === sheet);
    if (i < 0) throw this._ctx.realm.exception("Sheet not found");
    if (this._sheets.length === 1)
      throw this._ctx.realm.exception("You can't remove all the sheets in a document.");
    this._sheets.splice(i, 1);
  }
  toast(message: string, title?: string): void {
    this._ctx.ui.push({
      at: this._ctx.clock.now,
      kind: "toast",
      spreadsheetId: this._id,
      title: title ?? "",
      message: String(message),
      user: this._ctx.execution()?.user,
    });
  }
  getProtections(type: string): GoogleAppsScript.Spreadsheet.Protection[] {
    return this._ctx.realm.array(
      this._sheets.flatMap((s) => s._protections.filter((p) => p._type === type).map((p) => p._api)),
    );
  }
  getOwner(): GoogleAppsScript.Base.User {
    return simUser(this._ctx.owner) as unknown as GoogleAppsScript.Base.User;
  }
  _checkCellLimit(extra: number): void {
    const cells = this._sheets.reduce((n, s) => n + s._maxRows * s._maxColumns, 0);
    if (cells + extra > MAX_CELLS) {
      throw this._ctx.realm.exception(
        "This action would increase the number of cells in the workbook above the limit of 10000000 cells.",
      );
    }
  }
}

export function simUser(email: string) {
  return { getEmail: () => email, toString: () => email };
}

export class SimSheet implements Faked<
  SheetApi,
  | "getName"
  | "getLastRow"
  | "getLastColumn"
  | "getMaxRows"
  | "getMaxColumns"
  | "getFrozenRows"
  | "getSheetId"
  | "getIndex"
> {
  _values: CellValue[][] = [];
  _meta: Array<Array<CellMeta | undefined> | undefined> = [];
  _maxRows = DEFAULT_ROWS;
  _maxColumns = DEFAULT_COLUMNS;
  _frozenRows = 0;
  _frozenColumns = 0;
  _tabColor: string | null = null;
  _columnWidths = new Map<number, number>();
  _protections: SimProtection[] = [];
  _charts: SimChart[] = [];
  /** The form whose responses come to this sheet (set by Form.setDestination). */
  _formUrl: string | null = null;
  _hidden = false;
  readonly _api: SheetApi;
  constructor(
    readonly _ctx: SimContext,
    readonly _parent: SimSpreadsheet,
    readonly _sheetId: number,
    public _name: string,
  ) {
    this._api = counted(
      this,
      "Sheet",
      _ctx.log,
      classifySheetsCall((m, a) => (m === "appendRow" ? ((a[0] as unknown[]) ?? []).length : 0)),
    ) as unknown as SheetApi;
  }

  // ---- raw cell access for the runtime (no call counting, no parsing) ----
  _get(r: number, c: number): CellValue {
    return this._values[r - 1]?.[c - 1] ?? "";
  }
  _set(r: number, c: number, v: CellValue): void {
    const row = (this._values[r - 1] ??= []);
    row[c - 1] = v;
  }
  _metaAt(r: number, c: number): CellMeta | undefined {
    return this._meta[r - 1]?.[c - 1];
  }
  _metaFor(r: number, c: number): CellMeta {
    const row = (this._meta[r - 1] ??= []);
    return (row[c - 1] ??= {});
  }
  _lastRow(): number {
    for (let r = this._values.length; r >= 1; r--) {
      const row = this._values[r - 1];
      if (row && row.some((v, i) => (v !== "" && v !== undefined) || this._metaAt(r, i + 1)?.formula))
        return r;
    }
    return 0;
  }
  _lastColumn(): number {
    let last = 0;
    this._values.forEach((row) => {
      if (!row) return;
      for (let c = row.length; c > last; c--) if (row[c - 1] !== "" && row[c - 1] !== undefined) last = c;
    });
    return last;
  }
  /** A1 notation, as in getRange("B2:D10"), "A:C" or "A2:C". */
  _parseA1(a1: string): [number, number, number, number] {
    const rowsOnly = /^(?:'?[^!]+'?!)?(\d+):(\d+)$/.exec(a1.trim());
    if (rowsOnly) {
      const [r1, r2] = [Number(rowsOnly[1]), Number(rowsOnly[2])];
      return [Math.min(r1, r2), 1, Math.abs(r2 - r1) + 1, this._maxColumns];
    }
    const m = /^(?:'?[^!]+'?!)?([A-Z]+)(\d+)?(?::([A-Z]+)(\d+)?)?$/i.exec(a1.trim());
    if (!m) throw this._ctx.realm.exception(`Range not found`);
    const c1 = columnNumber(m[1]!);
    const r1 = m[2] ? Number(m[2]) : 1;
    const c2 = m[3] ? columnNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : m[3] || !m[2] ? this._maxRows : r1;
    return [Math.min(r1, r2), Math.min(c1, c2), Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1];
  }

  getName(): string {
    return this._name;
  }
  setName(name: string): SheetApi {
    const clash = this._parent._sheets.find((s) => s !== this && s._name === name);
    if (clash)
      throw this._ctx.realm.exception(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    this._name = name;
    return this._api;
  }
  getSheetId(): number {
    return this._sheetId;
  }
  getIndex(): number {
    return this._parent._sheets.indexOf(this) + 1;
  }
  getParent(): SpreadsheetApi {
    return this._parent._api;
  }
  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
   * Coordinates are 1-based and must lie inside the sheet's current dimensions.
   */
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): RangeApi {
    const [r, c, nr, nc] =
      typeof rowOrA1 === "string"
        ? this._parseA1(rowOrA1)
        : [rowOrA1, column ?? NaN, numRows ?? 1, numColumns ?? 1];
    const ex = (m: string) => this._ctx.realm.exception(m);
    if (![r, c, nr, nc].every((n) => Number.isInteger(n))) {
      throw ex(
        "The parameters (number,number,number,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
    }
    if (r < 1) throw ex("The starting row of the range is too small.");
    if (c < 1) throw ex("The starting column of the range is too small.");
    if (nr < 1) throw ex("The number of rows in the range must be at least 1.");
    if (nc < 1) throw ex("The number of columns in the range must be at least 1.");
    if (r + nr - 1 > this._maxRows || c + nc - 1 > this._maxColumns) {
      throw ex("The coordinates of the range are outside the dimensions of the sheet.");
    }
    return new SimRange(this._ctx, this, r, c, nr, nc)._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRangeList(String) */
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    const ranges = a1Notations.map((a) => {
      const [r, c, nr, nc] = this._parseA1(a);
      return new SimRange(this._ctx, this, r, c, nr, nc);
    });
    return new SimRangeList(this._ctx, ranges)._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFormUrl() */
  getFormUrl(): string | null {
    return this._formUrl;
  }
  hideSheet(): SheetApi {
    this._hidden = true;
    return this._api;
  }
  showSheet(): SheetApi {
    this._hidden = false;
    return this._api;
  }
  isSheetHidden(): boolean {
    return this._hidden;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getDataRange() */
  getDataRange(): RangeApi {
    return new SimRange(this._ctx, this, 1, 1, Math.max(1, this._lastRow()), Math.max(1, this._lastColumn()))
      ._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastRow() — 0 on an empty sheet. */
  getLastRow(): number {
    return this._lastRow();
  }
  getLastColumn(): number {
    return this._lastColumn();
  }
  getMaxRows(): number {
    return this._maxRows;
  }
  getMaxColumns(): number {
    return this._maxColumns;
  }
  getFrozenRows(): number {
    return this._frozenRows;
  }
  setFrozenRows(rows: number): void {
    this._frozenRows = rows;
  }
  getFrozenColumns(): number {
    return this._frozenColumns;
  }
  setFrozenColumns(columns: number): void {
    this._frozenColumns = columns;
  }
  setTabColor(color: string | null): SheetApi {
    this._tabColor = color;
    return this._api;
  }
  setColumnWidth(column: number, width: number): SheetApi {
    this._columnWidths.set(column, width);
    return this._api;
  }
  setColumnWidths(start: number, count: number, width: number): SheetApi {
    for (let c = start; c < start + count; c++) this._columnWidths.set(c, width);
    return this._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object) — grows the sheet if full. */
  appendRow(rowContents: unknown[]): SheetApi {
    const r = this._lastRow() + 1;
    if (r > this._maxRows) this._insertRows(this._maxRows, 1);
    if (rowContents.length > this._maxColumns)
      this._insertColumns(this._maxColumns, rowContents.length - this._maxColumns);
    rowContents.forEach((v, i) => this._write(r, i + 1, v));
    return this._api;
  }
  _write(r: number, c: number, input: unknown): void {
    const meta = this._metaAt(r, c);
    const entered = parseEntered(input, this._parent._timeZone, meta?.numberFormat === "@");
    this._set(r, c, entered.value);
    if (entered.formula) this._metaFor(r, c).formula = entered.formula;
    else if (meta?.formula) delete meta.formula;
  }
  _insertRows(after: number, count: number): void {
    this._parent._checkCellLimit(count * this._maxColumns);
    this._values.splice(after, 0, ...Array.from({ length: count }, () => []));
    this._meta.splice(after, 0, ...Array.from({ length: count }, () => undefined));
    this._maxRows += count;
  }
  _insertColumns(after: number, count: number): void {
    this._parent._checkCellLimit(count * this._maxRows);
    for (const row of this._values)
      if (row && row.length > after) row.splice(after, 0, ...Array<CellValue>(count).fill(""));
    for (const row of this._meta)
      if (row && row.length > after) row.splice(after, 0, ...Array<undefined>(count).fill(undefined));
    this._maxColumns += count;
  }
  insertRowsAfter(afterPosition: number, howMany: number): SheetApi {
    this._insertRows(afterPosition, howMany);
    return this._api;
  }
  insertRowAfter(afterPosition: number): SheetApi {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): SheetApi {
    this._insertColumns(afterPosition, howMany);
    return this._api;
  }
  insertColumnAfter(afterPosition: number): SheetApi {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnBefore(beforePosition: number): SheetApi {
    return this.insertColumnsAfter(beforePosition - 1, 1);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    if (howMany >= this._maxRows)
      throw this._ctx.realm.exception("You can't delete all the rows on the sheet.");
    this._values.splice(rowPosition - 1, howMany);
    this._meta.splice(rowPosition - 1, howMany);
    this._maxRows -= howMany;
  }
  deleteRow(rowPosition: number): SheetApi {
    this.deleteRows(rowPosition, 1);
    return this._api;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    if (howMany >= this._maxColumns)
      throw this._ctx.realm.exception("You can't delete all the columns on the sheet.");
    for (const row of this._values) row?.splice(columnPosition - 1, howMany);
    for (const row of this._meta) row?.splice(columnPosition - 1, howMany);
    this._maxColumns -= howMany;
  }
  deleteColumn(columnPosition: number): SheetApi {
    this.deleteColumns(columnPosition, 1);
    return this._api;
  }
  clear(): SheetApi {
    this._values = [];
    this._meta = [];
    return this._api;
  }
  clearContents(): SheetApi {
    this._values = [];
    for (const row of this._meta) row?.forEach((m) => m && delete m.formula);
    return this._api;
  }
  _sortRows(startRow: number, count: number, specs: SortSpec[]): void {
    const rows = Array.from({ length: count }, (_, i) => ({
      values: this._values[startRow - 1 + i] ?? [],
      meta: this._meta[startRow - 1 + i],
    }));
    rows.sort((x, y) => {
      for (const s of specs) {
        const a = x.values[s.column - 1] ?? "";
        const b = y.values[s.column - 1] ?? "";
        if ((a === "") !== (b === "")) return a === "" ? 1 : -1; // blanks last in either direction
        const d = a === "" ? 0 : compareCells(a, b);
        if (d !== 0) return s.ascending ? d : -d;
      }
      return 0;
    });
    rows.forEach((row, i) => {
      this._values[startRow - 1 + i] = row.values;
      this._meta[startRow - 1 + i] = row.meta;
    });
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder */
  newChart() {
    const chart: SimChart = { type: "", ranges: [], position: [1, 1], options: {} };
    const builder = {
      setChartType: (t: string) => ((chart.type = t), builder),
      addRange: (r: RangeApi) => (chart.ranges.push(r.getA1Notation()), builder),
      setPosition: (row: number, col: number) => ((chart.position = [row, col]), builder),
      setOption: (k: string, v: unknown) => ((chart.options[k] = v), builder),
      build: () => chart,
    };
    return builder;
  }
  insertChart(chart: SimChart): void {
    this._charts.push(chart);
  }
  getCharts(): SimChart[] {
    return this._ctx.realm.array(this._charts);
  }
  removeChart(chart: SimChart): void {
    this._charts = this._charts.filter((c) => c !== chart);
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const p = new SimProtection(this._ctx, "SHEET", this, undefined);
    this._protections.push(p);
    return p._api;
  }
  getProtections(type: string): GoogleAppsScript.Spreadsheet.Protection[] {
    return this._ctx.realm.array(this._protections.filter((p) => p._type === type).map((p) => p._api));
  }
}

export class SimRange implements Faked<
  RangeApi,
  | "getValues"
  | "getValue"
  | "getDisplayValues"
  | "getNumRows"
  | "getNumColumns"
  | "getRow"
  | "getColumn"
  | "getLastRow"
  | "getLastColumn"
  | "getA1Notation"
  | "getBackgrounds"
  | "getFontColors"
  | "getFontWeights"
  | "getNumberFormats"
  | "getNotes"
  | "getFormulas"
  | "getNote"
  | "getBackground"
> {
  readonly _api: RangeApi;
  constructor(
    readonly _ctx: SimContext,
    readonly _sheet: SimSheet,
    readonly _row: number,
    readonly _col: number,
    readonly _rows: number,
    readonly _cols: number,
  ) {
    this._api = counted(
      this,
      "Range",
      _ctx.log,
      classifySheetsCall(() => _rows * _cols),
    ) as unknown as RangeApi;
  }

  private grid<T>(cell: (r: number, c: number) => T): T[][] {
    const realm = this._ctx.realm;
    const out: T[][] = [];
    for (let i = 0; i < this._rows; i++) {
      const row: T[] = [];
      for (let j = 0; j < this._cols; j++) row.push(cell(this._row + i, this._col + j));
      out.push(realm.array(row));
    }
    return realm.array(out);
  }
  /** Checks a 2D argument's shape with Apps Script's messages. */
  private checkShape(data: unknown, method: string): unknown[][] {
    const ex = (m: string) => this._ctx.realm.exception(m);
    if (!Array.isArray(data) || !data.every((row) => Array.isArray(row))) {
      throw ex(
        `The parameters (${Array.isArray(data) ? "number[]" : typeof data}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    if (data.length !== this._rows) {
      throw ex(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this._rows}.`,
      );
    }
    for (const row of data as unknown[][]) {
      if (row.length !== this._cols) {
        throw ex(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this._cols}.`,
        );
      }
    }
    return data as unknown[][];
  }
  private readValue(r: number, c: number): CellValue {
    const v = this._sheet._get(r, c);
    return isDate(v) ? this._ctx.realm.date(v.getTime()) : v;
  }
  private setMeta<K extends keyof CellMeta>(
    key: K,
    data: unknown[][] | undefined,
    single?: CellMeta[K],
  ): RangeApi {
    const grid = data ? this.checkShape(data, `set${key[0]!.toUpperCase()}${key.slice(1)}s`) : undefined;
    for (let i = 0; i < this._rows; i++) {
      for (let j = 0; j < this._cols; j++) {
        const value = (grid ? grid[i]![j] : single) as CellMeta[K];
        const r = this._row + i;
        const c = this._col + j;
        if (value === null || value === undefined || value === "") {
          const m = this._sheet._metaAt(r, c);
          if (m) delete m[key];
        } else this._sheet._metaFor(r, c)[key] = value;
      }
    }
    return this._api;
  }
  private metaGrid<K extends keyof CellMeta>(
    key: K,
    fallback: NonNullable<CellMeta[K]> | null,
  ): Array<Array<CellMeta[K] | null>> {
    return this.grid((r, c) => this._sheet._metaAt(r, c)?.[key] ?? fallback);
  }

  getSheet(): SheetApi {
    return this._sheet._api;
  }
  getRow(): number {
    return this._row;
  }
  getRowIndex(): number {
    return this._row;
  }
  getColumn(): number {
    return this._col;
  }
  getNumRows(): number {
    return this._rows;
  }
  getNumColumns(): number {
    return this._cols;
  }
  getLastRow(): number {
    return this._row + this._rows - 1;
  }
  getLastColumn(): number {
    return this._col + this._cols - 1;
  }
  getA1Notation(): string {
    const start = `${columnLetters(this._col)}${this._row}`;
    if (this._rows === 1 && this._cols === 1) return start;
    return `${start}:${columnLetters(this._col + this._cols - 1)}${this._row + this._rows - 1}`;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeApi {
    return this._sheet.getRange(
      this._row + rowOffset,
      this._col + columnOffset,
      numRows ?? this._rows,
      numColumns ?? this._cols,
    );
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
   * A fresh 2D array of the range's exact shape: Number, Boolean, Date or String, '' for an empty cell.
   */
  getValues(): unknown[][] {
    return this.grid((r, c) => this.readValue(r, c));
  }
  getValue(): unknown {
    return this.readValue(this._row, this._col);
  }
  getDisplayValues(): string[][] {
    const tz = this._sheet._parent._timeZone;
    return this.grid((r, c) =>
      displayValue(this._sheet._get(r, c), this._sheet._metaAt(r, c)?.numberFormat, tz, formatDate),
    );
  }
  getDisplayValue(): string {
    return this.getDisplayValues()[0]![0]!;
  }
  getFormulas(): string[][] {
    return this.grid((r, c) => this._sheet._metaAt(r, c)?.formula ?? "");
  }
  getFormula(): string {
    return this._sheet._metaAt(this._row, this._col)?.formula ?? "";
  }
  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
   * Throws when the data's dimensions differ from the range's; strings are parsed as typed input.
   */
  setValues(values: unknown[][]): RangeApi {
    const data = this.checkShape(values, "setValues");
    for (let i = 0; i < this._rows; i++)
      for (let j = 0; j < this._cols; j++) this._sheet._write(this._row + i, this._col + j, data[i]![j]);
    return this._api;
  }
  setValue(value: unknown): RangeApi {
    for (let i = 0; i < this._rows; i++)
      for (let j = 0; j < this._cols; j++) this._sheet._write(this._row + i, this._col + j, value);
    return this._api;
  }
  setFormula(formula: string): RangeApi {
    return this.setValue(formula.startsWith("=") ? formula : `=${formula}`);
  }
  clear(): RangeApi {
    for (let i = 0; i < this._rows; i++) {
      for (let j = 0; j < this._cols; j++) {
        this._sheet._set(this._row + i, this._col + j, "");
        const row = this._sheet._meta[this._row + i - 1];
        if (row) row[this._col + j - 1] = undefined;
      }
    }
    return this._api;
  }
  clearContent(): RangeApi {
    for (let i = 0; i < this._rows; i++) {
      for (let j = 0; j < this._cols; j++) {
        this._sheet._set(this._row + i, this._col + j, "");
        const m = this._sheet._metaAt(this._row + i, this._col + j);
        if (m) delete m.formula;
      }
    }
    return this._api;
  }
  clearFormat(): RangeApi {
    for (let i = 0; i < this._rows; i++) {
      for (let j = 0; j < this._cols; j++) {
        const m = this._sheet._metaAt(this._row + i, this._col + j);
        if (m)
          for (const k of ["background", "fontColor", "fontWeight", "numberFormat", "wrap"] as const)
            delete m[k];
      }
    }
    return this._api;
  }

  setBackground(color: string | null): RangeApi {
    return this.setMeta("background", undefined, color ?? undefined);
  }
  setBackgrounds(colors: string[][]): RangeApi {
    return this.setMeta("background", colors);
  }
  getBackground(): string {
    return this._sheet._metaAt(this._row, this._col)?.background ?? "#ffffff";
  }
  getBackgrounds(): string[][] {
    return this.metaGrid("background", "#ffffff") as string[][];
  }
  setFontColor(color: string | null): RangeApi {
    return this.setMeta("fontColor", undefined, color ?? undefined);
  }
  setFontColors(colors: unknown[][]): RangeApi {
    return this.setMeta("fontColor", colors);
  }
  getFontColors(): string[][] {
    return this.metaGrid("fontColor", "#000000") as string[][];
  }
  setFontWeight(weight: string | null): RangeApi {
    return this.setMeta("fontWeight", undefined, weight ?? undefined);
  }
  setFontWeights(weights: unknown[][]): RangeApi {
    return this.setMeta("fontWeight", weights);
  }
  getFontWeights(): string[][] {
    return this.metaGrid("fontWeight", "normal") as string[][];
  }
  setNumberFormat(format: string): RangeApi {
    return this.setMeta("numberFormat", undefined, format);
  }
  setNumberFormats(formats: unknown[][]): RangeApi {
    return this.setMeta("numberFormat", formats);
  }
  getNumberFormats(): string[][] {
    return this.metaGrid("numberFormat", "0.###############") as string[][];
  }
  setNote(note: string | null): RangeApi {
    return this.setMeta("note", undefined, note ?? undefined);
  }
  setNotes(notes: unknown[][]): RangeApi {
    return this.setMeta("note", notes);
  }
  getNote(): string {
    return this._sheet._metaAt(this._row, this._col)?.note ?? "";
  }
  getNotes(): string[][] {
    return this.metaGrid("note", "") as string[][];
  }
  setWrap(isWrapEnabled: boolean): RangeApi {
    return this.setMeta("wrap", undefined, isWrapEnabled);
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): RangeApi {
    return this.setMeta("validation", undefined, (rule ?? undefined) as unknown as SimDataValidation);
  }
  setDataValidations(rules: unknown[][]): RangeApi {
    return this.setMeta("validation", rules);
  }
  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    return (this._sheet._metaAt(this._row, this._col)?.validation ??
      null) as unknown as GoogleAppsScript.Spreadsheet.DataValidation | null;
  }
  getDataValidations(): Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>> {
    return this.metaGrid("validation", null) as unknown as Array<
      Array<GoogleAppsScript.Spreadsheet.DataValidation | null>
    >;
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const p = new SimProtection(this._ctx, "RANGE", this._sheet, this);
    this._sheet._protections.push(p);
    return p._api;
  }
  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/range#sort(Object)
   * Sorts the rows of the range (values and formats move together). Numbers sort before text, blanks last.
   */
  sort(
    spec:
      | number
      | { column: number; ascending?: boolean }
      | Array<number | { column: number; ascending?: boolean }>,
  ): RangeApi {
    const specs = (Array.isArray(spec) ? spec : [spec]).map((s) =>
      typeof s === "number"
        ? { column: s, ascending: true }
        : { column: s.column, ascending: s.ascending ?? true },
    );
    this._sheet._sortRows(this._row, this._rows, specs);
    return this._api;
  }
}

export interface SortSpec {
  column: number;
  ascending: boolean;
}

function compareCells(a: CellValue, b: CellValue): number {
  const rank = (v: CellValue) => (typeof v === "number" || isDate(v) ? 0 : typeof v === "boolean" ? 2 : 1);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return String(a).localeCompare(String(b), "zh-CN");
  return Number(a) - Number(b);
}

export class SimProtection {
  _description = "";
  _warningOnly = false;
  _editors: string[];
  _removed = false;
  readonly _api: GoogleAppsScript.Spreadsheet.Protection;
  constructor(
    readonly _ctx: SimContext,
    readonly _type: "RANGE" | "SHEET",
    readonly _sheet: SimSheet,
    readonly _range: SimRange | undefined,
  ) {
    this._editors = [_ctx.owner];
    this._api = counted(
      this,
      "Protection",
      _ctx.log,
      classifySheetsCall(() => 0),
    ) as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }
  _covers(r: number, c: number): boolean {
    if (this._removed) return false;
    if (!this._range) return true;
    const g = this._range;
    return r >= g._row && r < g._row + g._rows && c >= g._col && c < g._col + g._cols;
  }
  setDescription(description: string): GoogleAppsScript.Spreadsheet.Protection {
    this._description = description;
    return this._api;
  }
  getDescription(): string {
    return this._description;
  }
  setWarningOnly(warningOnly: boolean): GoogleAppsScript.Spreadsheet.Protection {
    this._warningOnly = warningOnly;
    return this._api;
  }
  isWarningOnly(): boolean {
    return this._warningOnly;
  }
  addEditor(email: string): GoogleAppsScript.Spreadsheet.Protection {
    if (!this._editors.includes(email)) this._editors.push(email);
    return this._api;
  }
  addEditors(emails: string[]): GoogleAppsScript.Spreadsheet.Protection {
    emails.forEach((e) => this.addEditor(e));
    return this._api;
  }
  removeEditors(emails: string[]): GoogleAppsScript.Spreadsheet.Protection {
    // The owner can never be removed from a protection.
    this._editors = this._editors.filter((e) => e === this._ctx.owner || !emails.includes(e));
    return this._api;
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return this._ctx.realm.array(
      this._editors.map((e) => simUser(e) as unknown as GoogleAppsScript.Base.User),
    );
  }
  getRange(): RangeApi {
    return (this._range?._api ?? this._sheet.getDataRange()) as RangeApi;
  }
  getProtectionType(): string {
    return this._type;
  }
  remove(): void {
    this._removed = true;
    const list = this._sheet._protections;
    list.splice(list.indexOf(this), 1);
  }
  canEdit(): boolean {
    const user = this._ctx.execution()?.user ?? this._ctx.owner;
    return this._warningOnly || this._editors.includes(user);
  }
  _domainEdit = true;
  /** https://developers.google.com/apps-script/reference/spreadsheet/protection#canDomainEdit() */
  canDomainEdit(): boolean {
    return this._domainEdit;
  }
  setDomainEdit(editable: boolean): GoogleAppsScript.Spreadsheet.Protection {
    this._domainEdit = editable;
    return this._api;
  }
}

/**
 * https://developers.google.com/apps-script/reference/spreadsheet/range-list — several ranges of one
 * sheet changed in one call.
 */
export class SimRangeList {
  readonly _api: GoogleAppsScript.Spreadsheet.RangeList;
  constructor(
    readonly _ctx: SimContext,
    readonly _ranges: SimRange[],
  ) {
    const cells = () => _ranges.reduce((n, r) => n + r._rows * r._cols, 0);
    this._api = counted(
      this,
      "RangeList",
      _ctx.log,
      classifySheetsCall((m) => (m === "getRanges" ? 0 : cells())),
    ) as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }
  getRanges(): RangeApi[] {
    return this._ctx.realm.array(this._ranges.map((r) => r._api));
  }
  setValue(value: unknown): GoogleAppsScript.Spreadsheet.RangeList {
    for (const r of this._ranges) r.setValue(value);
    return this._api;
  }
  setBackground(color: string | null): GoogleAppsScript.Spreadsheet.RangeList {
    for (const r of this._ranges) r.setBackground(color);
    return this._api;
  }
  setNote(note: string | null): GoogleAppsScript.Spreadsheet.RangeList {
    for (const r of this._ranges) r.setNote(note);
    return this._api;
  }
  setFontWeight(weight: string | null): GoogleAppsScript.Spreadsheet.RangeList {
    for (const r of this._ranges) r.setFontWeight(weight);
    return this._api;
  }
  clearContent(): GoogleAppsScript.Spreadsheet.RangeList {
    for (const r of this._ranges) r.clearContent();
    return this._api;
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder */
export class SimDataValidationBuilder {
  private criteria = "";
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText = "";
  requireValueInList(values: string[], showDropdown = true): this {
    this.criteria = "VALUE_IN_LIST";
    this.values = [[...values], showDropdown];
    return this;
  }
  requireDate(): this {
    this.criteria = "DATE_IS_VALID_DATE";
    this.values = [];
    return this;
  }
  requireNumberBetween(start: number, end: number): this {
    this.criteria = "NUMBER_BETWEEN";
    this.values = [start, end];
    return this;
  }
  requireCheckbox(): this {
    this.criteria = "CHECKBOX";
    this.values = [];
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.allowInvalid = allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): this {
    this.helpText = helpText;
    return this;
  }
  build(): SimDataValidation {
    return new SimDataValidation(this.criteria, this.values, this.allowInvalid, this.helpText);
  }
}

export class SimDataValidation {
  constructor(
    readonly _criteria: string,
    readonly _values: unknown[],
    readonly _allowInvalid: boolean,
    readonly _helpText: string,
  ) {}
  getCriteriaType(): string {
    return this._criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this._values];
  }
  getAllowInvalid(): boolean {
    return this._allowInvalid;
  }
  getHelpText(): string {
    return this._helpText;
  }
  /** Whether a value a person types passes the rule (as the Sheets UI checks it). */
  _accepts(value: CellValue): boolean {
    if (value === "") return true;
    switch (this._criteria) {
      case "VALUE_IN_LIST":
        return (this._values[0] as string[]).includes(String(value));
      case "DATE_IS_VALID_DATE":
        return isDate(value);
      case "NUMBER_BETWEEN":
        return (
          typeof value === "number" &&
          value >= (this._values[0] as number) &&
          value <= (this._values[1] as number)
        );
      case "CHECKBOX":
        return typeof value === "boolean";
      default:
        return true;
    }
  }
}

/** The spreadsheet UI as a recorder: menus built, alerts shown, prompts answered from a queue. */
export class SimUi {
  readonly ButtonSet = { OK: "OK", OK_CANCEL: "OK_CANCEL", YES_NO: "YES_NO", YES_NO_CANCEL: "YES_NO_CANCEL" };
  readonly Button = { OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO", CLOSE: "CLOSE" };
  constructor(
    private readonly ctx: SimContext,
    private readonly spreadsheetId: string | undefined,
  ) {}
  createMenu(caption: string) {
    const items: Array<{ caption: string; functionName: string } | "separator"> = [];
    const menu = {
      addItem: (itemCaption: string, functionName: string) => {
        items.push({ caption: itemCaption, functionName });
        return menu;
      },
      addSeparator: () => {
        items.push("separator");
        return menu;
      },
      addToUi: () => {
        this.ctx.ui.push({
          at: this.ctx.clock.now,
          kind: "menu",
          spreadsheetId: this.spreadsheetId,
          title: caption,
          message: JSON.stringify(items),
        });
      },
    };
    return menu;
  }
  /** The three signatures of Ui.alert/prompt: (prompt), (prompt, buttons), (title, prompt, buttons). */
  private split(first: string, second?: string): [string, string] {
    const isButtons = second !== undefined && (Object.values(this.ButtonSet) as string[]).includes(second);
    return second === undefined || isButtons ? ["", first] : [first, second];
  }
  alert(titleOrPrompt: string, prompt?: string, _buttons?: string): string {
    const [title, message] = this.split(titleOrPrompt, prompt);
    this.ctx.ui.push({
      at: this.ctx.clock.now,
      kind: "alert",
      spreadsheetId: this.spreadsheetId,
      title,
      message,
      user: this.ctx.execution()?.user,
    });
    return this.ctx.dialogAnswers.shift()?.button ?? "OK";
  }
  prompt(titleOrPrompt: string, prompt?: string, _buttons?: string) {
    const [title, message] = this.split(titleOrPrompt, prompt);
    this.ctx.ui.push({
      at: this.ctx.clock.now,
      kind: "prompt",
      spreadsheetId: this.spreadsheetId,
      title,
      message,
      user: this.ctx.execution()?.user,
    });
    const answer = this.ctx.dialogAnswers.shift() ?? { button: "CANCEL", text: "" };
    return { getSelectedButton: () => answer.button, getResponseText: () => answer.text ?? "" };
  }
}
