// 初始化/更新: creates or repairs the ledger sheets, the forms and the triggers. Running it twice changes
// nothing the second time, and a run that died half-way is finished: a form is recorded the moment it
// is created (and rebuilt in place next time), a form linked to the spreadsheet but not recorded is
// adopted or unlinked, protections of the wrong kind are put right, an interrupted draw is taken back.
import { CHECKLISTS } from "../../forms/index";
import { formForType, type Checklists } from "../domain/checklist";
import { year } from "../domain/dates";
import { HOLIDAY_SOURCES, OFFICIAL_HOLIDAYS } from "../domain/holidays";
import { complaintIdSource } from "../domain/complaints";
import { institutionIdSource } from "../domain/intake";
import { institutionsFromRows, licenceBucket, type LicenceFlags } from "../domain/institution";
import { typeFromLabel } from "../domain/labels";
import { LEDGER, SCRIPT_SHEETS, type ColumnSpec, type SheetKey } from "../domain/ledger";
import { appendRows, diffRow, updateCells, type CellChange } from "../domain/plan";
import type { FormRecord, ItemMap } from "../domain/responses";
import { settingRows, type Settings } from "../domain/settings";
import { institutionChoice } from "../domain/submission";
import { INSTITUTION_TYPES } from "../domain/types";
import {
  CLASS_LABEL,
  DISPOSITION,
  FINDING_STATUS,
  HOLIDAY_KIND,
  MSG,
  NO,
  PENDING_STATE,
  REGISTRATION,
  TYPE_LABEL,
  YES,
} from "../text/zh";
import { PROP_COMPLAINTS_USED, PROP_SETUP_PASS } from "../gas/keys";
import { SETUP_RUNS } from "../text/setup-runs";
import type { Services, TriggerSpec } from "../gas/ports";
import type { Workbook } from "../gas/workbook";
import { choiceListsFor } from "./choices";
import { UNKNOWN_USER } from "../text/identity";
import { holidayYearText, RUN_NAME, SEP_CLAUSE, SEP_LIST } from "../text/words";
import { nowMs, nowText, readRoster, readSettings } from "./context";
import { commitAndReport } from "./commit";
import { appendLog, scriptAccount } from "./log";
import { exclusive, logLater } from "./run";
import { COMPLAINT_STATUS, COMPLAINT_TEXT } from "../text/rules";
import { takeBackUnfinishedDraw } from "./spotcheck";
import { repairSequences } from "./sequences";
import { applyChecklistSheet } from "./checklist-sheet";
import { seedShadow } from "./verify";
import { settleCoordinators } from "./coordinators";
import { asText, trimmedText } from "../domain/text";
import { parseJson } from "../domain/json";

/** 问题台账's columns a person may change only as a coordinator (the rest of the state is computed). */
const STATE_COLUMNS = ["status", "deadline", "extendedTo", "extensionReason"];

interface SetupReport {
  message: string;
  changes: string[];
  /** For 操作日志 besides the changes: what is left (a run that stopped), or that a long setup is done. */
  note?: string;
}

/**
 * Apps Script stops a run after 6 minutes. A form's step (or the links) begins only while the time used
 * so far plus the longest form step yet (at least FORM_STEP_MS, a form built from scratch on a slow day)
 * stays under 5 minutes: the last minute is for finishing (triggers, 操作日志, the message) and for the
 * script's own CPU time, which its clock does not see.
 */
const FINISH_BY_MS = 5 * 60_000;
const FORM_STEP_MS = 60_000;
/** Progress is recorded after each form once a run has taken this long (short setups write nothing). */
const RECORD_AFTER_MS = 60_000;
/** A stopped setup older than this starts afresh. */
const PASS_MAX_AGE_MS = 3_600_000;
/** The continuation's handler (src/main.ts) and its delay. */
const CONTINUE = "continueSetup";
const CONTINUE_MS = 60_000;

