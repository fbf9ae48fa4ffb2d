// Public complaints (举报): from the public form to rows of 举报登记, and what the daily check does with
// them. A complaint names an institution as the public knows it; it is matched to the register by name
// (and village), or the institution joins the register as 待核实. Each is routed to the department that
// leads on its topic, counts towards the institution's risk tier (the register's 投诉举报次数 is the
// number of 举报登记 rows naming it, so a repeated run cannot count one twice), and stays 待办理 until an
// inspection of the institution on or after the day it arrived, or a coordinator's reply, closes it.
import { COMPLAINT_STATUS, COMPLAINT_TEXT } from "../text/rules";
import { REGISTRATION } from "../text/zh";
import type { ComplaintForm } from "./checklist";
import { asLocalDate, daysBetween, nextDayId } from "./dates";
import { institutionsFromRows } from "./institution";
import { typeFromLabel, typeLabel } from "./labels";
import type { Row } from "./ledger";
import { diffRow, type CellChange } from "./plan";
import type { RawComplaint } from "./responses";
import { normalizeName, normalizeText, asText, trimmedText } from "./text";
import type { Institution, LocalDate } from "./types";
import { SEP_LIST } from "../text/words";

/** The next free id of a day: JB + yyyymmdd + sequence. */
export function complaintIdSource(existing: Iterable<string>): (date: LocalDate) => string {
  const used = new Set(existing);
  return (date) => {
    const id = nextDayId("JB", date, used);
    used.add(id);
    return id;
  };
}

/** The register's institutions a complaint's name (and village, when given) points to. */
function matchInstitution(register: readonly Institution[], name: string, village: string): Institution[] {
  const key = normalizeName(name);
  if (!key) return [];
  const same = register.filter((i) => i.id && normalizeName(i.name) === key);
  const inVillage = village ? same.filter((i) => i.village === village) : same;
  return inVillage.length ? inVillage : same;
}

export interface ComplaintState {
  form: ComplaintForm;
  register: { rows: Row[]; firstRow: number };
  complaints: { rows: Row[]; firstRow: number };
  villages: readonly string[];
  nextInstitutionId: () => string;
}

export interface ComplaintPlan {
  /** Appended last: a complaint row marks its response as done. */
  complaintRows: Row[];
  newInstitutionRows: Row[];
  /** The register's 投诉举报次数 of the institutions named. */
  registerChanges: CellChange[];
  institutions: Institution[];
}

export function planComplaints(raws: readonly RawComplaint[], state: ComplaintState): ComplaintPlan {
  const institutions = institutionsFromRows(state.register.rows);
  const nextId = complaintIdSource(state.complaints.rows.map((r) => asText(r.id)));
  const plan: ComplaintPlan = {
    complaintRows: [],
    newInstitutionRows: [],
    registerChanges: [],
    institutions,
  };
  const topics = new Map(state.form.topics.map((t) => [t.label, t.dept]));
  for (const raw of [...raws].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))) {
    const receivedOn = raw.submittedAt.slice(0, 10);
    const id = nextId(receivedOn);
    const name = normalizeText(raw.name).trim();
    const village = state.villages.includes(raw.village.trim()) ? raw.village.trim() : "";
    // A run that died after adding this complaint's new institution: use that register row.
    const recovered = state.register.rows.find((r) =>
      asText(r.notes).includes(COMPLAINT_TEXT.responseMark(raw.responseId)),
    );
    const matches = recovered
      ? institutions.filter((i) => i.id === String(recovered.id))
      : matchInstitution(institutions, name, village);
    let institution = matches.length === 1 ? matches[0] : undefined;
    let notes = "";
    if (matches.length > 1) notes = COMPLAINT_TEXT.ambiguous(matches.map((i) => i.id).join(SEP_LIST));
    else if (!institution && name) {
      institution = {
        id: state.nextInstitutionId(),
        name,
        type: typeFromLabel(raw.type),
        village,
        address: normalizeText(raw.address).trim(),
        operator: "",
        phone: "",
        registration: "unverified",
      };
      institutions.push(institution);
      plan.newInstitutionRows.push({
        ...institution,
        type: typeLabel(institution.type),
        registration: REGISTRATION.unverified,
        notes: COMPLAINT_TEXT.newInstitutionNote(id, raw.responseId),
      });
    }
    plan.complaintRows.push({
      id,
      receivedAt: raw.submittedAt,
      responseId: raw.responseId,
      institutionId: institution?.id ?? "",
      institutionName: name,
      village: village || raw.village.trim(),
      address: normalizeText(raw.address).trim(),
      topic: raw.topic,
      department: topics.get(raw.topic) ?? state.form.topics[state.form.topics.length - 1]!.dept,
      content: normalizeText(raw.content).trim(),
      phone: normalizeText(raw.phone).trim(),
      status: COMPLAINT_STATUS.open,
      notes,
    });
  }
  const all = [...state.complaints.rows, ...plan.complaintRows];
  plan.registerChanges = complaintCounts(state.register, all);
  for (const r of plan.newInstitutionRows)
    r.complaints = all.filter((c) => String(c.institutionId) === String(r.id)).length;
  return plan;
}

