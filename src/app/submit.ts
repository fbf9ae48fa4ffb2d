// Submission → ledger. Every run sweeps all responses not yet in the ledger, so a repeated or blank
// trigger event writes nothing twice, and a response that waited for the lock is picked up next time.
import { CHECKLISTS } from "../../forms/index";
import {
  institutionChoice,
  validateSubmission,
  type FindingRecord,
  type InspectionRecord,
} from "../domain/submission";
import { validateReinspection } from "../domain/reinspection";
import {
  licenceBucket,
  licenceFlagsFromAnswers,
  proposedDisposition,
  type LicenceFlags,
} from "../domain/institution";
import { urgency, urgencyText } from "../domain/rectification";
import type { WorkCalendar } from "../domain/calendar";
import type { Row } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import type { Inspector } from "../domain/types";
import {
  CLASS_LABEL,
  FORM_TEXT,
  INSTITUTION_STATE,
  MSG,
  PENDING_STATE,
  REGISTRATION,
  TYPE_LABEL,
} from "../text/zh";
import { Ledger, LedgerError, type Table } from "../gas/ledger";
import {
  answersAsText,
  answersOf,
  loadFormRecords,
  mapMatches,
  readInspectionResponse,
  readReinspectionResponse,
  type FormRecord,
} from "../gas/forms";
import { today } from "../gas/env";
import {
  calendarFor,
  findingsOf,
  institutionIdSource,
  institutionsOf,
  readRoster,
  readSettings,
} from "./context";
import { queueDigest, type DigestEntry } from "./digest";
import { issueNotice } from "./notices";
import { syncAllChoices } from "./choices";
import { tellCoordinator } from "./guard";

/** How long a submission waits for another run to finish before leaving its response for the next one. */
const LOCK_WAIT_MS = 20_000;
/** Look back this far before the newest response already seen, in case two arrive in the same second. */
const RESPONSE_OVERLAP_MS = 10 * 60_000;
const SEEN_PREFIX = "seen:";
const RECENT_PREFIX = "recent:";
/** A property value holds at most 9 KB; responses that do not fit are checked against the ledger instead. */
const RECENT_MAX_CHARS = 8000;

export interface SubmitReport {
  written: number;
  pending: number;
}

export function processSubmissions(e?: unknown): SubmitReport | undefined {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    // The response is safe in the form; the next run (a submission or the daily check) writes it.
    const id = (e as { response?: GoogleAppsScript.Forms.FormResponse } | undefined)?.response?.getId() ?? "";
    tellCoordinator(MSG.lockBusyLog(id), "等待处理");
    return undefined;
  }
  try {
    return processNewResponses();
  } finally {
    lock.releaseLock();
  }
}

interface Candidate {
  record: FormRecord;
  form: GoogleAppsScript.Forms.Form;
  response: GoogleAppsScript.Forms.FormResponse;
}

interface Batch {
  ledger: Ledger;
  settings: Settings;
  calendar: WorkCalendar;
  register: Table;
  inspections: Table;
  /** Not read when 待核实 has never been written to. */
  pending: Table | undefined;
  roster: Inspector[];
}

/**
 * Two markers in the document properties let a run skip reads that only a past failure or a past
 * invalid entry makes necessary: PENDING_FLAG is set before 待核实 is first written (until then it
 * cannot hold a response), INFLIGHT while a run writes (a run that died mid-way leaves it set, and the
 * next run then checks the findings already written by their ids).
 */
const PENDING_FLAG = "submit:pendingUsed";
const INFLIGHT = "submit:inflight";

function openBatch(readPending = true): Batch {
  const ledger = new Ledger();
  const { settings } = readSettings(ledger);
  return {
    ledger,
    settings,
    calendar: calendarFor(ledger, settings),
    register: ledger.read("register"),
    roster: readRoster(ledger),
    inspections: ledger.read("inspections"),
    pending: readPending ? ledger.read("pending") : undefined,
  };
}

/**
 * Responses not handled yet. The form's own record (timestamps, and the ids handled lately) tells this
 * without reading the ledger, so a run with nothing new costs no Sheets call; the ledger is still
 * checked before anything is written.
 */