/** `resumed`: the continuation trigger's run, which does nothing when no setup is left unfinished. */
export function runSetup(svc: Services, resumed?: boolean): void {
  const started = nowMs(svc);
  const report = exclusive(
    svc,
    RUN_NAME.setup,
    { waitMs: 30_000, onBusy: resumed ? () => svc.triggers.retryLater(CONTINUE, CONTINUE_MS) : undefined },
    () =>
      resumed && svc.props.get(PROP_SETUP_PASS) === null
        ? undefined
        : setupLedger(svc, svc.workbook, CHECKLISTS, started),
  );
  if (report)
    svc.ui.alert(
      report.changes.length
        ? `${report.message}\n${MSG.setupRepaired(report.changes.join(SEP_CLAUSE))}`
        : report.message,
    );
}

function setupLedger(
  svc: Services,
  workbook: Workbook,
  checklists: Checklists,
  started: number,
): SetupReport {
  const changes: string[] = [];
  let note = "";
  try {
    const report = repair(svc, workbook, checklists, changes, passOf(svc, started));
    note = report.note ?? "";
    return report;
  } finally {
    // What was repaired is logged even when the run stops half-way: the retry repairs only the rest.
    if (changes.length || note) {
      const entry = {
        user: svc.identity.activeUser() || UNKNOWN_USER,
        action: RUN_NAME.setup,
        target: svc.ledger.name(),
        note: [...changes, note].filter(Boolean).join(SEP_CLAUSE),
      };
      try {
        appendLog(svc, [entry]);
      } catch (_e) {
        // The log could not be written now: the next run that holds the lock appends it.
        logLater(svc, entry, false);
      }
    }
  }
}

type Pass = ReturnType<typeof passOf>;

/**
 * One 初始化/更新 over however many runs it takes: the forms done so far (kept in a document property
 * by a run that stopped, or that has taken long enough that it might be stopped), and the time budget.
 * Every step is idempotent, so what the property says is only what need not be done again.
 */
function passOf(svc: Services, started: number) {
  const raw = svc.props.get(PROP_SETUP_PASS);
  let pass = { at: started, runs: 1, done: [] as string[] };
  // None, or unreadable: a setup from the start.
  const p = parseJson<typeof pass>(raw!);
  if (p && started - p.at < PASS_MAX_AGE_MS) pass = { ...p, runs: p.runs + 1 };
  let stored = raw !== null;
  let last = nowMs(svc);
  let longest = 0;
  const save = () => {
    svc.props.set({ [PROP_SETUP_PASS]: JSON.stringify(pass) });
    stored = true;
  };
  return {
    ...pass,
    /** Marks where a form's step begins, or ends (its time is the yardstick for whether another fits). */
    lap(formDone?: string) {
      const now = nowMs(svc);
      if (formDone) {
        longest = Math.max(longest, now - last);
        pass.done.push(formDone);
        if (now - started > RECORD_AFTER_MS) save();
      }
      last = now;
    },
    over: () => nowMs(svc) - started + Math.max(longest, FORM_STEP_MS) > FINISH_BY_MS,
    save,
    end: () => stored && svc.props.remove([PROP_SETUP_PASS]),
  };
}

