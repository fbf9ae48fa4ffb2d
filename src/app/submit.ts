// Submission → ledger. Every run sweeps all responses not yet in the ledger, so a repeated or blank
// trigger event writes nothing twice, and a response that waited for the lock is picked up next time.
import { CHECKLISTS } from "../../forms/index";
import {
  RawSubmissionSchema,
  validateSubmission,
  type FindingRecord,
  type InspectionRecord,
} from "../domain/submission";
import {
  licenceBucket,
  licenceFlagsFromAnswers,
  proposedDisposition,
  type LicenceFlags,
} from "../domain/institution";
import { escapeHtml, htmlPage, htmlTable } from "../domain/html";
import type { Row } from "../domain/ledger";
import { CLASS_LABEL, INSTITUTION_STATE, MSG, PENDING_STATE, REGISTRATION, TYPE_LABEL } from "../text/zh";
import { Ledger, LedgerError, type Table } from "../gas/ledger";
import {
  answersAsText,
  answersOf,
  loadFormRecords,
  mapMatches,
  readInspectionResponse,
  type FormRecord,
} from "../gas/forms";
import { today } from "../gas/env";
import { sendMail } from "../gas/mail";
import { institutionIdSource, institutionsOf, inspectorsOf, readSettings } from "./context";
import type { Settings } from "../domain/settings";
import type { Inspector } from "../domain/types";

/** How long a submission waits for another run to finish before leaving its response for the next one. */
const LOCK_WAIT_MS = 20_000;
/** Look back this far before the newest response already seen, in case two arrive in the same second. */
const RESPONSE_OVERLAP_MS = 10 * 60_000;
const SEEN_PREFIX = "seen:";
const UNMAILED_KEY = "pending:unmailed";
const LAST_DIGEST_KEY = "pending:lastDigestAt";
const DIGEST_INTERVAL_MS = 60 * 60_000;

export interface SubmitReport {
  written: number;
  pending: number;
}

export function processSubmissions(_e?: unknown): SubmitReport | undefined {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    // The response is safe in the form; the next run (or 重新处理 from the menu) writes it.
    console.warn(MSG.lockBusy);
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
  register: Table;
  inspections: Table;
  pending: Table;
  roster: Inspector[];
}

function openBatch(): Batch {
  const ledger = new Ledger();
  const { settings } = readSettings(ledger);
  return {
    ledger,
    settings,
    register: ledger.read("register"),
    roster: inspectorsOf(ledger, ledger.read("roster")),
    inspections: ledger.read("inspections"),
    pending: ledger.read("pending"),
  };
}

export function processNewResponses(): SubmitReport {
  const records = loadFormRecords();
  if (records.size === 0) throw new LedgerError(MSG.notSetUp);
  const props = PropertiesService.getDocumentProperties();
  const batch = openBatch();
  const { ledger } = batch;
  const done = new Set<string>();
  for (const t of [batch.inspections, batch.pending])
    for (const r of ledger.rows(t)) if (r.responseId) done.add(String(r.responseId));

  const candidates: Candidate[] = [];
  for (const record of records.values()) {
    const form = FormApp.openById(record.formId);
    const seen = Number(props.getProperty(SEEN_PREFIX + record.defId) ?? 0);
    const responses = seen ? form.getResponses(new Date(seen - RESPONSE_OVERLAP_MS)) : form.getResponses();
    for (const response of responses)
      if (!done.has(response.getId())) candidates.push({ record, form, response });
  }
  const outcome = writeBatch(batch, candidates);
  const pendingRows = outcome.invalid.map((x) => pendingRow(x.candidate, x.reasons, x.answersText));
  ledger.append(batch.pending, pendingRows);
  for (const c of candidates) {
    const key = SEEN_PREFIX + c.record.defId;
    const ts = c.response.getTimestamp().getTime();
    if (ts > Number(props.getProperty(key) ?? 0)) props.setProperty(key, String(ts));
  }
  if (pendingRows.length) queuePendingDigest(props, pendingRows, batch.settings, false);
  return { written: outcome.written, pending: pendingRows.length };
}

/** 重新处理待核实 (menu): after the coordinator fixed the register or roster, tries the open entries again. */
export function reprocessPendingEntries(): SubmitReport {
  const records = loadFormRecords();
  if (records.size === 0) throw new LedgerError(MSG.notSetUp);
  const batch = openBatch();
  const { ledger, pending } = batch;
  const candidates: Candidate[] = [];
  const rowOf = new Map<string, number>();
  ledger.rows(pending).forEach((r, i) => {
    if (String(r.state) !== PENDING_STATE.open || !r.responseId) return;
    for (const record of records.values()) {
      const form = FormApp.openById(record.formId);
      try {
        const response = form.getResponse(String(r.responseId));
        candidates.push({ record, form, response });
        rowOf.set(String(r.responseId), i + 1);
        break;
      } catch (_e) {
        // Not this form's response.
      }
    }
  });
  const outcome = writeBatch(batch, candidates);
  const changes = new Map<number, Row>();
  const invalidIds = new Set(outcome.invalid.map((x) => x.candidate.response.getId()));
  for (const c of candidates) {
    const row = rowOf.get(c.response.getId())!;
    const invalid = outcome.invalid.find((x) => x.candidate === c);
    changes.set(
      row,
      invalid ? { reasons: invalid.reasons.join("\n") } : { state: PENDING_STATE.reprocessed },
    );
  }
  ledger.update(pending, changes);
  return { written: outcome.written, pending: invalidIds.size };
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
}

