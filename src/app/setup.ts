// 初始化/更新: creates or repairs the ledger sheets, the forms and the triggers. Running it twice changes
// nothing the second time.
import { LEDGER, locateColumns, type ColumnSpec, type SheetKey } from "../domain/ledger";
import { settingRows } from "../domain/settings";
import { HOLIDAY_SOURCES, OFFICIAL_HOLIDAYS } from "../domain/holidays";
import { year } from "../domain/dates";
import { HOLIDAY_KIND } from "../text/zh";
import { licenceBucket, type LicenceFlags } from "../domain/institution";
import { formForType, type Checklists, type InspectionForm } from "../domain/checklist";
import { institutionChoice } from "../domain/submission";
import {
  CLASS_LABEL,
  DISPOSITION,
  FINDING_STATUS,
  MSG,
  NO,
  PENDING_STATE,
  REGISTRATION,
  TYPE_LABEL,
  YES,
} from "../text/zh";
import { INSTITUTION_TYPES, type InstitutionType } from "../domain/types";
import { Ledger } from "../gas/ledger";
import {
  buildInspectionForm,
  buildReinspectionForm,
  loadFormRecords,
  prefilledLink,
  saveFormRecord,
  syncChoices,
  type ChoiceLists,
  type FormRecord,
} from "../gas/forms";
import { ensureTriggers, type TriggerSpec } from "../gas/triggers";
import { currentUserEmail, timeZone } from "../gas/env";
import { CHECKLISTS } from "../../forms/index";
import { institutionIdSource, institutionsOf, readRoster, readSettings, typeFromLabel } from "./context";
import { appendLog } from "./log";
import { choiceListsFor } from "./choices";
import { notify } from "./notify";
import type { Settings } from "../domain/settings";

const HEADER_BACKGROUND = "#e8eaed";
const PROTECTION_PREFIX = "系统计算列：";
const DEFAULT_SHEET_NAMES = ["Sheet1", "工作表1"];

export function runSetup(): void {
  const lock = LockService.getScriptLock();
  lock.waitLock(30_000);
  try {
    const report = setupLedger(CHECKLISTS);
    notify(
      report.changes.length
        ? `${report.message}\n${MSG.setupRepaired(report.changes.join("；"))}`
        : report.message,
    );
  } finally {
    lock.releaseLock();
  }
}

export interface SetupReport {
  message: string;
  changes: string[];
}