function repair(
  svc: Services,
  workbook: Workbook,
  shipped: Checklists,
  changes: string[],
  pass: Pass,
): SetupReport {
  if (workbook.alignTimeZone(svc.clock.timeZone())) changes.push(MSG.setupTimeZone(svc.clock.timeZone()));
  for (const key of Object.keys(LEDGER) as SheetKey[]) {
    changes.push(...workbook.ensureSheet(key));
    workbook.protectComputedColumns(key);
  }
  ensureSettingRows(svc, changes);
  ensureHolidays(svc, changes);
  const read = readSettings(svc, true);
  const settings = {
    ...read.settings,
    coordinatorEmails: settleCoordinators(svc, workbook.owner(), read.coordinatorsInSheet),
  };
  for (const key of Object.keys(LEDGER) as SheetKey[])
    for (const col of LEDGER[key].columns as readonly ColumnSpec[])
      if (col.choices) workbook.setChoices(key, col.key, choiceList(col.choices, settings));
  changes.push(...workbook.removeEmptyDefaultSheets());
  const editors = [scriptAccount(svc), ...settings.coordinatorEmails];
  for (const key of SCRIPT_SHEETS) workbook.protectSheet(key, editors);
  workbook.hideSheet("shadow");
  // 问题台账's state columns: typed one cell at a time by a coordinator (judged by the edit handler), by
  // no other editor.
  workbook.protectColumns("findings", STATE_COLUMNS, editors);
  const shadowSeeded = seedShadow(svc);
  if (shadowSeeded) changes.push(shadowSeeded);
  const drawTakenBack = takeBackUnfinishedDraw(svc);
  if (drawTakenBack) changes.push(MSG.setupDrawTakenBack(drawTakenBack));
  // The triggers before the long steps: a first install that runs out of time still has them (the
  // forms' own come with their forms, below).
  const spreadsheetId = workbook.spreadsheetId();
  const fixed: TriggerSpec[] = [
    { handler: "handleEdit", kind: "edit", spreadsheetId },
    { handler: "handleChange", kind: "change", spreadsheetId },
    { handler: "runIntegrityCheck", kind: "daily", hour: 6 },
    { handler: "runDailyCheck", kind: "daily", hour: 7 },
    { handler: "sendSummary", kind: "daily", hour: 8 },
  ];
  svc.triggers.ensure(fixed, true);

  // Ids are written before the forms list them: a form never offers an id the register does not hold.
  const register = svc.ledger.read("register");
  const registerChanges = fillRegister(register.rows, register.firstRow);
  const rows = register.rows.map((r) => ({ ...r }));
  for (const c of registerChanges.changes) {
    const r = rows[c.row - register.firstRow]!;
    r[c.column] = c.after;
  }
  commitAndReport(svc, [updateCells("register", registerChanges.changes)]);
  // Logged once written.
  if (registerChanges.added) changes.push(MSG.setupIds(registerChanges.added));
  const roster = readRoster(svc).filter((p) => p.active);
  const institutions = institutionsFromRows(rows);
  const { checklists, problem: checklistProblem } = applyChecklistSheet(svc, shipped, changes);
  pass.lap();

  const { records, complete } = ensureForms(
    svc,
    workbook,
    checklists,
    settings,
    institutions,
    roster,
    changes,
    pass,
  );
  // The raw response tabs (respondents' addresses and answers as typed): hidden at the end, and
  // editable only by the owner and the coordinators, like the sheets only the script writes.
  for (const tab of workbook.responseTabs()) workbook.protectTab(tab.name, editors);
  const wanted: TriggerSpec[] = [
    ...[...records.values()].map((r): TriggerSpec => ({
      handler: "handleFormSubmit",
      kind: "formSubmit",
      formId: r.formId,
    })),
    ...fixed,
  ];
  // Stale triggers go only once every form has been seen.
  const triggerCount = svc.triggers.ensure(wanted, !complete);
  if (!complete || pass.over()) {
    pass.save();
    svc.triggers.retryLater(CONTINUE, CONTINUE_MS);
    const left = checklists.forms.filter((d) => !records.has(d.id)).map((d) => d.title);
    const message = SETUP_RUNS.stopped(records.size, checklists.forms.length, left);
    return { message, changes, note: message };
  }

  const links = prefilledLinks(svc, checklists, records, rows, institutions, register.firstRow);
  commitAndReport(svc, [updateCells("register", links)]);
  if (links.length) changes.push(MSG.setupLinks(links.length));
  adoptComplaintCounts(svc, rows, changes);
  repairSequences(svc);
  pass.end();

  const problems = read.problems.length ? `\n${read.problems.join("\n")}` : "";
  const complaintForm = [...records.values()].find((r) => r.map.kind === "complaint");
  const checklistForms = records.size - (complaintForm ? 1 : 0);
  const publicLink = complaintForm
    ? `\n${COMPLAINT_TEXT.publicLink(svc.forms.publishedUrl(complaintForm.formId))}`
    : "";
  const checklistProblems = checklistProblem ? `\n${checklistProblem}` : "";
  // A setup that took several runs says so, here and in 操作日志.
  const done =
    MSG.setupDone(checklistForms, triggerCount) + (pass.runs > 1 ? SETUP_RUNS.runs(pass.runs) : "");
  return {
    message: done + publicLink + problems + checklistProblems,
    changes,
    note: pass.runs > 1 ? done : "",
  };
}

