// What an inspection tells us about an institution's licences, and the state its findings put it in.
import {
  DISPOSITION,
  FINDING_STATUS,
  INSTITUTION_STATE,
  LICENCE_BUCKET,
  NO,
  REGISTRATION,
  YES,
} from "../text/zh";
import { typeFromLabel } from "./labels";
import type { Row } from "./ledger";
import type { Answer, Institution, InstitutionType } from "./types";

/** The register's rows as institutions. */
export function institutionsFromRows(rows: readonly Row[]): Institution[] {
  return rows.map((r) => ({
    id: String(r.id ?? "").trim(),
    name: String(r.name ?? "").trim(),
    type: typeFromLabel(r.type),
    village: String(r.village ?? "").trim(),
    address: String(r.address ?? "").trim(),
    operator: String(r.operator ?? "").trim(),
    phone: String(r.phone ?? "").trim(),
    registration:
      String(r.registration ?? "").trim() === REGISTRATION.unverified ? "unverified" : "registered",
  }));
}

export interface LicenceFlags {
  permit: string;
  businessLicence: string;
  foodPermit: string;
  healthPermit: string;
  healthFiling: string;
  beyondScope: string;
}

/** Which checklist item proves which licence column. */
const LICENCE_ITEMS: Record<string, keyof LicenceFlags> = {
  "QUAL-01": "permit",
  "QUAL-02": "businessLicence",
  "QUAL-03": "foodPermit",
  "QUAL-05": "healthPermit",
  "QUAL-06": "healthFiling",
};

/** Updates licence flags from checklist answers: 符合 → 是, 不符合 → 否; 不适用 leaves the cell as it was. */
export function licenceFlagsFromAnswers(
  current: LicenceFlags,
  answers: Record<string, Answer>,
): LicenceFlags {
  const next = { ...current };
  for (const [code, column] of Object.entries(LICENCE_ITEMS)) {
    const a = answers[code];
    if (a === "ok") next[column] = YES;
    if (a === "fail") next[column] = NO;
  }
  if (answers["COND-01"] === "fail") next.beyondScope = YES;
  if (answers["COND-01"] === "ok") next.beyondScope = NO;
  return next;
}

/**
 * The licence bucket of the summary table: 超范围 (operating beyond its licensed scope), 证照齐全, 有照无证
 * (registered but lacking the operating permit its type needs), 无证无照.
 * The operating permit: training → 办学许可证; childcare → 卫健备案; meal and aftercare → 食品经营许可证
 * when it serves food (a blank means not required).
 */
export function licenceBucket(type: InstitutionType | "", f: LicenceFlags): string {
  if (f.beyondScope === YES) return LICENCE_BUCKET.beyondScope;
  const registered = f.businessLicence === YES;
  const permit = hasOperatingPermit(type, f);
  if (registered && permit) return LICENCE_BUCKET.complete;
  if (registered || permit) return LICENCE_BUCKET.registeredNoPermit;
  return LICENCE_BUCKET.none;
}

function hasOperatingPermit(type: InstitutionType | "", f: LicenceFlags): boolean {
  switch (type) {
    case "training":
      return f.permit === YES;
    case "childcare":
      return f.healthFiling === YES;
    case "meal":
    case "aftercare":
      return f.foodPermit !== NO;
    default:
      return true;
  }
}

export interface FindingState {
  class: string;
  status: string;
  overdue: boolean;
}

/** The institution's state follows its findings and its disposition. */
export function institutionState(disposition: string, findings: readonly FindingState[]): string {
  if (disposition === DISPOSITION.close)
    return findings.some((f) => f.class === "III" && f.status !== FINDING_STATUS.closed)
      ? INSTITUTION_STATE.closing
      : INSTITUTION_STATE.closed;
  if (findings.length === 0) return INSTITUTION_STATE.notInspected;
  const open = findings.filter((f) => f.status !== FINDING_STATUS.closed);
  if (open.some((f) => f.class === "III")) return INSTITUTION_STATE.closing;
  if (open.some((f) => f.class === "II" && f.overdue)) return INSTITUTION_STATE.suspendProposed;
  return open.length ? INSTITUTION_STATE.open : INSTITUTION_STATE.done;
}

/** The disposition an inspection proposes when the coordinator has not chosen one. */
export function proposedDisposition(current: string, classes: readonly string[], isNew: boolean): string {
  if (current) return current;
  if (classes.includes("III")) return DISPOSITION.close;
  if (classes.length) return DISPOSITION.rectify;
  return isNew ? DISPOSITION.register : "";
}

/** Until the daily check recomputes it from all findings, an inspection moves the state forward. */
export function stateAfterInspection(current: string, classes: readonly string[]): string {
  if (classes.includes("III")) return INSTITUTION_STATE.closing;
  if (classes.length) return INSTITUTION_STATE.open;
  return current && current !== INSTITUTION_STATE.notInspected ? current : INSTITUTION_STATE.done;
}
