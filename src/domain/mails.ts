// The coordinator's digest and the daily reminders, as mails (subject, HTML for a phone, plain text).
import { escapeHtml, htmlHeading, htmlPage, htmlParagraph, htmlTable } from "./html";
import type { DigestEntry } from "./intake";
import { urgencyText, type Urgency } from "./rectification";
import { reminderCardsHtml } from "./mail-layout";
import { isLocalDate } from "./dates";
import { MSG, SUMMARY_TEXT } from "../text/zh";
import { reminderMore } from "../text/views";
import { DIGEST_TEXT, REMINDER_TEXT } from "../text/rules";
import type { OpenComplaint } from "./complaints";
import type { OpenPending } from "./pending";

export interface MailBody {
  subject: string;
  html: string;
  text: string;
}

/** The link every mail ends with. */
export const ledgerLink = (url: string) =>
  `<p><a href="${escapeHtml(url)}">${escapeHtml(SUMMARY_TEXT.openSheet)}</a></p>`;

/**
 * The digest: responses not accepted (kept in 待核实, to reprocess), responses accepted with something to
 * follow up (written to the ledger: nothing to reprocess), and the runs' own notices, each with its own
 * wording; the subject names the most pressing kind.
 */
export function digestMail(township: string, queue: readonly DigestEntry[], url: string): MailBody {
  const rejected = queue.filter((q) => q.kind === "rejected");
  const accepted = queue.filter((q) => q.kind === "accepted");
  const notices = queue.filter((q) => q.kind !== "rejected" && q.kind !== "accepted");
  const subject = rejected.length
    ? MSG.pendingDigestSubject(township, rejected.length)
    : accepted.length
      ? DIGEST_TEXT.acceptedSubject(township, accepted.length)
      : DIGEST_TEXT.noticeSubject(township, notices.length);
  const sections: Array<[string, string, readonly DigestEntry[], readonly string[]]> = [
    [
      DIGEST_TEXT.rejectedHeading(rejected.length),
      MSG.pendingDigestIntro,
      rejected,
      DIGEST_TEXT.rejectedColumns,
    ],
    [
      DIGEST_TEXT.acceptedHeading(accepted.length),
      DIGEST_TEXT.acceptedIntro,
      accepted,
      DIGEST_TEXT.acceptedColumns,
    ],
    [DIGEST_TEXT.noticeHeading(notices.length), DIGEST_TEXT.noticeIntro, notices, DIGEST_TEXT.noticeColumns],
  ];
  const shown = sections.filter(([, , list]) => list.length);
  const html = htmlPage(
    subject,
    shown
      .map(
        ([heading, intro, list, header]) =>
          `${htmlHeading(heading)}${htmlParagraph(intro)}${htmlTable(
            header.filter(Boolean),
            list.map((q) => [q.id, q.form, q.by, q.reason].filter((_, i) => header[i])),
          )}`,
      )
      .join("") + ledgerLink(url),
  );
  const text = [
    ...shown.flatMap(([heading, intro, list]) => [
      heading,
      intro,
      ...list.map((q) => [q.id, q.form, q.by, q.reason].filter(Boolean).join(" ")),
    ]),
    url,
  ].join("\n");
  return { subject, html, text };
}

export interface Reminder {
  id: string;
  institutionId?: string;
  institution: string;
  village: string;
  item: string;
  department: string;
  deadline: string;
  urgency: Urgency;
  /** From 机构名录 and the finding's 整改责任人 (the 举办者 when none was named), when known. */
  address?: string;
  responsible?: string;
  phone?: string;
}

/** A reminder lists at most this many findings inline; the rest are in the sheet (linked). */
const MAIL_ROWS = 150;

/** What else a reminder lists: open 待核实 entries (the coordinator's) and open complaints. */
export interface ReminderExtras {
  pending?: readonly OpenPending[];
  complaints?: readonly OpenComplaint[];
  complaintsIntro?: string;
  /** When the list was drawn up (shown first, so a forwarded mail is not misread later). */
  asOf?: string;
  /** The coordinator's list mixes departments: each card names its own. */
  showDepartment?: boolean;
}

export function reminderMail(
  township: string,
  title: string,
  intro: string,
  list: readonly Reminder[],
  url: string,
  extras: ReminderExtras = {},
): MailBody {
  const overdue = list.filter((r) => r.urgency.kind === "overdue");
  const soon = list.filter((r) => r.urgency.kind === "dueSoon");
  const ordered = [...overdue.sort((a, b) => a.deadline.localeCompare(b.deadline)), ...soon];
  const shown = ordered.slice(0, MAIL_ROWS);
  const pending = extras.pending ?? [];
  const complaints = extras.complaints ?? [];
  const parts: string[] = [];
  const lines: string[] = [];
  if (ordered.length) {
    parts.push(
      `${htmlHeading(REMINDER_TEXT.findingsHeading)}${htmlParagraph(intro)}${reminderCardsHtml(
        shown.map((r) => ({
          id: r.id,
          institution: r.institution,
          village: r.village,
          address: r.address,
          responsible: r.responsible,
          phone: r.phone,
          department: r.department,
          item: r.item,
          deadline: isLocalDate(r.deadline) ? r.deadline : "",
          situation: urgencyText(r.urgency),
          overdue: r.urgency.kind === "overdue",
        })),
        { asOf: extras.asOf ?? "", showDepartment: extras.showDepartment },
      )}`,
    );
    if (ordered.length > shown.length) parts.push(htmlParagraph(reminderMore(ordered.length - shown.length)));
    lines.push(
      intro,
      ...shown.map((r) => `${r.id} ${r.institution} ${r.item} ${r.deadline} ${urgencyText(r.urgency)}`),
    );
  }
  if (pending.length) {
    parts.push(
      `${htmlHeading(REMINDER_TEXT.pendingHeading(pending.length))}${htmlParagraph(REMINDER_TEXT.pendingIntro)}${htmlTable(
        REMINDER_TEXT.pendingColumns,
        pending
          .slice(0, MAIL_ROWS)
          .map((p) => [p.id, p.receivedOn, REMINDER_TEXT.age(p.age), p.form, p.by, p.reason, p.advice]),
      )}`,
    );
    lines.push(
      REMINDER_TEXT.pendingHeading(pending.length),
      ...pending.map((p) => `${p.id} ${REMINDER_TEXT.age(p.age)} ${p.reason} ${p.advice}`),
    );
  }
  if (complaints.length) {
    const cIntro = extras.complaintsIntro ?? REMINDER_TEXT.complaintsIntro;
    parts.push(
      `${htmlHeading(REMINDER_TEXT.complaintsHeading(complaints.length))}${htmlParagraph(cIntro)}${htmlTable(
        REMINDER_TEXT.complaintColumns,
        complaints
          .slice(0, MAIL_ROWS)
          .map((c) => [
            c.id,
            c.receivedOn,
            REMINDER_TEXT.age(c.age),
            c.institution,
            c.village,
            c.topic,
            c.department,
            c.content,
          ]),
      )}`,
    );
    lines.push(
      REMINDER_TEXT.complaintsHeading(complaints.length),
      ...complaints.map((c) => `${c.id} ${REMINDER_TEXT.age(c.age)} ${c.institution} ${c.topic}`),
    );
  }
  const html = htmlPage(title, parts.join("") + ledgerLink(url));
  return {
    subject: REMINDER_TEXT.subject(township, overdue.length, soon.length, pending.length, complaints.length),
    html,
    text: [...lines, url].join("\n"),
  };
}