/** The drop-downs that list a fixed set of labels. */
const LABELS = {
  classes: CLASS_LABEL,
  findingStatus: FINDING_STATUS,
  registration: REGISTRATION,
  disposition: DISPOSITION,
  pendingState: PENDING_STATE,
  holidayKind: HOLIDAY_KIND,
  complaintStatus: COMPLAINT_STATUS,
};

function choiceList(kind: NonNullable<ColumnSpec["choices"]>, settings: Settings): string[] {
  if (kind === "types") return INSTITUTION_TYPES.map((t) => TYPE_LABEL[t]);
  if (kind === "yesNo") return [YES, NO];
  return kind === "departments" || kind === "villages" ? settings[kind] : Object.values(LABELS[kind]);
}

function ensureSettingRows(svc: Services, changes: string[]): void {
  const table = svc.ledger.read("settings");
  const have = new Set(table.rows.map((r) => String(r.key).trim()));
  const missing = settingRows().filter((s) => !have.has(s.label));
  if (!missing.length) return;
  svc.ledger.commit([
    appendRows(
      "settings",
      missing.map((s) => ({ key: s.label, value: s.value, help: s.help })),
    ),
  ]);
  if (have.size)
    changes.push(MSG.setupSettingsAdded(LEDGER.settings.name, missing.map((s) => s.label).join(SEP_LIST)));
}

/**
 * Fills the holiday table with every official year not yet marked complete (全年已录入): the official
 * days it lacks, then the mark. A year the coordinator marked is theirs and left alone.
 */
function ensureHolidays(svc: Services, changes: string[]): void {
  const table = svc.ledger.read("holidays");
  const cell = (r: Record<string, unknown>) => `${asText(r.date).slice(0, 10)}|${trimmedText(r.kind)}`;
  const have = new Set(table.rows.map(cell));
  const complete = new Set(
    table.rows
      .filter((r) => trimmedText(r.kind) === HOLIDAY_KIND.complete)
      .map((r) => year(String(r.date).slice(0, 10))),
  );
  const years = Object.keys(HOLIDAY_SOURCES)
    .map(Number)
    .filter((y) => !complete.has(y));
  if (!years.length) return;
  const rows = years.flatMap((y) => [
    ...OFFICIAL_HOLIDAYS.filter((h) => year(h.date) === y)
      .map((h) => ({ date: h.date, kind: HOLIDAY_KIND[h.kind], name: h.name }))
      .filter((r) => !have.has(cell(r))),
    { date: `${y}-01-01`, kind: HOLIDAY_KIND.complete, name: HOLIDAY_SOURCES[y] ?? "" },
  ]);
  svc.ledger.commit([appendRows("holidays", rows)]);
  changes.push(
    MSG.setupHolidays(
      LEDGER.holidays.name,
      years.map((y) => holidayYearText(y, HOLIDAY_SOURCES[y] ?? "")).join(SEP_LIST),
    ),
  );
}

