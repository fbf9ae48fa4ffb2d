// Submission → ledger: read what the batch needs, plan it (src/domain/intake.ts), commit it. The inspection
// row is appended last (it marks its response as done); the notices go out before it, each exactly once
// through the outbox, so a run that dies anywhere is finished by the next one without doubles.
import { CHECKLISTS } from "../../forms/index";
import { appliedChecklists } from "./checklist-sheet";
import { planIntake, type IntakeCandidate, type IntakePlan, type IntakeState } from "../domain/intake";
import { institutionsFromRows } from "../domain/institution";
import { mapFor, type FormRecord } from "../domain/responses";
import { answersAsText, readReinspectionResponse } from "../domain/responses";
import { parseFindingLines } from "../domain/reinspection";
import type { Row } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import type { Inspector } from "../domain/types";
import { MSG, PENDING_STATE } from "../text/zh";
import {
  PROP_COMPLAINTS_USED,
  PROP_INSPECTION_SEQ,
  PROP_INSPECTION_SEQ_SINCE,
  PROP_PENDING_USED,
  PROP_SUBMIT_INFLIGHT,
} from "../gas/keys";
import type { Services } from "../gas/ports";
import { LedgerError } from "../gas/sheets";
import { calendarFor, inspectorsByInspection, readRoster, readSettings } from "./context";
import { digestNote, enqueueDigest } from "./digest-queue";
import { sendDigest } from "./digest";
import { exclusive, USUAL_WAIT } from "./run";
import { issueNotice, retryNotices, type IssuedNotice } from "./notices";
import { Outbox } from "./outbox";
import { newCandidates, rememberHandled, trustVerified, type Candidate } from "./responses";
import { syncAllChoices } from "./choices";
import { commitAndReport } from "./commit";
import { recordSequences, repairSequences } from "./sequences";
import { isComplaint, processComplaints } from "./complaints";
import { RUN_NAME } from "../text/words";
import { asText, trimmedText } from "../domain/text";
import { appendRows, updateCells } from "../domain/plan";

/** How long a submission waits for another run to finish before leaving its response for the next one. */
const LOCK_WAIT_MS = 20_000;
/** How far back a run that follows a failure looks for rows the failed run may have written. */
const RECOVERY_ROWS = 500;

export interface SubmitReport {
  written: number;
  pending: number;
}

export function processSubmissions(svc: Services, responseId = ""): SubmitReport | undefined {
  return exclusive(
    svc,
    RUN_NAME.submission,
    // The response is safe in its form; the next run (a submission or the daily check) writes it.
    { waitMs: LOCK_WAIT_MS, busyMessage: MSG.lockBusyLog(responseId) },
    () => processNewResponses(svc),
  );
}

