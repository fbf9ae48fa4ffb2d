// The daily check's decisions: from the findings and the register as read, what changes today. Only
// cells whose value changes are in the plan, and only rows whose colour changes are painted, so a day
// on which no finding changes state writes (almost) nothing.
import { addDeadlineDays, type WorkCalendar } from "./calendar";
import type { ChecklistItem } from "./checklist";
import { asLocalDate } from "./dates";
import { institutionState, institutionsFromRows, licenceBucket, type LicenceFlags } from "./institution";
import { typeFromLabel } from "./labels";
import { classIIDays } from "./submission";
import { FINDING_ID, type Row } from "./ledger";
import type { Reminder } from "./mails";
import { diffRow, type CellChange, type RowColour } from "./plan";
import {
  URGENCY_BACKGROUND,
  effectiveDeadline,
  findingsFromRows,
  urgency,
  urgencyLabel,
} from "./rectification";
import type { Settings } from "./settings";
import type { Institution, LocalDate } from "./types";
import { DISPOSITION, FINDING_STATUS, MSG } from "../text/zh";
import { RULE_MSG } from "../text/rules";
import { madeBy } from "./text";

export interface DailyInput {
  today: LocalDate;
  settings: Settings;
  bank: readonly ChecklistItem[];
  /** Only when some 二类 finding still lacks a deadline. */
  calendar: WorkCalendar | undefined;
  register: { rows: Row[]; firstRow: number };
  findings: { rows: Row[]; firstRow: number };
  /** The background of each finding row as it is now ("" or #ffffff: none). */
  colours: readonly string[];
}

export interface DailyPlan {
  findingChanges: CellChange[];
  paint: RowColour[];
  registerChanges: CellChange[];
  reminders: Reminder[];
  /** Sheet rows whose 问题编号 is missing, malformed or repeated. */
  brokenRows: number[];
  institutions: Institution[];
}

const NO_COLOUR = new Set(["", "#ffffff", "white"]);
const normColour = (c: string | null | undefined) =>
  c && !NO_COLOUR.has(c.toLowerCase()) ? c.toLowerCase() : null;

export function planDailyCheck(input: DailyInput): DailyPlan {
  const { today, settings } = input;
  const rows = input.findings.rows;
  const findings = findingsFromRows(rows);
  const closedInstitutions = new Set(
    input.register.rows.filter((r) => String(r.disposition) === DISPOSITION.close).map((r) => String(r.id)),
  );
  const bank = new Map(input.bank.map((i) => [i.code, i]));
  const plan: DailyPlan = {
    findingChanges: [],
    paint: [],
    registerChanges: [],
    reminders: [],
    brokenRows: [],
    institutions: institutionsFromRows(input.register.rows),
  };
  const byInstitution = new Map<string, Array<{ class: string; status: string; overdue: boolean }>>();
  const seen = new Map<string, number[]>();
  findings.forEach((f, i) => {
    const row = rows[i]!;
    const sheetRow = input.findings.firstRow + i;
    seen.set(f.id, [...(seen.get(f.id) ?? []), sheetRow]);
    if (!f.id) return;
    const patch: Row = {};
    // 三类: closed with the institution (关停取缔), not by rectification.
    if (f.class === "III" && f.status !== FINDING_STATUS.closed && closedInstitutions.has(f.institutionId)) {
      patch.status = f.status = FINDING_STATUS.closed;
      patch.closedOn = f.closedOn = today;
      patch.reinspections = [String(row.reinspections ?? ""), `${today} ${MSG.closedByDisposition}`]
        .filter(Boolean)
        .join("\n");
    }
    // 二类 without a deadline (the holiday table lacked a year): computed once the year is marked
    // complete, and the note that said why it waited goes.
    if (f.class === "II" && !f.deadline && f.foundOn && input.calendar) {
      const item = bank.get(String(row.itemCode));
      const due =
        item &&
        addDeadlineDays(f.foundOn, classIIDays(item, settings), settings.deadlineMode, input.calendar);
      if (due && due.ok) {
        patch.deadline = f.deadline = due.date;
        patch.notes = withoutHolidayNote(String(row.notes ?? ""));
      }
    }
    const u = urgency(f, today, settings.dueSoonDays);
    patch.overdue = urgencyLabel(u);
    plan.findingChanges.push(...diffRow(f.id, sheetRow, row, patch));
    const wanted = normColour(URGENCY_BACKGROUND[u.kind]);
    if (wanted !== normColour(input.colours[i]))
      plan.paint.push({ key: f.id, row: sheetRow, colour: wanted });
    if (u.kind === "overdue" || u.kind === "dueSoon")
      plan.reminders.push({
        id: f.id,
        institution: String(row.institutionName ?? ""),
        village: String(row.village ?? ""),
        item: `${String(row.itemCode ?? "")} ${String(row.itemText ?? "")}`,
        department: String(row.department ?? ""),
        deadline: effectiveDeadline(f),
        urgency: u,
      });
    const list = byInstitution.get(f.institutionId) ?? [];
    list.push({ class: f.class, status: f.status, overdue: u.kind === "overdue" });
    byInstitution.set(f.institutionId, list);
  });
  plan.brokenRows = [...seen]
    .filter(([id, at]) => !FINDING_ID.test(id) || at.length > 1)
    .flatMap(([, at]) => at)
    .sort((a, b) => a - b);

  // The state follows the findings and the disposition a person chose; the licence bucket follows the
  // licence cells, whoever changed them (a coordinator typing 是 once a licence is obtained).
  input.register.rows.forEach((r, i) => {
    const id = String(r.id ?? "");
    if (!id) return;
    const inspected = !!asLocalDate(r.lastInspected);
    const state = institutionState(String(r.disposition ?? ""), byInstitution.get(id) ?? [], inspected);
    const bucket = licenceBucket(typeFromLabel(r.type), r as unknown as LicenceFlags);
    plan.registerChanges.push(
      ...diffRow(id, input.register.firstRow + i, r, { state, licenceBucket: bucket }),
    );
  });
  return plan;
}

const HOLIDAY_NOTES = [madeBy(MSG.holidayMissing, 1), madeBy(RULE_MSG.holidayIncomplete, 1)];

/** A finding's note without the "holiday year not entered" line (old and current wording). */
function withoutHolidayNote(notes: string): string {
  return notes
    .split("；")
    .filter((part) => !HOLIDAY_NOTES.some((made) => made(part)))
    .join("；");
}