/** The register's 投诉举报次数 as the number of 举报登记 rows naming each institution. */
export function complaintCounts(
  register: { rows: Row[]; firstRow: number },
  complaints: readonly Row[],
): CellChange[] {
  const count = new Map<string, number>();
  for (const c of complaints) {
    const id = trimmedText(c.institutionId);
    if (id) count.set(id, (count.get(id) ?? 0) + 1);
  }
  return register.rows.flatMap((r, i) => {
    const id = trimmedText(r.id);
    if (!id) return [];
    const n = count.get(id) ?? 0;
    // An empty cell and 0 are the same count.
    if (!n && !trimmedText(r.complaints)) return [];
    return diffRow(id, register.firstRow + i, r, { complaints: n });
  });
}

export interface OpenComplaint {
  id: string;
  receivedOn: LocalDate | "";
  age: number;
  institution: string;
  village: string;
  topic: string;
  department: string;
  content: string;
}

export interface ComplaintDaily {
  changes: CellChange[];
  open: OpenComplaint[];
}

/**
 * The daily check's part: a row a coordinator added by hand gets an id; a complaint closes when its
 * institution was inspected on or after the day it arrived (the register's 最近检查日期) or when the
 * coordinator wrote a reply; the rest are listed, oldest first, for the reminders.
 */
export function planComplaintsDaily(
  complaints: { rows: Row[]; firstRow: number },
  register: readonly Row[],
  today: LocalDate,
): ComplaintDaily {
  const lastInspected = new Map(register.map((r) => [trimmedText(r.id), asLocalDate(r.lastInspected)]));
  const nextId = complaintIdSource(complaints.rows.map((r) => asText(r.id)));
  const out: ComplaintDaily = { changes: [], open: [] };
  complaints.rows.forEach((r, i) => {
    const row = complaints.firstRow + i;
    const receivedOn = asLocalDate(asText(r.receivedAt).slice(0, 10));
    const hasContent = [r.institutionName, r.institutionId, r.content].some((v) => trimmedText(v));
    if (!hasContent) return;
    const key = trimmedText(r.id);
    const patch: Row = {};
    if (!key) {
      // Found by its blank id at commit time, as setup does for pasted register rows.
      patch.id = nextId(receivedOn || today);
      if (!receivedOn) patch.receivedAt = `${today} 00:00:00`;
    }
    const inspected = lastInspected.get(trimmedText(r.institutionId)) ?? "";
    const closedBy = trimmedText(r.reply)
      ? COMPLAINT_TEXT.closedByReply
      : inspected && inspected >= (receivedOn || today)
        ? COMPLAINT_TEXT.closedByInspection(inspected)
        : "";
    const wasClosed = trimmedText(r.status) === COMPLAINT_STATUS.closed;
    if (closedBy && !(wasClosed && trimmedText(r.closedOn))) {
      patch.status = COMPLAINT_STATUS.closed;
      patch.closedBy = closedBy;
      patch.closedOn = today;
    } else if (!closedBy) {
      patch.status = COMPLAINT_STATUS.open;
      patch.closedBy = "";
      patch.closedOn = "";
      out.open.push({
        id: key || String(patch.id),
        receivedOn: receivedOn || today,
        age: receivedOn ? Math.max(0, daysBetween(receivedOn, today)) : 0,
        institution: asText(r.institutionName) || asText(r.institutionId),
        village: asText(r.village),
        topic: asText(r.topic),
        department: asText(r.department),
        content: asText(r.content),
      });
    }
    out.changes.push(...diffRow(key, row, r, patch));
  });
  out.open.sort((a, b) => b.age - a.age);
  return out;
}

export interface ComplaintSummaryRow {
  department: string;
  received: number;
  closed: number;
  byInspection: number;
  byReply: number;
  open: number;
}

/** 汇总's 举报办理 table: per lead department, then the total. */
export function complaintSummary(rows: readonly Row[], total: string): ComplaintSummaryRow[] {
  const live = rows.filter((r) => trimmedText(r.id));
  const departments = [...new Set(live.map((r) => trimmedText(r.department)))].sort((a, b) =>
    a.localeCompare(b, "zh-CN"),
  );
  const line = (department: string, list: readonly Row[]): ComplaintSummaryRow => {
    const closed = list.filter((r) => trimmedText(r.status) === COMPLAINT_STATUS.closed);
    const byReply = closed.filter((r) => trimmedText(r.reply)).length;
    return {
      department,
      received: list.length,
      closed: closed.length,
      byInspection: closed.length - byReply,
      byReply,
      open: list.length - closed.length,
    };
  };
  return [
    ...departments.map((d) =>
      line(
        d,
        live.filter((r) => trimmedText(r.department) === d),
      ),
    ),
    line(total, live),
  ];
}

/** Complaints received within [from, to] (local dates). */
export const complaintsReceived = (rows: readonly Row[], from: LocalDate, to: LocalDate): number =>
  rows.filter((r) => {
    const d = asText(r.receivedAt).slice(0, 10);
    return trimmedText(r.id) && d >= from && d <= to;
  }).length;
