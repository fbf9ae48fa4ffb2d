// From a batch of form responses to a plan for the ledger: each response validated in submission order
// (an earlier response's inspection numbers and new institution are seen by the later ones), then the
// rows to append, the cells to change, the notices to issue and the entries for 待核实.
// A run that died part-way is done again: findings already written are recognised by their ids (which
// follow from the inspection id), a new institution by the response id in its note, and a
// re-inspection by its inspection id in the findings' 复查记录, so nothing is doubled or refused.
import type { WorkCalendar } from "./calendar";
import type { ChecklistItem, FormDefinition } from "./checklist";
import {
  licenceBucket,
  licenceFlagsFromAnswers,
  NO_LICENCE_FLAGS,
  proposedDisposition,
  stateAfterInspection,
  type LicenceFlags,
} from "./institution";
import { diffRow, type CellChange } from "./plan";
import { findingRecordText, parseFindingLines, validateReinspection } from "./reinspection";
import { inspectionIdentityProblems, reinspectionIdentityProblems, respondentOf } from "./identity";
import { findingsFromRows, urgency, urgencyLabel, type LedgerFinding } from "./rectification";
import type { Row } from "./ledger";
import type { NoticeInput } from "./notice";
import { mapFor, readInspectionResponse, readReinspectionResponse, type ResponseData } from "./responses";
import type { Settings } from "./settings";
import {
  institutionChoice,
  validateSubmission,
  type FindingRecord,
  type InspectionRecord,
} from "./submission";
import type { Institution, Inspector, LocalDate } from "./types";
import { institutionsFromRows } from "./institution";
import { CLASS_LABEL, FORM_TEXT, MSG, REGISTRATION } from "../text/zh";
import { typeLabel } from "./labels";
import { foundOnInspectionNote, responseMark } from "../text/records";
import { SEP_LIST } from "../text/words";
import { asText, trimmedText } from "./text";

export interface IntakeCandidate {
  defId: string;
  formVersion: string;
  response: ResponseData;
}

export interface IntakeState {
  settings: Settings;
  roster: readonly Inspector[];
  calendar: WorkCalendar;
  today: LocalDate;
  forms: readonly FormDefinition[];
  bank: readonly ChecklistItem[];
  /** Item maps by form definition id (current and earlier versions). */
  records: ReadonlyMap<string, import("./responses").FormRecord>;
  register: { rows: Row[]; firstRow: number };
  /** Inspection ids already used (to number the next one of a day). */
  inspectionIds: Set<string>;
  /** The inspectors of an earlier inspection (re-inspectors must differ). */
  inspectorsOf: (inspectionId: string) => string[];
  /** The findings, read only when a re-inspection is in the batch. */
  findings?: { rows: Row[]; firstRow: number };
  /** Finding ids already in the ledger, known only after a run died while writing. */
  existingFindingIds?: ReadonlySet<string>;
}

export interface DigestEntry {
  id: string;
  form: string;
  by: string;
  reason: string;
  /**
   * rejected: not written, kept in 待核实; accepted: written, with something to follow up; anything
   * else (a run's message): a notice. Each has its own wording in the digest.
   */
  kind?: "rejected" | "accepted";
}

export interface PlannedNotice {
  /** The outbox key: one notice per inspection, ever. */
  key: string;
  inspectionId: string;
  input: NoticeInput;
  email: string;
  /** The 代字 of its 文号; the year and number are given when it is issued (src/app/notices.ts). */
  prefix: string;
}

export interface IntakePlan {
  findingRows: Row[];
  findingChanges: CellChange[];
  registerChanges: CellChange[];
  newInstitutionRows: Row[];
  /** Appended last: an inspection row marks its response as done. */
  inspectionRows: Row[];
  notices: PlannedNotice[];
  invalid: Array<{ candidate: IntakeCandidate; reasons: string[] }>;
  flags: DigestEntry[];
  /** Every institution after this batch (for the forms' choice lists). */
  institutions: Institution[];
  newInstitutions: number;
  written: number;
}

/** The ledger shows classes and types by their Chinese labels, and overdue from the first day. */
function findingRow(f: FindingRecord, today: LocalDate, dueSoonDays: number): Row {
  const overdue = urgencyLabel(urgency({ ...f, extendedTo: "" }, today, dueSoonDays));
  return { ...f, class: CLASS_LABEL[f.class], type: typeLabel(f.type), overdue };
}