export function setupLedger(checklists: Checklists): SetupReport {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const changes: string[] = [];
  if (ss.getSpreadsheetTimeZone() !== timeZone()) {
    ss.setSpreadsheetTimeZone(timeZone());
    changes.push(`表格时区设为 ${timeZone()}`);
  }
  const ledger = new Ledger(ss);
  let { settings } = ledger.has("settings")
    ? safeSettings(ledger)
    : { settings: undefined as Settings | undefined };
  for (const key of Object.keys(LEDGER) as SheetKey[]) ensureSheet(ledger, key, settings, changes);
  ensureSettingRows(ledger, changes);
  ensureHolidays(ledger, changes);
  const read = readSettings(ledger, true);
  settings = read.settings;
  // Choice lists on the sheets that depend on settings (villages, departments) follow the settings.
  for (const key of ["register", "roster"] as SheetKey[])
    applyValidation(ledger.sheet(key), key, settings, locateColumns(key, headerOf(ledger.sheet(key))).index);
  removeEmptyDefaultSheet(ss, changes);
  protectScriptSheets(ledger, settings);

  const register = ledger.read("register");
  fillRegister(ledger, register, changes);
  const roster = readRoster(ledger, true).filter((p) => p.active);
  const institutions = institutionsOf(ledger, register);

  const records = loadFormRecords();
  const formsById = new Map<string, GoogleAppsScript.Forms.Form>();
  for (const def of checklists.forms) {
    const lists: ChoiceLists = choiceListsFor(def, institutions, settings, roster);
    const rec = records.get(def.id);
    let form = rec ? openForm(rec.formId) : undefined;
    if (!form) {
      form = FormApp.create(def.title);
      form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
      const map =
        def.kind === "inspection"
          ? buildInspectionForm(form, def, checklists.items, lists)
          : buildReinspectionForm(form, def, lists);
      saveFormRecord({
        defId: def.id,
        formId: form.getId(),
        version: def.version,
        map,
        previous: rec ? [...rec.previous, { version: rec.version, map: rec.map }] : [],
      });
      changes.push(`创建检查表「${def.title}」`);
    } else if (rec!.version !== def.version) {
      const map =
        def.kind === "inspection"
          ? buildInspectionForm(form, def, checklists.items, lists)
          : buildReinspectionForm(form, def, lists);
      saveFormRecord({
        ...rec!,
        version: def.version,
        map,
        previous: [...rec!.previous, { version: rec!.version, map: rec!.map }],
      });
      changes.push(`检查表「${def.title}」更新到 ${def.version}`);
    } else {
      syncChoices(form, rec!.map, lists);
    }
    formsById.set(def.id, form);
  }
  const fresh = loadFormRecords();
  updatePrefilledLinks(ledger, register, checklists, fresh, formsById, changes);

  const wanted: TriggerSpec[] = [
    ...[...fresh.values()]
      .filter((r) => formsById.has(r.defId))
      .map((r): TriggerSpec => ({ handler: "handleFormSubmit", kind: "formSubmit", formId: r.formId })),
    { handler: "handleEdit", kind: "edit", spreadsheetId: ss.getId() },
    { handler: "runDailyCheck", kind: "daily", hour: 7 },
    { handler: "sendSummary", kind: "daily", hour: 8 },
  ];
  const triggerCount = ensureTriggers(wanted);
  if (changes.length)
    appendLog(ledger, [
      { user: currentUserEmail(), action: "初始化/更新", target: ss.getName(), note: changes.join("；") },
    ]);
  const problems = read.problems.length ? `\n${read.problems.join("\n")}` : "";
  return { message: MSG.setupDone(formsById.size, triggerCount) + problems, changes };
}

function safeSettings(ledger: Ledger): { settings: Settings | undefined } {
  try {
    return { settings: readSettings(ledger, true).settings };
  } catch (_e) {
    return { settings: undefined };
  }
}

function openForm(id: string): GoogleAppsScript.Forms.Form | undefined {
  try {
    return FormApp.openById(id);
  } catch (_e) {
    return undefined;
  }
}

function headerOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): unknown[] {
  const lastColumn = sheet.getLastColumn();
  return lastColumn ? (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []) : [];
}

/** Creates the sheet, or adds back missing columns; then formats, validation and protection. */
function ensureSheet(ledger: Ledger, key: SheetKey, settings: Settings | undefined, changes: string[]): void {
  const spec = LEDGER[key];
  let sheet: GoogleAppsScript.Spreadsheet.Sheet;
  let header: unknown[];
  if (!ledger.has(key)) {
    sheet = ledger.spreadsheet.insertSheet(spec.name);
    ledger.remember(sheet);
    header = [];
    changes.push(`创建工作表「${spec.name}」`);
  } else {
    sheet = ledger.sheet(key);
    header = headerOf(sheet);
  }
  const layout = locateColumns(key, header);
  if (layout.missing.length) {
    const start = header.length + 1;
    const needed = start + layout.missing.length - 1 - sheet.getMaxColumns();
    if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
    sheet.getRange(1, start, 1, layout.missing.length).setValues([layout.missing.map((c) => c.header)]);
    if (header.length)
      changes.push(`「${spec.name}」补回列 ${layout.missing.map((c) => c.header).join("、")}`);
    header = [...header, ...layout.missing.map((c) => c.header)];
  }
  const index = locateColumns(key, header).index;
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  sheet.getRange(1, 1, 1, header.length).setFontWeight("bold").setBackground(HEADER_BACKGROUND);
  for (const col of spec.columns) {
    const c = index[col.key]! + 1;
    if (col.width) sheet.setColumnWidth(c, col.width);
    const body = sheet.getRange(2, c, sheet.getMaxRows() - 1, 1);
    if (col.kind === "date") body.setNumberFormat("yyyy-mm-dd");
    if (col.kind === "datetime") body.setNumberFormat("yyyy-mm-dd hh:mm:ss");
  }
  if (settings || (key !== "register" && key !== "roster")) applyValidation(sheet, key, settings, index);
  protectComputedColumns(sheet, spec.columns, index);
}

