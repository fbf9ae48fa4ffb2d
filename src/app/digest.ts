// One digest mail for the coordinator, never one per event: entries (entries sent to 待核实, flags such
// as missing holiday data) queue up and go out at most once an hour, and from the daily check; what the
// mail quota does not allow stays queued for the next run.
import { escapeHtml, htmlPage, htmlTable } from "../domain/html";
import type { Settings } from "../domain/settings";
import { MSG } from "../text/zh";
import { sendMail } from "../gas/mail";

export interface DigestEntry {
  id: string;
  form: string;
  by: string;
  reason: string;
}

const QUEUE_KEY = "digest:queue";
const LAST_KEY = "digest:lastSentAt";
const INTERVAL_MS = 60 * 60_000;
/** Keeps the queue within a property's 9 KB; the sheet holds every entry in full anyway. */
const QUEUE_MAX = 40;

function queued(props: GoogleAppsScript.Properties.Properties): DigestEntry[] {
  try {
    return JSON.parse(props.getProperty(QUEUE_KEY) ?? "[]") as DigestEntry[];
  } catch (_e) {
    return [];
  }
}

/** Adds entries for the next digest without sending (when the ledger itself cannot be read). */
export function enqueueDigest(entries: DigestEntry[]): void {
  const props = PropertiesService.getDocumentProperties();
  props.setProperty(QUEUE_KEY, JSON.stringify([...queued(props), ...entries].slice(-QUEUE_MAX)));
}

export function queueDigest(entries: DigestEntry[], settings: Settings, force: boolean): void {
  const props = PropertiesService.getDocumentProperties();
  const queue = [...queued(props), ...entries];
  const last = Number(props.getProperty(LAST_KEY) ?? 0);
  const now = Date.now();
  if (queue.length && (force || now - last >= INTERVAL_MS)) {
    const to = settings.coordinatorEmails.length
      ? settings.coordinatorEmails
      : [Session.getEffectiveUser().getEmail()];
    const url = SpreadsheetApp.getActiveSpreadsheet().getUrl();
    const subject = MSG.pendingDigestSubject(settings.township, queue.length);
    const html = htmlPage(
      subject,
      `<p>${escapeHtml(MSG.pendingDigestIntro)}</p>${htmlTable(
        ["编号", "检查表", "提交人", "原因"],
        queue.map((q) => [q.id, q.form, q.by, q.reason]),
      )}<p><a href="${escapeHtml(url)}">打开台账</a></p>`,
    );
    const text = `${MSG.pendingDigestIntro}\n${queue.map((q) => `${q.id} ${q.form} ${q.by} ${q.reason}`).join("\n")}\n${url}`;
    if (sendMail({ to, subject, html, text }).sent) {
      props.setProperty(LAST_KEY, String(now));
      queue.length = 0;
    }
  }
  props.setProperty(QUEUE_KEY, JSON.stringify(queue.slice(-QUEUE_MAX)));
}