/** The work of a submission run; the daily check calls it too (under its own lock). */
export function processNewResponses(svc: Services): SubmitReport {
  const records = formRecords(svc);
  const { outbox, problems } = retryWaitingNotices(svc);
  // A run that died while writing leaves its marker: the sheet's own ids rebuild the day sequences.
  const afterFailure = svc.props.get(PROP_SUBMIT_INFLIGHT) === "1";
  if (afterFailure) repairSequences(svc);
  const candidates = newCandidates(svc, records);
  if (candidates.length === 0) {
    // The run that died may have written a new institution without putting it into the forms' lists.
    if (afterFailure) {
      const { settings } = readSettings(svc);
      const institutions = institutionsFromRows(svc.ledger.read("register").rows);
      if (syncAllChoices(svc, institutions, settings, readRoster(svc)))
        svc.props.remove([PROP_SUBMIT_INFLIGHT]);
    }
    return { written: 0, pending: 0 };
  }

  const done = afterFailure ? handledInLedger(svc) : new Set<string>();
  const already = candidates.filter((c) => done.has(c.response.id));
  const complaints = candidates.filter((c) => !done.has(c.response.id) && isComplaint(c));
  const fresh = candidates.filter((c) => !done.has(c.response.id) && !isComplaint(c));
  trustVerified(
    svc,
    records,
    fresh.map((c) => c.record.defId),
  );
  const { settings } = readSettings(svc);
  if (!fresh.length) {
    const institutions = processComplaints(svc, complaints, settings);
    rememberHandled(svc, [...already, ...complaints]);
    // A failure may also have left a new institution out of the forms' lists: the marker stays until done.
    const list =
      institutions ?? (afterFailure ? institutionsFromRows(svc.ledger.read("register").rows) : undefined);
    if (!list || syncAllChoices(svc, list, settings, afterFailure ? readRoster(svc) : undefined))
      svc.props.remove([PROP_SUBMIT_INFLIGHT]);
    return { written: 0, pending: 0 };
  }
  const roster = readRoster(svc);
  const hasReinspection = fresh.some((c) => c.record.map.kind === "reinspection");
  const named = hasReinspection ? findingsNamedIn(svc, fresh) : undefined;
  const state: IntakeState = {
    ...intakeBasis(svc, settings, roster, records),
    register: tableRows(registerFor(svc, fresh, afterFailure)),
    inspectionIds: usedInspectionIds(svc, fresh),
    inspectorsOf: named ? inspectorsByInspection(svc, named.hints) : () => [],
    findings: named ? tableRows(named.table) : undefined,
    // After a failure the findings of any response in the batch may be there already, a re-inspection's
    // batch too (its table holds only the findings it names).
    existingFindingIds: afterFailure ? existingFindingIds(svc) : undefined,
  };
  const plan = planIntake(fresh.map(intakeCandidate), state);
  commitIntake(svc, outbox, plan, fresh, !afterFailure);
  const afterComplaints = processComplaints(svc, complaints, settings);
  rememberHandled(svc, [...already, ...fresh, ...complaints]);
  const flags = [
    ...plan.invalid.map((x) => ({
      id: pendingId(x.candidate.response.id),
      form: CHECKLISTS.forms.find((f) => f.id === x.candidate.defId)?.title ?? x.candidate.defId,
      by: x.candidate.response.respondent,
      reason: x.reasons[0] ?? "",
      kind: "rejected" as const,
    })),
    ...plan.flags,
    ...problems.map((p) => digestNote(RUN_NAME.notice, p)),
  ];
  if (flags.length) {
    enqueueDigest(svc, flags);
    sendDigest(svc, settings, false);
  }
  // An institution found on a visit (or named in a complaint) can be chosen in the forms from now on;
  // after a failure the run that added it may have died before doing so. The marker stays until done.
  const synced =
    plan.newInstitutions || afterComplaints || afterFailure
      ? syncAllChoices(svc, afterComplaints ?? plan.institutions, settings, roster)
      : true;
  if (synced) svc.props.remove([PROP_SUBMIT_INFLIGHT]);
  return { written: plan.written, pending: plan.invalid.length };
}

/** The forms setup built; none means 初始化/更新 has not run yet. */
function formRecords(svc: Services): Map<string, FormRecord> {
  const records = svc.forms.records();
  if (records.size === 0) throw new LedgerError(MSG.notSetUp);
  return records;
}

/** Notices an earlier run could not issue, issued first: their links go into 检查记录. */
function retryWaitingNotices(svc: Services): { outbox: Outbox; problems: string[] } {
  const outbox = new Outbox(svc.props, svc.clock);
  const retried = retryNotices(svc, outbox);
  if (retried.links.length) commitAndReport(svc, [updateCells("inspections", retried.links)]);
  return { outbox, problems: retried.problems };
}

const intakeCandidate = (c: Candidate): IntakeCandidate => ({
  defId: c.record.defId,
  formVersion: c.record.version,
  response: c.response,
});

/** What the intake plan needs besides the batch's own rows (read in this order by both callers). */
function intakeBasis(
  svc: Services,
  settings: Settings,
  roster: Inspector[],
  records: Map<string, FormRecord>,
) {
  const checklists = appliedChecklists(svc);
  return {
    settings,
    roster,
    calendar: calendarFor(svc, settings),
    today: svc.clock.today(),
    forms: checklists.forms,
    bank: checklists.items,
    records,
  };
}

/** `certainlyNew`: no run died writing (its marker is not set), so no finding planned is there yet. */
function commitIntake(
  svc: Services,
  outbox: Outbox,
  plan: IntakePlan,
  fresh: Candidate[],
  certainlyNew = false,
): void {
  const pendingRows = plan.invalid.map((x) => {
    const c = fresh.find((f) => f.response.id === x.candidate.response.id)!;
    return pendingRow(svc, c, x.reasons);
  });
  const marks: Record<string, string> = { [PROP_SUBMIT_INFLIGHT]: "1" };
  if (pendingRows.length) marks[PROP_PENDING_USED] = "1";
  svc.props.set(marks);
  // 检查记录's header is read with the first commit's reads: the second commit (after the notices) then
  // only writes, and its rows go to Google with the run's last writes.
  if (plan.inspectionRows.length) svc.ledger.readHeader("inspections", true);
  commitAndReport(svc, [
    appendRows("findings", plan.findingRows, { fresh: certainlyNew, byRow: true }),
    updateCells("findings", plan.findingChanges),
    updateCells("register", plan.registerChanges),
    appendRows("register", plan.newInstitutionRows, { byRow: true }),
    appendRows("pending", pendingRows, { byRow: true }),
  ]);
  const links = new Map<string, IssuedNotice>();
  const problems: string[] = [];
  for (const n of plan.notices) {
    const issued = issueNotice(svc, outbox, n);
    links.set(n.inspectionId, issued);
    if (issued.problem) problems.push(issued.problem);
  }
  if (problems.length)
    enqueueDigest(
      svc,
      problems.map((p) => digestNote(RUN_NAME.notice, p)),
    );
  svc.ledger.commit([
    appendRows(
      "inspections",
      plan.inspectionRows.map((r) => {
        const issued = links.get(String(r.id));
        return { ...r, notice: issued?.url ?? "", noticeNo: issued?.number ?? "" };
      }),
      { byRow: true },
    ),
  ]);
  recordSequences(
    svc,
    plan.inspectionRows.map((r) => String(r.id)),
  );
}

