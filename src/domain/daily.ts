// The daily check's decisions: from 状态底账 (every finding's state, one cell each) and the register, what
// changes today. The 逾期 label of every finding is planned and written only where it differs; the row
// colours follow from conditional formatting (src/gas/workbook.ts), so a day on which no finding changes
// state writes (almost) nothing.
import { addDeadlineDays, type WorkCalendar } from "./calendar";
import type { ChecklistItem } from "./checklist";
import { asLocalDate } from "./dates";
import { institutionState, institutionsFromRows, licenceBucket, type LicenceFlags } from "./institution";
import { typeFromLabel } from "./labels";
import { classIIDays } from "./submission";
import { FINDING_ID, type Row } from "./ledger";
import type { Reminder } from "./mails";
import { diffRow, type CellChange } from "./plan";
import {
  URGENCY_BACKGROUND,
  effectiveDeadline,
  findingsFromRows,
  urgency,
  urgencyLabel,
} from "./rectification";
import type { Settings } from "./settings";
import type { Institution, LocalDate } from "./types";
import { DISPOSITION, MSG, STATUS_CLOSED } from "../text/zh";
import { RULE_MSG } from "../text/rules";
import { madeBy, asText, trimmedText } from "./text";
import { SEP_CLAUSE } from "../text/words";

export interface DailyInput {
  today: LocalDate;
  settings: Settings;
  bank: readonly ChecklistItem[];
  /** Only when some 二类 finding still lacks a deadline. */
  calendar: WorkCalendar | undefined;
  register: { rows: Row[]; firstRow: number };
  /** Every finding as 状态底账 keeps it (src/domain/shadow.ts): the daily check reads no more. */
  findings: readonly Row[];
}

/** A finding whose state changes today in a way that needs more of its ledger row than the shadow has. */
export interface FindingUpdate {
  id: string;
  /** 三类 of an institution shut down: signed off today (its 复查记录 says why). */
  closed?: boolean;
  /** 二类 whose deadline can now be counted (the holiday table has the year). */
  deadline?: LocalDate;
}

export interface DailyPlan {
  /** What 逾期 shows for every finding (written only where it differs). */
  labels: Record<string, string>;
  /** Each finding's row colour (painted on the rows whose label changes). */
  colours: Record<string, string | null>;
  updates: FindingUpdate[];
  registerChanges: CellChange[];
  reminders: Reminder[];
  institutions: Institution[];
}

