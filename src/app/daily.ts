// The daily check (time-driven, 07:00, and 立即检查逾期 from the menu): picks up any response a busy lock
// left behind, then reads the findings once and plans what changed since yesterday: the state shown in
// 逾期 (due soon, due today, overdue), the colour of the rows whose state changed, 三类 findings of
// institutions shut down, deadlines that can now be computed, each institution's state. It writes only
// those cells, never over a person's newer edit, and mails one reminder per department contact and one
// to the coordinator, each once a day.
import { appliedChecklists } from "./checklist-sheet";
import { brokenIdRows, findingUpdateChanges, planDailyCheck } from "../domain/daily";
import type { Row } from "../domain/ledger";
import { findingsFromRows } from "../domain/rectification";
import { INTEGRITY_TEXT } from "../text/integrity";
import { REMINDER_TITLE, RUN_NAME, SEP_LIST } from "../text/words";
import { reminderMail } from "../domain/mails";
import { coordinatorRecipients, type Settings } from "../domain/settings";
import { MSG } from "../text/zh";
import type { Services } from "../gas/ports";
import { calendarFor, findingStates, readCalendar, readSettings } from "./context";
import { complaintCounts, planComplaintsDaily, type OpenComplaint } from "../domain/complaints";
import { openPendingEntries, type OpenPending } from "../domain/pending";
import { REMINDER_TEXT } from "../text/rules";
import { PROP_COMPLAINTS_USED, PROP_PENDING_USED } from "../gas/keys";
import { sendDigest } from "./digest";
import { exclusive, tellCoordinator } from "./run";
import { processNewResponses } from "./submit";
import { trustVerified } from "./responses";
import { dailyIntegrityCheck } from "./verify";
import { syncAllChoices } from "./choices";
import { reportCommit, commitAndReport } from "./commit";
import { appendLog, scriptAccount } from "./log";
import { Outbox } from "./outbox";
import { sendOnce } from "./send";
import type { Reminder, ReminderExtras } from "../domain/mails";
import { updateCells } from "../domain/plan";

const LOCK_WAIT_MS = 60_000;
/** What a 三类 closure or a newly countable deadline changes, besides what 状态底账 has. */
const UPDATE_COLUMNS = ["id", "status", "closedOn", "reinspections", "deadline", "notes"];

/** Columns of 问题台账 with each row's sheet row. */
function ledgerRows(svc: Services, columns: string[]): Array<{ row: number; values: Row }> {
  const table = svc.ledger.readColumns("findings", columns);
  return table.rows.map((values, i) => ({ row: table.firstRow + i, values }));
}
const RETRY_MS = 10 * 60_000;
/** Outbox records are kept this long, so a late retry still finds what was done. */
const OUTBOX_DAYS = 45;

export interface DailyReport {
  overdue: number;
  dueSoon: number;
  mailsSent: number;
  mailsLeft: number;
  written: number;
}

export function dailyCheck(svc: Services): DailyReport | undefined {
  return exclusive(
    svc,
    RUN_NAME.daily,
    {
      waitMs: LOCK_WAIT_MS,
      busyMessage: MSG.summaryRetry(RUN_NAME.daily),
      onBusy: () => svc.triggers.retryLater("retryDailyCheck", RETRY_MS),
    },
    () => {
      try {
        trustVerified(svc, svc.forms.records());
        processNewResponses(svc);
      } catch (e) {
        // A problem with new responses must not stop the reminders; the coordinator is told.
        tellCoordinator(svc, (e as Error).message, RUN_NAME.dailySubmissions);
      }
      return checkLedger(svc);
    },
  );
}

/**
 * The nightly integrity check (06:00, before the reminders): the 操作日志 chain verified and 问题台账
 * compared with 状态底账 and 检查记录 (src/app/verify.ts). It reads every finding's state columns, so it
 * runs on its own and the 07:00 check stays quick. What the sheets show wrong is told, not thrown; a
 * service failure fails the run, and the next night checks again.
 */
export function integrityCheck(svc: Services): void {
  exclusive(svc, INTEGRITY_TEXT.dailyAction, { waitMs: LOCK_WAIT_MS }, () => {
    dailyIntegrityCheck(svc);
  });
}