function newCandidates(
  records: Map<string, FormRecord>,
  props: GoogleAppsScript.Properties.Properties,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const record of records.values()) {
    const form = FormApp.openById(record.formId);
    const seen = Number(props.getProperty(SEEN_PREFIX + record.defId) ?? 0);
    const recent = new Set(readRecent(props, record.defId).map(([id]) => id));
    const responses = seen ? form.getResponses(new Date(seen - RESPONSE_OVERLAP_MS)) : form.getResponses();
    for (const response of responses)
      if (!recent.has(response.getId())) candidates.push({ record, form, response });
  }
  return candidates;
}

function readRecent(props: GoogleAppsScript.Properties.Properties, defId: string): Array<[string, number]> {
  try {
    return JSON.parse(props.getProperty(RECENT_PREFIX + defId) ?? "[]") as Array<[string, number]>;
  } catch (_e) {
    return [];
  }
}

function remember(candidates: Candidate[], props: GoogleAppsScript.Properties.Properties): void {
  const byForm = new Map<string, Candidate[]>();
  for (const c of candidates) byForm.set(c.record.defId, [...(byForm.get(c.record.defId) ?? []), c]);
  for (const [defId, list] of byForm) {
    const seenKey = SEEN_PREFIX + defId;
    const newest = Math.max(
      Number(props.getProperty(seenKey) ?? 0),
      ...list.map((c) => c.response.getTimestamp().getTime()),
    );
    // Only responses inside the look-back window can come back; remember those, newest first.
    const merged = new Map<string, number>(readRecent(props, defId));
    for (const c of list) merged.set(c.response.getId(), c.response.getTimestamp().getTime());
    const window = [...merged]
      .filter(([, t]) => t >= newest - RESPONSE_OVERLAP_MS)
      .sort((a, b) => b[1] - a[1]);
    const keep: Array<[string, number]> = [];
    let size = 2;
    for (const entry of window) {
      size += entry[0].length + 20;
      if (size > RECENT_MAX_CHARS) break;
      keep.push(entry);
    }
    props.setProperties({ [seenKey]: String(newest), [RECENT_PREFIX + defId]: JSON.stringify(keep) });
  }
}

export function processNewResponses(): SubmitReport {
  const records = loadFormRecords();
  if (records.size === 0) throw new LedgerError(MSG.notSetUp);
  const props = PropertiesService.getDocumentProperties();
  let candidates = newCandidates(records, props);
  if (candidates.length === 0) return { written: 0, pending: 0 };
  const batch = openBatch(props.getProperty(PENDING_FLAG) === "1");
  const { ledger } = batch;
  const done = new Set<string>();
  for (const t of [batch.inspections, batch.pending])
    if (t) for (const r of ledger.rows(t)) if (r.responseId) done.add(String(r.responseId));
  const already = candidates.filter((c) => done.has(c.response.getId()));
  candidates = candidates.filter((c) => !done.has(c.response.getId()));
  const outcome = writeBatch(batch, candidates, props.getProperty(INFLIGHT) === "1");
  const pendingRows = outcome.invalid.map((x) => pendingRow(x.candidate, x.reasons, x.answersText));
  if (pendingRows.length) {
    props.setProperty(PENDING_FLAG, "1");
    ledger.append(batch.pending ?? ledger.readHeader("pending"), pendingRows);
  }
  remember([...already, ...candidates], props);
  props.deleteProperty(INFLIGHT);
  const digest: DigestEntry[] = [
    ...pendingRows.map((r) => ({
      id: String(r.id),
      form: String(r.form),
      by: String(r.submittedBy ?? ""),
      reason: String(r.reasons).split("\n")[0] ?? "",
    })),
    ...outcome.flags,
  ];
  if (digest.length) queueDigest(digest, batch.settings, false);
  return { written: outcome.written, pending: pendingRows.length };
}