/** Gives pasted rows an id and a registration state, and recomputes each row's licence bucket. */
function fillRegister(
  rows: ReadonlyArray<Record<string, unknown>>,
  firstRow: number,
): { changes: CellChange[]; added: number } {
  const nextId = institutionIdSource(rows.map((r) => asText(r.id)));
  const out: CellChange[] = [];
  let added = 0;
  rows.forEach((r, i) => {
    if (!trimmedText(r.name)) return;
    const patch: Record<string, unknown> = {};
    let key = trimmedText(r.id);
    if (!key) {
      key = patch.id = nextId();
      added++;
    }
    if (!trimmedText(r.registration)) patch.registration = REGISTRATION.registered;
    patch.licenceBucket = licenceBucket(typeFromLabel(r.type), r as unknown as LicenceFlags);
    // A row without an id is found by its name at commit time (its id is what this writes).
    out.push(...diffRow(trimmedText(r.id) ? key : "", firstRow + i, r, patch));
  });
  return { changes: out, added };
}

/**
 * Each form definition has its form: an existing one is kept (rebuilt when its version changed), a
 * missing one created and recorded at once. A form whose responses come to this spreadsheet but that
 * no record names (a run died right after creating it) is adopted when a definition lacks its form,
 * and otherwise unlinked; its response tab goes when it holds no response.
 */
function ensureForms(
  svc: Services,
  workbook: Workbook,
  checklists: Checklists,
  settings: Settings,
  institutions: ReturnType<typeof institutionsFromRows>,
  roster: ReturnType<typeof readRoster>,
  changes: string[],
  pass: Pass,
): { records: Map<string, FormRecord>; complete: boolean } {
  const spreadsheetId = workbook.spreadsheetId();
  const records = svc.forms.records();
  const tabs = workbook.responseTabs().map((t) => ({ ...t, formId: svc.forms.idOfUrl(t.formUrl) }));
  const recorded = new Set([...records.values()].map((r) => r.formId));
  const orphans = tabs.filter((t) => t.formId && !recorded.has(t.formId));
  const out = new Map<string, FormRecord>();
  for (const def of checklists.forms) {
    let rec = records.get(def.id);
    // Done by an earlier run of this setup (and not changed since in 检查项目).
    if (rec?.version === def.version && pass.done.includes(def.id)) {
      out.set(def.id, rec);
      continue;
    }
    if (pass.over()) return { records: out, complete: false };
    const lists = choiceListsFor(def, institutions, settings, roster);
    if (rec && !svc.forms.exists(rec.formId)) rec = undefined;
    if (!rec) {
      const adopt = orphans.find((t) => t.formId && svc.forms.title(t.formId) === def.title);
      const formId = adopt?.formId ?? svc.forms.create(def.title);
      if (adopt) orphans.splice(orphans.indexOf(adopt), 1);
      const previous = records.get(def.id);
      rec = {
        defId: def.id,
        formId,
        version: "",
        map: { kind: def.kind } as ItemMap,
        previous: previous ? [...previous.previous, { version: previous.version, map: previous.map }] : [],
        building: true,
      };
      svc.forms.saveRecord(rec);
      changes.push(adopt ? MSG.setupFormAdopted(def.title) : MSG.setupFormCreated(def.title));
    }
    if (!tabs.some((t) => t.formId === rec!.formId)) svc.forms.link(rec.formId, spreadsheetId);
    if (rec.building || rec.version !== def.version) {
      const map = svc.forms.build(rec.formId, def, checklists.items, lists);
      const previous =
        rec.building || !rec.version
          ? rec.previous
          : [...rec.previous, { version: rec.version, map: rec.map }];
      changes.push(
        rec.building ? MSG.setupFormBuilt(def.title) : MSG.setupFormUpdated(def.title, def.version),
      );
      rec = {
        defId: def.id,
        formId: rec.formId,
        version: def.version,
        map,
        previous,
        verifiedSince: rec.verifiedSince,
      };
      svc.forms.saveRecord(rec);
    } else {
      svc.forms.syncChoices(rec, lists);
    }
    // The public 举报 form asks no sign-in; inspectors' forms record who sent them.
    if (def.kind !== "complaint") {
      svc.forms.requireVerifiedEmail(rec.formId);
      // Responses from this moment on carry a verified address; earlier ones (typed, or none) do not.
      if (!rec.verifiedSince) {
        rec = { ...rec, verifiedSince: nowMs(svc) };
        svc.forms.saveRecord(rec);
      }
    }
    out.set(def.id, rec);
    pass.lap(def.id);
  }
  for (const o of orphans) {
    svc.forms.unlink(o.formId!);
    if (o.rows <= 1) workbook.deleteSheet(o.name);
    changes.push(MSG.setupFormUnlinked(o.name));
  }
  for (const defId of records.keys()) if (!out.has(defId)) svc.forms.removeRecord(defId);
  const kept = workbook.responseTabs().map((t) => t.name);
  workbook.tuckAwayResponseTabs(kept);
  return { records: out, complete: true };
}