const tableRows = (t: { rows: Row[]; firstRow: number }) => ({ rows: t.rows, firstRow: t.firstRow });

/** The institution chosen in a response: its id, the choice's first word ("R0057 阳光托管"). */
function chosenInstitution(c: Candidate): string {
  const map = mapFor(c.record, c.response)?.map;
  if (!map || map.kind === "complaint") return "";
  return trimmedText(c.response.answers.get(map.institution)).split(/\s/)[0] ?? "";
}

/**
 * 机构名录 as the batch needs it: the rows of the institutions chosen, read where their ids say (setup
 * numbers them in order, so R0057 is on row 58 until someone sorts), not the whole register. The whole
 * register when one is new (its name must not be taken, its id is the next free one) or after a run died
 * (the row it may have added is found by its note).
 */
function registerFor(svc: Services, fresh: readonly Candidate[], afterFailure: boolean) {
  const ids = fresh.map(chosenInstitution);
  if (afterFailure || !ids.every((id) => /^R\d+$/.test(id))) return svc.ledger.read("register");
  return svc.ledger.readRowsByKey(
    "register",
    ids.map((id) => ({ key: id, hint: Number(id.slice(1)) + 1 })),
  );
}

/** The 问题编号 a batch's re-inspections name. */
function namedFindings(fresh: readonly Candidate[]): string[] {
  const ids = new Set<string>();
  for (const c of fresh) {
    const map = mapFor(c.record, c.response)?.map;
    if (map?.kind !== "reinspection") continue;
    const raw = readReinspectionResponse(c.response, map);
    for (const f of [...parseFindingLines(raw.passed), ...parseFindingLines(raw.failed)]) ids.add(f.id);
  }
  return [...ids];
}

/**
 * The rows of 问题台账 a batch's re-inspections name (found by their 问题编号), not the whole ledger, and
 * where each stands (a hint for its 状态底账 row).
 */
function findingsNamedIn(svc: Services, fresh: readonly Candidate[]) {
  const table = svc.ledger.readRowsByKey(
    "findings",
    namedFindings(fresh).map((key) => ({ key })),
  );
  const hints = namedFindings(fresh).map((key) => {
    const i = table.rows.findIndex((r) => asText(r.id) === key);
    return { key, hint: i >= 0 ? table.firstRow + i : undefined };
  });
  return { table, hints };
}

const pendingId = (responseId: string) => `DH-${responseId.slice(-8)}`;

function pendingRow(svc: Services, c: Candidate, reasons: string[]): Row {
  const def = CHECKLISTS.forms.find((f) => f.id === c.record.defId);
  const found = mapFor(c.record, c.response);
  return {
    id: pendingId(c.response.id),
    receivedAt: c.response.submittedAt,
    form: def?.title ?? c.record.defId,
    responseId: c.response.id,
    submittedBy: c.response.respondent,
    reasons: reasons.join("\n"),
    answers: answersAsText(c.response, svc.forms.titles(c.record.formId), found?.map),
    responseLink: c.response.editUrl,
    state: PENDING_STATE.open,
  };
}

/**
 * Inspection ids in use for the days of this batch: the highest sequence of each day is kept in the
 * properties (sequences.ts); before 初始化/更新 first built them, the ledger's own ids are read.
 */
function usedInspectionIds(svc: Services, fresh: readonly Candidate[]): Set<string> {
  const ids = new Set<string>();
  const days = new Set<string>();
  for (const c of fresh) {
    const map = mapFor(c.record, c.response)?.map;
    const date = asText(c.response.answers.get(map && map.kind !== "complaint" ? map.date : -1));
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) days.add(date.replace(/-/g, ""));
  }
  const since = svc.props.get(PROP_INSPECTION_SEQ_SINCE) ?? "99999999";
  if ([...days].some((d) => d < since)) {
    for (const r of svc.ledger.readColumns("inspections", ["id"]).rows) ids.add(String(r.id));
  }
  for (const d of days) {
    const n = Number(svc.props.get(PROP_INSPECTION_SEQ + d) ?? 0);
    for (let k = 1; k <= n; k++) ids.add(`JC${d}-${String(k).padStart(3, "0")}`);
  }
  return ids;
}

