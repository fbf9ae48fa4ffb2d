// From one checklist submission to ledger rows: validation with plain-Chinese reasons naming the
// question, then the inspection row and one finding per non-compliant item.
import {
  ANSWER,
  CLASS_FIXED_ON_SPOT,
  CLASS_LABEL,
  FINDING_STATUS,
  FORM_TEXT,
  MSG,
  STATUS_CLOSED,
} from "../text/zh";
import { RULE_MSG } from "../text/rules";
import { FIXED_DURING_VISIT, inspectionRemarks, NO_VILLAGE } from "../text/records";
import { inParens, SEP_CLAUSE, SEP_LIST } from "../text/words";
import { addDeadlineDays, type DeadlineResult, type WorkCalendar } from "./calendar";
import { addDays, isLocalDate, nextDayId } from "./dates";
import type { ChecklistItem, InspectionForm } from "./checklist";
import { itemsOf } from "./checklist";
import type { Settings } from "./settings";
import type { Answer, FindingClass, Institution, Inspector, InstitutionType, LocalDate } from "./types";
import { normalizeName, normalizeText } from "./text";

/** A response as read from Google Forms, keyed by our item identities (not by question titles). */
export interface RawSubmission {
  responseId: string;
  submittedAt: string;
  submittedBy: string;
  responseLink: string;
  institution: string;
  newInstitution: { name: string; village: string; address: string; operator: string; phone: string };
  date: string;
  departments: string[];
  inspectors: string[];
  /** item code → 符合 / 不符合 / 不适用 (or '' when unanswered) */
  results: Record<string, string>;
  /** item code → class label (or '') */
  classes: Record<string, string>;
  deadline: string;
  responsible: string;
  interim: string;
  descriptions: string;
}

export interface InspectionRecord {
  id: string;
  responseId: string;
  form: string;
  formVersion: string;
  institutionId: string;
  institutionName: string;
  date: LocalDate;
  departments: string;
  inspectors: string;
  findingCount: number;
  classI: number;
  classII: number;
  classIII: number;
  submittedBy: string;
  submittedAt: string;
  responseLink: string;
}

export interface FindingRecord {
  id: string;
  inspectionId: string;
  institutionId: string;
  institutionName: string;
  village: string;
  type: InstitutionType | "";
  itemCode: string;
  itemText: string;
  description: string;
  class: FindingClass;
  department: string;
  basis: string;
  foundOn: LocalDate;
  deadline: LocalDate | "";
  responsible: string;
  interim: string;
  status: string;
  closedOn: LocalDate | "";
  notes: string;
  /** The inspection's inspectors, for 状态底账 only (问题台账 has no such column). */
  inspectors?: string;
}

export interface SubmissionContext {
  form: InspectionForm;
  formVersion: string;
  bank: readonly ChecklistItem[];
  register: readonly Institution[];
  roster: readonly Inspector[];
  settings: Settings;
  today: LocalDate;
  /** Inspection ids already in the ledger (to number the next one). */
  existingInspectionIds: ReadonlySet<string>;
  /** Id for an institution found during the sweep. */
  nextInstitutionId: () => string;
  calendar: WorkCalendar;
}

export type SubmissionOutcome =
  | {
      ok: true;
      inspection: InspectionRecord;
      findings: FindingRecord[];
      institution: Institution;
      isNew: boolean;
      answers: Record<string, Answer>;
      /** Things the coordinator must see although the submission was accepted (e.g. missing holiday data). */
      flags: string[];
    }
  | { ok: false; reasons: string[] };

const ANSWER_BY_LABEL: Record<string, Answer> = {
  [ANSWER.ok]: "ok",
  [ANSWER.fail]: "fail",
  [ANSWER.na]: "na",
};
const CLASS_BY_LABEL: Record<string, { cls: FindingClass; fixedOnSpot: boolean }> = {
  [CLASS_FIXED_ON_SPOT]: { cls: "I", fixedOnSpot: true },
  [CLASS_LABEL.I]: { cls: "I", fixedOnSpot: false },
  [CLASS_LABEL.II]: { cls: "II", fixedOnSpot: false },
  [CLASS_LABEL.III]: { cls: "III", fixedOnSpot: false },
};

export const institutionChoice = (i: Pick<Institution, "id" | "name" | "village">) =>
  `${i.id} ${i.name}${inParens(i.village || NO_VILLAGE)}`;
export const inspectorChoice = (p: Pick<Inspector, "name" | "department">) => p.name + inParens(p.department);
export const gridRowLabel = (item: Pick<ChecklistItem, "code" | "text">) => `${item.code} ${item.text}`;

/** The next inspection id for a date: JC + yyyymmdd + sequence of that day. */
export const nextInspectionId = (date: LocalDate, existing: ReadonlySet<string>): string =>
  nextDayId("JC", date, existing);

/**
 * What every inspection form asks besides its subject: the date (not in the future, nor before the
 * campaign's start when one is given) and at least two distinct inspectors from the roster. The names
 * are the roster's for the inspectors chosen.
 */