export function planDailyCheck(input: DailyInput): DailyPlan {
  const { today, settings } = input;
  const findings = findingsFromRows(input.findings);
  const register = new Map(input.register.rows.map((r) => [trimmedText(r.id), r]));
  const closedInstitutions = new Set(
    input.register.rows.filter((r) => String(r.disposition) === DISPOSITION.close).map((r) => String(r.id)),
  );
  const bank = new Map(input.bank.map((i) => [i.code, i]));
  const plan: DailyPlan = {
    labels: {},
    colours: {},
    updates: [],
    registerChanges: [],
    reminders: [],
    institutions: institutionsFromRows(input.register.rows),
  };
  const byInstitution = new Map<string, Array<{ class: string; status: string; overdue: boolean }>>();
  findings.forEach((f, i) => {
    if (!f.id) return;
    const row = input.findings[i]!;
    const item = bank.get(asText(row.itemCode));
    // 三类: closed with the institution (关停取缔), not by rectification.
    if (f.class === "III" && f.status !== STATUS_CLOSED && closedInstitutions.has(f.institutionId)) {
      f.status = STATUS_CLOSED;
      f.closedOn = today;
      plan.updates.push({ id: f.id, closed: true });
    }
    // 二类 without a deadline (the holiday table lacked a year): computed once the year is complete.
    if (f.class === "II" && !f.deadline && f.foundOn && input.calendar && item) {
      const due = addDeadlineDays(
        f.foundOn,
        classIIDays(item, settings),
        settings.deadlineMode,
        input.calendar,
      );
      if (due.ok) {
        f.deadline = due.date;
        plan.updates.push({ id: f.id, deadline: due.date });
      }
    }
    const u = urgency(f, today, settings.dueSoonDays);
    plan.labels[f.id] = urgencyLabel(u);
    plan.colours[f.id] = URGENCY_BACKGROUND[u.kind];
    if (u.kind === "overdue" || u.kind === "dueSoon") {
      const place = register.get(f.institutionId);
      plan.reminders.push({
        id: f.id,
        institutionId: f.institutionId,
        institution: asText(place?.name),
        village: asText(place?.village),
        item: `${asText(row.itemCode)} ${item?.text ?? ""}`.trim(),
        department: asText(row.department),
        deadline: effectiveDeadline(f),
        urgency: u,
        // The one named on the form or in the ledger, else the institution's 举办者.
        responsible: trimmedText(row.responsible) || trimmedText(place?.operator) || undefined,
        address: trimmedText(place?.address) || undefined,
        phone: trimmedText(place?.phone) || undefined,
      });
    }
    const list = byInstitution.get(f.institutionId) ?? [];
    list.push({ class: f.class, status: f.status, overdue: u.kind === "overdue" });
    byInstitution.set(f.institutionId, list);
  });

  // The state follows the findings and the disposition a person chose; the licence bucket follows the
  // licence cells, whoever changed them (a coordinator typing 是 once a licence is obtained).
  input.register.rows.forEach((r, i) => {
    const id = asText(r.id);
    if (!id) return;
    const inspected = !!asLocalDate(r.lastInspected);
    const state = institutionState(asText(r.disposition), byInstitution.get(id) ?? [], inspected);
    const bucket = licenceBucket(typeFromLabel(r.type), r as unknown as LicenceFlags);
    plan.registerChanges.push(
      ...diffRow(id, input.register.firstRow + i, r, { state, licenceBucket: bucket }),
    );
  });
  return plan;
}

/**
 * The cell changes of the findings `updates` names, from their 问题台账 rows as read (the note and the
 * 复查记录 they extend are the ledger's, not the shadow's).
 */
export function findingUpdateChanges(
  updates: readonly FindingUpdate[],
  rows: ReadonlyArray<{ row: number; values: Row }>,
  today: LocalDate,
): { changes: CellChange[]; missing: string[] } {
  const byId = new Map(rows.map((r) => [trimmedText(r.values.id), r]));
  const out: CellChange[] = [];
  const missing: string[] = [];
  for (const u of updates) {
    const at = byId.get(u.id);
    if (!at) {
      missing.push(u.id);
      continue;
    }
    const current = at.values;
    const patch: Row = {};
    if (u.closed) {
      patch.status = STATUS_CLOSED;
      patch.closedOn = today;
      patch.reinspections = [asText(current.reinspections), `${today} ${MSG.closedByDisposition}`]
        .filter(Boolean)
        .join("\n");
    }
    if (u.deadline) {
      patch.deadline = u.deadline;
      patch.notes = withoutHolidayNote(asText(current.notes));
    }
    out.push(...diffRow(u.id, at.row, current, patch));
  }
  return { changes: out, missing };
}

/** Sheet rows whose 问题编号 is missing, malformed or repeated (the keys as read, trailing blanks cut). */
export function brokenIdRows(keys: readonly string[], firstRow: number): number[] {
  const seen = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const at = seen.get(k);
    if (at) at.push(firstRow + i);
    else seen.set(k, [firstRow + i]);
  });
  return [...seen]
    .filter(([id, at]) => !FINDING_ID.test(id) || at.length > 1)
    .flatMap(([, at]) => at)
    .sort((a, b) => a - b);
}

const HOLIDAY_NOTES = [madeBy(MSG.holidayMissing, 1), madeBy(RULE_MSG.holidayIncomplete, 1)];

/** A finding's note without the "holiday year not entered" line (old and current wording). */
function withoutHolidayNote(notes: string): string {
  return notes
    .split(SEP_CLAUSE)
    .filter((part) => !HOLIDAY_NOTES.some((made) => made(part)))
    .join(SEP_CLAUSE);
}
