// A re-inspection (复查) closes findings that passed (销号) and sends those that failed back to 待整改.
// Only a re-inspection closes a 二类 finding; by default its inspectors must differ from the original ones.
import { FINDING_STATUS, MSG, STATUS_CLOSED } from "../text/zh";
import { IDENTITY_MSG, SIGNOFF_PENDING } from "../text/identity";
import { reinspectionMark, reinspectionRecord } from "../text/records";
import { SEP_LIST } from "../text/words";
import { isLocalDate } from "./dates";
import type { LedgerFinding } from "./rectification";
import type { Settings } from "./settings";
import { checkDateAndInspectors, nextInspectionId, type InspectionRecord } from "./submission";
import type { Inspector, LocalDate } from "./types";
import { normalizeText } from "./text";
import { FINDING_ID_IN_TEXT } from "./ledger";

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
  /** A finding's 复查记录 as it stands (a retry of this re-inspection finds its own line there). */
  recordsOf: (findingId: string) => string;
  existingInspectionIds: ReadonlySet<string>;
}

export interface FindingUpdate {
  id: string;
  status: string;
  closedOn: LocalDate | "";
  passed: boolean;
  date: LocalDate;
  inspectionId: string;
  inspectors: string;
  remark: string;
}

/** The line a re-inspection adds to a finding's 复查记录; it names the re-inspection, so a retry finds it. */
export const findingRecordText = (u: FindingUpdate): string =>
  reinspectionRecord(u.date, u.passed, u.inspectionId, u.inspectors, u.remark);

export type ReinspectionOutcome =
  { ok: true; inspection: InspectionRecord; updates: FindingUpdate[] } | { ok: false; reasons: string[] };

/** One finding id per line, optionally followed by a remark ("JC20260302-001-02 仍未联网"). */
export function parseFindingLines(text: string): Array<{ id: string; remark: string }> {
  const out: Array<{ id: string; remark: string }> = [];
  for (const raw of normalizeText(text).split(/\r?\n|[;；]/)) {
    const line = raw.trim();
    const m = FINDING_ID_IN_TEXT.exec(line.toUpperCase());
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
  const { date, names } = checkDateAndInspectors(raw, ctx, reasons);

  const id = isLocalDate(date) ? nextInspectionId(date, ctx.existingInspectionIds) : "";
  const passed = parseFindingLines(raw.passed);
  const failed = parseFindingLines(raw.failed);
  if (passed.length + failed.length === 0) reasons.push(MSG.reinspectNoIds);
  const failedIds = new Set(failed.map((f) => f.id));
  for (const p of passed) if (failedIds.has(p.id)) reasons.push(MSG.reinspectBothLists(p.id));
  for (const { id: fid } of [...passed, ...failed]) {
    const f = ctx.findings.get(fid);
    if (!f) {
      reasons.push(MSG.reinspectUnknownId(fid));
      continue;
    }
    if (institutionId && f.institutionId !== institutionId)
      reasons.push(MSG.reinspectOtherInstitution(fid, institutionId));
    // A retry of this same re-inspection (its run died after signing the finding off) is not a second one.
    const applied = !!id && ctx.recordsOf(fid).includes(reinspectionMark(id));
    if (f.status === STATUS_CLOSED && !applied) reasons.push(MSG.reinspectAlreadyClosed(fid));
    if (f.status === SIGNOFF_PENDING && !applied) reasons.push(IDENTITY_MSG.awaitingConfirmation(fid));
    if (f.class === "III") reasons.push(MSG.reinspectClassIII(fid));
    if (ctx.settings.reinspectorMustDiffer) {
      const original = new Set(ctx.inspectorsOf(f.inspectionId));
      const same = names.filter((n) => original.has(n));
      if (same.length) reasons.push(MSG.reinspectSameInspector(fid, same.join(SEP_LIST)));
    }
  }
  if (reasons.length || !isLocalDate(date)) return { ok: false, reasons };

  const who = names.join(SEP_LIST);
  // With 销号需协调员确认 a pass waits for the coordinator, who fills 销号日期 when confirming.
  const confirm = ctx.settings.signoffNeedsConfirmation;
  const update = (p: { id: string; remark: string }, passedIt: boolean): FindingUpdate => ({
    id: p.id,
    status: passedIt ? (confirm ? SIGNOFF_PENDING : STATUS_CLOSED) : FINDING_STATUS.open,
    closedOn: passedIt && !confirm ? date : "",
    passed: passedIt,
    date,
    inspectionId: id,
    inspectors: who,
    remark: p.remark,
  });
  const updates: FindingUpdate[] = [
    ...passed.map((p) => update(p, true)),
    ...failed.map((p) => update(p, false)),
  ];
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
      departments: raw.departments.join(SEP_LIST),
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
