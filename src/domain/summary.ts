// The numbers leaders read: 排查整治汇总表 per type and per village, the department table, weekly
// progress, the red/black list and the bulletin's ranking. Pure: the township's sheet and the county
// roll-up compute them with this same code.
import { DISPOSITION, LICENCE_BUCKET, REGISTRATION, STATUS_CLOSED, TYPE_LABEL } from "../text/zh";
import { BLACK_OVERDUE, RED_ALL_CLOSED, RED_NO_FINDINGS, TOTAL } from "../text/summary";
import { SEP_LIST } from "../text/words";
import { addDays, weekday } from "./dates";
import { INSTITUTION_TYPES, type FindingClass, type InstitutionType, type LocalDate } from "./types";
import { classFromLabel, typeFromLabel, typeLabel } from "./labels";
import { urgency, type Urgency } from "./rectification";
import { asText, trimmedText } from "./text";

interface SummaryInstitution {
  id: string;
  name: string;
  type: InstitutionType | "";
  village: string;
  licenceBucket: string;
  disposition: string;
  /** 待核实 (found on a visit or named in a complaint, not yet confirmed) or 已登记. */
  registration?: string;
}

export interface SummaryFinding {
  institutionId: string;
  class: FindingClass | "";
  status: string;
  department: string;
  foundOn: LocalDate | "";
  closedOn: LocalDate | "";
  overdue: boolean;
}

interface SummaryInspection {
  institutionId: string;
  date: LocalDate | "";
  reinspection: boolean;
  departments: string[];
}

export interface SummaryInput {
  institutions: readonly SummaryInstitution[];
  findings: readonly SummaryFinding[];
  inspections: readonly SummaryInspection[];
}

export interface SummaryRow {
  label: string;
  swept: number;
  complete: number;
  registeredNoPermit: number;
  permitNoLicence: number;
  none: number;
  beyondScope: number;
  findings: number;
  classI: number;
  classII: number;
  classIII: number;
  closed: number;
  /** closed ÷ findings, as a fraction; null when there are no findings. */
  rate: number | null;
  overdue: number;
  shutDown: number;
  registered: number;
}

/** The licence buckets a row counts (LICENCE_BUCKET's keys), in the tables' column order. */
export const BUCKETS = ["complete", "registeredNoPermit", "permitNoLicence", "none", "beyondScope"] as const;

export const rateText = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

/** A row's figures in SUMMARY_COLUMNS order; the rate as text unless `rate` says otherwise. */
export function summaryCells<R = string>(
  r: SummaryRow,
  rate: (x: number | null) => R | string = rateText,
): Array<string | number | R> {
  return [
    r.swept,
    ...BUCKETS.map((b) => r[b]),
    r.findings,
    r.classI,
    r.classII,
    r.classIII,
    r.closed,
    rate(r.rate),
    r.overdue,
    r.shutDown,
    r.registered,
  ];
}

function row(label: string, institutions: readonly SummaryInstitution[], input: SummaryInput): SummaryRow {
  const ids = new Set(institutions.map((i) => i.id));
  const sweptIds = new Set(
    input.inspections.filter((x) => !x.reinspection && ids.has(x.institutionId)).map((x) => x.institutionId),
  );
  const swept = institutions.filter((i) => sweptIds.has(i.id));
  const findings = input.findings.filter((f) => ids.has(f.institutionId));
  const closed = findings.filter((f) => f.status === STATUS_CLOSED).length;
  const ofClass = (c: FindingClass) => findings.filter((f) => f.class === c).length;
  const buckets = Object.fromEntries(
    BUCKETS.map((b) => [b, swept.filter((i) => i.licenceBucket === LICENCE_BUCKET[b]).length]),
  ) as Record<(typeof BUCKETS)[number], number>;
  return {
    label,
    swept: swept.length,
    ...buckets,
    findings: findings.length,
    classI: ofClass("I"),
    classII: ofClass("II"),
    classIII: ofClass("III"),
    closed,
    rate: findings.length ? closed / findings.length : null,
    overdue: findings.filter((f) => f.overdue && f.status !== STATUS_CLOSED).length,
    shutDown: institutions.filter((i) => i.disposition === DISPOSITION.close).length,
    registered: institutions.filter((i) => i.disposition === DISPOSITION.register).length,
  };
}

