// The daily check (time-driven, 07:00, and from the menu): picks up any response a busy lock left
// behind, then in one pass over the findings recomputes overdue and due-soon, colours the rows, closes
// 三类 findings of institutions shut down, updates each institution's state, and mails one reminder per
// department contact and one to the coordinator.
import { CHECKLISTS } from "../../forms/index";
import { addDeadlineDays } from "../domain/calendar";
import { escapeHtml, htmlPage, htmlTable } from "../domain/html";
import { institutionState } from "../domain/institution";
import type { Row } from "../domain/ledger";
import { URGENCY_BACKGROUND, urgency, urgencyText, type Urgency } from "../domain/rectification";
import type { Settings } from "../domain/settings";
import { DISPOSITION, FINDING_STATUS, MSG } from "../text/zh";
import { Ledger } from "../gas/ledger";
import { today } from "../gas/env";
import { sendMail } from "../gas/mail";
import { calendarFor, findingsOf, institutionsOf, readSettings } from "./context";
import { syncAllChoices } from "./choices";
import { queueDigest } from "./digest";
import { toast } from "./notify";
import { tellCoordinator } from "./guard";
import { processNewResponses } from "./submit";

const LOCK_WAIT_MS = 60_000;
const COLOURS_KEY = "daily:colours";
const SENT_KEY = "daily:reminders";
/** A reminder lists at most this many findings inline; the rest are in the sheet (linked). */
const MAIL_ROWS = 150;

export interface DailyReport {
  overdue: number;
  dueSoon: number;
  mailsSent: number;
  mailsLeft: number;
}

export function dailyCheck(): DailyReport | undefined {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    console.warn(MSG.lockBusy);
    return undefined;
  }
  try {
    try {
      processNewResponses();
    } catch (e) {
      // A problem with new responses must not stop the reminders; the coordinator is told.
      tellCoordinator((e as Error).message, "每日检查：写入新提交");
    }
    return checkLedger();
  } finally {
    lock.releaseLock();
  }
}

interface Reminder {
  id: string;
  institution: string;
  village: string;
  item: string;
  department: string;
  deadline: string;
  urgency: Urgency;
}

function checkLedger(): DailyReport {
  const ledger = new Ledger();
  const { settings } = readSettings(ledger);
  const register = ledger.read("register");
  const findingsTable = ledger.read("findings");
  const rows = ledger.rows(findingsTable);
  const findings = findingsOf(ledger, findingsTable);
  const now = today();
  const closedInstitutions = new Set(
    ledger
      .rows(register)
      .filter((r) => String(r.disposition) === DISPOSITION.close)
      .map((r) => String(r.id)),
  );
  const bank = new Map(CHECKLISTS.items.map((i) => [i.code, i]));
  const calendar = findings.some((f) => f.class === "II" && !f.deadline)
    ? calendarFor(ledger, settings)
    : undefined;

  const changes = new Map<number, Row>();
  const colours: string[][] = [];
  const reminders: Reminder[] = [];
  const byInstitution = new Map<string, Array<{ class: string; status: string; overdue: boolean }>>();
  findings.forEach((f, i) => {
    const row = rows[i]!;
    const patch: Row = {};
    // 三类: closed with the institution (关停取缔), not by rectification.
    if (f.class === "III" && f.status !== FINDING_STATUS.closed && closedInstitutions.has(f.institutionId)) {
      patch.status = f.status = FINDING_STATUS.closed;
      patch.closedOn = f.closedOn = now;
      patch.reinspections = [String(row.reinspections ?? ""), `${now} ${MSG.closedByDisposition}`]
        .filter(Boolean)
        .join("\n");
    }
    // 二类 without a deadline (the holiday table lacked a year): computed once the year is there.
    if (f.class === "II" && !f.deadline && f.foundOn && calendar) {
      const item = bank.get(String(row.itemCode));
      const due =
        item &&
        addDeadlineDays(
          f.foundOn,
          Math.min(item.deadlineDays, settings.maxDeadlineDays),
          settings.deadlineMode,
          calendar,
        );
      if (due && due.ok) patch.deadline = f.deadline = due.date;
    }
    const u = urgency(f, now, settings.dueSoonDays);
    const text = urgencyText(u);
    if (String(row.overdue ?? "") !== text) patch.overdue = text;
    if (Object.keys(patch).length) changes.set(i + 1, patch);
    colours.push(new Array<string>(findingsTable.layout.width).fill(URGENCY_BACKGROUND[u.kind] ?? "#ffffff"));
    if (u.kind === "overdue" || u.kind === "dueSoon") {
      reminders.push({
        id: f.id,
        institution: String(row.institutionName ?? ""),
        village: String(row.village ?? ""),
        item: `${String(row.itemCode ?? "")} ${String(row.itemText ?? "")}`,
        department: String(row.department ?? ""),
        deadline: f.extendedTo || f.deadline,
        urgency: u,
      });
    }
    const list = byInstitution.get(f.institutionId) ?? [];
    list.push({ class: f.class, status: f.status, overdue: u.kind === "overdue" });
    byInstitution.set(f.institutionId, list);
  });
  ledger.update(findingsTable, changes);
  paintRows(findingsTable.sheet, colours);
  // A paste over the 问题编号 column cannot be undone by the script (the old values are not in the
  // edit event): say where, every day until it is put right.
  const seen = new Map<string, number[]>();
  findings.forEach((f, i) => seen.set(f.id, [...(seen.get(f.id) ?? []), i + 2]));
  const broken = [...seen]
    .filter(([id, at]) => !/^JC\d{8}-\d{3,}-\d{2}$/.test(id) || at.length > 1)
    .flatMap(([, at]) => at);
  if (broken.length)
    tellCoordinator(
      MSG.brokenIds(
        broken
          .sort((a, b) => a - b)
          .slice(0, 20)
          .join("、"),
      ),
      "每日检查：问题编号",
    );

  const registerChanges = new Map<number, Row>();
  ledger.rows(register).forEach((r, i) => {
    const state = institutionState(String(r.disposition ?? ""), byInstitution.get(String(r.id)) ?? []);
    if (String(r.state ?? "") !== state && String(r.id ?? "")) registerChanges.set(i + 1, { state });
  });
  ledger.update(register, registerChanges);
  // Institutions added to the register since yesterday become choices in the forms (the roster's
  // choices follow at 初始化/更新, so the daily check reads no more sheets for them).
  syncAllChoices(institutionsOf(ledger, register), settings, undefined);

  const mails = sendReminders(reminders, settings, now);
  queueDigest([], settings, true);
  const report = {
    overdue: reminders.filter((r) => r.urgency.kind === "overdue").length,
    dueSoon: reminders.filter((r) => r.urgency.kind === "dueSoon").length,
    ...mails,
  };
  toast(MSG.dailyDone(report.overdue, report.dueSoon, report.mailsSent, report.mailsLeft));
  return report;
}

