// Who may write the ledger through a form: the respondent's Google-verified address must belong to an
// active member of 检查人员 who is one of the inspectors the form names; a re-inspection's respondent and
// re-inspectors must be active members other than the finding's original inspectors. The roster is the
// one read in this run, so deleting or deactivating a row takes effect at once.
import { IDENTITY_MSG, PASSED_ON, SIGNOFF_PENDING, SIGNOFF_TEXT } from "../text/identity";
import { STATUS_CLOSED } from "../text/zh";
import { SEP_LIST } from "../text/words";
import type { Row } from "./ledger";
import { diffRow, type CellChange } from "./plan";
import { inspectorChoice } from "./submission";
import type { Inspector, LocalDate } from "./types";
import { asText } from "./text";

/** The address the form recorded, and whether Google verified it (a signed-in account, not typed). */
export interface Respondent {
  email: string;
  verified: boolean;
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whether a response carries a verified address: the form had verified collection switched on (setup
 * records when) before the response was submitted. An address typed into an older form proves nothing.
 */
export function respondentOf(
  email: string,
  submittedAt: number,
  verifiedSince: number | undefined,
): Respondent {
  return { email: email.trim(), verified: !!email.trim() && !!verifiedSince && submittedAt >= verifiedSince };
}

type Found = { ok: true; members: Inspector[] } | { ok: false; reasons: string[] };

/** The active roster rows of the respondent (one person may be listed for two departments). */
function activeMembers(respondent: Respondent, roster: readonly Inspector[]): Found {
  if (!respondent.email) return { ok: false, reasons: [IDENTITY_MSG.noRespondent] };
  if (!respondent.verified) return { ok: false, reasons: [IDENTITY_MSG.notVerified(respondent.email)] };
  const rows = roster.filter((p) => p.email && sameAddress(p.email, respondent.email));
  if (!rows.length) return { ok: false, reasons: [IDENTITY_MSG.notOnRoster(respondent.email)] };
  const active = rows.filter((p) => p.active);
  if (!active.length)
    return { ok: false, reasons: [IDENTITY_MSG.respondentInactive(rows[0]!.name, respondent.email)] };
  return { ok: true, members: active };
}

/** Named inspectors (form choices "姓名（部门）") who are on the roster but not in post. */
function inactiveNamed(named: readonly string[], roster: readonly Inspector[]): string[] {
  const byChoice = new Map(roster.map((p) => [inspectorChoice(p), p]));
  return [...new Set(named.map((s) => s.trim()))]
    .filter((c) => byChoice.get(c)?.active === false)
    .map((c) => IDENTITY_MSG.inspectorInactive(c));
}

/** An inspection: the respondent is an active member and one of the inspectors named on the form. */
export function inspectionIdentityProblems(
  respondent: Respondent,
  roster: readonly Inspector[],
  named: readonly string[],
): string[] {
  const found = activeMembers(respondent, roster);
  const reasons = inactiveNamed(named, roster);
  if (!found.ok) return [...found.reasons, ...reasons];
  const choices = new Set(named.map((s) => s.trim()));
  if (found.members.some((m) => choices.has(inspectorChoice(m)))) return reasons;
  return [
    IDENTITY_MSG.notNamed(found.members[0]!.name, [...choices].filter(Boolean).join(SEP_LIST)),
    ...reasons,
  ];
}

/**
 * A re-inspection: the respondent and the named re-inspectors are active members; when re-inspectors
 * must differ (配置, default 是) the respondent is none of the original inspectors of any finding it
 * signs off (the named re-inspectors are checked against them by validateReinspection).
 */
export function reinspectionIdentityProblems(
  respondent: Respondent,
  roster: readonly Inspector[],
  named: readonly string[],
  findings: ReadonlyArray<{ id: string; originalInspectors: readonly string[] }>,
  mustDiffer: boolean,
): string[] {
  const found = activeMembers(respondent, roster);
  const reasons = inactiveNamed(named, roster);
  if (!found.ok) return [...found.reasons, ...reasons];
  if (!mustDiffer) return reasons;
  const names = new Set(found.members.map((m) => m.name));
  const own = findings.flatMap((f) => {
    const same = f.originalInspectors.find((n) => names.has(n));
    return same ? [IDENTITY_MSG.respondentIsOriginal(f.id, same)] : [];
  });
  return [...own, ...reasons];
}

/**
 * Who may confirm a sign-off (销号需协调员确认): the spreadsheet's owner, or a coordinator listed in 配置.
 * An address Google withheld ("") is nobody.
 */
export function mayConfirmSignoff(
  user: string,
  owner: string,
  coordinatorEmails: readonly string[],
): boolean {
  if (!user.trim()) return false;
  return (!!owner && sameAddress(user, owner)) || coordinatorEmails.some((c) => sameAddress(c, user));
}

export interface SignoffCandidate {
  id: string;
  row: number;
  institutionName: string;
  itemText: string;
}

/**
 * Findings waiting for confirmation (待确认销号 with a passing re-inspection in 复查记录), within the
 * selected sheet rows when some are given.
 */
export function awaitingSignoff(
  rows: readonly Row[],
  firstRow: number,
  selected?: { firstRow: number; numRows: number },
): SignoffCandidate[] {
  return rows.flatMap((r, i) => {
    const row = firstRow + i;
    if (asText(r.status) !== SIGNOFF_PENDING || !asText(r.id)) return [];
    // The status alone proves nothing (it can be pasted): a passing re-inspection must be on record.
    if (!asText(r.reinspections).match(PASSED_ON)) return [];
    if (selected && (row < selected.firstRow || row >= selected.firstRow + selected.numRows)) return [];
    return [
      {
        id: String(r.id),
        row,
        institutionName: asText(r.institutionName),
        itemText: `${asText(r.itemCode)} ${asText(r.itemText)}`.trim(),
      },
    ];
  });
}

/**
 * Confirming a sign-off: 已销号, 销号日期 the day the re-inspection passed (the rectification was verified
 * then; the confirmation is the township's own step), and a line in 复查记录 naming who confirmed when.
 */
export function signoffChanges(row: Row, sheetRow: number, today: LocalDate, by: string): CellChange[] {
  const records = asText(row.reinspections);
  const passedOn = [...records.matchAll(PASSED_ON)].map((m) => m[1]!).pop() ?? today;
  // The line is written first and names the day and the person: a retry of this confirmation finds it.
  const line = SIGNOFF_TEXT.record(today, by);
  const patch: Row = {
    reinspections: records.split("\n").includes(line) ? records : [records, line].filter(Boolean).join("\n"),
    status: STATUS_CLOSED,
    closedOn: passedOn,
    overdue: "",
  };
  return diffRow(String(row.id), sheetRow, row, patch);
}