/** 重新处理待核实 (menu): after the coordinator fixed the register or roster, tries the open entries again. */
export function reprocessPendingEntries(): SubmitReport {
  const records = loadFormRecords();
  if (records.size === 0) throw new LedgerError(MSG.notSetUp);
  const batch = openBatch();
  const { ledger } = batch;
  const pending = batch.pending!;
  const candidates: Candidate[] = [];
  const rowOf = new Map<string, number>();
  const forms = [...records.values()].map((record) => ({ record, form: FormApp.openById(record.formId) }));
  ledger.rows(pending).forEach((r, i) => {
    if (String(r.state) !== PENDING_STATE.open || !r.responseId) return;
    for (const { record, form } of forms) {
      try {
        candidates.push({ record, form, response: form.getResponse(String(r.responseId)) });
        rowOf.set(String(r.responseId), i + 1);
        break;
      } catch (_e) {
        // Not this form's response.
      }
    }
  });
  const outcome = writeBatch(batch, candidates, true);
  const changes = new Map<number, Row>();
  for (const c of candidates) {
    const invalid = outcome.invalid.find((x) => x.candidate === c);
    changes.set(
      rowOf.get(c.response.getId())!,
      invalid ? { reasons: invalid.reasons.join("\n") } : { state: PENDING_STATE.reprocessed },
    );
  }
  ledger.update(pending, changes);
  PropertiesService.getDocumentProperties().deleteProperty(INFLIGHT);
  return { written: outcome.written, pending: outcome.invalid.length };
}

function pendingRow(c: Candidate, reasons: string[], answersText: string): Row {
  const def = CHECKLISTS.forms.find((f) => f.id === c.record.defId);
  return {
    id: `DH-${c.response.getId().slice(-8)}`,
    receivedAt: c.response.getTimestamp(),
    form: def?.title ?? c.record.defId,
    responseId: c.response.getId(),
    submittedBy: c.response.getRespondentEmail(),
    reasons: reasons.join("\n"),
    answers: answersText,
    responseLink: c.response.getEditResponseUrl(),
    state: PENDING_STATE.open,
  };
}

interface BatchOutcome {
  written: number;
  invalid: Array<{ candidate: Candidate; reasons: string[]; answersText: string }>;
  flags: DigestEntry[];
}

/**
 * Validates candidates in submission order and writes the valid ones: findings, inspections, register.
 * `afterFailure`: a run died while writing, so findings may already be there (checked by id).
 */