export function checkDateAndInspectors(
  raw: { date: string; inspectors: readonly string[] },
  ctx: { today: LocalDate; roster: readonly Inspector[] },
  reasons: string[],
  campaignStart = "",
): { date: string; names: string[] } {
  const date = raw.date.trim();
  if (!isLocalDate(date)) reasons.push(MSG.dateMissing);
  else {
    if (date > ctx.today) reasons.push(MSG.dateFuture(date));
    if (campaignStart && date < campaignStart) reasons.push(MSG.dateBeforeCampaign(date, campaignStart));
  }
  const rosterByChoice = new Map(ctx.roster.map((p) => [inspectorChoice(p), p]));
  const inspectors = [...new Set(raw.inspectors.map((s) => s.trim()).filter(Boolean))];
  for (const name of inspectors) if (!rosterByChoice.has(name)) reasons.push(MSG.unknownInspector(name));
  if (inspectors.length < 2) reasons.push(MSG.tooFewInspectors(inspectors.length));
  return { date, names: inspectors.map((c) => rosterByChoice.get(c)?.name ?? c) };
}

/** Splits "FIRE-01 安全出口堆放杂物" lines into per-code descriptions and uncoded remarks. */
function parseDescriptions(text: string): { byCode: Map<string, string>; remarks: string[] } {
  const byCode = new Map<string, string>();
  const remarks: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = normalizeText(rawLine).trim();
    if (!line) continue;
    const m = /^([A-Za-z]{2,6})\s*[-－—_]?\s*(\d{2})[\s:：、,，.]*(.*)$/.exec(line);
    if (m) {
      const code = `${m[1]!.toUpperCase()}-${m[2]}`;
      byCode.set(code, [byCode.get(code), m[3]!.trim()].filter(Boolean).join(SEP_CLAUSE));
    } else remarks.push(line);
  }
  return { byCode, remarks };
}

