// What an inspection tells us about an institution's licences, and the state its findings put it in.
import {
  DISPOSITION,
  INSTITUTION_STATE,
  LICENCE_BUCKET,
  NO,
  REGISTRATION,
  STATUS_CLOSED,
  YES,
} from "../text/zh";
import { typeFromLabel } from "./labels";
import type { Row } from "./ledger";
import type { Answer, Institution, InstitutionType } from "./types";
import { trimmedText } from "./text";

/** The register's rows as institutions. */
export function institutionsFromRows(rows: readonly Row[]): Institution[] {
  return rows.map((r) => ({
    id: trimmedText(r.id),
    name: trimmedText(r.name),
    type: typeFromLabel(r.type),
    village: trimmedText(r.village),
    address: trimmedText(r.address),
    operator: trimmedText(r.operator),
    phone: trimmedText(r.phone),
    registration: trimmedText(r.registration) === REGISTRATION.unverified ? "unverified" : "registered",
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

/**
 * Which checklist item answers which licence cell: 符合 → 是, 不符合 → 否. COND-01 (no business beyond
 * the licensed scope) answers 超范围经营 the other way round. In the register's column order.
 */
const LICENCE_ITEMS: Record<string, keyof LicenceFlags> = {
  "QUAL-01": "permit",
  "QUAL-02": "businessLicence",
  "QUAL-03": "foodPermit",
  "QUAL-05": "healthPermit",
  "QUAL-06": "healthFiling",
  "COND-01": "beyondScope",
};

/** Updates licence flags from checklist answers; 不适用 leaves the cell as it was. */
export function licenceFlagsFromAnswers(
  current: LicenceFlags,
  answers: Record<string, Answer>,
): LicenceFlags {
  const next = { ...current };
  for (const [code, column] of Object.entries(LICENCE_ITEMS)) {
    const a = answers[code];
    const yes = column === "beyondScope" ? "fail" : "ok";
    if (a === "ok" || a === "fail") next[column] = a === yes ? YES : NO;
  }
  return next;
}

/** The register's licence cells, in its column order. */
export const LICENCE_CELLS = Object.values(LICENCE_ITEMS);

/** Licence cells none of which is answered yet. */
export const NO_LICENCE_FLAGS = Object.fromEntries(
  LICENCE_CELLS.map((k) => [k, ""]),
) as unknown as LicenceFlags;

/**
 * The licence bucket of the summary table: 超范围 (operating beyond its licensed scope), 证照齐全,
 * 有照无证 (registered — 营业执照 or 登记证书 — but lacking the operating permit its type needs), 有证无照
 * (the permit without the registration), 无证无照, and 待核实证照 while no licence cell is answered at all.
 * The operating permit: training → 办学许可证; childcare → 卫健备案; meal and aftercare → 食品经营许可证
 * when it serves food (a blank means not required, and then only the registration counts).
 */
export function licenceBucket(type: InstitutionType | "", f: LicenceFlags): string {
  if (LICENCE_CELLS.every((k) => !trimmedText(f[k]))) return LICENCE_BUCKET.unknown;
  if (f.beyondScope === YES) return LICENCE_BUCKET.beyondScope;
  const registered = f.businessLicence === YES;
  const permit = operatingPermit(type, f);
  if (permit === "notRequired") return registered ? LICENCE_BUCKET.complete : LICENCE_BUCKET.none;
  if (registered && permit) return LICENCE_BUCKET.complete;
  if (registered) return LICENCE_BUCKET.registeredNoPermit;
  if (permit) return LICENCE_BUCKET.permitNoLicence;
  return LICENCE_BUCKET.none;
}

function operatingPermit(type: InstitutionType | "", f: LicenceFlags): boolean | "notRequired" {
  switch (type) {
    case "training":
      return f.permit === YES;
    case "childcare":
      return f.healthFiling === YES;
    case "meal":
    case "aftercare":
      return f.foodPermit === NO ? false : f.foodPermit === YES ? true : "notRequired";
    default:
      return "notRequired";
  }
}

export interface FindingState {
  class: string;
  status: string;
  overdue: boolean;
}

/**
 * The institution's state follows its findings and the disposition a person chose. The script only
 * proposes (拟关停取缔 for an open 三类 finding, 拟停业整顿 for an overdue 二类 one); 已关停取缔 and 停业整顿中
 * come only from 处置方式, which only a person sets. An inspected institution without findings is
 * 检查合格; 未检查 means never inspected.
 */
export function institutionState(
  disposition: string,
  findings: readonly FindingState[],
  inspected: boolean,
): string {
  const open = findings.filter((f) => f.status !== STATUS_CLOSED);
  if (disposition === DISPOSITION.close)
    return open.some((f) => f.class === "III") ? INSTITUTION_STATE.closing : INSTITUTION_STATE.closed;
  if (disposition === DISPOSITION.suspend && open.length) return INSTITUTION_STATE.suspended;
  if (findings.length === 0) return inspected ? INSTITUTION_STATE.passed : INSTITUTION_STATE.notInspected;
  if (open.some((f) => f.class === "III")) return INSTITUTION_STATE.closing;
  if (open.some((f) => f.class === "II" && f.overdue)) return INSTITUTION_STATE.suspendProposed;
  return open.length ? INSTITUTION_STATE.open : INSTITUTION_STATE.done;
}

/**
 * The disposition an inspection fills in when the coordinator has chosen none: 整改规范 for findings to
 * put right, 登记备案 for a new institution. Never 关停取缔 or 停业整顿: those are decisions a person takes
 * (the state shows the proposal), so an inspection with a 三类 finding leaves 处置方式 blank.
 */
export function proposedDisposition(current: string, classes: readonly string[], isNew: boolean): string {
  if (current) return current;
  if (classes.includes("III")) return "";
  if (classes.length) return DISPOSITION.rectify;
  return isNew ? DISPOSITION.register : "";
}

/**
 * Until the daily check recomputes it from all findings, an inspection moves the state forward.
 * `openClasses`: the classes of its findings still open; `found`: whether it found anything at all.
 */
export function stateAfterInspection(
  current: string,
  openClasses: readonly string[],
  found: boolean,
): string {
  if (openClasses.includes("III")) return INSTITUTION_STATE.closing;
  if (openClasses.length) return INSTITUTION_STATE.open;
  if (current && current !== INSTITUTION_STATE.notInspected && current !== INSTITUTION_STATE.passed)
    return current;
  return found ? INSTITUTION_STATE.done : INSTITUTION_STATE.passed;
}