function writeBatch(batch: Batch, candidates: Candidate[], afterFailure: boolean): BatchOutcome {
  const { ledger, register, inspections, settings, roster, calendar } = batch;
  candidates.sort((a, b) => a.response.getTimestamp().getTime() - b.response.getTimestamp().getTime());
  const institutions = institutionsOf(ledger, register);
  const registerRows = ledger.rows(register);
  const nextInstitutionId = institutionIdSource(institutions.map((i) => i.id));
  const inspectionIds = new Set(ledger.rows(inspections).map((r) => String(r.id)));
  const inspectorsByInspection = new Map(
    ledger.rows(inspections).map((r) => [String(r.id), String(r.inspectors ?? "").split("、")]),
  );
  const newInspections: InspectionRecord[] = [];
  const newFindings: FindingRecord[] = [];
  const newInstitutions: Row[] = [];
  const registerChanges = new Map<number, Row>();
  const invalid: BatchOutcome["invalid"] = [];
  const flags: DigestEntry[] = [];
  const submittedAt = new Map<string, Date>();
  const noticeLinks = new Map<string, string>();
  const todayDate = today();
  // Re-inspections need the findings themselves; they are read only when one arrives.
  let findingsTable: Table | undefined;
  let findingRows: Row[] = [];
  let baseFindings: ReturnType<typeof findingsOf> = [];
  const findingChanges = new Map<number, Row>();

  for (const candidate of candidates) {
    const { record, form, response } = candidate;
    const answers = answersOf(response);
    const reject = (reasons: string[]) =>
      invalid.push({ candidate, reasons, answersText: answersAsText(form, answers) });
    const map = [record.map, ...record.previous.map((p) => p.map).reverse()].find((m) =>
      mapMatches(m, answers),
    );
    const version =
      map === record.map ? record.version : (record.previous.find((p) => p.map === map)?.version ?? "");
    const def = CHECKLISTS.forms.find((f) => f.id === record.defId);
    if (!map || !def || map.kind !== def.kind) {
      reject([MSG.unknownForm]);
      continue;
    }

    if (map.kind === "reinspection") {
      if (!findingsTable) {
        findingsTable = ledger.read("findings");
        findingRows = ledger.rows(findingsTable);
        baseFindings = findingsOf(ledger, findingsTable);
      }
      const rowById = new Map(baseFindings.map((f, i) => [f.id, i + 1]));
      const current = new Map(
        baseFindings.map((f, i) => [f.id, { ...f, ...(findingChanges.get(i + 1) as object) }]),
      );
      const outcome = validateReinspection(readReinspectionResponse(response, answers, map), {
        formId: def.id,
        formVersion: version,
        registerIds: new Set(institutions.map((i) => i.id)),
        roster,
        settings,
        today: todayDate,
        findings: current,
        inspectorsOf: (id) => inspectorsByInspection.get(id) ?? [],
        existingInspectionIds: inspectionIds,
      });
      if (!outcome.ok) {
        reject(outcome.reasons);
        continue;
      }
      for (const u of outcome.updates) {
        const row = rowById.get(u.id)!;
        const before = findingRows[row - 1]!;
        const log = [String(findingChanges.get(row)?.reinspections ?? before.reinspections ?? ""), u.record]
          .filter(Boolean)
          .join("\n");
        findingChanges.set(row, {
          ...findingChanges.get(row),
          status: u.status,
          closedOn: u.closedOn,
          reinspections: log,
        });
      }
      inspectionIds.add(outcome.inspection.id);
      inspectorsByInspection.set(outcome.inspection.id, outcome.inspection.inspectors.split("、"));
      submittedAt.set(response.getId(), response.getTimestamp() as unknown as Date);
      newInspections.push(outcome.inspection);
      continue;
    }

    const raw = readInspectionResponse(response, answers, map);
    // A run that died after adding this response's new institution: use that register row.
    const recovered = registerRows.findIndex((r) =>
      String(r.notes ?? "").includes(responseMark(response.getId())),
    );
    if (recovered >= 0 && raw.institution === FORM_TEXT.newInstitutionChoice)
      raw.institution = institutionChoice(institutions[recovered]!);
    if (def.kind !== "inspection") {
      reject([MSG.unknownForm]);
      continue;
    }
    const outcome = validateSubmission(raw, {
      form: def,
      formVersion: version,
      bank: CHECKLISTS.items,
      register: institutions,
      roster,
      settings,
      today: todayDate,
      existingInspectionIds: inspectionIds,
      nextInstitutionId,
      calendar,
    });
    if (!outcome.ok) {
      reject(outcome.reasons);
      continue;
    }
    for (const flag of outcome.flags)
      flags.push({ id: outcome.inspection.id, form: def.title, by: raw.submittedBy, reason: flag });
    inspectionIds.add(outcome.inspection.id);
    inspectorsByInspection.set(outcome.inspection.id, outcome.inspection.inspectors.split("、"));
    submittedAt.set(response.getId(), response.getTimestamp() as unknown as Date);
    newInspections.push(outcome.inspection);
    newFindings.push(...outcome.findings);
    const classes = outcome.findings.filter((f) => !f.closedOn).map((f) => f.class);
    if (outcome.isNew) {
      institutions.push(outcome.institution);
      const flagsOfLicence = licenceFlagsFromAnswers(emptyFlags(), outcome.answers);
      newInstitutions.push({
        ...outcome.institution,
        type: outcome.institution.type ? TYPE_LABEL[outcome.institution.type] : "",
        registration: REGISTRATION.unverified,
        ...flagsOfLicence,
        licenceBucket: licenceBucket(outcome.institution.type, flagsOfLicence),
        disposition: proposedDisposition("", classes, true),
        state: stateAfterInspection("", classes),
        lastInspected: outcome.inspection.date,
        notes: newInstitutionNote(outcome.inspection.id, response.getId()),
      });
    } else {
      const index = institutions.findIndex((i) => i.id === outcome.institution.id);
      const rowIndex = index + 1;
      const current = { ...registerRows[index], ...registerChanges.get(rowIndex) } as Row;
      const licence = licenceFlagsFromAnswers(current as unknown as LicenceFlags, outcome.answers);
      registerChanges.set(rowIndex, {
        ...registerChanges.get(rowIndex),
        ...licence,
        licenceBucket: licenceBucket(outcome.institution.type, licence),
        disposition: proposedDisposition(String(current.disposition ?? ""), classes, false),
        state: stateAfterInspection(String(current.state ?? ""), classes),
        lastInspected: outcome.inspection.date,
      });
    }
  }

  // 一校一单: a notice for each new inspection that found something still to put right.
  const emails = new Map(registerRows.map((r) => [String(r.id ?? ""), String(r.email ?? "").trim()]));
  for (const inspection of newInspections) {
    const own = newFindings.filter((f) => f.inspectionId === inspection.id);
    if (!own.length || own.every((f) => f.closedOn)) continue;
    const inst = institutions.find((i) => i.id === inspection.institutionId)!;
    const result = issueNotice(
      {
        township: settings.township,
        institution: {
          id: inst.id,
          name: inst.name,
          village: inst.village,
          address: inst.address,
          operator: inst.operator,
        },
        inspection: {
          id: inspection.id,
          date: inspection.date,
          inspectors: inspection.inspectors,
          departments: inspection.departments,
        },
        findings: own.map((f) => ({
          id: f.id,
          item: `${f.itemCode} ${f.itemText}`,
          description: f.description,
          classLabel: CLASS_LABEL[f.class],
          deadline: f.deadline,
          basis: f.basis,
          responsible: f.responsible,
          fixedOnSpot: !!f.closedOn,
        })),
      },
      emails.get(inst.id) ?? "",
    );
    noticeLinks.set(inspection.id, result.url);
    if (result.problem) flags.push({ id: inspection.id, form: "整改通知书", by: "", reason: result.problem });
  }

  // The inspection row is written last: it marks its response as done. A run that dies before it is
  // simply done again by the next run: findings already written are recognised by their ids (which
  // follow from the inspection id) and a new institution by its response id, so nothing is doubled.
  if (
    newFindings.length ||
    findingChanges.size ||
    registerChanges.size ||
    newInstitutions.length ||
    newInspections.length
  ) {
    PropertiesService.getDocumentProperties().setProperty(INFLIGHT, "1");
  }
  if (newFindings.length) {
    const table = findingsTable ?? ledger.readHeader("findings");
    const { ids, lastRow } = findingsTable
      ? { ids: new Set(findingRows.map((r) => String(r.id))), lastRow: undefined }
      : afterFailure
        ? existingIds(table)
        : { ids: new Set<string>(), lastRow: undefined };
    const fresh = newFindings.filter((f) => !ids.has(f.id));
    ledger.append(
      table,
      fresh.map((f) => findingRow(f, todayDate, settings.dueSoonDays)),
      lastRow,
    );
  }
  if (findingsTable) ledger.update(findingsTable, findingChanges);
  ledger.update(register, registerChanges);
  ledger.append(register, newInstitutions);
  ledger.append(
    inspections,
    newInspections.map((i) => ({
      ...i,
      submittedAt: submittedAt.get(i.responseId) ?? i.submittedAt,
      notice: noticeLinks.get(i.id) ?? "",
    })),
  );
  // An institution found on a visit can be chosen in the forms (re-inspection) from now on.
  if (newInstitutions.length) syncAllChoices(institutions, settings, roster);
  return { written: newInspections.length, invalid, flags };
}