export function planIntake(candidates: readonly IntakeCandidate[], state: IntakeState): IntakePlan {
  const { settings, roster, calendar, today } = state;
  const sorted = [...candidates].sort((a, b) => a.response.timestamp - b.response.timestamp);
  const registerRows = state.register.rows;
  const institutions = institutionsFromRows(registerRows);
  const rowOfInstitution = new Map(institutions.map((inst, i) => [inst.id, i]));
  const nextInstitutionId = institutionIdSource(institutions.map((i) => i.id));
  const inspectionIds = state.inspectionIds;
  const extraInspectors = new Map<string, string[]>();
  const inspectorsOf = (id: string) => extraInspectors.get(id) ?? state.inspectorsOf(id);
  const registerPatches = new Map<number, Row>();
  const findingPatches = new Map<number, Row>();
  const plan: IntakePlan = {
    findingRows: [],
    findingChanges: [],
    registerChanges: [],
    newInstitutionRows: [],
    inspectionRows: [],
    notices: [],
    invalid: [],
    flags: [],
    institutions,
    newInstitutions: 0,
    written: 0,
  };
  const findingRows = state.findings?.rows ?? [];
  const baseFindings: LedgerFinding[] = findingsFromRows(findingRows);
  const findingIndex = new Map(baseFindings.map((f, i) => [f.id, i]));
  const newFindings: FindingRecord[] = [];

  for (const candidate of sorted) {
    const { response } = candidate;
    const record = state.records.get(candidate.defId);
    const def = state.forms.find((f) => f.id === candidate.defId);
    const found = record && mapFor(record, response);
    const reject = (reasons: string[]) => plan.invalid.push({ candidate, reasons });
    if (!record || !def || !found || found.map.kind !== def.kind) {
      reject([MSG.unknownForm]);
      continue;
    }

    // Only a verified address of an active roster member counts (src/domain/identity.ts).
    const respondent = respondentOf(response.respondent, response.timestamp, record.verifiedSince);

    if (found.map.kind === "reinspection") {
      const current = new Map(
        baseFindings.map((f, i) => [f.id, { ...f, ...(findingPatches.get(i) as Partial<LedgerFinding>) }]),
      );
      const rawReinspection = readReinspectionResponse(response, found.map);
      const signedOff = [
        ...parseFindingLines(rawReinspection.passed),
        ...parseFindingLines(rawReinspection.failed),
      ].map((p) => ({ id: p.id, originalInspectors: inspectorsOf(current.get(p.id)?.inspectionId ?? "") }));
      const who = reinspectionIdentityProblems(
        respondent,
        roster,
        rawReinspection.inspectors,
        signedOff,
        settings.reinspectorMustDiffer,
      );
      const outcome = validateReinspection(rawReinspection, {
        formId: def.id,
        formVersion: found.version,
        registerIds: new Set(institutions.map((i) => i.id)),
        roster,
        settings,
        today,
        findings: current,
        recordsOf: (id) => asText(findingRows[findingIndex.get(id) ?? -1]?.reinspections),
        inspectorsOf,
        existingInspectionIds: inspectionIds,
      });
      if (!outcome.ok || who.length) {
        reject([...who, ...(outcome.ok ? [] : outcome.reasons)]);
        continue;
      }
      for (const u of outcome.updates) {
        const i = findingIndex.get(u.id)!;
        const before = findingRows[i]!;
        const patch = findingPatches.get(i) ?? {};
        const log = asText(patch.reinspections ?? before.reinspections);
        // The record line comes first: it is what a retry of this re-inspection recognises, so it is
        // written before the status it explains (the commit writes columns in this order).
        findingPatches.set(i, {
          reinspections: log.includes(findingRecordText(u))
            ? log
            : [log, findingRecordText(u)].filter(Boolean).join("\n"),
          status: u.status,
          closedOn: u.closedOn,
        });
      }
      inspectionIds.add(outcome.inspection.id);
      extraInspectors.set(outcome.inspection.id, outcome.inspection.inspectors.split(SEP_LIST));
      plan.inspectionRows.push({ ...outcome.inspection, notice: "" });
      continue;
    }
    if (def.kind !== "inspection" || found.map.kind !== "inspection") {
      reject([MSG.unknownForm]);
      continue;
    }

    const raw = readInspectionResponse(response, found.map);
    // A run that died after adding this response's new institution: use that register row.
    const recovered = registerRows.findIndex((r) => asText(r.notes).includes(responseMark(response.id)));
    if (recovered >= 0 && raw.institution === FORM_TEXT.newInstitutionChoice)
      raw.institution = institutionChoice(institutions[recovered]!);
    const who = inspectionIdentityProblems(respondent, roster, raw.inspectors);
    const outcome = validateSubmission(raw, {
      form: def,
      formVersion: found.version,
      bank: state.bank,
      register: institutions,
      roster,
      settings,
      today,
      existingInspectionIds: inspectionIds,
      // A rejected response must not use up a register id.
      nextInstitutionId: who.length ? () => "" : nextInstitutionId,
      calendar,
    });
    if (!outcome.ok || who.length) {
      reject([...who, ...(outcome.ok ? [] : outcome.reasons)]);
      continue;
    }
    const { inspection } = outcome;
    for (const flag of outcome.flags)
      plan.flags.push({
        id: inspection.id,
        form: def.title,
        by: raw.submittedBy,
        reason: flag,
        kind: "accepted",
      });
    inspectionIds.add(inspection.id);
    extraInspectors.set(inspection.id, inspection.inspectors.split(SEP_LIST));
    newFindings.push(...outcome.findings.map((f) => ({ ...f, inspectors: inspection.inspectors })));
    const classes = outcome.findings.filter((f) => !f.closedOn).map((f) => f.class);
    let email = "";
    if (outcome.isNew) {
      institutions.push(outcome.institution);
      rowOfInstitution.set(outcome.institution.id, -1);
      plan.newInstitutions++;
      const flags = licenceFlagsFromAnswers(NO_LICENCE_FLAGS, outcome.answers);
      plan.newInstitutionRows.push({
        ...outcome.institution,
        type: typeLabel(outcome.institution.type),
        registration: REGISTRATION.unverified,
        ...flags,
        licenceBucket: licenceBucket(outcome.institution.type, flags),
        disposition: proposedDisposition("", classes, true),
        state: stateAfterInspection("", classes, outcome.findings.length > 0),
        lastInspected: inspection.date,
        notes: foundOnInspectionNote(inspection.id, response.id),
      });
    } else {
      const index = rowOfInstitution.get(outcome.institution.id)!;
      if (index >= 0) {
        const current = { ...registerRows[index], ...registerPatches.get(index) } as Row;
        email = trimmedText(current.email);
        const licence = licenceFlagsFromAnswers(current as unknown as LicenceFlags, outcome.answers);
        registerPatches.set(index, {
          ...registerPatches.get(index),
          ...licence,
          licenceBucket: licenceBucket(outcome.institution.type, licence),
          disposition: proposedDisposition(asText(current.disposition), classes, false),
          state: stateAfterInspection(asText(current.state), classes, outcome.findings.length > 0),
          lastInspected: inspection.date,
        });
      }
    }
    plan.inspectionRows.push({ ...inspection, notice: "" });
    const notice = noticeFor(inspection, outcome.findings, outcome.institution, settings);
    if (notice)
      plan.notices.push({
        key: `notice:${inspection.id}`,
        inspectionId: inspection.id,
        input: notice,
        email,
        prefix: settings.noticePrefix,
      });
  }

  const known = new Set([...(state.existingFindingIds ?? []), ...baseFindings.map((f) => f.id)]);
  plan.findingRows = newFindings
    .filter((f) => !known.has(f.id))
    .map((f) => findingRow(f, today, settings.dueSoonDays));
  for (const [i, patch] of findingPatches) {
    const row = findingRows[i]!;
    plan.findingChanges.push(...diffRow(String(row.id), state.findings!.firstRow + i, row, patch));
  }
  for (const [i, patch] of registerPatches) {
    const row = registerRows[i]!;
    plan.registerChanges.push(...diffRow(String(row.id), state.register.firstRow + i, row, patch));
  }
  plan.written = plan.inspectionRows.length;
  return plan;
}

