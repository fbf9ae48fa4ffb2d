// The daily check (time-driven, 07:00, and 立即检查逾期 from the menu): picks up any response a busy lock
// left behind, then reads the findings once and plans what changed since yesterday: the state shown in
// 逾期 (due soon, due today, overdue), the colour of the rows whose state changed, 三类 findings of
// institutions shut down, deadlines that can now be computed, each institution's state. It writes only
// those cells, never over a person's newer edit, and mails one reminder per department contact and one
// to the coordinator, each once a day.
import { CHECKLISTS } from "../../forms/index";
import { planDailyCheck } from "../domain/daily";
import { reminderMail } from "../domain/mails";
import { coordinatorRecipients, type Settings } from "../domain/settings";
import { MSG } from "../text/zh";
import type { Services } from "../gas/ports";
import { calendarFor, readSettings } from "./context";
import { sendDigest } from "./digest";
import { exclusive, tellCoordinator } from "./run";
import { processNewResponses } from "./submit";
import { syncAllChoices } from "./choices";
import { reportCommit } from "./commit";
import { appendLog } from "./log";
import { Outbox } from "./outbox";
import { sendOnce } from "./send";
import type { Reminder } from "../domain/mails";

const LOCK_WAIT_MS = 60_000;
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
    "每日检查",
    {
      waitMs: LOCK_WAIT_MS,
      busyMessage: MSG.summaryRetry("每日检查"),
      onBusy: () => svc.triggers.retryLater("retryDailyCheck", RETRY_MS),
    },
    () => {
      try {
        processNewResponses(svc);
      } catch (e) {
        // A problem with new responses must not stop the reminders; the coordinator is told.
        tellCoordinator(svc, (e as Error).message, "每日检查：写入新提交");
      }
      return checkLedger(svc);
    },
  );
}

function checkLedger(svc: Services): DailyReport {
  const { settings } = readSettings(svc);
  const register = svc.ledger.read("register");
  const findings = svc.ledger.read("findings");
  const today = svc.clock.today();
  const colours = svc.ledger.readBackgrounds(findings);
  const needsCalendar = findings.rows.some((r) => !String(r.deadline ?? "").trim());
  const plan = planDailyCheck({
    today,
    settings,
    bank: CHECKLISTS.items,
    calendar: needsCalendar ? calendarFor(svc, settings) : undefined,
    register,
    findings,
    colours,
  });
  const report = reportCommit(
    svc,
    svc.ledger.commit([
      { kind: "update", sheet: "findings", changes: plan.findingChanges },
      { kind: "paint", sheet: "findings", colours: plan.paint },
      { kind: "update", sheet: "register", changes: plan.registerChanges },
    ]),
  );
  // A paste over the 问题编号 column cannot be undone by the script (the old values are not in the
  // edit event): say where, every day until it is put right.
  if (plan.brokenRows.length)
    tellCoordinator(svc, MSG.brokenIds(plan.brokenRows.slice(0, 20).join("、")), "每日检查：问题编号");
  // Institutions added to the register since yesterday become choices in the forms (the roster's
  // choices follow at 初始化/更新, so the daily check reads no more sheets for them).
  syncAllChoices(svc, plan.institutions, settings, undefined);

  const outbox = new Outbox(svc.props, svc.clock);
  const mails = sendReminders(svc, outbox, plan.reminders, settings, today);
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
    appendLog(svc, [{ user: svc.identity.effectiveUser(), action: "每日检查", target: "", note: message }]);
  return result;
}

/**
 * One mail per department contact (its own findings) and one to the coordinator (all of them), each
 * keyed by the day: a second run the same day sends only what the first could not.
 */
function sendReminders(
  svc: Services,
  outbox: Outbox,
  reminders: readonly Reminder[],
  settings: Settings,
  today: string,
): { mailsSent: number; mailsLeft: number } {
  if (!reminders.length) return { mailsSent: 0, mailsLeft: 0 };
  const url = svc.ledger.url();
  const mails: Array<{ key: string; to: string[]; title: string; list: readonly Reminder[]; intro: string }> =
    [
      {
        key: "coordinator",
        to: coordinatorRecipients(settings, svc.identity.effectiveUser()),
        title: "整改提醒（全部）",
        list: reminders,
        intro: MSG.reminderIntro("各部门"),
      },
    ];
  for (const [dept, to] of settings.departmentContacts) {
    const list = reminders.filter((r) => r.department === dept);
    if (list.length)
      mails.push({
        key: `dept:${dept}`,
        to,
        title: `整改提醒：${dept}`,
        list,
        intro: MSG.reminderIntro(dept),
      });
  }
  let mailsSent = 0;
  let mailsLeft = 0;
  for (const m of mails) {
    const body = reminderMail(settings.township, m.title, m.intro, m.list, url);
    const result = sendOnce(svc, outbox, `reminder:${today}:${m.key}`, { to: m.to, ...body });
    if (result === "sent") mailsSent++;
    else if (result === "failed") mailsLeft++;
  }
  return { mailsSent, mailsLeft };
}