function choiceList(kind: NonNullable<ColumnSpec["choices"]>, settings: Settings | undefined): string[] {
  switch (kind) {
    case "types":
      return INSTITUTION_TYPES.map((t) => TYPE_LABEL[t]);
    case "classes":
      return Object.values(CLASS_LABEL);
    case "findingStatus":
      return Object.values(FINDING_STATUS);
    case "registration":
      return Object.values(REGISTRATION);
    case "disposition":
      return Object.values(DISPOSITION);
    case "yesNo":
      return [YES, NO];
    case "pendingState":
      return Object.values(PENDING_STATE);
    case "departments":
      return settings?.departments ?? [];
    case "villages":
      return settings?.villages ?? [];
    case "holidayKind":
      return Object.values(HOLIDAY_KIND);
  }
}

function applyValidation(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  key: SheetKey,
  settings: Settings | undefined,
  index: Record<string, number>,
): void {
  for (const col of LEDGER[key].columns) {
    if (!col.choices) continue;
    const values = choiceList(col.choices, settings);
    const body = sheet.getRange(2, index[col.key]! + 1, sheet.getMaxRows() - 1, 1);
    if (values.length === 0) {
      body.setDataValidation(null);
      continue;
    }
    // Coded columns reject anything off the list when a person types it; the script's own writes are checked in code.
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(values, true)
      .setAllowInvalid(false)
      .setHelpText(`请从列表中选择：${values.join("、")}`)
      .build();
    body.setDataValidation(rule);
  }
}

/** Sheets only the script writes: protected (not warning-only) for everyone else. */
const SCRIPT_SHEETS: SheetKey[] = ["log", "inspections", "draws", "drawSnapshots", "notices", "mailLog"];

/**
 * The script's own sheets (操作日志, 检查记录, the draw records, 邮件记录) are protected, not warning-only:
 * only the owner — under whose account the triggers run — and the coordinators listed in 配置 can
 * change them.
 */
function protectScriptSheets(ledger: Ledger, settings: Settings): void {
  const owner = Session.getEffectiveUser().getEmail();
  const wanted = new Set([owner, ...settings.coordinatorEmails].filter(Boolean));
  for (const key of SCRIPT_SHEETS) {
    const sheet = ledger.sheet(key);
    const description = `「${LEDGER[key].name}」由系统写入`;
    const existing = sheet
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)
      .find((p) => p.getDescription() === description);
    const protection = existing ?? sheet.protect().setDescription(description);
    const editors = protection.getEditors().map((u) => u.getEmail());
    const extra = editors.filter((e) => !wanted.has(e));
    if (extra.length) protection.removeEditors(extra);
    const missing = [...wanted].filter((e) => !editors.includes(e));
    if (missing.length) protection.addEditors(missing);
  }
}

function protectComputedColumns(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  columns: readonly ColumnSpec[],
  index: Record<string, number>,
): void {
  const existing = new Set(
    sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).map((p) => p.getDescription()),
  );
  for (const col of columns) {
    if (!col.computed) continue;
    const description = PROTECTION_PREFIX + col.header;
    if (existing.has(description)) continue;
    sheet
      .getRange(2, index[col.key]! + 1, sheet.getMaxRows() - 1, 1)
      .protect()
      .setDescription(description)
      .setWarningOnly(true);
  }
}