export interface SummaryTables {
  byType: SummaryRow[];
  byVillage: SummaryRow[];
  total: SummaryRow;
}

export function summaryTables(input: SummaryInput): SummaryTables {
  const byType = INSTITUTION_TYPES.map((t) =>
    row(
      TYPE_LABEL[t],
      input.institutions.filter((i) => i.type === t),
      input,
    ),
  );
  const villages = [...new Set(input.institutions.map((i) => i.village).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b, "zh-CN"),
  );
  const byVillage = villages.map((v) =>
    row(
      v,
      input.institutions.filter((i) => i.village === v),
      input,
    ),
  );
  return { byType, byVillage, total: row(TOTAL, input.institutions, input) };
}

export interface DepartmentRow {
  department: string;
  raised: number;
  closed: number;
  rate: number | null;
  reinspections: number;
  overdue: number;
}

export function departmentTable(input: SummaryInput, departments: readonly string[]): DepartmentRow[] {
  const names = [...new Set([...departments, ...input.findings.map((f) => f.department).filter(Boolean)])];
  return names.map((d) => {
    const own = input.findings.filter((f) => f.department === d);
    const closed = own.filter((f) => f.status === STATUS_CLOSED).length;
    return {
      department: d,
      raised: own.length,
      closed,
      rate: own.length ? closed / own.length : null,
      reinspections: input.inspections.filter((x) => x.reinspection && x.departments.includes(d)).length,
      overdue: own.filter((f) => f.overdue && f.status !== STATUS_CLOSED).length,
    };
  });
}

export interface WeekRow {
  weekStart: LocalDate;
  opened: number;
  closed: number;
  /** Findings signed off ÷ findings found, both up to the end of the week. */
  cumulativeRate: number | null;
}

/** Weeks from Monday to Sunday, from the campaign's first week to this week. */
export function weeklyProgress(
  findings: readonly SummaryFinding[],
  from: LocalDate,
  today: LocalDate,
): WeekRow[] {
  const monday = (d: LocalDate) => addDays(d, -((weekday(d) + 6) % 7));
  const out: WeekRow[] = [];
  for (let w = monday(from); w <= today; w = addDays(w, 7)) {
    const end = addDays(w, 6);
    const inWeek = (d: LocalDate | "") => d !== "" && d >= w && d <= end;
    const foundSoFar = findings.filter((f) => f.foundOn !== "" && f.foundOn <= end).length;
    const closedSoFar = findings.filter((f) => f.closedOn !== "" && f.closedOn <= end).length;
    out.push({
      weekStart: w,
      opened: findings.filter((f) => inWeek(f.foundOn)).length,
      closed: findings.filter((f) => inWeek(f.closedOn)).length,
      cumulativeRate: foundSoFar ? closedSoFar / foundSoFar : null,
    });
    if (out.length > 260) break;
  }
  return out;
}

export interface ListEntry {
  id: string;
  name: string;
  type: string;
  village: string;
  reason: string;
}

/**
 * 红名单: inspected, every finding signed off, licences complete, not shut down, and confirmed in the
 * register (an institution still 待核实 — found on a visit or named in a complaint — is not vouched
 * for). 黑名单: shut down (关停取缔), or still overdue after the clean-up phase (活动结束日期) has ended.
 */