export function validateSubmission(raw: RawSubmission, ctx: SubmissionContext): SubmissionOutcome {
  const reasons: string[] = [];
  const { settings, form } = ctx;

  // Institution: a register entry, or a new one found during the sweep.
  let institution: Institution | undefined;
  let isNew = false;
  const choice = raw.institution.trim();
  if (!choice) reasons.push(MSG.noInstitution);
  else if (choice === FORM_TEXT.newInstitutionChoice) {
    const n = raw.newInstitution;
    const fields: Array<[string, string]> = [
      [FORM_TEXT.newName, n.name],
      [FORM_TEXT.newVillage, n.village],
      [FORM_TEXT.newAddress, n.address],
    ];
    for (const [label, value] of fields) if (!value.trim()) reasons.push(MSG.newInstitutionMissing(label));
    if (n.name.trim()) {
      const dup = ctx.register.find(
        (r) =>
          normalizeName(r.name) === normalizeName(n.name) &&
          ((n.village.trim() && r.village === n.village.trim()) ||
            (n.address.trim() && normalizeName(r.address) === normalizeName(n.address))),
      );
      if (dup) reasons.push(MSG.newInstitutionDuplicate(dup.id, dup.name));
    }
    if (reasons.length === 0) {
      isNew = true;
      institution = {
        id: ctx.nextInstitutionId(),
        name: normalizeText(n.name).trim(),
        type: form.type,
        village: n.village.trim(),
        address: normalizeText(n.address).trim(),
        operator: normalizeText(n.operator).trim(),
        phone: normalizeText(n.phone).trim(),
        registration: "unverified",
      };
    }
  } else {
    const id = choice.split(/\s/)[0] ?? "";
    institution = ctx.register.find((r) => r.id === id);
    if (!institution) reasons.push(MSG.unknownInstitution(choice));
  }

  const { date, names } = checkDateAndInspectors(raw, ctx, reasons, settings.campaignStart);

  // Items: every item answered; 不适用 only where allowed; each failure classified.
  const items = itemsOf(form, ctx.bank);
  const answers: Record<string, Answer> = {};
  const failed: Array<{ item: ChecklistItem; cls: FindingClass; fixedOnSpot: boolean }> = [];
  for (const item of items) {
    const answer = ANSWER_BY_LABEL[(raw.results[item.code] ?? "").trim()];
    const clsLabel = (raw.classes[item.code] ?? "").trim();
    if (!answer) {
      reasons.push(MSG.missingAnswer(item.code));
      continue;
    }
    answers[item.code] = answer;
    if (answer === "na" && !item.allowNa) reasons.push(MSG.naNotAllowed(item.code));
    if (answer === "fail") {
      const cls = CLASS_BY_LABEL[clsLabel];
      if (!cls) reasons.push(MSG.missingClass(item.code));
      else failed.push({ item, ...cls });
    } else if (clsLabel) reasons.push(MSG.classWithoutFailure(item.code));
  }

  // 二类: responsible person, interim measures, a deadline within the maximum.
  const classII = failed.filter((f) => f.cls === "II");
  const responsible = normalizeText(raw.responsible).trim();
  const interim = normalizeText(raw.interim).trim();
  let deadline: LocalDate | "" = "";
  if (classII.length) {
    const codes = classII.map((f) => f.item.code).join(SEP_LIST);
    if (!responsible) reasons.push(MSG.missingResponsible(codes));
    if (!interim) reasons.push(MSG.missingInterim(codes));
    if (raw.deadline.trim()) {
      deadline = raw.deadline.trim();
      if (!isLocalDate(deadline)) reasons.push(MSG.dateMissing);
      else if (isLocalDate(date)) {
        // In working-day mode the maximum is in working days; a year without holiday data falls
        // back to calendar days, which is the stricter bound.
        const bound = addDeadlineDays(date, settings.maxDeadlineDays, settings.deadlineMode, ctx.calendar);
        const max = bound.ok ? bound.date : addDays(date, settings.maxDeadlineDays);
        if (deadline > max) reasons.push(MSG.deadlineTooLate(deadline, max, settings.maxDeadlineDays));
        if (deadline < date) reasons.push(MSG.deadlineBeforeInspection(deadline));
      }
    }
  }

  const { byCode, remarks } = parseDescriptions(raw.descriptions);
  const failedCodes = new Set(failed.map((f) => f.item.code));
  for (const code of byCode.keys()) if (!failedCodes.has(code)) reasons.push(MSG.unknownCode(code));

  if (reasons.length || !institution || !isLocalDate(date)) return { ok: false, reasons };

  const inspectionId = nextInspectionId(date, ctx.existingInspectionIds);
  const flags: string[] = [];
  const findings: FindingRecord[] = failed.map(({ item, cls, fixedOnSpot }, i) => {
    const due = findingDeadline(cls, date, item, deadline, settings, ctx.calendar);
    if (!due.ok) flags.push(RULE_MSG.holidayIncomplete(due.missingYear));
    const notes = [
      fixedOnSpot ? FIXED_DURING_VISIT : "",
      remarks.length ? inspectionRemarks(remarks.join(SEP_CLAUSE)) : "",
      due.ok ? "" : RULE_MSG.holidayIncomplete(due.missingYear),
      cls === "III" ? RULE_MSG.proposedClose : "",
    ];
    return {
      id: `${inspectionId}-${String(i + 1).padStart(2, "0")}`,
      inspectionId,
      institutionId: institution!.id,
      institutionName: institution!.name,
      village: institution!.village,
      type: institution!.type,
      itemCode: item.code,
      itemText: item.text,
      description: byCode.get(item.code) ?? "",
      class: cls,
      department: item.dept,
      basis: item.basis,
      foundOn: date,
      deadline: due.ok ? due.date : "",
      responsible: cls === "II" ? responsible : "",
      interim: cls === "II" ? interim : "",
      status: fixedOnSpot ? STATUS_CLOSED : FINDING_STATUS.open,
      closedOn: fixedOnSpot ? date : "",
      notes: notes.filter(Boolean).join(SEP_CLAUSE),
    };
  });
  const count = (c: FindingClass) => findings.filter((f) => f.class === c).length;
  const inspection: InspectionRecord = {
    id: inspectionId,
    responseId: raw.responseId,
    form: form.id,
    formVersion: ctx.formVersion,
    institutionId: institution.id,
    institutionName: institution.name,
    date,
    departments: raw.departments.join(SEP_LIST),
    inspectors: names.join(SEP_LIST),
    findingCount: findings.length,
    classI: count("I"),
    classII: count("II"),
    classIII: count("III"),
    submittedBy: raw.submittedBy,
    submittedAt: raw.submittedAt,
    responseLink: raw.responseLink,
  };
  return { ok: true, inspection, findings, institution, isNew, answers, flags: [...new Set(flags)] };
}

/**
 * The days a 二类 finding gets when the inspector set no date: the item's default, or the campaign's
 * 二类 default when the item's is 0 (an item meant to be fixed at once, judged to need time), never
 * past the maximum.
 */
export function classIIDays(
  item: Pick<ChecklistItem, "deadlineDays">,
  settings: Pick<Settings, "classIIDefaultDays" | "maxDeadlineDays">,
): number {
  return Math.min(item.deadlineDays || settings.classIIDefaultDays, settings.maxDeadlineDays);
}

/**
 * 一类: the inspection day. 二类: the inspector's date, else `classIIDays` (calendar or working days,
 * as set). 三类: none (tracked to the institution's closure).
 */
function findingDeadline(
  cls: FindingClass,
  date: LocalDate,
  item: ChecklistItem,
  inspectorDeadline: LocalDate | "",
  settings: Settings,
  calendar: WorkCalendar,
): DeadlineResult | { ok: true; date: "" } {
  if (cls === "I") return { ok: true, date };
  if (cls === "III") return { ok: true, date: "" };
  if (inspectorDeadline) return { ok: true, date: inspectorDeadline };
  return addDeadlineDays(date, classIIDays(item, settings), settings.deadlineMode, calendar);
}