function ensureSettingRows(ledger: Ledger, changes: string[]): void {
  const table = ledger.read("settings");
  const have = new Set(ledger.rows(table).map((r) => String(r.key).trim()));
  const missing = settingRows().filter((s) => !have.has(s.label));
  if (missing.length) {
    ledger.append(
      table,
      missing.map((s) => ({ key: s.label, value: s.value, help: s.help })),
    );
    if (have.size) changes.push(`「${LEDGER.settings.name}」补回 ${missing.map((s) => s.label).join("、")}`);
  }
}

/** Fills the holiday table with every official year it does not have yet; a year the coordinator entered is kept. */
function ensureHolidays(ledger: Ledger, changes: string[]): void {
  const table = ledger.read("holidays");
  const haveYears = new Set(
    ledger
      .rows(table)
      .map((r) => cellYear(r.date))
      .filter((y): y is number => y !== undefined),
  );
  const missing = OFFICIAL_HOLIDAYS.filter((h) => !haveYears.has(year(h.date)));
  if (!missing.length) return;
  ledger.append(
    table,
    missing.map((h) => ({ date: h.date, kind: HOLIDAY_KIND[h.kind], name: h.name })),
  );
  const years = [...new Set(missing.map((h) => year(h.date)))];
  changes.push(
    `「${LEDGER.holidays.name}」补入 ${years.map((y) => `${y} 年（${HOLIDAY_SOURCES[y] ?? ""}）`).join("、")}`,
  );
}

function cellYear(v: unknown): number | undefined {
  if (v instanceof Date) return Number(Utilities.formatDate(v, timeZone(), "yyyy"));
  const m = /^(\d{4})/.exec(String(v ?? ""));
  return m ? Number(m[1]) : undefined;
}

function removeEmptyDefaultSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, changes: string[]): void {
  for (const name of DEFAULT_SHEET_NAMES) {
    const sheet = ss.getSheetByName(name);
    if (sheet && sheet.getLastRow() === 0 && ss.getSheets().length > 1) {
      ss.deleteSheet(sheet);
      changes.push(`删除空白工作表「${name}」`);
    }
  }
}

/** Gives pasted rows an id and a registration state, and recomputes each row's licence bucket. */
function fillRegister(ledger: Ledger, register: ReturnType<Ledger["read"]>, changes: string[]): void {
  const rows = ledger.rows(register);
  const nextId = institutionIdSource(rows.map((r) => String(r.id ?? "")));
  const updates = new Map<number, Record<string, unknown>>();
  let added = 0;
  rows.forEach((r, i) => {
    if (!String(r.name ?? "").trim()) return;
    const patch: Record<string, unknown> = {};
    if (!String(r.id ?? "").trim()) {
      patch.id = nextId();
      added++;
    }
    if (!String(r.registration ?? "").trim()) patch.registration = REGISTRATION.registered;
    const bucket = licenceBucket(typeFromLabel(r.type), r as unknown as LicenceFlags);
    if (r.licenceBucket !== bucket) patch.licenceBucket = bucket;
    if (Object.keys(patch).length) updates.set(i + 1, patch);
  });
  ledger.update(register, updates);
  if (added) changes.push(`为 ${added} 家机构生成编号`);
}

function updatePrefilledLinks(
  ledger: Ledger,
  register: ReturnType<Ledger["read"]>,
  checklists: Checklists,
  records: Map<string, FormRecord>,
  forms: Map<string, GoogleAppsScript.Forms.Form>,
  changes: string[],
): void {
  const updates = new Map<number, Record<string, unknown>>();
  institutionsOf(ledger, register).forEach((inst, i) => {
    if (!inst.id || !inst.type) return;
    const def: InspectionForm | undefined = formForType(checklists, inst.type as InstitutionType);
    const rec = def && records.get(def.id);
    const form = def && forms.get(def.id);
    if (!rec || !form) return;
    const link = prefilledLink(form, rec.map, institutionChoice(inst));
    const current = register.values[i + 1]![register.layout.index.formLink!];
    if (link && current !== link) updates.set(i + 1, { formLink: link });
  });
  ledger.update(register, updates);
  if (updates.size) changes.push(`更新 ${updates.size} 条预填检查链接`);
}
