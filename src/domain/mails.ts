// The coordinator's digest and the daily reminders, as mails (subject, HTML for a phone, plain text).
import { escapeHtml, htmlPage, htmlTable } from "./html";
import type { DigestEntry } from "./intake";
import { urgencyText, type Urgency } from "./rectification";
import { MSG } from "../text/zh";

export interface MailBody {
  subject: string;
  html: string;
  text: string;
}

export function digestMail(township: string, queue: readonly DigestEntry[], url: string): MailBody {
  const subject = MSG.pendingDigestSubject(township, queue.length);
  const html = htmlPage(
    subject,
    `<p>${escapeHtml(MSG.pendingDigestIntro)}</p>${htmlTable(
      ["编号", "检查表", "提交人", "原因"],
      queue.map((q) => [q.id, q.form, q.by, q.reason]),
    )}<p><a href="${escapeHtml(url)}">打开台账</a></p>`,
  );
  const text = `${MSG.pendingDigestIntro}\n${queue.map((q) => `${q.id} ${q.form} ${q.by} ${q.reason}`).join("\n")}\n${url}`;
  return { subject, html, text };
}

export interface Reminder {
  id: string;
  institution: string;
  village: string;
  item: string;
  department: string;
  deadline: string;
  urgency: Urgency;
}

/** A reminder lists at most this many findings inline; the rest are in the sheet (linked). */
const MAIL_ROWS = 150;

export function reminderMail(
  township: string,
  title: string,
  intro: string,
  list: readonly Reminder[],
  url: string,
): MailBody {
  const overdue = list.filter((r) => r.urgency.kind === "overdue");
  const soon = list.filter((r) => r.urgency.kind === "dueSoon");
  const ordered = [...overdue.sort((a, b) => a.deadline.localeCompare(b.deadline)), ...soon];
  const shown = ordered.slice(0, MAIL_ROWS);
  const more =
    ordered.length > shown.length
      ? `<p>另有 ${ordered.length - shown.length} 项未列出，请在台账中查看。</p>`
      : "";
  const html = htmlPage(
    title,
    `<p>${escapeHtml(intro)}</p>${htmlTable(
      ["问题编号", "机构", "村/社区", "部门", "检查项", "期限", "情况"],
      shown.map((r) => [
        r.id,
        r.institution,
        r.village,
        r.department,
        r.item,
        r.deadline,
        urgencyText(r.urgency),
      ]),
    )}${more}<p><a href="${escapeHtml(url)}">打开台账</a></p>`,
  );
  const text = `${intro}\n${shown.map((r) => `${r.id} ${r.institution} ${r.item} ${r.deadline} ${urgencyText(r.urgency)}`).join("\n")}\n${url}`;
  return { subject: MSG.reminderSubject(township, overdue.length, soon.length), html, text };
}
