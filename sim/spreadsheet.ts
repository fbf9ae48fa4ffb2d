// In-memory SpreadsheetApp: spreadsheets (with their locale and sharing), sheets, ranges, values, the
// formats scripts commonly set, rich text, data validation, conditional formatting, protections, frozen
// rows, hidden sheets. Behaviour follows the reference pages cited at each method.
// https://developers.google.com/apps-script/reference/spreadsheet
import { counted, isDate, unwrap, type CallInfo, type CallKind } from "./host";
import { SCOPES, type Faked, type SimContext } from "./context";
import { displayValue, parseEntered, type CellValue } from "./values";
import { formatDate } from "./format-date";

type RangeApi = GoogleAppsScript.Spreadsheet.Range;
type SheetApi = GoogleAppsScript.Spreadsheet.Sheet;
type SpreadsheetApi = GoogleAppsScript.Spreadsheet.Spreadsheet;
type ProtectionApi = GoogleAppsScript.Spreadsheet.Protection;
type UserLike = string | { getEmail(): string };

export interface SimChart {
  type: string;
  ranges: string[];
  position: [number, number];
  options: Record<string, unknown>;
}

interface TextStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  fontSize?: number;
  fontFamily?: string;
  foregroundColor?: string;
}

interface RichTextRun {
  start: number;
  end: number;
  link?: string | null;
  style?: TextStyle;
}

export interface CellMeta {
  formula?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontSize?: number;
  fontFamily?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  numberFormat?: string;
  note?: string;
  validation?: SimDataValidation;
  wrap?: boolean;
  /** Links and styles inside the text (Range.setRichTextValue). */
  richText?: RichTextRun[];
}

const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;
/** https://support.google.com/drive/answer/37603 — a spreadsheet holds at most 10 million cells. */
const MAX_CELLS = 10_000_000;
/** https://support.google.com/drive/answer/37603 — a cell holds at most 50,000 characters. */
const MAX_CELL_CHARS = 50_000;

const CELL_LIMIT_MESSAGE =
  "This action would increase the number of cells in the workbook above the limit of 10000000 cells.";
const CELL_CHARS_MESSAGE = "Your input contains more than the maximum of 50000 characters in a single cell.";
const PROTECTED_MESSAGE =
  "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

// ---------------------------------------------------------------- the cost of each call

/** Calls answered without a Sheets round trip: geometry, names and ids already known, builders. */
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
  "getCell",
  "getParent",
  "getName",
  "getSheetName",
  "getSheetId",
  "getId",
  "getUrl",
  "getIndex",
  "getRowIndex",
  "getColumnIndex",
  "getHeight",
  "getWidth",
  "newDataValidation",
  "newRichTextValue",
  "newTextStyle",
  "newConditionalFormatRule",
  "newChart",
  "getActiveSpreadsheet",
  "getActive",
  "getProtectionType",
  "createTextFinder",
  "getDescription",
  "isWarningOnly",
]);
/** Sheets round trips that carry no cells. */
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
  "getNumSheets",
  "getSheetById",
  "openById",
  "openByUrl",
  "getActiveSheet",
  "getActiveRange",
  "getActiveCell",
  "getCurrentCell",
  "getSpreadsheetTimeZone",
  "getSpreadsheetLocale",
  "getProtections",
  "getUnprotectedRanges",
  "getCharts",
  "toast",
  "flush",
  "getEditors",
  "getViewers",
  "getOwner",
  "canEdit",
  "canDomainEdit",
  "getConditionalFormatRules",
  "isSheetHidden",
  "isRowHiddenByUser",
  "isColumnHiddenByUser",
  "getColumnWidth",
  "getRowHeight",
  "getFormUrl",
  "getTabColor",
  "getRange(sheet)",
]);
/** Geometry of a Range (its own bounds), as opposed to Sheet.getLastRow, which asks Sheets. */
const RANGE_GEOMETRY = new Set(["getLastRow", "getLastColumn"]);
const READS = /^(get|is)/;