function checkLedger(svc: Services): DailyReport {
  const { settings } = readSettings(svc);
  const register = svc.ledger.read("register");
  const findings = findingStates(svc);
  const today = svc.clock.today();
  const needsCalendar = findingsFromRows(findings).some((f) => f.class === "II" && !f.deadline);
  const plan = planDailyCheck({
    today,
    settings,
    bank: appliedChecklists(svc).items,
    calendar: needsCalendar ? calendarFor(svc, settings) : undefined,
    register,
    findings,
  });
  // 三类 closed with their institution, deadlines now countable: the rest of those rows is read, and
  // written at once in a commit of their own (the shortest time between the read and the write).
  if (plan.updates.length) {
    const u = findingUpdateChanges(plan.updates, ledgerRows(svc, UPDATE_COLUMNS), today);
    const done = svc.ledger.commit([updateCells("findings", u.changes)]);
    reportCommit(svc, {
      ...done,
      missing: [...done.missing, ...u.missing.map((key) => ({ sheet: "findings" as const, key }))],
    });
  }
  // 待核实 and 举报登记 are read only once they have been used: most days of most campaigns, neither.
  const pending =
    svc.props.get(PROP_PENDING_USED) === "1"
      ? openPendingEntries(svc.ledger.read("pending").rows, today)
      : [];
  const complaintTable =
    svc.props.get(PROP_COMPLAINTS_USED) === "1" ? svc.ledger.read("complaints") : undefined;
  const complaints = complaintTable
    ? planComplaintsDaily(complaintTable, register.rows, today)
    : { changes: [], open: [] };
  const counts = complaintTable ? complaintCounts(register, complaintTable.rows) : [];
  const report = commitAndReport(svc, [
    {
      kind: "refresh",
      sheet: "findings",
      column: "overdue",
      values: plan.labels,
      colours: plan.colours,
    },
    updateCells("register", [...plan.registerChanges, ...counts]),
    updateCells("complaints", complaints.changes),
  ]);
  // A paste over the 问题编号 column cannot be undone by the script (the old values are not in the
  // edit event): say where, every day until it is put right.
  const broken = brokenIdRows(report.keys ?? [], 2);
  if (broken.length)
    tellCoordinator(svc, MSG.brokenIds(broken.slice(0, 20).join(SEP_LIST)), RUN_NAME.dailyIds);
  // Institutions added to the register since yesterday become choices in the forms (the roster's
  // choices follow at 初始化/更新, so the daily check reads no more sheets for them).
  syncAllChoices(svc, plan.institutions, settings, undefined);

  const outbox = new Outbox(svc.props, svc.clock);
  const mails = sendReminders(
    svc,
    outbox,
    {
      findings: plan.reminders,
      pending,
      complaints: complaints.open,
    },
    settings,
    today,
  );
  sendDigest(svc, settings, true);
  outbox.prune(OUTBOX_DAYS);
  const result = {
    overdue: plan.reminders.filter((r) => r.urgency.kind === "overdue").length,
    dueSoon: plan.reminders.filter((r) => r.urgency.kind === "dueSoon").length,
    ...mails,
    written: report.written,
  };
  const message = MSG.dailyDone(result.overdue, result.dueSoon, result.mailsSent, result.mailsLeft);
  // At 07:00 no one is looking; from the menu, the person who asked is told. Mail held back is logged.
  if (svc.ui.available()) svc.ui.toast(message);
  if (result.mailsLeft)
    appendLog(svc, [{ user: scriptAccount(svc), action: RUN_NAME.daily, target: "", note: message }]);
  return result;
}

interface ReminderLists {
  findings: readonly Reminder[];
  pending: readonly OpenPending[];
  complaints: readonly OpenComplaint[];
}

/**
 * One mail to the coordinator (every overdue and due-soon finding, every open 待核实 entry with its age
 * and advice, every open complaint) and one per department contact (its own findings and the complaints
 * routed to it, on working days only unless 配置 says otherwise), each keyed by the day: a second run
 * the same day sends only what the first could not.
 */
function sendReminders(
  svc: Services,
  outbox: Outbox,
  lists: ReminderLists,
  settings: Settings,
  today: string,
): { mailsSent: number; mailsLeft: number } {
  const url = svc.ledger.url();
  const mails: Array<{
    key: string;
    to: string[];
    title: string;
    list: readonly Reminder[];
    intro: string;
    extras: ReminderExtras;
  }> = [];
  if (lists.findings.length || lists.pending.length || lists.complaints.length)
    mails.push({
      key: "coordinator",
      to: coordinatorRecipients(settings, scriptAccount(svc)),
      title: REMINDER_TITLE.all,
      list: lists.findings,
      intro: MSG.reminderIntro(REMINDER_TITLE.allDepartments),
      extras: { pending: lists.pending, complaints: lists.complaints, showDepartment: true },
    });
  const departments: typeof mails = [];
  for (const [dept, to] of settings.departmentContacts) {
    const list = lists.findings.filter((r) => r.department === dept);
    const complaints = lists.complaints.filter((c) => c.department === dept);
    if (list.length || complaints.length)
      departments.push({
        key: `dept:${dept}`,
        to,
        title: REMINDER_TITLE.dept(dept),
        list,
        intro: MSG.reminderIntro(dept),
        extras: { complaints, complaintsIntro: REMINDER_TEXT.complaintsIntroDept(dept) },
      });
  }
  // Rest days (weekends, and the holidays of 节假日; a make-up Saturday is a working day) are skipped.
  if (
    departments.length &&
    !(settings.deptRemindersWorkingDaysOnly && !readCalendar(svc).isWorkingDay(today))
  )
    mails.push(...departments);
  let mailsSent = 0;
  let mailsLeft = 0;
  for (const m of mails) {
    const body = reminderMail(settings.township, m.title, m.intro, m.list, url, { ...m.extras, asOf: today });
    const result = sendOnce(svc, outbox, `reminder:${today}:${m.key}`, { to: m.to, ...body });
    if (result === "sent") mailsSent++;
    else if (result === "failed") mailsLeft++;
  }
  return { mailsSent, mailsLeft };
}