export function redBlackLists(
  input: SummaryInput,
  today: LocalDate,
  campaignEnd: LocalDate | "",
): { red: ListEntry[]; black: ListEntry[] } {
  const red: ListEntry[] = [];
  const black: ListEntry[] = [];
  const inspected = new Set(input.inspections.filter((x) => !x.reinspection).map((x) => x.institutionId));
  for (const i of input.institutions) {
    const own = input.findings.filter((f) => f.institutionId === i.id);
    const entry = { id: i.id, name: i.name, type: typeLabel(i.type), village: i.village };
    const overdue = own.some((f) => f.overdue && f.status !== STATUS_CLOSED);
    if (i.disposition === DISPOSITION.close) black.push({ ...entry, reason: DISPOSITION.close });
    else if (overdue && campaignEnd && today > campaignEnd) black.push({ ...entry, reason: BLACK_OVERDUE });
    else if (
      inspected.has(i.id) &&
      i.registration !== REGISTRATION.unverified &&
      own.every((f) => f.status === STATUS_CLOSED) &&
      i.licenceBucket === LICENCE_BUCKET.complete
    ) {
      red.push({ ...entry, reason: own.length ? RED_ALL_CLOSED : RED_NO_FINDINGS });
    }
  }
  return { red, black };
}

export interface RankRow {
  rank: number;
  label: string;
  findings: number;
  closed: number;
  rate: number | null;
  overdue: number;
}

/** The bulletin's ranking: highest rectification rate first; units with no findings are listed last. */
export function ranking(
  rows: ReadonlyArray<{
    label: string;
    findings: number;
    closed: number;
    rate: number | null;
    overdue: number;
  }>,
): RankRow[] {
  const sorted = [...rows].sort(
    (a, b) =>
      (b.rate ?? -1) - (a.rate ?? -1) ||
      a.overdue - b.overdue ||
      b.findings - a.findings ||
      a.label.localeCompare(b.label, "zh-CN"),
  );
  let rank = 0;
  let previous: (typeof sorted)[number] | undefined;
  return sorted.map((r, i) => {
    if (!previous || previous.rate !== r.rate || previous.overdue !== r.overdue) rank = i + 1;
    previous = r;
    return { rank, label: r.label, findings: r.findings, closed: r.closed, rate: r.rate, overdue: r.overdue };
  });
}

/** The three sheets the summary reads, as rows keyed by column key (see ledger.ts). */
export interface LedgerRows {
  register: ReadonlyArray<Record<string, unknown>>;
  findings: ReadonlyArray<Record<string, unknown>>;
  inspections: ReadonlyArray<Record<string, unknown>>;
}

/**
 * The summary's input from ledger rows: the township's 汇总 and the county roll-up both read through
 * here. `dateOf` turns a cell (a Date in Apps Script, text from the Sheets API) into a local date.
 */
export function summaryInputFromRows(
  rows: LedgerRows,
  today: LocalDate,
  dateOf: (v: unknown) => LocalDate | "",
): { input: SummaryInput; urgencies: Urgency[] } {
  const urgencies: Urgency[] = [];
  const findings = rows.findings
    .filter((r) => trimmedText(r.id))
    .map((r) => {
      const f = {
        id: String(r.id),
        inspectionId: asText(r.inspectionId),
        institutionId: asText(r.institutionId),
        class: classFromLabel(r.class),
        status: asText(r.status),
        foundOn: dateOf(r.foundOn),
        deadline: dateOf(r.deadline),
        extendedTo: dateOf(r.extendedTo),
        closedOn: dateOf(r.closedOn),
      };
      const u = urgency(f, today, 0);
      urgencies.push(u);
      return {
        institutionId: f.institutionId,
        class: f.class,
        status: f.status,
        department: asText(r.department),
        foundOn: f.foundOn,
        closedOn: f.closedOn,
        overdue: u.kind === "overdue",
      };
    });
  const input: SummaryInput = {
    institutions: rows.register
      .filter((r) => trimmedText(r.id) && trimmedText(r.name))
      .map((r) => ({
        id: String(r.id).trim(),
        name: trimmedText(r.name),
        type: typeFromLabel(r.type),
        village: trimmedText(r.village),
        licenceBucket: asText(r.licenceBucket),
        disposition: asText(r.disposition),
        registration: trimmedText(r.registration),
      })),
    findings,
    inspections: rows.inspections.map((r) => ({
      institutionId: asText(r.institutionId),
      date: dateOf(r.date),
      reinspection: String(r.form) === "reinspection",
      departments: asText(r.departments).split(SEP_LIST).filter(Boolean),
    })),
  };
  return { input, urgencies };
}