/** Responses a run that died may already have written: the last rows of 检查记录 and 待核实. */
function handledInLedger(svc: Services): Set<string> {
  const done = new Set<string>();
  const sheets: Array<"inspections" | "pending" | "complaints"> = ["inspections"];
  if (svc.props.get(PROP_PENDING_USED) === "1") sheets.push("pending");
  if (svc.props.get(PROP_COMPLAINTS_USED) === "1") sheets.push("complaints");
  for (const key of sheets)
    for (const r of svc.ledger.readTail(key, RECOVERY_ROWS).rows)
      if (r.responseId) done.add(String(r.responseId));
  return done;
}

function existingFindingIds(svc: Services): Set<string> {
  return new Set(svc.ledger.readColumns("findings", ["id"]).rows.map((r) => String(r.id)));
}

/** 重新处理待核实 (menu): after the coordinator fixed the register or roster, tries the open entries again. */
export function reprocessPendingEntries(svc: Services): SubmitReport | undefined {
  return exclusive(svc, RUN_NAME.reprocess, USUAL_WAIT, () => reprocess(svc));
}

function reprocess(svc: Services): SubmitReport {
  const records = formRecords(svc);
  const pending = svc.ledger.read("pending");
  const { settings } = readSettings(svc, true);
  const roster = readRoster(svc);
  // An entry whose response is already in 检查记录 (a run that died before marking it) is only marked.
  const written = new Set(
    svc.ledger.readColumns("inspections", ["responseId"]).rows.map((r) => String(r.responseId)),
  );
  const candidates: Candidate[] = [];
  const alreadyWritten: string[] = [];
  for (const r of pending.rows) {
    if (String(r.state) === PENDING_STATE.open && written.has(String(r.responseId))) {
      alreadyWritten.push(String(r.responseId));
      continue;
    }
    if (String(r.state) !== PENDING_STATE.open || !r.responseId) continue;
    for (const record of records.values()) {
      const response = svc.forms.response(record.formId, String(r.responseId));
      if (response) {
        candidates.push({ record, response });
        break;
      }
    }
  }
  // A run that died after writing an entry's inspection: its day sequence is taken from the sheet.
  if (alreadyWritten.length) repairSequences(svc);
  const { outbox } = retryWaitingNotices(svc);
  trustVerified(
    svc,
    records,
    candidates.map((c) => c.record.defId),
  );
  const hasReinspection = candidates.some((c) => c.record.map.kind === "reinspection");
  const plan = planIntake(candidates.map(intakeCandidate), {
    ...intakeBasis(svc, settings, roster, records),
    register: tableRows(svc.ledger.read("register")),
    inspectionIds: usedInspectionIds(svc, candidates),
    inspectorsOf: hasReinspection ? inspectorsByInspection(svc) : () => [],
    findings: hasReinspection ? tableRows(svc.ledger.read("findings")) : undefined,
    existingFindingIds: hasReinspection ? undefined : existingFindingIds(svc),
  });
  // Entries still invalid get their new reasons; the others are marked as reprocessed. Nothing new is
  // appended to 待核实.
  const outcomes = [
    ...candidates.map((c) => ({
      id: c.response.id,
      invalid: plan.invalid.find((x) => x.candidate.response.id === c.response.id),
    })),
    ...alreadyWritten.map((id) => ({ id, invalid: undefined })),
  ];
  const pendingChanges = outcomes.flatMap(({ id, invalid }) => {
    const i = pending.rows.findIndex((r) => String(r.responseId) === id);
    const row = pending.rows[i]!;
    const patch = invalid ? { reasons: invalid.reasons.join("\n") } : { state: PENDING_STATE.reprocessed };
    return Object.entries(patch)
      .filter(([k, v]) => asText(row[k]) !== v)
      .map(([column, after]) => ({
        key: id,
        row: pending.firstRow + i,
        column,
        before: row[column] as string,
        after,
      }));
  });
  commitIntake(svc, outbox, { ...plan, invalid: [] }, candidates);
  commitAndReport(svc, [updateCells("pending", pendingChanges)]);
  svc.props.remove([PROP_SUBMIT_INFLIGHT]);
  if (plan.newInstitutions) syncAllChoices(svc, plan.institutions, settings, roster);
  return { written: plan.written, pending: plan.invalid.length };
}
