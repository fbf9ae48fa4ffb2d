// The rectification lifecycle of a finding: 待整改 → 已整改待复查 → 已销号 (or back to 待整改), overdue
// derived from the deadline and today, one extension, sign-off only by re-inspection.
import { FINDING_STATUS, MSG, STATUS_CLOSED } from "../text/zh";
import { SIGNOFF_PENDING } from "../text/identity";
import { RULE_MSG } from "../text/rules";
import { URGENCY } from "../text/words";
import { addDeadlineDays, type WorkCalendar } from "./calendar";
import { addDays, asLocalDate, daysBetween, isLocalDate } from "./dates";
import { classFromLabel } from "./labels";
import type { Row } from "./ledger";
import type { FindingClass, LocalDate } from "./types";
import { trimmedText } from "./text";

export interface LedgerFinding {
  id: string;
  inspectionId: string;
  institutionId: string;
  class: FindingClass | "";
  status: string;
  foundOn: LocalDate | "";
  deadline: LocalDate | "";
  extendedTo: LocalDate | "";
  closedOn: LocalDate | "";
}

/** Findings as the rules see them, from ledger rows. */
export function findingsFromRows(rows: readonly Row[]): LedgerFinding[] {
  return rows.map((r) => ({
    id: trimmedText(r.id),
    inspectionId: trimmedText(r.inspectionId),
    institutionId: trimmedText(r.institutionId),
    class: classFromLabel(r.class),
    status: trimmedText(r.status),
    foundOn: asLocalDate(r.foundOn),
    deadline: asLocalDate(r.deadline),
    extendedTo: asLocalDate(r.extendedTo),
    closedOn: asLocalDate(r.closedOn),
  }));
}

/** The deadline that counts: the extension when there is one. */
export const effectiveDeadline = (f: Pick<LedgerFinding, "deadline" | "extendedTo">): LocalDate | "" =>
  f.extendedTo || f.deadline;

export type Urgency =
  | { kind: "closed" }
  | { kind: "overdue"; days: number }
  | { kind: "dueSoon"; days: number }
  | { kind: "ok" }
  | { kind: "noDeadline" }
  | { kind: "pendingDeadline" };

/**
 * A deadline is a date in the campaign's time zone: the finding may be rectified all that day, and is
 * overdue from the next day on.
 */
export function urgency(f: LedgerFinding, today: LocalDate, dueSoonDays: number): Urgency {
  if (f.status === STATUS_CLOSED) return { kind: "closed" };
  // Rectified and verified: only the coordinator's confirmation is outstanding, which is not the
  // institution's delay. Still open (not 已销号) in every count.
  if (f.status === SIGNOFF_PENDING) return { kind: "ok" };
  if (f.class === "III") return { kind: "noDeadline" };
  const deadline = effectiveDeadline(f);
  if (!deadline || !isLocalDate(deadline)) return { kind: "pendingDeadline" };
  const left = daysBetween(today, deadline);
  if (left < 0) return { kind: "overdue", days: -left };
  if (left <= dueSoonDays) return { kind: "dueSoon", days: left };
  return { kind: "ok" };
}

/**
 * What an urgency reads as. With the days (reminders, summaries): 逾期 3 天, 临期（2 天后到期）. Without:
 * what the ledger's 逾期 column shows, the state only, so it changes on the days a finding's state
 * changes (due soon, due today, overdue, signed off) and a quiet day writes nothing; the running count
 * of days is computed where it is read.
 */
export function urgencyText(u: Urgency, withDays = true): string {
  if (u.kind === "overdue") return withDays ? URGENCY.overdueDays(u.days) : URGENCY.overdue;
  if (u.kind === "dueSoon")
    return u.days === 0 ? URGENCY.dueToday : withDays ? URGENCY.dueSoonDays(u.days) : URGENCY.dueSoon;
  return u.kind === "pendingDeadline" ? URGENCY.pendingDeadline : "";
}

/** The ledger's 逾期 column: the state without the days (see urgencyText). */
export const urgencyLabel = (u: Urgency): string => urgencyText(u, false);

/** Row colours in the ledger: overdue red, due soon amber, closed grey. */
export const URGENCY_BACKGROUND: Record<Urgency["kind"], string | null> = {
  overdue: "#f4c7c3",
  dueSoon: "#fce8b2",
  closed: "#e0e0e0",
  ok: null,
  noDeadline: null,
  pendingDeadline: "#fce8b2",
};

/** Which status changes a coordinator may make by hand. Sign-off (已销号) only comes from a re-inspection. */
export function checkStatusChange(from: string, to: string): string | undefined {
  const known = Object.values(FINDING_STATUS) as string[];
  if (!known.includes(to)) return MSG.statusUnknown(to);
  if (from === to) return undefined;
  if (to === STATUS_CLOSED) return MSG.closeOnlyByReinspection;
  if (from === STATUS_CLOSED) return MSG.reopenClosed;
  return undefined;
}

/**
 * One extension per finding, with a reason, later than the current deadline, and at most the settings
 * maximum beyond the original deadline, counted as deadlines are (calendar or working days). In
 * working-day mode a year the holiday table has not marked complete falls back to calendar days, the
 * stricter bound.
 */
export function checkExtension(
  f: LedgerFinding,
  previousExtension: string,
  newDate: string,
  reason: string,
  maxDays: number,
  counting?: { mode: "calendar" | "working"; calendar: () => WorkCalendar },
): string | undefined {
  if (previousExtension) return MSG.extensionOnce(previousExtension);
  if (!isLocalDate(newDate)) return MSG.extensionNotDate(newDate);
  if (f.class === "III") return MSG.extensionClassIII;
  if (f.status === STATUS_CLOSED) return MSG.extensionClosed;
  if (!reason.trim()) return MSG.extensionNoReason;
  if (!f.deadline) return MSG.extensionNoDeadline;
  if (newDate <= f.deadline) return MSG.extensionNotLater(newDate, f.deadline);
  const working =
    counting?.mode === "working"
      ? addDeadlineDays(f.deadline, maxDays, "working", counting.calendar())
      : null;
  const max = working?.ok ? working.date : addDays(f.deadline, maxDays);
  if (newDate > max)
    return working?.ok
      ? RULE_MSG.extensionTooLongWorking(newDate, max, maxDays)
      : MSG.extensionTooLong(newDate, max, maxDays);
  return undefined;
}
