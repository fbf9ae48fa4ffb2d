// 整改通知书 (一校一单): for each inspection with findings still to put right, an HTML notice converted to
// PDF, kept in Drive (found again by its name, so a retry never saves a second copy), linked in 检查记录,
// and mailed once to the institution's registered contact. A notice that cannot be issued never blocks
// the ledger: it waits in the outbox, the coordinator is told, and the next run tries again.
import type { PlannedNotice } from "../domain/intake";
import { noticeHtml } from "../domain/notice";
import type { CellChange } from "../domain/plan";
import { NOTICE_TEXT } from "../text/zh";
import { noticeFileName } from "../text/views";
import type { Services } from "../gas/ports";
import type { Outbox } from "./outbox";
import { sendOnce } from "./send";

/** Props hold at most 9 KB a value: a notice bigger than this is not kept for a retry. */
const PAYLOAD_MAX = 8000;

export interface IssuedNotice {
  url: string;
  problem?: string;
}

export function issueNotice(svc: Services, outbox: Outbox, n: PlannedNotice): IssuedNotice {
  const html = noticeHtml(n.input);
  const name = noticeFileName(n.inspectionId, n.input.institution.name);
  let saved: ReturnType<Services["notices"]["save"]>;
  try {
    saved = svc.notices.save(name, html);
  } catch (e) {
    const problem = NOTICE_TEXT.failed(n.inspectionId, (e as Error)?.message ?? String(e));
    const payload = JSON.stringify(n);
    outbox.defer(n.key, payload.length <= PAYLOAD_MAX ? payload : "", problem);
    return { url: "", problem };
  }
  if (n.email) {
    const subject = NOTICE_TEXT.mailSubject(n.input.township, n.input.institution.name);
    const sent = sendOnce(svc, outbox, `${n.key}:mail`, {
      to: [n.email],
      subject,
      html,
      text: subject,
      attachments: [saved.pdf],
    });
    if (sent === "failed") {
      outbox.defer(n.key, JSON.stringify(n).slice(0, PAYLOAD_MAX), NOTICE_TEXT.mailLater(subject));
      return { url: saved.url, problem: NOTICE_TEXT.mailLater(subject) };
    }
  }
  outbox.once(n.key, true, () => ({ ok: true, result: saved.url }));
  return { url: saved.url };
}

/**
 * Notices a run could not issue (Drive or mail failed, or the run died): issued now, and their links
 * written into 检查记录.
 */
export function retryNotices(svc: Services, outbox: Outbox): { links: CellChange[]; problems: string[] } {
  const links: CellChange[] = [];
  const problems: string[] = [];
  for (const { key, record } of outbox.waiting("notice:")) {
    if (key.endsWith(":mail") || !record.payload) continue;
    let n: PlannedNotice;
    try {
      n = JSON.parse(record.payload) as PlannedNotice;
    } catch (_e) {
      continue;
    }
    const issued = issueNotice(svc, outbox, n);
    if (issued.problem) problems.push(issued.problem);
    if (issued.url)
      links.push({ key: n.inspectionId, row: 0, column: "notice", before: "", after: issued.url });
  }
  return { links, problems };
}