/** Each institution's link: one template per form, the institution's choice put in (no call each). */
function prefilledLinks(
  svc: Services,
  checklists: Checklists,
  records: Map<string, FormRecord>,
  rows: ReadonlyArray<Record<string, unknown>>,
  institutions: ReturnType<typeof institutionsFromRows>,
  firstRow: number,
): CellChange[] {
  const out: CellChange[] = [];
  for (const type of INSTITUTION_TYPES) {
    const def = formForType(checklists, type);
    const rec = def && records.get(def.id);
    if (!rec) continue;
    const ofType = institutions.filter((i) => i.id && i.type === type);
    const links = svc.forms.prefilledLinks(rec, ofType.map(institutionChoice));
    institutions.forEach((inst, i) => {
      if (!inst.id || inst.type !== type) return;
      const link = links.get(institutionChoice(inst));
      if (link) out.push(...diffRow(inst.id, firstRow + i, rows[i]!, { formLink: link }));
    });
  }
  return out;
}

/**
 * 投诉举报次数 is the number of 举报登记 rows naming the institution. A count typed into the register
 * before 举报登记 existed is kept by turning it into that many rows (closed, the reply saying where they
 * came from), once; the daily check then keeps the count.
 */
function adoptComplaintCounts(
  svc: Services,
  register: ReadonlyArray<Record<string, unknown>>,
  changes: string[],
): void {
  const complaints = svc.ledger.read("complaints").rows;
  const have = new Map<string, number>();
  for (const c of complaints) {
    const id = trimmedText(c.institutionId);
    if (id) have.set(id, (have.get(id) ?? 0) + 1);
  }
  const nextId = complaintIdSource(complaints.map((c) => asText(c.id)));
  const today = svc.clock.today();
  const at = nowText(svc);
  const rows: Array<Record<string, unknown>> = [];
  let institutions = 0;
  for (const r of register) {
    const id = trimmedText(r.id);
    const missing = (Number(r.complaints) || 0) - (have.get(id) ?? 0);
    if (!id || missing <= 0) continue;
    institutions++;
    for (let k = 0; k < missing; k++)
      rows.push({
        id: nextId(today),
        receivedAt: at,
        institutionId: id,
        institutionName: asText(r.name),
        village: asText(r.village),
        topic: COMPLAINT_TEXT.migratedTopic,
        status: COMPLAINT_STATUS.closed,
        reply: COMPLAINT_TEXT.migrated,
        closedBy: COMPLAINT_TEXT.closedByReply,
        closedOn: today,
      });
  }
  if (rows.length) {
    svc.ledger.commit([appendRows("complaints", rows)]);
    changes.push(COMPLAINT_TEXT.migratedRows(institutions, rows.length));
  }
  if (rows.length || complaints.length) svc.props.set({ [PROP_COMPLAINTS_USED]: "1" });
}