const responseMark = (responseId: string) => `回复 ${responseId}`;
const newInstitutionNote = (inspectionId: string, responseId: string) =>
  `检查中新发现（${inspectionId}；${responseMark(responseId)}）`;

/** The 问题编号 column, whole: one read of one column, whatever the coordinator sorted. */
function existingIds(table: Table): { ids: Set<string>; lastRow: number } {
  const lastRow = table.sheet.getLastRow();
  const col = table.layout.index.id! + 1;
  const ids =
    lastRow > 1
      ? table.sheet
          .getRange(2, col, lastRow - 1, 1)
          .getValues()
          .map((r) => String(r[0]))
      : [];
  return { ids: new Set(ids), lastRow };
}

/** The ledger shows classes and types by their Chinese labels, and overdue from the first day. */
function findingRow(f: FindingRecord, todayDate: string, dueSoonDays: number): Row {
  const overdue = urgencyText(urgency({ ...f, extendedTo: "" }, todayDate, dueSoonDays));
  return { ...f, class: CLASS_LABEL[f.class], type: f.type ? TYPE_LABEL[f.type] : "", overdue };
}

function emptyFlags(): LicenceFlags {
  return {
    permit: "",
    businessLicence: "",
    foodPermit: "",
    healthPermit: "",
    healthFiling: "",
    beyondScope: "",
  };
}

/** Until the daily check recomputes it from all findings, an inspection moves the state forward. */
function stateAfterInspection(current: string, classes: readonly string[]): string {
  if (classes.includes("III")) return INSTITUTION_STATE.closing;
  if (classes.length) return INSTITUTION_STATE.open;
  return current && current !== INSTITUTION_STATE.notInspected ? current : INSTITUTION_STATE.done;
}