/** 一校一单: a notice for an inspection that found something still to put right. */
function noticeFor(
  inspection: InspectionRecord,
  findings: readonly FindingRecord[],
  institution: Institution,
  settings: Settings,
): NoticeInput | undefined {
  if (!findings.length || findings.every((f) => f.closedOn)) return undefined;
  return {
    township: settings.township,
    institution: {
      id: institution.id,
      name: institution.name,
      village: institution.village,
      address: institution.address,
      operator: institution.operator,
      phone: institution.phone,
    },
    office: { name: settings.noticeOffice, phone: settings.noticePhone },
    // Asked once per inspection, kept on each 二类 finding.
    interim: findings.find((f) => f.interim)?.interim ?? "",
    inspection: {
      id: inspection.id,
      date: inspection.date,
      inspectors: inspection.inspectors,
      departments: inspection.departments,
    },
    findings: findings.map((f) => ({
      id: f.id,
      item: `${f.itemCode} ${f.itemText}`,
      description: f.description,
      classLabel: CLASS_LABEL[f.class],
      deadline: f.deadline,
      basis: f.basis,
      responsible: f.responsible,
      fixedOnSpot: !!f.closedOn,
    })),
  };
}

/** The next free register id, R0001 style, never reusing one in the register. */
export function institutionIdSource(existing: Iterable<string>): () => string {
  const used = new Set(existing);
  let n = 0;
  for (const id of used) {
    const m = /^R(\d+)$/.exec(id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return () => {
    let id: string;
    do id = `R${String(++n).padStart(4, "0")}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
}
