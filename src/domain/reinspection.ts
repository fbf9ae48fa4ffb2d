// A re-inspection (复查) closes findings that passed (销号) and sends those that failed back to 待整改.
// Only a re-inspection closes a 二类 finding; by default its inspectors must differ from the original ones.
import { FINDING_STATUS, MSG } from "../text/zh";
import { isLocalDate } from "./dates";
import type { LedgerFinding } from "./rectification";
import type { Settings } from "./settings";
import { inspectorChoice, nextInspectionId, type InspectionRecord } from "./submission";
import type { Inspector, LocalDate } from "./types";
import { normalizeText } from "./text";

export interface RawReinspection {
  responseId: string;
  submittedAt: string;
  submittedBy: string;
  responseLink: string;
  institution: string;
  date: string;
  departments: string[];
  inspectors: string[];
  passed: string;
  failed: string;
  note: string;
}

export interface ReinspectionContext {
  formId: string;
  formVersion: string;
  registerIds: ReadonlySet<string>;
  roster: readonly Inspector[];
  settings: Settings;
  today: LocalDate;
  findings: ReadonlyMap<string, LedgerFinding>;
  /** Inspector names of each inspection, to keep re-inspectors independent. */
  inspectorsOf: (inspectionId: string) => string[];
  existingInspectionIds: ReadonlySet<string>;
}

export interface FindingUpdate {
  id: string;
  status: string;
  closedOn: LocalDate | "";
  /** A line to add to the finding's 复查记录. */
  record: string;
}

export type ReinspectionOutcome =
  { ok: true; inspection: InspectionRecord; updates: FindingUpdate[] } | { ok: false; reasons: string[] };

const FINDING_ID = /JC\d{8}-\d{3,}-\d{2}/;

/** One finding id per line, optionally followed by a remark ("JC20260302-001-02 仍未联网"). */
export function parseFindingLines(text: string): Array<{ id: string; remark: string }> {
  const out: Array<{ id: string; remark: string }> = [];
  for (const raw of normalizeText(text).split(/\r?\n|[;；]/)) {
    const line = raw.trim();
    const m = FINDING_ID.exec(line.toUpperCase());
    if (m)
      out.push({
        id: m[0],
        remark: line
          .slice(m.index + m[0].length)
          .replace(/^[\s:：,，、]+/, "")
          .trim(),
      });
  }
  return out;
}

export function validateReinspection(raw: RawReinspection, ctx: ReinspectionContext): ReinspectionOutcome {
  const reasons: string[] = [];
  const institutionId = raw.institution.trim().split(/\s/)[0] ?? "";
  if (!raw.institution.trim()) reasons.push(MSG.noInstitution);
  else if (!ctx.registerIds.has(institutionId)) reasons.push(MSG.unknownInstitution(raw.institution.trim()));
  const date = raw.date.trim();
  if (!isLocalDate(date)) reasons.push(MSG.dateMissing);
  else if (date > ctx.today) reasons.push(MSG.dateFuture(date));
  const rosterByChoice = new Map(ctx.roster.map((p) => [inspectorChoice(p), p]));
  const inspectors = [...new Set(raw.inspectors.map((s) => s.trim()).filter(Boolean))];
  for (const name of inspectors) if (!rosterByChoice.has(name)) reasons.push(MSG.unknownInspector(name));
  if (inspectors.length < 2) reasons.push(MSG.tooFewInspectors(inspectors.length));
  const names = inspectors.map((c) => rosterByChoice.get(c)?.name ?? c);

  const passed = parseFindingLines(raw.passed);
  const failed = parseFindingLines(raw.failed);
  if (passed.length + failed.length === 0) reasons.push(MSG.reinspectNoIds);
  const failedIds = new Set(failed.map((f) => f.id));
  for (const p of passed) if (failedIds.has(p.id)) reasons.push(MSG.reinspectBothLists(p.id));
  for (const { id } of [...passed, ...failed]) {
    const f = ctx.findings.get(id);
    if (!f) {
      reasons.push(MSG.reinspectUnknownId(id));
      continue;
    }
    if (institutionId && f.institutionId !== institutionId)
      reasons.push(MSG.reinspectOtherInstitution(id, institutionId));
    if (f.status === FINDING_STATUS.closed) reasons.push(MSG.reinspectAlreadyClosed(id));
    if (f.class === "III") reasons.push(MSG.reinspectClassIII(id));
    if (ctx.settings.reinspectorMustDiffer) {
      const original = new Set(ctx.inspectorsOf(f.inspectionId));
      const same = names.filter((n) => original.has(n));
      if (same.length) reasons.push(MSG.reinspectSameInspector(id, same.join("、")));
    }
  }
  if (reasons.length || !isLocalDate(date)) return { ok: false, reasons };

  const who = names.join("、");
  const updates: FindingUpdate[] = [
    ...passed.map((p) => ({
      id: p.id,
      status: FINDING_STATUS.closed,
      closedOn: date,
      record: `${date} 复查通过（${who}）${p.remark ? `：${p.remark}` : ""}`,
    })),
    ...failed.map((p) => ({
      id: p.id,
      status: FINDING_STATUS.open,
      closedOn: "" as const,
      record: `${date} 复查未通过（${who}）${p.remark ? `：${p.remark}` : ""}`,
    })),
  ];
  const id = nextInspectionId(date, ctx.existingInspectionIds);
  const institutionName = raw.institution
    .trim()
    .slice(institutionId.length)
    .trim()
    .replace(/（[^（]*）$/, "");
  return {
    ok: true,
    updates,
    inspection: {
      id,
      responseId: raw.responseId,
      form: ctx.formId,
      formVersion: ctx.formVersion,
      institutionId,
      institutionName,
      date,
      departments: raw.departments.join("、"),
      inspectors: who,
      findingCount: updates.length,
      classI: 0,
      classII: 0,
      classIII: 0,
      submittedBy: raw.submittedBy,
      submittedAt: raw.submittedAt,
      responseLink: raw.responseLink,
    },
  };
}