/** Validates candidates in submission order and writes the valid ones: findings, inspections, register. */
function writeBatch(batch: Batch, candidates: Candidate[]): BatchOutcome {
  const { ledger, register, inspections, settings, roster } = batch;
  candidates.sort((a, b) => a.response.getTimestamp().getTime() - b.response.getTimestamp().getTime());
  const institutions = institutionsOf(ledger, register);
  const registerRows = ledger.rows(register);
  const nextInstitutionId = institutionIdSource(institutions.map((i) => i.id));
  const inspectionIds = new Set(ledger.rows(inspections).map((r) => String(r.id)));
  const newInspections: InspectionRecord[] = [];
  const newFindings: FindingRecord[] = [];
  const newInstitutions: Row[] = [];
  const registerChanges = new Map<number, Row>();
  const invalid: BatchOutcome["invalid"] = [];
  const submittedAt = new Map<string, Date>();
  const todayDate = today();

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
    if (!map || !def) {
      reject([MSG.unknownForm]);
      continue;
    }
    if (map.kind === "reinspection" || def.kind === "reinspection") {
      reject([MSG.notImplemented("复查表自动销号")]);
      continue;
    }
    const raw = readInspectionResponse(response, answers, map);
    if (!RawSubmissionSchema.safeParse(raw).success) {
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
    });
    if (!outcome.ok) {
      reject(outcome.reasons);
      continue;
    }
    inspectionIds.add(outcome.inspection.id);
    submittedAt.set(response.getId(), response.getTimestamp() as unknown as Date);
    newInspections.push(outcome.inspection);
    newFindings.push(...outcome.findings);
    const classes = outcome.findings.map((f) => f.class);
    if (outcome.isNew) {
      institutions.push(outcome.institution);
      const flags = licenceFlagsFromAnswers(emptyFlags(), outcome.answers);
      newInstitutions.push({
        ...outcome.institution,
        type: outcome.institution.type ? TYPE_LABEL[outcome.institution.type] : "",
        registration: REGISTRATION.unverified,
        ...flags,
        licenceBucket: licenceBucket(outcome.institution.type, flags),
        disposition: proposedDisposition("", classes, true),
        state: stateAfterInspection("", classes),
        lastInspected: outcome.inspection.date,
        notes: `检查中新发现（${outcome.inspection.id}）`,
      });
    } else {
      const index = institutions.findIndex((i) => i.id === outcome.institution.id);
      const rowIndex = index + 1;
      const current = { ...registerRows[index], ...registerChanges.get(rowIndex) } as Row;
      const flags = licenceFlagsFromAnswers(current as unknown as LicenceFlags, outcome.answers);
      registerChanges.set(rowIndex, {
        ...registerChanges.get(rowIndex),
        ...flags,
        licenceBucket: licenceBucket(outcome.institution.type, flags),
        disposition: proposedDisposition(String(current.disposition ?? ""), classes, false),
        state: stateAfterInspection(String(current.state ?? ""), classes),
        lastInspected: outcome.inspection.date,
      });
    }
  }

  // Findings first, the inspection row after: an inspection row present means its findings are written.
  if (newFindings.length) ledger.append(ledger.readHeader("findings"), newFindings.map(findingRow));
  ledger.append(
    inspections,
    newInspections.map((i) => ({ ...i, submittedAt: submittedAt.get(i.responseId) ?? i.submittedAt })),
  );
  ledger.update(register, registerChanges);
  ledger.append(register, newInstitutions);
  return { written: newInspections.length, invalid };
}

/** The ledger shows classes and types by their Chinese labels. */
function findingRow(f: FindingRecord): Row {
  return { ...f, class: CLASS_LABEL[f.class], type: f.type ? TYPE_LABEL[f.type] : "" };
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

/**
 * One digest mail for the coordinator, never one per error: entries queue up and go out at most once an
 * hour (and from the daily check), carried over when the mail quota is spent.
 */
export function queuePendingDigest(
  props: GoogleAppsScript.Properties.Properties,
  rows: Row[],
  settings: Settings,
  force: boolean,
): void {
  const queued = JSON.parse(props.getProperty(UNMAILED_KEY) ?? "[]") as Array<{
    id: string;
    form: string;
    by: string;
    reasons: string;
  }>;
  for (const r of rows)
    queued.push({
      id: String(r.id),
      form: String(r.form),
      by: String(r.submittedBy ?? ""),
      reasons: String(r.reasons).split("\n")[0] ?? "",
    });
  const last = Number(props.getProperty(LAST_DIGEST_KEY) ?? 0);
  const now = Date.now();
  if (queued.length && (force || now - last >= DIGEST_INTERVAL_MS)) {
    const to = settings.coordinatorEmails.length
      ? settings.coordinatorEmails
      : [Session.getEffectiveUser().getEmail()];
    const url = SpreadsheetApp.getActiveSpreadsheet().getUrl();
    const html = htmlPage(
      MSG.pendingDigestSubject(settings.township, queued.length),
      `<p>${escapeHtml(MSG.pendingDigestIntro)}</p>${htmlTable(
        ["编号", "检查表", "提交人", "原因"],
        queued.map((q) => [q.id, q.form, q.by, q.reasons]),
      )}<p><a href="${escapeHtml(url)}">打开台账</a></p>`,
    );
    const text = `${MSG.pendingDigestIntro}\n${queued.map((q) => `${q.id} ${q.form} ${q.by} ${q.reasons}`).join("\n")}\n${url}`;
    const result = sendMail({
      to,
      subject: MSG.pendingDigestSubject(settings.township, queued.length),
      html,
      text,
    });
    if (result.sent) {
      props.setProperty(LAST_DIGEST_KEY, String(now));
      queued.length = 0;
    }
  }
  // Keep the queue within a property's 9 KB: the sheet holds every entry in full anyway.
  props.setProperty(UNMAILED_KEY, JSON.stringify(queued.slice(-40)));
}
