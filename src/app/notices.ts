// 整改通知书 (一校一单): for each inspection with findings still to put right, an HTML notice converted to
// PDF, kept in Drive (found again by its name, so a retry never saves a second copy), linked in 检查记录,
// and mailed once to the institution's registered contact. A notice that cannot be issued never blocks
// the ledger: it waits in the outbox, the coordinator is told, and the next run tries again.
//
// Its 文号 is given before anything else happens, under the script lock, in one write of the document
// properties that both counts and remembers which inspection got which number: a run that dies at any
// later call leaves the number to the retry, which finds it (docs/decisions.md, "文号").
import type { PlannedNotice } from "../domain/intake";
import { noticeHtml, noticeNumberText } from "../domain/notice";
import { PROP_NOTICE_NUMBERS } from "../gas/keys";
import type { CellChange } from "../domain/plan";
import { NOTICE_TEXT } from "../text/zh";
import { noticeFileName } from "../text/views";
import type { Services } from "../gas/ports";
import type { Outbox } from "./outbox";
import { sendOnce } from "./send";
import { parseJson } from "../domain/json";

/** Props hold at most 9 KB a value: a notice bigger than this is not kept for a retry. */
const PAYLOAD_MAX = 8000;

export interface IssuedNotice {
  url: string;
  /** The 文号 as printed. */
  number: string;
  problem?: string;
}

/** One year's 文号: the last number given and the numbers of the latest inspections (a retry's memory). */
interface NumberBook {
  n: number;
  ids: Record<string, number>;
}

/** Inspections remembered per year: a retry comes within a run or two, and a property holds 9 KB. */
const REMEMBERED = 200;

export const numberBook = (raw: string | null): NumberBook => {
  // None yet, or damaged: numbering starts again from what 检查记录 shows (repairSequences).
  const b = parseJson<NumberBook | null>(raw ?? "");
  return b && b.n > 0 && b.ids ? b : { n: 0, ids: {} };
};

/** The notice with its 文号: the one its inspection already has, else the year's next. */
function numbered(svc: Services, n: PlannedNotice): PlannedNotice {
  if (n.input.number) return n;
  const year = Number((n.input.issuedOn ?? n.input.inspection.date).slice(0, 4));
  const key = PROP_NOTICE_NUMBERS + year;
  const book = numberBook(svc.props.get(key));
  let number = book.ids[n.inspectionId];
  if (!number) {
    number = book.ids[n.inspectionId] = ++book.n;
    const ids = Object.keys(book.ids);
    for (const old of ids.slice(0, -REMEMBERED)) delete book.ids[old];
    svc.props.set({ [key]: JSON.stringify(book) });
  }
  return { ...n, input: { ...n.input, number: { prefix: n.prefix, year, number } } };
}

export function issueNotice(svc: Services, outbox: Outbox, planned: PlannedNotice): IssuedNotice {
  const n = numbered(svc, planned);
  const number = noticeNumberText(n.input.number);
  const html = noticeHtml(n.input);
  const name = noticeFileName(n.inspectionId, n.input.institution.name);
  let saved: ReturnType<Services["notices"]["save"]>;
  try {
    saved = svc.notices.save(name, html);
  } catch (e) {
    const problem = NOTICE_TEXT.failed(n.inspectionId, (e as Error)?.message ?? String(e));
    const payload = JSON.stringify(n);
    outbox.defer(n.key, payload.length <= PAYLOAD_MAX ? payload : "", problem);
    return { url: "", number, problem };
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
      return { url: saved.url, number, problem: NOTICE_TEXT.mailLater(subject) };
    }
  }
  outbox.once(n.key, true, () => ({ ok: true, result: saved.url }));
  return { url: saved.url, number };
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
    const n = parseJson<PlannedNotice>(record.payload);
    if (n === undefined) continue;
    const issued = issueNotice(svc, outbox, n);
    if (issued.problem) problems.push(issued.problem);
    if (issued.url)
      links.push({ key: n.inspectionId, row: 0, column: "notice", before: "", after: issued.url });
  }
  return { links, problems };
}
