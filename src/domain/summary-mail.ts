// The weekly summary and the monthly bulletin (月通报) as a mail: phone-friendly tables, the overdue list
// (trimmed, with a link), the rankings in the bulletin.
import { weekBars, weeklyBarsHtml } from "./mail-layout";
import { htmlHeading, htmlPage, htmlParagraph, htmlTable } from "./html";
import { ledgerLink, type MailBody } from "./mails";
import type { Settings } from "./settings";
import {
  BUCKETS,
  departmentTable,
  ranking,
  rateText,
  type SummaryInput,
  type SummaryTables,
} from "./summary";
import { SUMMARY_TEXT } from "../text/zh";
import {
  MAIL_COMPACT_COLUMNS,
  MAIL_LICENCE_COLUMNS,
  MAIL_OVERDUE_COLUMNS,
  MAIL_RANKING_COLUMNS,
  summaryTextLine,
} from "../text/summary";
import { BULLETIN_TEXT, COMPLAINT_TEXT } from "../text/rules";
import { addDays } from "./dates";

export type SummaryKind = "weekly" | "monthly";

/** The mail body limit is 200 KB; stay well under it. */
const BODY_LIMIT = 150 * 1024;
const OVERDUE_ROWS = 100;

/** The body's UTF-8 size, at most: the markup is ASCII (1 byte); any other character counts 3 (Chinese is 3). */
const utf8Bytes = (s: string) => s.replace(/[\u0080-\uffff]/g, "...").length;

export interface SummaryMailInput {
  settings: Pick<Settings, "township" | "departments">;
  input: SummaryInput;
  tables: SummaryTables;
  today: string;
  /** [问题编号, 机构, 村/社区, 检查项, 期限, 逾期] of each overdue finding, oldest deadline first. */
  overdueList: ReadonlyArray<readonly [string, string, string, string, string, string]>;
  /** A department contact's copy: the departments (、-joined) whose findings alone the overdue list holds. */
  scope?: string;
  /** Findings found and signed off in each week of the campaign, first week first (the chart). */
  progress?: ReadonlyArray<{ weekStart: string; opened: number; closed: number }>;
  /** Complaints received in all, still open, and (for the bulletin) received in its month. */
  complaints?: { received: number; open: number; inPeriod: (from: string, to: string) => number };
}

/** The month a bulletin covers ("2026-03"): its first and last day. */
function monthSpan(period: string): { first: string; last: string } {
  const first = `${period}-01`;
  const [y, m] = period.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return { first, last: addDays(next, -1) };
}

/**
 * The mail: phone-friendly tables, the overdue list (trimmed, with a link), the ranking on the 1st.
 * The bulletin is labelled by the month it covers (`period`, "2026-03"), which its body states.
 */
export function summaryMail(d: SummaryMailInput, kind: SummaryKind, url: string, period = ""): MailBody {
  const t = d.tables;
  const subject =
    kind === "monthly"
      ? BULLETIN_TEXT.subject(d.settings.township, period)
      : SUMMARY_TEXT.weeklySubject(d.settings.township, d.today);
  const compact = (rows: typeof t.byType) =>
    htmlTable(
      MAIL_COMPACT_COLUMNS,
      rows.map((r) => [
        r.label,
        r.swept,
        r.findings,
        `${r.classI}/${r.classII}/${r.classIII}`,
        r.closed,
        rateText(r.rate),
        r.overdue,
        r.shutDown,
      ]),
    );
  const licence = htmlTable(
    MAIL_LICENCE_COLUMNS,
    [...t.byType, t.total].map((r) => [r.label, ...BUCKETS.map((b) => r[b]), r.registered]),
  );
  const periodLines: string[] = [];
  if (kind === "monthly" && period) {
    const { first, last } = monthSpan(period);
    const within = (x: string) => x !== "" && x >= first && x <= last;
    periodLines.push(
      BULLETIN_TEXT.period(period, first, last, d.today),
      BULLETIN_TEXT.month(
        period,
        d.input.findings.filter((f) => within(f.foundOn)).length,
        d.input.findings.filter((f) => within(f.closedOn)).length,
        d.complaints?.inPeriod(first, last) ?? 0,
      ),
    );
  }
  let overdueRows = Math.min(OVERDUE_ROWS, d.overdueList.length);
  const build = () => {
    const parts = [
      ...periodLines.map(htmlParagraph),
      htmlParagraph(SUMMARY_TEXT.intro(d.today)),
      weeklyBarsHtml(weekBars(d.progress ?? [])),
      htmlHeading(SUMMARY_TEXT.byTypeHeading),
      compact([...t.byType, t.total]),
      htmlHeading(SUMMARY_TEXT.licenceHeading),
      licence,
      htmlHeading(SUMMARY_TEXT.byVillageHeading),
      compact([...t.byVillage, t.total]),
    ];
    if (kind === "monthly") {
      const rank = (rows: ReturnType<typeof ranking>) =>
        htmlTable(
          MAIL_RANKING_COLUMNS,
          rows.map((r) => [r.rank, r.label, r.findings, r.closed, rateText(r.rate), r.overdue]),
        );
      parts.push(htmlHeading(SUMMARY_TEXT.villageRanking), rank(ranking(t.byVillage)));
      parts.push(
        htmlHeading(SUMMARY_TEXT.departmentRanking),
        rank(
          ranking(
            departmentTable(d.input, d.settings.departments).map((r) => ({
              label: r.department,
              findings: r.raised,
              closed: r.closed,
              rate: r.rate,
              overdue: r.overdue,
            })),
          ),
        ),
      );
    }
    if (d.complaints?.received)
      parts.push(htmlParagraph(COMPLAINT_TEXT.mailLine(d.complaints.received, d.complaints.open)));
    parts.push(htmlHeading(SUMMARY_TEXT.overdueHeading(d.overdueList.length)));
    if (d.scope) parts.push(htmlParagraph(BULLETIN_TEXT.ownOnly(d.scope)));
    if (d.overdueList.length)
      parts.push(htmlTable(MAIL_OVERDUE_COLUMNS, d.overdueList.slice(0, overdueRows)));
    if (overdueRows < d.overdueList.length)
      parts.push(htmlParagraph(SUMMARY_TEXT.more(d.overdueList.length - overdueRows)));
    parts.push(ledgerLink(url));
    return htmlPage(subject, parts.join(""));
  };
  let html = build();
  while (utf8Bytes(html) > BODY_LIMIT && overdueRows > 0) {
    overdueRows = Math.floor(overdueRows / 2);
    html = build();
  }
  const text = [
    subject,
    ...periodLines,
    ...[...t.byType, t.total].map((r) =>
      summaryTextLine(r.label, r.swept, r.findings, r.closed, rateText(r.rate), r.overdue),
    ),
    url,
  ].join("\n");
  return { subject, html, text };
}