function sheetsClassifier(className: string, cellsOf: (method: string, args: unknown[]) => number) {
  return (method: string, args: unknown[]): Omit<CallInfo, "name"> => {
    const other = method === "openById" || method === "openByUrl" || method === "create";
    const scope = other ? SCOPES.spreadsheets : SCOPES.spreadsheetsCurrent;
    if (other) return { kind: method === "create" ? "drive" : "meta", cells: 0, scope, needsAuth: true };
    if (method === "getUi") return { kind: "local", cells: 0, scope: SCOPES.containerUi };
    if (className === "Range" && RANGE_GEOMETRY.has(method)) return { kind: "local", cells: 0, scope };
    if (className === "Spreadsheet" && method === "getRange") return { kind: "meta", cells: 0, scope };
    if (LOCAL_METHODS.has(method)) return { kind: "local", cells: 0, scope };
    if (META_METHODS.has(method)) return { kind: "meta", cells: 0, scope };
    const kind: CallKind = READS.test(method) ? "read" : "write";
    return { kind, cells: cellsOf(method, args), scope };
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
const emailOf = (u: UserLike) => (typeof u === "string" ? u : u.getEmail());
const domainOf = (email: string) => email.split("@")[1]?.toLowerCase() ?? "";

// ---------------------------------------------------------------- SpreadsheetApp

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
  readonly BooleanCriteria = Object.fromEntries(BOOLEAN_CRITERIA.map((c) => [c, c]));
  readonly BorderStyle = Object.fromEntries(
    ["DOTTED", "DASHED", "SOLID", "SOLID_MEDIUM", "SOLID_THICK", "DOUBLE"].map((c) => [c, c]),
  );

  constructor(readonly _ctx: SimContext) {
    this._api = counted(
      this,
      "SpreadsheetApp",
      _ctx.log,
      sheetsClassifier("SpreadsheetApp", () => 0),
    ) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  }

  _create(name: string, options: { id?: string; locale?: string } = {}): SimSpreadsheet {
    const ss = new SimSpreadsheet(this._ctx, options.id ?? this._ctx.ids.next("ss"), name, options.locale);
    this._spreadsheets.set(ss._id, ss);
    return ss;
  }
  private active(): SimSpreadsheet | undefined {
    return this._activeId ? this._spreadsheets.get(this._activeId) : undefined;
  }

  getActiveSpreadsheet(): SpreadsheetApi {
    // Outside a container-bound context Apps Script returns null here.
    return (this.active()?._api ?? null) as SpreadsheetApi;
  }
  getActive(): SpreadsheetApi {
    return this.getActiveSpreadsheet();
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getActiveSheet() */
  getActiveSheet(): SheetApi {
    return (this.active()?.getActiveSheet() ?? null) as SheetApi;
  }
  setActiveSheet(sheet: SheetApi): SheetApi {
    return this.active()!.setActiveSheet(sheet);
  }
  getActiveRange(): RangeApi {
    return (this.active()?.getActiveRange() ?? null) as RangeApi;
  }
  getCurrentCell(): RangeApi {
    return (this.active()?.getCurrentCell() ?? null) as RangeApi;
  }
  openById(id: string): SpreadsheetApi {
    const ss = this._spreadsheets.get(id);
    if (!ss)
      throw this._ctx.realm.exception(
        `Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
      );
    return ss._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openByUrl(String) */
  openByUrl(url: string): SpreadsheetApi {
    const id = /\/spreadsheets\/d\/([^/?#]+)/.exec(String(url))?.[1];
    const ss = id ? this._spreadsheets.get(id) : undefined;
    if (!ss)
      throw this._ctx.realm.exception(
        `Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.`,
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
  /** https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value-builder */
  newRichTextValue(): GoogleAppsScript.Spreadsheet.RichTextValueBuilder {
    return new SimRichTextValueBuilder(
      "",
      [],
    ) as unknown as GoogleAppsScript.Spreadsheet.RichTextValueBuilder;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/text-style-builder */
  newTextStyle(): GoogleAppsScript.Spreadsheet.TextStyleBuilder {
    return new SimTextStyleBuilder({}) as unknown as GoogleAppsScript.Spreadsheet.TextStyleBuilder;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder */
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return new SimConditionalFormatRuleBuilder(
      this._ctx,
    ) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  }
  getUi(): GoogleAppsScript.Base.Ui {
    const ex = this._ctx.execution();
    if (ex && !ex.hasUi)
      throw this._ctx.realm.exception("Cannot call SpreadsheetApp.getUi() from this context.");
    return counted(new SimUi(this._ctx, this._activeId), "Ui", this._ctx.log, (m) =>
      m.startsWith("show")
        ? // Dialogs and sidebars need authorisation: a simple trigger cannot show one.
          { kind: "ui", cells: 0, scope: SCOPES.containerUi, needsAuth: true }
        : m === "alert" || m === "prompt"
          ? { kind: "ui", cells: 0, scope: SCOPES.containerUi }
          : { kind: "local", cells: 0 },
    ) as unknown as GoogleAppsScript.Base.Ui;
  }
}

// ---------------------------------------------------------------- Spreadsheet

export class SimSpreadsheet implements Faked<
  SpreadsheetApi,
  | "getId"
  | "getName"
  | "getUrl"
  | "getSpreadsheetTimeZone"
  | "setSpreadsheetTimeZone"
  | "getSpreadsheetLocale"
  | "setSpreadsheetLocale"
  | "deleteSheet"
  | "moveActiveSheet"
  | "getNumSheets"
> {
  readonly _sheets: SimSheet[] = [];
  readonly _api: SpreadsheetApi;
  _timeZone: string;
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetLocale() */
  _locale: string;
  /** People the spreadsheet is shared with (the owner can always edit). */
  readonly _editors = new Set<string>();
  readonly _viewers = new Set<string>();
  /** Menus added with Spreadsheet.addMenu, by name. */
  readonly _menus = new Map<string, Array<{ name: string; functionName: string } | null>>();
  _activeSheet: SimSheet | undefined;
  _activeRange: SimRange | undefined;
  private nextSheetId = 0;
  constructor(
    readonly _ctx: SimContext,
    readonly _id: string,
    public _name: string,
    locale = "zh_CN",
  ) {
    this._timeZone = _ctx.scriptTimeZone;
    this._locale = locale;
    this._api = counted(
      this,
      "Spreadsheet",
      _ctx.log,
      sheetsClassifier("Spreadsheet", (m, a) => (m === "appendRow" ? ((a[0] as unknown[]) ?? []).length : 0)),
    ) as unknown as SpreadsheetApi;
    this._addSheet(locale.startsWith("zh") ? "工作表1" : "Sheet1");
  }
  get _owner(): string {
    return this._ctx.owner;
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
  _sheetOf(api: SheetApi): SimSheet {
    const s = unwrap(api, SimSheet);
    if (!s || !this._sheets.includes(s)) throw this._ctx.realm.exception("Sheet not found");
    return s;
  }
  /** Whether this person may open the spreadsheet for editing (the owner or someone it is shared with). */
  _canEdit(email: string): boolean {
    return email === this._owner || this._editors.has(email);
  }
  /** The spreadsheet's editors: the owner first, then those it is shared with for editing. */
  _editorList(): string[] {
    return [this._owner, ...[...this._editors].filter((e) => e !== this._owner)];
  }
  /** Whether the spreadsheet belongs to a Google Workspace domain (consumer accounts have none). */
  _isDomain(): boolean {
    return this._ctx.account === "workspace";
  }
  _sameDomain(email: string): boolean {
    return this._isDomain() && domainOf(email) === domainOf(this._owner);
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
  getSpreadsheetLocale(): string {
    return this._locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this._locale = locale;
  }
  getSheets(): SheetApi[] {
    return this._ctx.realm.array(this._sheets.map((s) => s._api));
  }
  getNumSheets(): number {
    return this._sheets.length;
  }
  getSheetByName(name: string): SheetApi {
    return (this._sheet(name)?._api ?? null) as SheetApi;
  }
  getSheetById(id: number): SheetApi {
    return (this._sheets.find((s) => s._sheetId === id)?._api ?? null) as SheetApi;
  }
  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getActiveSheet() — the
   * sheet the person is looking at; a run with no one's browser attached gets the first sheet.
   */
  getActiveSheet(): SheetApi {
    return this._activeSheetFor()._api;
  }
  _activeSheetFor(): SimSheet {
    const ex = this._ctx.execution();
    const active =
      this._activeSheet && this._sheets.includes(this._activeSheet) ? this._activeSheet : undefined;
    return (ex && !ex.hasUi ? undefined : active) ?? this._sheets[0]!;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setActiveSheet(Sheet) */
  setActiveSheet(sheet: SheetApi): SheetApi {
    this._activeSheet = this._sheetOf(sheet);
    this._activeRange = undefined;
    return sheet;
  }
  getActiveRange(): RangeApi {
    const sheet = this._activeSheetFor();
    const r = this._activeRange && this._activeRange._sheet === sheet ? this._activeRange : undefined;
    return (r ?? new SimRange(this._ctx, sheet, 1, 1, 1, 1))._api;
  }
  getActiveCell(): RangeApi {
    const r = this.getActiveRange();
    return r.getCell(1, 1);
  }
  getCurrentCell(): RangeApi {
    return this.getActiveCell();
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveActiveSheet(Integer) */
  moveActiveSheet(pos: number): void {
    const sheet = this._activeSheetFor();
    if (!Number.isInteger(pos) || pos < 1 || pos > this._sheets.length)
      throw this._ctx.realm.exception("Invalid argument: pos");
    this._sheets.splice(this._sheets.indexOf(sheet), 1);
    this._sheets.splice(pos - 1, 0, sheet);
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getRange(String) — "Sheet1!A1:B2". */
  getRange(a1Notation: string): RangeApi {
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(a1Notation);
    const sheet = m ? this._sheet((m[1] ?? m[2]!).replace(/''/g, "'")) : this._activeSheetFor();
    if (!sheet) throw this._ctx.realm.exception("Range not found");
    return sheet.getRange(m ? m[3]! : a1Notation);
  }
  getDataRange(): RangeApi {
    return this._activeSheetFor().getDataRange();
  }
  getLastRow(): number {
    return this._activeSheetFor()._lastRow();
  }
  getLastColumn(): number {
    return this._activeSheetFor()._lastColumn();
  }
  appendRow(rowContents: unknown[]): SheetApi {
    return this._activeSheetFor().appendRow(rowContents);
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer) */
  insertSheet(name?: string | number | object, index?: number): SheetApi {
    const sheetName =
      typeof name === "string"
        ? name
        : `${this._locale.startsWith("zh") ? "工作表" : "Sheet"}${this._sheets.length + 1}`;
    if (this._sheet(sheetName)) {
      throw this._ctx.realm.exception(
        `A sheet with the name "${sheetName}" already exists. Please enter another name.`,
      );
    }
    this._checkCellLimit(DEFAULT_ROWS * DEFAULT_COLUMNS);
    const sheet = this._addSheet(sheetName, typeof name === "number" ? name : index);
    // The new sheet becomes the active one, as in the Sheets UI.
    this._activeSheet = sheet;
    return sheet._api;
  }
  deleteSheet(sheet: SheetApi): void {
    const i = this._sheets.findIndex((s) => s._api === sheet);
    if (i < 0) throw this._ctx.realm.exception("Sheet not found");
    this._removeSheet(this._sheets[i]!);
  }
  _removeSheet(sheet: SimSheet): void {
    if (this._sheets.length === 1)
      throw this._ctx.realm.exception("You can't remove all the sheets in a document.");
    if (!sheet._hidden && this._sheets.filter((s) => !s._hidden).length === 1)
      throw this._ctx.realm.exception("You can't remove all the visible sheets in a document.");
    this._sheets.splice(this._sheets.indexOf(sheet), 1);
    if (this._activeSheet === sheet) this._activeSheet = undefined;
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
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addMenu(String,Object) */
  addMenu(name: string, subMenus: Array<{ name: string; functionName: string } | null>): void {
    const items = [...subMenus].map((m) =>
      m ? { name: String(m.name), functionName: String(m.functionName) } : null,
    );
    this._menus.set(name, items);
    this._ctx.ui.push({
      at: this._ctx.clock.now,
      kind: "menu",
      spreadsheetId: this._id,
      title: name,
      message: JSON.stringify(
        items.map((i) => (i ? { caption: i.name, functionName: i.functionName } : "separator")),
      ),
      user: this._ctx.execution()?.activeUser,
    });
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#removeMenu(String) */
  removeMenu(name: string): void {
    this._menus.delete(name);
    this._ctx.ui.push({
      at: this._ctx.clock.now,
      kind: "menu",
      spreadsheetId: this._id,
      title: name,
      message: "[]",
      user: this._ctx.execution()?.activeUser,
    });
  }
  updateMenu(name: string, subMenus: Array<{ name: string; functionName: string } | null>): void {
    this.addMenu(name, subMenus);
  }
  getProtections(type: string): ProtectionApi[] {
    return this._ctx.realm.array(
      this._sheets.flatMap((s) => s._protections.filter((p) => p._type === type).map((p) => p._api)),
    );
  }
  getOwner(): GoogleAppsScript.Base.User {
    return listedUser(this._owner) as unknown as GoogleAppsScript.Base.User;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getEditors() */
  getEditors(): GoogleAppsScript.Base.User[] {
    return this._ctx.realm.array(
      this._editorList().map((e) => listedUser(e) as unknown as GoogleAppsScript.Base.User),
    );
  }
  getViewers(): GoogleAppsScript.Base.User[] {
    return this._ctx.realm.array(
      [...new Set([...this._editorList(), ...this._viewers])].map(
        (e) => listedUser(e) as unknown as GoogleAppsScript.Base.User,
      ),
    );
  }
  addEditor(user: UserLike): SpreadsheetApi {
    this._editors.add(emailOf(user));
    this._viewers.delete(emailOf(user));
    return this._api;
  }
  addEditors(emails: string[]): SpreadsheetApi {
    emails.forEach((e) => this.addEditor(e));
    return this._api;
  }
  removeEditor(user: UserLike): SpreadsheetApi {
    this._editors.delete(emailOf(user));
    return this._api;
  }
  addViewer(user: UserLike): SpreadsheetApi {
    if (!this._editors.has(emailOf(user))) this._viewers.add(emailOf(user));
    return this._api;
  }
  addViewers(emails: string[]): SpreadsheetApi {
    emails.forEach((e) => this.addViewer(e));
    return this._api;
  }
  removeViewer(user: UserLike): SpreadsheetApi {
    this._viewers.delete(emailOf(user));
    return this._api;
  }
  private readonly parseOptions = { locale: "", now: 0 };
  /** How typed text is read here: the locale, and now (for dates typed without a year). */
  _parseOptions(): { locale: string; now: number } {
    this.parseOptions.locale = this._locale;
    this.parseOptions.now = this._ctx.clock.now;
    return this.parseOptions;
  }
  _checkCellLimit(extra: number): void {
    const cells = this._sheets.reduce((n, s) => n + s._maxRows * s._maxColumns, 0);
    if (cells + extra > MAX_CELLS) throw this._ctx.realm.exception(CELL_LIMIT_MESSAGE);
  }
}

// ---------------------------------------------------------------- Sheet

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
  | "isSheetHidden"
> {
  _values: CellValue[][] = [];
  _meta: Array<Array<CellMeta | undefined> | undefined> = [];
  _maxRows = DEFAULT_ROWS;
  _maxColumns = DEFAULT_COLUMNS;
  _frozenRows = 0;
  _frozenColumns = 0;
  _tabColor: string | null = null;
  _hidden = false;
  _columnWidths = new Map<number, number>();
  _rowHeights = new Map<number, number>();
  _hiddenRows = new Set<number>();
  _hiddenColumns = new Set<number>();
  _merges: Array<{ row: number; col: number; rows: number; cols: number }> = [];
  _protections: SimProtection[] = [];
  _conditionalFormats: SimConditionalFormatRule[] = [];
  _charts: SimChart[] = [];
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
      sheetsClassifier("Sheet", (m, a) =>
        m === "appendRow"
          ? ((a[0] as unknown[]) ?? []).length
          : m === "getSheetValues"
            ? Number(a[2]) * Number(a[3])
            : 0,
      ),
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
    const m = /^(?:'?[^!]+'?!)?\$?([A-Z]+)\$?(\d+)?(?::\$?([A-Z]+)\$?(\d+)?)?$/i.exec(a1.trim());
    if (!m) throw this._ctx.realm.exception(`Range not found`);
    const c1 = columnNumber(m[1]!);
    const r1 = m[2] ? Number(m[2]) : 1;
    const c2 = m[3] ? columnNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : m[3] || !m[2] ? this._maxRows : r1;
    return [Math.min(r1, r2), Math.min(c1, c2), Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1];
  }
  /** The effective user of the execution under way, when it is not the owner (whose writes nothing blocks). */
  private writer(): string | undefined {
    const user = this._ctx.execution()?.user;
    return user && user !== this._parent._owner ? user : undefined;
  }
  /**
   * A script writes as its effective user: a protection that user may not edit refuses the write, as it
   * refuses the person (https://developers.google.com/apps-script/reference/spreadsheet/protection).
   */
  _checkScriptWrite(row: number, col: number, rows: number, cols: number): void {
    const user = this.writer();
    if (!user || this._protections.length === 0) return;
    for (const p of this._protections)
      if (!p._warningOnly && p._intersects(row, col, rows, cols) && !p._allows(user))
        throw this._ctx.realm.exception(PROTECTED_MESSAGE);
  }
  /** Why a person may not edit a cell (no edit access, a protection), or undefined when they may. */
  _blockedFor(user: string, r: number, c: number): string | undefined {
    if (!this._parent._canEdit(user)) return "You need edit access to this spreadsheet to make changes.";
    const p = this._protections.find((x) => !x._warningOnly && x._covers(r, c) && !x._allows(user));
    return p ? PROTECTED_MESSAGE : undefined;
  }
  _checkCellText(value: unknown): void {
    if (typeof value === "string" && value.length > MAX_CELL_CHARS)
      throw this._ctx.realm.exception(CELL_CHARS_MESSAGE);
  }

  getName(): string {
    return this._name;
  }
  getSheetName(): string {
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
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getIndex() — 1-based position. */
  getIndex(): number {
    return this._parent._sheets.indexOf(this) + 1;
  }
  getParent(): SpreadsheetApi {
    return this._parent._api;
  }
  /** The form whose responses land in this sheet (set by Form.setDestination). */
  _formId: string | undefined;
  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFormUrl() — "the URL for the
   * form that sends its responses to this sheet, or null if this sheet has no associated form".
   */
  getFormUrl(): string | null {
    return this._formId ? `https://docs.google.com/forms/d/${this._formId}/viewform` : null;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#activate() */
  activate(): SheetApi {
    this._parent._activeSheet = this;
    return this._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideSheet() */
  hideSheet(): SheetApi {
    if (!this._hidden && this._parent._sheets.filter((s) => !s._hidden).length === 1)
      throw this._ctx.realm.exception("You can't hide all the sheets in a document.");
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
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#createTextFinder(String) — the whole sheet. */
  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    return new SimTextFinder(
      this._ctx,
      new SimRange(this._ctx, this, 1, 1, this._maxRows, this._maxColumns),
      findText,
    )._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getDataRange() */
  getDataRange(): RangeApi {
    return new SimRange(this._ctx, this, 1, 1, Math.max(1, this._lastRow()), Math.max(1, this._lastColumn()))
      ._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetValues(Integer,Integer,Integer,Integer) */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const rows = numRows === -1 ? this._lastRow() - startRow + 1 : numRows;
    const cols = numColumns === -1 ? this._lastColumn() - startColumn + 1 : numColumns;
    return new SimRange(
      this._ctx,
      this,
      startRow,
      startColumn,
      Math.max(rows, 1),
      Math.max(cols, 1),
    ).getValues();
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
  getTabColor(): string | null {
    return this._tabColor;
  }
  setColumnWidth(column: number, width: number): SheetApi {
    this._columnWidths.set(column, width);
    return this._api;
  }
  setColumnWidths(start: number, count: number, width: number): SheetApi {
    for (let c = start; c < start + count; c++) this._columnWidths.set(c, width);
    return this._api;
  }
  getColumnWidth(column: number): number {
    return this._columnWidths.get(column) ?? 100;
  }
  /** Sheets fits the width to the content; the runtime records a width from the longest text. */
  autoResizeColumns(start: number, count: number): SheetApi {
    for (let c = start; c < start + count; c++) {
      let longest = 0;
      for (let r = 1; r <= this._lastRow(); r++) longest = Math.max(longest, String(this._get(r, c)).length);
      this._columnWidths.set(c, Math.max(40, Math.min(600, 12 + longest * 9)));
    }
    return this._api;
  }
  autoResizeColumn(column: number): SheetApi {
    return this.autoResizeColumns(column, 1);
  }
  setRowHeight(row: number, height: number): SheetApi {
    this._rowHeights.set(row, height);
    return this._api;
  }
  setRowHeights(start: number, count: number, height: number): SheetApi {
    for (let r = start; r < start + count; r++) this._rowHeights.set(r, height);
    return this._api;
  }
  getRowHeight(row: number): number {
    return this._rowHeights.get(row) ?? 21;
  }
  hideColumns(start: number, count = 1): void {
    for (let c = start; c < start + count; c++) this._hiddenColumns.add(c);
  }
  showColumns(start: number, count = 1): void {
    for (let c = start; c < start + count; c++) this._hiddenColumns.delete(c);
  }
  hideRows(start: number, count = 1): void {
    for (let r = start; r < start + count; r++) this._hiddenRows.add(r);
  }
  showRows(start: number, count = 1): void {
    for (let r = start; r < start + count; r++) this._hiddenRows.delete(r);
  }
  isRowHiddenByUser(row: number): boolean {
    return this._hiddenRows.has(row);
  }
  isColumnHiddenByUser(column: number): boolean {
    return this._hiddenColumns.has(column);
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object) — grows the sheet if full. */
  appendRow(rowContents: unknown[]): SheetApi {
    rowContents.forEach((v) => this._checkCellText(v));
    const r = this._lastRow() + 1;
    this._checkScriptWrite(r, 1, 1, Math.max(1, rowContents.length));
    if (r > this._maxRows) this._insertRows(this._maxRows, 1);
    if (rowContents.length > this._maxColumns)
      this._insertColumns(this._maxColumns, rowContents.length - this._maxColumns);
    rowContents.forEach((v, i) => this._write(r, i + 1, v));
    return this._api;
  }
  _write(r: number, c: number, input: unknown): void {
    const meta = this._metaAt(r, c);
    const entered =
      typeof input === "string"
        ? parseEntered(
            input,
            this._parent._timeZone,
            meta?.numberFormat === "@",
            this._parent._parseOptions(),
          )
        : parseEntered(input, this._parent._timeZone, false);
    this._set(r, c, entered.value);
    if (meta?.richText) delete meta.richText;
    if (entered.formula) this._metaFor(r, c).formula = entered.formula;
    else if (meta?.formula) delete meta.formula;
  }
  _insertRows(after: number, count: number): void {
    this._parent._checkCellLimit(count * this._maxColumns);
    // Rows past the last stored one are empty already; rows below the insertion move down.
    const shift = <T>(rows: T[]): T[] => {
      if (after >= rows.length) return rows;
      const moved = rows.slice(after);
      const out = rows.slice(0, after);
      out.length = after + count;
      for (const row of moved) out.push(row);
      return out;
    };
    this._values = shift(this._values);
    this._meta = shift(this._meta);
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
  insertRowsBefore(beforePosition: number, howMany: number): SheetApi {
    return this.insertRowsAfter(beforePosition - 1, howMany);
  }
  insertRowBefore(beforePosition: number): SheetApi {
    return this.insertRowsAfter(beforePosition - 1, 1);
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this._insertRows(rowIndex - 1, numRows);
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
  insertColumnsBefore(beforePosition: number, howMany: number): SheetApi {
    return this.insertColumnsAfter(beforePosition - 1, howMany);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this._insertColumns(columnIndex - 1, numColumns);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this._checkScriptWrite(rowPosition, 1, howMany, this._maxColumns);
    this._deleteRows(rowPosition, howMany);
  }
  _deleteRows(rowPosition: number, howMany: number): void {
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
    this._checkScriptWrite(1, columnPosition, this._maxRows, howMany);
    this._deleteColumns(columnPosition, howMany);
  }
  _deleteColumns(columnPosition: number, howMany: number): void {
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
    this._checkScriptWrite(1, 1, this._maxRows, this._maxColumns);
    this._values = [];
    this._meta = [];
    return this._api;
  }
  clearContents(): SheetApi {
    this._checkScriptWrite(1, 1, this._maxRows, this._maxColumns);
    this._values = [];
    for (const row of this._meta) row?.forEach((m) => m && (delete m.formula, delete m.richText));
    return this._api;
  }
  clearFormats(): SheetApi {
    new SimRange(this._ctx, this, 1, 1, this._maxRows, this._maxColumns).clearFormat();
    return this._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#sort(Integer,Boolean) — rows below the frozen ones. */
  sort(columnPosition: number, ascending = true): SheetApi {
    const first = this._frozenRows + 1;
    const last = this._lastRow();
    if (last >= first) this._sortRows(first, last - first + 1, [{ column: columnPosition, ascending }]);
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
  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect() — "If the sheet is
   * already protected, this method returns an object representing the existing protection settings."
   */
  protect(): ProtectionApi {
    const existing = this._protections.find((p) => p._type === "SHEET");
    if (existing) return existing._api;
    const p = new SimProtection(this._ctx, "SHEET", this, undefined);
    this._protections.push(p);
    return p._api;
  }
  getProtections(type: string): ProtectionApi[] {
    return this._ctx.realm.array(this._protections.filter((p) => p._type === type).map((p) => p._api));
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule) */
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    this._conditionalFormats = [...rules].map((r: unknown) => {
      if (!(r instanceof SimConditionalFormatRule))
        throw this._ctx.realm.exception("Invalid argument: rules");
      return r;
    });
  }
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return this._ctx.realm.array(
      this._conditionalFormats as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule[],
    );
  }
  /**
   * The format a cell shows once the conditional formatting rules apply (the first rule whose condition
   * holds wins, as in Sheets). A formula the runtime cannot evaluate applies nothing.
   */
  _displayedFormat(r: number, c: number): { background: string; fontColor: string; bold: boolean } {
    const meta = this._metaAt(r, c);
    const base = {
      background: meta?.background ?? "#ffffff",
      fontColor: meta?.fontColor ?? "#000000",
      bold: meta?.fontWeight === "bold",
    };
    for (const rule of this._conditionalFormats) {
      const area = rule._ranges.find((g) => g.sheet === this && g.covers(r, c));
      if (!area || !rule._holds(this, r, c, area)) continue;
      return {
        background: rule._format.background ?? base.background,
        fontColor: rule._format.fontColor ?? base.fontColor,
        bold: rule._format.bold ?? base.bold,
      };
    }
    return base;
  }
}

// ---------------------------------------------------------------- Range

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
  | "isBlank"
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
      // A singular getter (getValue, getBackground) reads the top-left cell; everything else the whole range.
      sheetsClassifier("Range", (m) => (/^get.*[^s]$/.test(m) ? 1 : _rows * _cols)),
    ) as unknown as RangeApi;
  }

  _covers(r: number, c: number): boolean {
    return r >= this._row && r < this._row + this._rows && c >= this._col && c < this._col + this._cols;
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
  private each(fn: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < this._rows; i++)
      for (let j = 0; j < this._cols; j++) fn(this._row + i, this._col + j, i, j);
  }
  private guardWrite(): void {
    this._sheet._checkScriptWrite(this._row, this._col, this._rows, this._cols);
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
    this.guardWrite();
    const sheet = this._sheet;
    for (let i = 0; i < this._rows; i++) {
      const r = this._row + i;
      for (let j = 0; j < this._cols; j++) {
        const c = this._col + j;
        const value = (grid ? grid[i]![j] : single) as CellMeta[K];
        if (value === null || value === undefined || value === "") {
          const m = sheet._metaAt(r, c);
          if (m) delete m[key];
        } else sheet._metaFor(r, c)[key] = value;
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
  getHeight(): number {
    return this._rows;
  }
  getWidth(): number {
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
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#getCell(Integer,Integer) — 1-based, inside the range. */
  getCell(row: number, column: number): RangeApi {
    if (row < 1 || column < 1 || row > this._rows || column > this._cols)
      throw this._ctx.realm.exception("Cell reference out of range");
    return new SimRange(this._ctx, this._sheet, this._row + row - 1, this._col + column - 1, 1, 1)._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#activate() */
  activate(): RangeApi {
    this._sheet._parent._activeSheet = this._sheet;
    this._sheet._parent._activeRange = this;
    return this._api;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#isBlank() */
  isBlank(): boolean {
    let blank = true;
    this.each((r, c) => {
      if (this._sheet._get(r, c) !== "" || this._sheet._metaAt(r, c)?.formula) blank = false;
    });
    return blank;
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
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#createTextFinder(String) */
  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    return new SimTextFinder(this._ctx, this, findText)._api;
  }
  getFormulas(): string[][] {
    return this.grid((r, c) => this._sheet._metaAt(r, c)?.formula ?? "");
  }
  getFormula(): string {
    return this._sheet._metaAt(this._row, this._col)?.formula ?? "";
  }
  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
   * Throws when the data's dimensions differ from the range's; strings are parsed as typed input; a cell
   * holds at most 50,000 characters.
   */
  setValues(values: unknown[][]): RangeApi {
    const data = this.checkShape(values, "setValues");
    for (const row of data) for (const v of row) this._sheet._checkCellText(v);
    this.guardWrite();
    for (let i = 0; i < this._rows; i++)
      for (let j = 0; j < this._cols; j++) this._sheet._write(this._row + i, this._col + j, data[i]![j]);
    return this._api;
  }
  setValue(value: unknown): RangeApi {
    this._sheet._checkCellText(value);
    this.guardWrite();
    for (let i = 0; i < this._rows; i++)
      for (let j = 0; j < this._cols; j++) this._sheet._write(this._row + i, this._col + j, value);
    return this._api;
  }
  setFormula(formula: string): RangeApi {
    return this.setValue(formula.startsWith("=") ? formula : `=${formula}`);
  }
  setFormulas(formulas: string[][]): RangeApi {
    return this.setValues(formulas);
  }
  clear(): RangeApi {
    this.guardWrite();
    this.each((r, c) => {
      this._sheet._set(r, c, "");
      const row = this._sheet._meta[r - 1];
      if (row) row[c - 1] = undefined;
    });
    return this._api;
  }
  clearContent(): RangeApi {
    this.guardWrite();
    this.each((r, c) => {
      this._sheet._set(r, c, "");
      const m = this._sheet._metaAt(r, c);
      if (m) {
        delete m.formula;
        delete m.richText;
      }
    });
    return this._api;
  }
  clearFormat(): RangeApi {
    this.guardWrite();
    const keys = [
      "background",
      "fontColor",
      "fontWeight",
      "fontStyle",
      "fontSize",
      "fontFamily",
      "horizontalAlignment",
      "verticalAlignment",
      "numberFormat",
      "wrap",
    ] as const;
    this.each((r, c) => {
      const m = this._sheet._metaAt(r, c);
      if (m) for (const k of keys) delete m[k];
    });
    return this._api;
  }
  clearNote(): RangeApi {
    return this.setMeta("note", undefined, undefined);
  }
  clearDataValidations(): RangeApi {
    return this.setMeta("validation", undefined, undefined);
  }

  setBackground(color: string | null): RangeApi {
    return this.setMeta("background", undefined, color ?? undefined);
  }
  /** Deprecated alias of setBackground, used by Google's best-practices example. */
  setBackgroundColor(color: string | null): RangeApi {
    return this.setBackground(color);
  }
  setBackgrounds(colors: string[][]): RangeApi {
    return this.setMeta("background", colors);
  }
  /** Deprecated alias of setBackgrounds, used by Google's best-practices example. */
  setBackgroundColors(colors: string[][]): RangeApi {
    return this.setBackgrounds(colors);
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
  getFontColor(): string {
    return this._sheet._metaAt(this._row, this._col)?.fontColor ?? "#000000";
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
  getFontWeight(): string {
    return this._sheet._metaAt(this._row, this._col)?.fontWeight ?? "normal";
  }
  getFontWeights(): string[][] {
    return this.metaGrid("fontWeight", "normal") as string[][];
  }
  setFontStyle(style: string | null): RangeApi {
    return this.setMeta("fontStyle", undefined, style ?? undefined);
  }
  setFontStyles(styles: unknown[][]): RangeApi {
    return this.setMeta("fontStyle", styles);
  }
  getFontStyle(): string {
    return this._sheet._metaAt(this._row, this._col)?.fontStyle ?? "normal";
  }
  setFontSize(size: number): RangeApi {
    return this.setMeta("fontSize", undefined, size);
  }
  setFontSizes(sizes: unknown[][]): RangeApi {
    return this.setMeta("fontSize", sizes);
  }
  getFontSize(): number {
    return this._sheet._metaAt(this._row, this._col)?.fontSize ?? 10;
  }
  setFontFamily(family: string | null): RangeApi {
    return this.setMeta("fontFamily", undefined, family ?? undefined);
  }
  getFontFamily(): string {
    return this._sheet._metaAt(this._row, this._col)?.fontFamily ?? "Arial";
  }
  setHorizontalAlignment(alignment: string | null): RangeApi {
    return this.setMeta("horizontalAlignment", undefined, alignment ?? undefined);
  }
  setHorizontalAlignments(alignments: unknown[][]): RangeApi {
    return this.setMeta("horizontalAlignment", alignments);
  }
  getHorizontalAlignment(): string {
    return this._sheet._metaAt(this._row, this._col)?.horizontalAlignment ?? "general";
  }
  setVerticalAlignment(alignment: string | null): RangeApi {
    return this.setMeta("verticalAlignment", undefined, alignment ?? undefined);
  }
  setVerticalAlignments(alignments: unknown[][]): RangeApi {
    return this.setMeta("verticalAlignment", alignments);
  }
  getVerticalAlignment(): string {
    return this._sheet._metaAt(this._row, this._col)?.verticalAlignment ?? "bottom";
  }
  /** Borders are accepted and not kept (the runtime's exports do not draw them). */
  setBorder(..._args: unknown[]): RangeApi {
    this.guardWrite();
    return this._api;
  }
  setNumberFormat(format: string): RangeApi {
    return this.setMeta("numberFormat", undefined, format);
  }
  setNumberFormats(formats: unknown[][]): RangeApi {
    return this.setMeta("numberFormat", formats);
  }
  getNumberFormat(): string {
    return this._sheet._metaAt(this._row, this._col)?.numberFormat ?? "0.###############";
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
  setWraps(wraps: unknown[][]): RangeApi {
    return this.setMeta("wrap", wraps);
  }
  getWrap(): boolean {
    return this._sheet._metaAt(this._row, this._col)?.wrap ?? true;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#merge() */
  merge(): RangeApi {
    this.guardWrite();
    this._sheet._merges.push({ row: this._row, col: this._col, rows: this._rows, cols: this._cols });
    return this._api;
  }
  mergeAcross(): RangeApi {
    for (let i = 0; i < this._rows; i++)
      this._sheet._merges.push({ row: this._row + i, col: this._col, rows: 1, cols: this._cols });
    return this._api;
  }
  breakApart(): RangeApi {
    this._sheet._merges = this._sheet._merges.filter(
      (m) =>
        m.row + m.rows <= this._row ||
        m.row >= this._row + this._rows ||
        m.col + m.cols <= this._col ||
        m.col >= this._col + this._cols,
    );
    return this._api;
  }
  isPartOfMerge(): boolean {
    return this._sheet._merges.some(
      (m) =>
        m.row < this._row + this._rows &&
        m.row + m.rows > this._row &&
        m.col < this._col + this._cols &&
        m.col + m.cols > this._col,
    );
  }
  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/range#copyTo(Range) — values,
   * formulas and formats; the destination's top-left cell anchors the copy.
   */
  copyTo(destination: RangeApi): void {
    const dest = unwrap(destination, SimRange);
    if (!dest || dest._sheet._parent !== this._sheet._parent)
      throw this._ctx.realm.exception("Target range and source range must be on the same spreadsheet.");
    const sheet = dest._sheet;
    const [r0, c0] = [dest._row, dest._col];
    sheet._checkScriptWrite(r0, c0, this._rows, this._cols);
    const copies: Array<[number, number, CellValue, CellMeta | undefined]> = [];
    this.each((r, c, i, j) => {
      const m = this._sheet._metaAt(r, c);
      copies.push([r0 + i, c0 + j, this._sheet._get(r, c), m ? { ...m } : undefined]);
    });
    for (const [r, c, v, m] of copies) {
      sheet._set(r, c, v);
      const row = (sheet._meta[r - 1] ??= []);
      row[c - 1] = m;
    }
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

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/range#getRichTextValue() — "null if
   * the cell value is not text".
   */
  getRichTextValue(): GoogleAppsScript.Spreadsheet.RichTextValue | null {
    return this.richTextAt(this._row, this._col);
  }
  getRichTextValues(): Array<Array<GoogleAppsScript.Spreadsheet.RichTextValue | null>> {
    return this.grid((r, c) => this.richTextAt(r, c));
  }
  private richTextAt(r: number, c: number): GoogleAppsScript.Spreadsheet.RichTextValue | null {
    const v = this._sheet._get(r, c);
    if (typeof v !== "string") return null;
    const runs = this._sheet._metaAt(r, c)?.richText ?? (v === "" ? [] : [{ start: 0, end: v.length }]);
    return new SimRichTextValue(
      v,
      runs,
      0,
      v.length,
    ) as unknown as GoogleAppsScript.Spreadsheet.RichTextValue;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setRichTextValue(RichTextValue) — the text is stored as is, not parsed. */
  setRichTextValue(value: GoogleAppsScript.Spreadsheet.RichTextValue): RangeApi {
    return this.setRichTextValues(Array.from({ length: this._rows }, () => Array(this._cols).fill(value)));
  }
  setRichTextValues(values: Array<Array<GoogleAppsScript.Spreadsheet.RichTextValue | null>>): RangeApi {
    const data = this.checkShape(values, "setRichTextValues");
    for (const row of data)
      for (const v of row)
        if (v !== null && !(v instanceof SimRichTextValue))
          throw this._ctx.realm.exception("Invalid argument: values");
    for (const row of data)
      for (const v of row) this._sheet._checkCellText((v as SimRichTextValue | null)?._text);
    this.guardWrite();
    this.each((r, c, i, j) => {
      const v = data[i]![j] as SimRichTextValue | null;
      this._sheet._set(r, c, v ? v._text : "");
      const m = this._sheet._metaFor(r, c);
      delete m.formula;
      if (v && v._runs.some((run) => run.link || run.style)) m.richText = v._runs.map((run) => ({ ...run }));
      else delete m.richText;
    });
    return this._api;
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/range#protect() — "If the range is
   * already protected, this method creates a new protected range that overlaps the existing one."
   */
  protect(): ProtectionApi {
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
    this.guardWrite();
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

// ---------------------------------------------------------------- rich text

class SimTextStyle {
  constructor(readonly _style: TextStyle) {}
  isBold() {
    return this._style.bold ?? false;
  }
  isItalic() {
    return this._style.italic ?? false;
  }
  isUnderline() {
    return this._style.underline ?? false;
  }
  isStrikethrough() {
    return this._style.strikethrough ?? false;
  }
  getFontSize() {
    return this._style.fontSize ?? 10;
  }
  getFontFamily() {
    return this._style.fontFamily ?? "Arial";
  }
  getForegroundColor() {
    return this._style.foregroundColor ?? "#000000";
  }
  copy() {
    return new SimTextStyleBuilder({ ...this._style });
  }
}

class SimTextStyleBuilder {
  constructor(private readonly style: TextStyle) {}
  setBold(v: boolean) {
    return ((this.style.bold = v), this);
  }
  setItalic(v: boolean) {
    return ((this.style.italic = v), this);
  }
  setUnderline(v: boolean) {
    return ((this.style.underline = v), this);
  }
  setStrikethrough(v: boolean) {
    return ((this.style.strikethrough = v), this);
  }
  setFontSize(v: number) {
    return ((this.style.fontSize = v), this);
  }
  setFontFamily(v: string) {
    return ((this.style.fontFamily = v), this);
  }
  setForegroundColor(v: string) {
    return ((this.style.foregroundColor = v), this);
  }
  build() {
    return new SimTextStyle({ ...this.style });
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value */
class SimRichTextValue {
  constructor(
    readonly _text: string,
    readonly _runs: RichTextRun[],
    readonly _start: number,
    readonly _end: number,
  ) {}
  getText() {
    return this._text.slice(this._start, this._end);
  }
  getStartIndex() {
    return this._start;
  }
  getEndIndex() {
    return this._end;
  }
  /** The link over [start, end): the one link every character of it shares, else null. */
  getLinkUrl(startOffset = this._start, endOffset = this._end): string | null {
    const links = new Set<string | null>();
    for (let i = startOffset; i < Math.max(endOffset, startOffset + 1); i++) {
      const run = this._runs.find((r) => i >= r.start && i < r.end);
      links.add(run?.link ?? null);
    }
    return links.size === 1 ? [...links][0]! : null;
  }
  getTextStyle(startOffset = this._start, _endOffset = this._end) {
    const run = this._runs.find((r) => startOffset >= r.start && startOffset < r.end);
    return new SimTextStyle({ ...(run?.style ?? {}) });
  }
  getRuns() {
    const bounds = new Set([this._start, this._end]);
    for (const r of this._runs) {
      if (r.start > this._start && r.start < this._end) bounds.add(r.start);
      if (r.end > this._start && r.end < this._end) bounds.add(r.end);
    }
    const cuts = [...bounds].sort((a, b) => a - b);
    return cuts.slice(0, -1).map((s, i) => new SimRichTextValue(this._text, this._runs, s, cuts[i + 1]!));
  }
  copy() {
    return new SimRichTextValueBuilder(
      this._text,
      this._runs.map((r) => ({ ...r })),
    );
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value-builder */
class SimRichTextValueBuilder {
  constructor(
    private text: string,
    private runs: RichTextRun[],
  ) {}
  setText(text: string) {
    this.text = String(text);
    this.runs = [];
    return this;
  }
  private apply(start: number, end: number, change: Partial<RichTextRun>): void {
    // Split the runs at start and end, then set the property on every run inside.
    const cells: RichTextRun[] = [];
    const edges = new Set([0, this.text.length, start, end]);
    for (const r of this.runs) {
      edges.add(r.start);
      edges.add(r.end);
    }
    const cuts = [...edges].filter((e) => e >= 0 && e <= this.text.length).sort((a, b) => a - b);
    for (let i = 0; i < cuts.length - 1; i++) {
      const [s, e] = [cuts[i]!, cuts[i + 1]!];
      const old = this.runs.find((r) => s >= r.start && s < r.end);
      const run: RichTextRun = { start: s, end: e, link: old?.link, style: old?.style };
      if (s >= start && e <= end) Object.assign(run, change);
      cells.push(run);
    }
    this.runs = cells;
  }
  setLinkUrl(...args: unknown[]) {
    if (args.length >= 3)
      this.apply(Number(args[0]), Number(args[1]), { link: (args[2] as string | null) ?? null });
    else this.apply(0, this.text.length, { link: (args[0] as string | null) ?? null });
    return this;
  }
  setTextStyle(...args: unknown[]) {
    const styleOf = (s: unknown) => (s instanceof SimTextStyle ? { ...s._style } : undefined);
    if (args.length >= 3) this.apply(Number(args[0]), Number(args[1]), { style: styleOf(args[2]) });
    else this.apply(0, this.text.length, { style: styleOf(args[0]) });
    return this;
  }
  build() {
    const runs = this.runs.length ? this.runs : this.text ? [{ start: 0, end: this.text.length }] : [];
    return new SimRichTextValue(
      this.text,
      runs.map((r) => ({ ...r })),
      0,
      this.text.length,
    );
  }
}

// ---------------------------------------------------------------- protections

/**
 * https://developers.google.com/apps-script/reference/spreadsheet/protection and Range.protect(): "Until
 * the script actually changes the list of editors for the range (by calling removeEditor, removeEditors,
 * addEditor, addEditors, or setting a new value for setDomainEdit), the permissions mirror those of the
 * spreadsheet itself, which effectively means that the range remains unprotected." The owner can always
 * edit; "neither the owner of the spreadsheet nor the current user can be removed".
 */
export class SimProtection {
  _description = "";
  _warningOnly = false;
  /** While true the protection's editors are the spreadsheet's editors. */
  _mirrors = true;
  _editors = new Set<string>();
  _domainEdit = false;
  _unprotected: SimRange[] = [];
  _removed = false;
  _range: SimRange | undefined;
  readonly _api: ProtectionApi;
  constructor(
    readonly _ctx: SimContext,
    readonly _type: "RANGE" | "SHEET",
    readonly _sheet: SimSheet,
    range: SimRange | undefined,
  ) {
    this._range = range;
    this._api = counted(
      this,
      "Protection",
      _ctx.log,
      sheetsClassifier("Protection", () => 0),
    ) as unknown as ProtectionApi;
  }
  private get ss(): SimSpreadsheet {
    return this._sheet._parent;
  }
  /** The editors as they stand: the spreadsheet's while mirroring, else the list the script set. */
  _editorList(): string[] {
    if (this._mirrors) return this.ss._editorList();
    return [this.ss._owner, ...[...this._editors].filter((e) => e !== this.ss._owner)];
  }
  /** Whether a person may edit what this protects (spreadsheet access is checked separately). */
  _allows(user: string): boolean {
    if (this._removed || user === this.ss._owner) return true;
    if (this._mirrors) return this.ss._canEdit(user) || (this._domainEdit && this.ss._sameDomain(user));
    return this._editors.has(user) || (this._domainEdit && this.ss._sameDomain(user));
  }
  _covers(r: number, c: number): boolean {
    if (this._removed) return false;
    if (this._unprotected.some((u) => u._covers(r, c))) return false;
    return !this._range || this._range._covers(r, c);
  }
  _intersects(row: number, col: number, rows: number, cols: number): boolean {
    for (let r = row; r < row + rows; r++)
      for (let c = col; c < col + cols; c++) if (this._covers(r, c)) return true;
    return false;
  }
  private currentUser(): string {
    return this._ctx.execution()?.user ?? this.ss._owner;
  }
  private stopMirroring(): void {
    if (!this._mirrors) return;
    this._editors = new Set(this.ss._editorList());
    this._mirrors = false;
  }
  private requireEdit(): void {
    if (!this._allows(this.currentUser()))
      throw this._ctx.realm.exception("You do not have permission to edit this protected range or sheet.");
  }
  setDescription(description: string): ProtectionApi {
    this._description = description;
    return this._api;
  }
  getDescription(): string {
    return this._description;
  }
  setWarningOnly(warningOnly: boolean): ProtectionApi {
    this._warningOnly = warningOnly;
    return this._api;
  }
  isWarningOnly(): boolean {
    return this._warningOnly;
  }
  /** "This method does not automatically give the user permission to edit the spreadsheet itself." */
  addEditor(user: UserLike): ProtectionApi {
    this.stopMirroring();
    this._editors.add(emailOf(user));
    return this._api;
  }
  addEditors(emails: string[]): ProtectionApi {
    this.stopMirroring();
    [...emails].forEach((e) => this._editors.add(emailOf(e)));
    return this._api;
  }
  removeEditor(user: UserLike): ProtectionApi {
    return this.removeEditors([user as string]);
  }
  removeEditors(users: UserLike[]): ProtectionApi {
    this.stopMirroring();
    const keep = new Set([this.ss._owner, this.currentUser()]);
    for (const u of [...users]) {
      const email = emailOf(u);
      if (!keep.has(email)) this._editors.delete(email);
    }
    return this._api;
  }
  /** "Throws an exception if the user does not have permission to edit the protected range or sheet." */
  getEditors(): GoogleAppsScript.Base.User[] {
    this.requireEdit();
    return this._ctx.realm.array(
      this._editorList().map((e) => listedUser(e) as unknown as GoogleAppsScript.Base.User),
    );
  }
  canEdit(): boolean {
    return this._allows(this.currentUser());
  }
  canDomainEdit(): boolean {
    this.requireEdit();
    return this._domainEdit;
  }
  /** "Throws an exception if the spreadsheet does not belong to a Google Workspace domain." */
  setDomainEdit(editable: boolean): ProtectionApi {
    if (!this.ss._isDomain())
      throw this._ctx.realm.exception("Domain protection is only supported on documents within a domain.");
    this.stopMirroring();
    this._domainEdit = editable;
    return this._api;
  }
  getRange(): RangeApi {
    return (this._range?._api ??
      this._sheet.getRange(1, 1, this._sheet._maxRows, this._sheet._maxColumns)) as RangeApi;
  }
  setRange(range: RangeApi): ProtectionApi {
    const r = unwrap(range, SimRange);
    if (!r || r._sheet !== this._sheet) throw this._ctx.realm.exception("Invalid argument: range");
    this._range = r;
    return this._api;
  }
  getProtectionType(): string {
    return this._type;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/protection#setUnprotectedRanges(Range) — sheet protections only. */
  setUnprotectedRanges(ranges: RangeApi[]): ProtectionApi {
    if (this._type !== "SHEET")
      throw this._ctx.realm.exception("Unprotected ranges can only be set on a sheet protection.");
    this._unprotected = [...ranges].map((range) => {
      const r = unwrap(range, SimRange);
      if (!r || r._sheet !== this._sheet) throw this._ctx.realm.exception("Invalid argument: ranges");
      return r;
    });
    return this._api;
  }
  getUnprotectedRanges(): RangeApi[] {
    return this._ctx.realm.array(this._unprotected.map((r) => r._api));
  }
  remove(): void {
    this.requireEdit();
    this._removed = true;
    const list = this._sheet._protections;
    list.splice(list.indexOf(this), 1);
  }
}

/**
 * https://developers.google.com/apps-script/reference/spreadsheet/range-list — several ranges of one
 * sheet changed in one call.
 */
class SimRangeList {
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
      sheetsClassifier("RangeList", (m) => (m === "getRanges" ? 0 : cells())),
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
  /** https://developers.google.com/apps-script/reference/spreadsheet/range-list#setNumberFormat(String) */
  setNumberFormat(format: string): GoogleAppsScript.Spreadsheet.RangeList {
    for (const r of this._ranges) r.setNumberFormat(format);
    return this._api;
  }
  clearContent(): GoogleAppsScript.Spreadsheet.RangeList {
    for (const r of this._ranges) r.clearContent();
    return this._api;
  }
}

/** Sharing lists name people by address (a list of editors, not the identity of whoever runs the script). */
function listedUser(email: string) {
  return { getEmail: () => email, toString: () => email };
}

// ---------------------------------------------------------------- text finder

/**
 * https://developers.google.com/apps-script/reference/spreadsheet/text-finder — finds cells by their
 * text, on Google's side: partial and case-insensitive unless told otherwise, over displayed values
 * (formula text with matchFormulaText), row by row; findNext and findPrevious move from the current
 * match (or from just after startFrom's range) and return null when there is none. Empty cells are
 * never matched.
 */
/**
 * Google's regular expressions are RE2 ("Google products use RE2": the REGEXMATCH help page,
 * https://support.google.com/docs/answer/3098292), whose \s is ASCII whitespace only
 * (https://github.com/google/re2/wiki/Syntax: "\s whitespace (== [\t\n\f\r ])"), where JavaScript's
 * takes in every Unicode space (the no-break and full-width spaces a paste brings). The runtime assumes
 * TextFinder's expressions are RE2 too. Syntax RE2 lacks (lookaround, backreferences) is not refused here.
 */
function re2Blanks(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\" && i + 1 < source.length) {
      const next = source[++i]!;
      if (next === "s") out += inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
      else if (next === "S" && !inClass) out += "[^\\t\\n\\f\\r ]";
      else out += ch + next;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "]") inClass = false;
    out += ch;
  }
  return out;
}

class SimTextFinder {
  readonly _api: GoogleAppsScript.Spreadsheet.TextFinder;
  private caseSensitive = false;
  private entireCell = false;
  private regex = false;
  private formulaText = false;
  private noDiacritics = false;
  /** Index in the range's cells (row by row) of the current match; -1 before the first. */
  private at = -1;
  constructor(
    readonly _ctx: SimContext,
    readonly _range: SimRange,
    readonly _text: string,
  ) {
    this._api = counted(this, "TextFinder", _ctx.log, (m) => {
      const scans = m === "findAll" || m === "findNext" || m === "findPrevious" || m.startsWith("replace");
      const scope = SCOPES.spreadsheetsCurrent;
      if (!scans) return { kind: "local", cells: 0, scope };
      return {
        kind: m.startsWith("replace") ? "write" : "search",
        cells: _range._rows * _range._cols,
        scope,
      };
    }) as unknown as GoogleAppsScript.Spreadsheet.TextFinder;
  }
  matchCase(v: boolean): GoogleAppsScript.Spreadsheet.TextFinder {
    this.caseSensitive = v;
    return this._api;
  }
  matchEntireCell(v: boolean): GoogleAppsScript.Spreadsheet.TextFinder {
    this.entireCell = v;
    return this._api;
  }
  useRegularExpression(v: boolean): GoogleAppsScript.Spreadsheet.TextFinder {
    this.regex = v;
    return this._api;
  }
  matchFormulaText(v: boolean): GoogleAppsScript.Spreadsheet.TextFinder {
    this.formulaText = v;
    return this._api;
  }
  ignoreDiacritics(v: boolean): GoogleAppsScript.Spreadsheet.TextFinder {
    this.noDiacritics = v;
    return this._api;
  }
  startFrom(range: RangeApi): GoogleAppsScript.Spreadsheet.TextFinder {
    const r = unwrap(range, SimRange);
    if (!r)
      throw this._ctx.realm.exception(
        "The parameters (Range) don't match the method signature for TextFinder.startFrom.",
      );
    const cols = this._range._cols;
    const last = (r._row + r._rows - 1 - this._range._row) * cols + (r._col + r._cols - 1 - this._range._col);
    this.at = Math.max(-1, Math.min(last, this._range._rows * cols - 1));
    return this._api;
  }
  private pattern(): RegExp {
    const source = this.regex ? re2Blanks(this._text) : this._text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(this.entireCell ? `^(?:${source})$` : source, this.caseSensitive ? "u" : "iu");
  }
  private textAt(index: number): string {
    const cols = this._range._cols;
    const r = this._range._row + Math.floor(index / cols);
    const c = this._range._col + (index % cols);
    const sheet = this._range._sheet;
    const formula = sheet._metaAt(r, c)?.formula;
    const text =
      this.formulaText && formula
        ? formula
        : displayValue(
            sheet._get(r, c),
            sheet._metaAt(r, c)?.numberFormat,
            sheet._parent._timeZone,
            formatDate,
          );
    return this.noDiacritics ? text.normalize("NFD").replace(/\p{M}/gu, "") : text;
  }
  private matches(index: number, re: RegExp): boolean {
    const text = this.textAt(index);
    return text !== "" && re.test(text);
  }
  private cellAt(index: number): RangeApi {
    const cols = this._range._cols;
    const row = this._range._row + Math.floor(index / cols);
    return new SimRange(this._ctx, this._range._sheet, row, this._range._col + (index % cols), 1, 1)._api;
  }
  private all(): number[] {
    const re = this.pattern();
    const out: number[] = [];
    const n = this._range._rows * this._range._cols;
    for (let i = 0; i < n; i++) if (this.matches(i, re)) out.push(i);
    return out;
  }
  findAll(): RangeApi[] {
    return this._ctx.realm.array(this.all().map((i) => this.cellAt(i)));
  }
  findNext(): RangeApi | null {
    const next = this.all().find((i) => i > this.at);
    if (next === undefined) return null;
    this.at = next;
    return this.cellAt(next);
  }
  findPrevious(): RangeApi | null {
    const previous = this.all()
      .filter((i) => i < this.at)
      .at(-1);
    if (previous === undefined) return null;
    this.at = previous;
    return this.cellAt(previous);
  }
  getCurrentMatch(): RangeApi | null {
    return this.at >= 0 ? this.cellAt(this.at) : null;
  }
}

// ---------------------------------------------------------------- data validation

/** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder */
class SimDataValidationBuilder {
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

class SimDataValidation {
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

// ---------------------------------------------------------------- conditional formatting

const BOOLEAN_CRITERIA = [
  "CELL_EMPTY",
  "CELL_NOT_EMPTY",
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_EQUAL_TO",
  "NUMBER_BETWEEN",
  "NUMBER_EQUAL_TO",
  "NUMBER_GREATER_THAN",
  "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  "NUMBER_LESS_THAN",
  "NUMBER_LESS_THAN_OR_EQUAL_TO",
  "NUMBER_NOT_BETWEEN",
  "NUMBER_NOT_EQUAL_TO",
  "TEXT_CONTAINS",
  "TEXT_DOES_NOT_CONTAIN",
  "TEXT_EQUAL_TO",
  "TEXT_STARTS_WITH",
  "TEXT_ENDS_WITH",
  "CUSTOM_FORMULA",
] as const;

interface FormatSpec {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  underline?: boolean;
}

/** A range a rule applies to, kept by position (as Sheets keeps it). */
class RuleRange {
  constructor(
    readonly sheet: SimSheet,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
  ) {}
  covers(r: number, c: number): boolean {
    return r >= this.row && r < this.row + this.rows && c >= this.col && c < this.col + this.cols;
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule */
export class SimConditionalFormatRule {
  constructor(
    readonly _ctx: SimContext,
    readonly _criteria: string,
    readonly _values: unknown[],
    readonly _format: FormatSpec,
    readonly _ranges: RuleRange[],
  ) {}
  getRanges() {
    return this._ctx.realm.array(
      this._ranges.map((g) => new SimRange(this._ctx, g.sheet, g.row, g.col, g.rows, g.cols)._api),
    );
  }
  getBooleanCondition() {
    const f = this._format;
    return {
      getCriteriaType: () => this._criteria,
      getCriteriaValues: () => this._ctx.realm.array([...this._values]),
      getBackground: () => f.background ?? null,
      getFontColor: () => f.fontColor ?? null,
      getBold: () => f.bold ?? null,
      getItalic: () => f.italic ?? null,
      getStrikethrough: () => f.strikethrough ?? null,
      getUnderline: () => f.underline ?? null,
    };
  }
  getGradientCondition() {
    return null;
  }
  copy() {
    const b = new SimConditionalFormatRuleBuilder(this._ctx);
    b._criteria = this._criteria;
    b._values = [...this._values];
    b._format = { ...this._format };
    b._ranges = [...this._ranges];
    return b;
  }
  /** Whether the condition holds for a cell (a formula is read relative to the range's top-left cell). */
  _holds(sheet: SimSheet, r: number, c: number, area: RuleRange): boolean {
    const v = sheet._get(r, c);
    const [a, b] = this._values;
    const num = typeof v === "number" ? v : isDate(v) ? v.getTime() : NaN;
    const text = isDate(v) ? "" : String(v);
    switch (this._criteria) {
      case "CELL_EMPTY":
        return v === "";
      case "CELL_NOT_EMPTY":
        return v !== "";
      case "TEXT_EQUAL_TO":
        return text === String(a);
      case "TEXT_CONTAINS":
        return text.includes(String(a));
      case "TEXT_DOES_NOT_CONTAIN":
        return !text.includes(String(a));
      case "TEXT_STARTS_WITH":
        return text.startsWith(String(a));
      case "TEXT_ENDS_WITH":
        return text.endsWith(String(a));
      case "NUMBER_EQUAL_TO":
        return num === Number(a);
      case "NUMBER_NOT_EQUAL_TO":
        return v !== "" && num !== Number(a);
      case "NUMBER_GREATER_THAN":
        return num > Number(a);
      case "NUMBER_GREATER_THAN_OR_EQUAL_TO":
        return num >= Number(a);
      case "NUMBER_LESS_THAN":
        return num < Number(a);
      case "NUMBER_LESS_THAN_OR_EQUAL_TO":
        return num <= Number(a);
      case "NUMBER_BETWEEN":
        return num >= Number(a) && num <= Number(b);
      case "NUMBER_NOT_BETWEEN":
        return !(num >= Number(a) && num <= Number(b));
      case "DATE_BEFORE":
        return isDate(v) && isDate(a) && v.getTime() < a.getTime();
      case "DATE_AFTER":
        return isDate(v) && isDate(a) && v.getTime() > a.getTime();
      case "DATE_EQUAL_TO":
        return isDate(v) && isDate(a) && sameDay(sheet, v, a);
      case "CUSTOM_FORMULA": {
        const result = evaluateRuleFormula(String(a), sheet, r - area.row, c - area.col, this._ctx);
        return result === true || (typeof result === "number" && result !== 0);
      }
      default:
        return false;
    }
  }
}

const sameDay = (sheet: SimSheet, x: Date, y: Date) =>
  formatDate(x.getTime(), sheet._parent._timeZone, "yyyyMMdd") ===
  formatDate(y.getTime(), sheet._parent._timeZone, "yyyyMMdd");

/** https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder */
class SimConditionalFormatRuleBuilder {
  _criteria = "";
  _values: unknown[] = [];
  _format: FormatSpec = {};
  _ranges: RuleRange[] = [];
  constructor(readonly _ctx: SimContext) {}
  private when(criteria: string, ...values: unknown[]) {
    this._criteria = criteria;
    this._values = values;
    return this;
  }
  whenCellEmpty() {
    return this.when("CELL_EMPTY");
  }
  whenCellNotEmpty() {
    return this.when("CELL_NOT_EMPTY");
  }
  whenTextEqualTo(text: string) {
    return this.when("TEXT_EQUAL_TO", text);
  }
  whenTextContains(text: string) {
    return this.when("TEXT_CONTAINS", text);
  }
  whenTextDoesNotContain(text: string) {
    return this.when("TEXT_DOES_NOT_CONTAIN", text);
  }
  whenTextStartsWith(text: string) {
    return this.when("TEXT_STARTS_WITH", text);
  }
  whenTextEndsWith(text: string) {
    return this.when("TEXT_ENDS_WITH", text);
  }
  whenNumberEqualTo(n: number) {
    return this.when("NUMBER_EQUAL_TO", n);
  }
  whenNumberNotEqualTo(n: number) {
    return this.when("NUMBER_NOT_EQUAL_TO", n);
  }
  whenNumberGreaterThan(n: number) {
    return this.when("NUMBER_GREATER_THAN", n);
  }
  whenNumberGreaterThanOrEqualTo(n: number) {
    return this.when("NUMBER_GREATER_THAN_OR_EQUAL_TO", n);
  }
  whenNumberLessThan(n: number) {
    return this.when("NUMBER_LESS_THAN", n);
  }
  whenNumberLessThanOrEqualTo(n: number) {
    return this.when("NUMBER_LESS_THAN_OR_EQUAL_TO", n);
  }
  whenNumberBetween(start: number, end: number) {
    return this.when("NUMBER_BETWEEN", start, end);
  }
  whenNumberNotBetween(start: number, end: number) {
    return this.when("NUMBER_NOT_BETWEEN", start, end);
  }
  whenDateBefore(date: Date) {
    return this.when("DATE_BEFORE", date);
  }
  whenDateAfter(date: Date) {
    return this.when("DATE_AFTER", date);
  }
  whenDateEqualTo(date: Date) {
    return this.when("DATE_EQUAL_TO", date);
  }
  whenFormulaSatisfied(formula: string) {
    return this.when("CUSTOM_FORMULA", String(formula));
  }
  setBackground(color: string | null) {
    this._format.background = color ?? undefined;
    return this;
  }
  setFontColor(color: string | null) {
    this._format.fontColor = color ?? undefined;
    return this;
  }
  setBold(bold: boolean | null) {
    this._format.bold = bold ?? undefined;
    return this;
  }
  setItalic(italic: boolean | null) {
    this._format.italic = italic ?? undefined;
    return this;
  }
  setStrikethrough(v: boolean | null) {
    this._format.strikethrough = v ?? undefined;
    return this;
  }
  setUnderline(v: boolean | null) {
    this._format.underline = v ?? undefined;
    return this;
  }
  setRanges(ranges: RangeApi[]) {
    this._ranges = [...ranges].map((range) => {
      const r = unwrap(range, SimRange);
      if (!r) throw this._ctx.realm.exception("Invalid argument: ranges");
      return new RuleRange(r._sheet, r._row, r._col, r._rows, r._cols);
    });
    return this;
  }
  getRanges() {
    return this._ctx.realm.array(
      this._ranges.map((g) => new SimRange(this._ctx, g.sheet, g.row, g.col, g.rows, g.cols)._api),
    );
  }
  getBooleanCondition() {
    return this.build().getBooleanCondition();
  }
  copy() {
    return this.build().copy();
  }
  build() {
    if (!this._criteria)
      throw this._ctx.realm.exception(
        "A conditional format rule needs a condition (whenFormulaSatisfied, whenTextEqualTo, ...).",
      );
    return new SimConditionalFormatRule(this._ctx, this._criteria, [...this._values], { ...this._format }, [
      ...this._ranges,
    ]);
  }
}

/**
 * A small evaluator for custom-formula conditions: literals, references relative to the rule's range
 * ($ anchors), comparisons, & and arithmetic, AND, OR, NOT, ISBLANK, TODAY. Anything else makes the
 * formula unknown and the rule does not apply.
 */
function evaluateRuleFormula(
  formula: string,
  sheet: SimSheet,
  dRow: number,
  dCol: number,
  ctx: SimContext,
): unknown {
  const src = formula.replace(/^=/, "");
  let i = 0;
  const fail = (): never => {
    throw new FormulaUnknown();
  };
  const ws = () => {
    while (/\s/.test(src[i] ?? "")) i++;
  };
  const cellValue = (ref: string): unknown => {
    const m = /^(\$?)([A-Z]+)(\$?)(\d+)$/i.exec(ref)!;
    let col = columnNumber(m[2]!);
    let row = Number(m[4]);
    if (!m[1]) col += dCol;
    if (!m[3]) row += dRow;
    const v = sheet._get(row, col);
    return isDate(v) ? serialDay(sheet, v) : v;
  };
  const primary = (): unknown => {
    ws();
    const ch = src[i];
    if (ch === "(") {
      i++;
      const v = comparison();
      ws();
      if (src[i++] !== ")") fail();
      return v;
    }
    if (ch === '"') {
      let s = "";
      i++;
      for (;;) {
        if (i >= src.length) fail();
        if (src[i] === '"') {
          if (src[i + 1] !== '"') break;
          s += '"';
          i += 2;
        } else s += src[i++];
      }
      i++;
      return s;
    }
    if (ch === "-") {
      i++;
      return -Number(primary());
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const word = /^\$?[A-Z]+\$?\d+|^[A-Z]+/i.exec(src.slice(i));
    if (!word) return fail();
    i += word[0].length;
    if (/\d$/.test(word[0])) return cellValue(word[0]);
    const name = word[0].toUpperCase();
    if (name === "TRUE" || name === "FALSE") return name === "TRUE";
    ws();
    if (src[i] !== "(") return fail();
    i++;
    const args: unknown[] = [];
    ws();
    if (src[i] === ")") i++;
    else
      for (;;) {
        args.push(comparison());
        ws();
        const sep = src[i++];
        if (sep === ")") break;
        if (sep !== "," && sep !== ";") fail();
      }
    switch (name) {
      case "AND":
        return args.every(truthy);
      case "OR":
        return args.some(truthy);
      case "NOT":
        return !truthy(args[0]);
      case "ISBLANK":
        return args[0] === "";
      case "TODAY":
        return Math.floor(serialDay(sheet, new Date(ctx.clock.now)));
      default:
        return fail();
    }
  };
  const term = (): unknown => {
    let v = primary();
    for (;;) {
      ws();
      const op = src[i];
      if (op !== "*" && op !== "/") return v;
      i++;
      const w = primary();
      v = op === "*" ? Number(v) * Number(w) : Number(v) / Number(w);
    }
  };
  const sum = (): unknown => {
    let v = term();
    for (;;) {
      ws();
      const op = src[i];
      if (op !== "+" && op !== "-" && op !== "&") return v;
      i++;
      const w = term();
      v =
        op === "&" ? `${String(v)}${String(w)}` : op === "+" ? Number(v) + Number(w) : Number(v) - Number(w);
    }
  };
  const comparison = (): unknown => {
    const v = sum();
    ws();
    const op = /^(<=|>=|<>|=|<|>)/.exec(src.slice(i))?.[0];
    if (!op) return v;
    i += op.length;
    const w = sum();
    return compare(v, w, op);
  };
  try {
    const v = comparison();
    ws();
    if (i !== src.length) fail();
    return v;
  } catch (e) {
    if (e instanceof FormulaUnknown) return undefined;
    throw e;
  }
}

class FormulaUnknown extends Error {}
const truthy = (v: unknown) => v === true || (typeof v === "number" && v !== 0);
function compare(a: unknown, b: unknown, op: string): boolean {
  const norm = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);
  const [x, y] = [norm(a), norm(b)];
  const d =
    typeof x === "number" && typeof y === "number"
      ? x - y
      : String(x) < String(y)
        ? -1
        : String(x) > String(y)
          ? 1
          : 0;
  switch (op) {
    case "=":
      return x === y || (x === "" && y === 0) || (x === 0 && y === "");
    case "<>":
      return !(x === y);
    case "<":
      return d < 0;
    case ">":
      return d > 0;
    case "<=":
      return d <= 0;
    default:
      return d >= 0;
  }
}
/** A date as Sheets' serial day number (days since 1899-12-30, in the spreadsheet's time zone). */
function serialDay(sheet: SimSheet, d: Date): number {
  const local = formatDate(d.getTime(), sheet._parent._timeZone, "yyyy-MM-dd'T'HH:mm:ss");
  return (Date.parse(`${local}Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

// ---------------------------------------------------------------- the spreadsheet UI

/** The spreadsheet UI as a recorder: menus built, alerts shown, prompts answered from a queue, dialogs. */
class SimUi {
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
  private show(kind: "dialog" | "sidebar", output: unknown, title: string | undefined, modal: boolean): void {
    const o = unwrap(output, Object) as
      { _html?: string; _title?: string; _width?: number; _height?: number } | undefined;
    if (!o || typeof o._html !== "string") throw this.ctx.realm.exception("Invalid argument: userInterface");
    this.ctx.ui.push({
      at: this.ctx.clock.now,
      kind,
      spreadsheetId: this.spreadsheetId,
      title: title ?? o._title ?? "",
      message: o._html
        .replace(/<[^>]*>/g, " ")
        .replace(/\s+/g, " ")
        .trim(),
      html: o._html,
      width: o._width,
      height: o._height,
      modal,
      user: this.ctx.execution()?.user,
    });
  }
  /** https://developers.google.com/apps-script/reference/base/ui#showModalDialog(Object,String) */
  showModalDialog(userInterface: unknown, title: string): void {
    this.show("dialog", userInterface, title, true);
  }
  showModelessDialog(userInterface: unknown, title: string): void {
    this.show("dialog", userInterface, title, false);
  }
  /** https://developers.google.com/apps-script/reference/base/ui#showSidebar(Object) */
  showSidebar(userInterface: unknown): void {
    this.show("sidebar", userInterface, undefined, false);
  }
}