/** One setBackgrounds for the whole ledger, skipped when the colours are what the last run painted. */
function paintRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, colours: string[][]): void {
  if (!colours.length) return;
  const digest = Utilities.computeDigest(
    Utilities.DigestAlgorithm.SHA_256,
    colours.map((r) => r[0]).join("|"),
  )
    .map((b) => (b & 0xff).toString(16).padStart(2, "0"))
    .join("");
  const props = PropertiesService.getDocumentProperties();
  if (props.getProperty(COLOURS_KEY) === digest) return;
  sheet.getRange(2, 1, colours.length, colours[0]!.length).setBackgrounds(colours);
  props.setProperty(COLOURS_KEY, digest);
}

function reminderMail(
  settings: Settings,
  title: string,
  intro: string,
  list: Reminder[],
): { subject: string; html: string; text: string } {
  const overdue = list.filter((r) => r.urgency.kind === "overdue");
  const soon = list.filter((r) => r.urgency.kind === "dueSoon");
  const ordered = [...overdue.sort((a, b) => a.deadline.localeCompare(b.deadline)), ...soon];
  const shown = ordered.slice(0, MAIL_ROWS);
  const url = SpreadsheetApp.getActiveSpreadsheet().getUrl();
  const more =
    ordered.length > shown.length
      ? `<p>另有 ${ordered.length - shown.length} 项未列出，请在台账中查看。</p>`
      : "";
  const html = htmlPage(
    title,
    `<p>${escapeHtml(intro)}</p>${htmlTable(
      ["问题编号", "机构", "村/社区", "检查项", "期限", "情况"],
      shown.map((r) => [r.id, r.institution, r.village, r.item, r.deadline, urgencyText(r.urgency)]),
    )}${more}<p><a href="${escapeHtml(url)}">打开台账</a></p>`,
  );
  const text = `${intro}\n${shown.map((r) => `${r.id} ${r.institution} ${r.item} ${r.deadline} ${urgencyText(r.urgency)}`).join("\n")}\n${url}`;
  return { subject: MSG.reminderSubject(settings.township, overdue.length, soon.length), html, text };
}

/**
 * One mail per department contact (its own findings) and one to the coordinator (all of them). Those the
 * quota does not allow today are remembered and sent first by the next run on the same day; a new day
 * recomputes the reminders anyway.
 */
function sendReminders(
  reminders: Reminder[],
  settings: Settings,
  now: string,
): { mailsSent: number; mailsLeft: number } {
  if (!reminders.length) return { mailsSent: 0, mailsLeft: 0 };
  const props = PropertiesService.getDocumentProperties();
  const state = JSON.parse(props.getProperty(SENT_KEY) ?? "{}") as { date?: string; sent?: string[] };
  const sent = new Set(state.date === now ? (state.sent ?? []) : []);
  const mails: Array<{ key: string; to: string[]; list: Reminder[]; intro: string }> = [];
  const coordinators = settings.coordinatorEmails.length
    ? settings.coordinatorEmails
    : [Session.getEffectiveUser().getEmail()];
  mails.push({ key: "coordinator", to: coordinators, list: reminders, intro: MSG.reminderIntro("各部门") });
  for (const [dept, to] of settings.departmentContacts) {
    const list = reminders.filter((r) => r.department === dept);
    if (list.length) mails.push({ key: `dept:${dept}`, to, list, intro: MSG.reminderIntro(dept) });
  }
  let mailsSent = 0;
  let mailsLeft = 0;
  for (const m of mails) {
    if (sent.has(m.key)) continue;
    const body = reminderMail(
      settings,
      m.key === "coordinator" ? "整改提醒（全部）" : `整改提醒：${m.key.slice(5)}`,
      m.intro,
      m.list,
    );
    if (sendMail({ to: m.to, ...body }).sent) {
      sent.add(m.key);
      mailsSent++;
      // Recorded at once: a run that dies later does not send this mail twice.
      props.setProperty(SENT_KEY, JSON.stringify({ date: now, sent: [...sent] }));
    } else mailsLeft++;
  }
  props.setProperty(SENT_KEY, JSON.stringify({ date: now, sent: [...sent] }));
  return { mailsSent, mailsLeft };
}
