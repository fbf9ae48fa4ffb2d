// 汇总: refreshes the 汇总 and 红黑名单 sheets and mails the weekly summary (Mondays) and the monthly
// bulletin (月通报, the 1st) from the daily 08:00 trigger, or now from the menu. One mail per recipient,
// values escaped, long lists trimmed with a link, every mail logged in 邮件记录.
import {
  departmentTable,
  ranking,
  rateText,
  redBlackLists,
  SUMMARY_COLUMNS,
  summaryCells,
  summaryTables,
  weeklyProgress,
  summaryInputFromRows,
  type SummaryInput,
  type SummaryTables,
} from "../domain/summary";
import { escapeHtml, htmlPage, htmlTable } from "../domain/html";
import { weekday } from "../domain/dates";
import type { Settings } from "../domain/settings";
import { SUMMARY_TEXT } from "../text/zh";
import { Ledger, type Table } from "../gas/ledger";
import { cellToLocalDate, today } from "../gas/env";
import { sendMail } from "../gas/mail";
import { textCell } from "../gas/cells";
import { readSettings } from "./context";
import { notify } from "./notify";

/** The mail body limit is 200 KB; stay well under it. */
const BODY_LIMIT = 150 * 1024;
const OVERDUE_ROWS = 100;

export type SummaryKind = "weekly" | "monthly";

/** From the daily 08:00 trigger: weekly on Mondays, the bulletin on the 1st; otherwise only the sheets. */
export function summaryFromTrigger(): void {
  const now = today();
  const kinds: SummaryKind[] = [];
  if (weekday(now) === 1) kinds.push("weekly");
  if (now.endsWith("-01")) kinds.push("monthly");
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(60_000)) return;
  try {
    const data = collect(new Ledger());
    writeSheets(data);
    for (const kind of kinds) sendSummaryMails(data, kind);
  } finally {
    lock.releaseLock();
  }
}

/** Menu 发送汇总: refreshes the sheets and sends the weekly summary now (the bulletin on the 1st). */
export function summaryFromMenu(): void {
  const lock = LockService.getScriptLock();
  lock.waitLock(30_000);
  try {
    const data = collect(new Ledger());
    writeSheets(data);
    const result = sendSummaryMails(data, today().endsWith("-01") ? "monthly" : "weekly");
    notify(SUMMARY_TEXT.sent(result.sent, result.failed));
  } finally {
    lock.releaseLock();
  }
}

interface Collected {
  ledger: Ledger;
  settings: Settings;
  input: SummaryInput;
  tables: SummaryTables;
  today: string;
  overdueList: Array<[string, string, string, string, string, string]>;
}

function collect(ledger: Ledger): Collected {
  const { settings } = readSettings(ledger);
  const now = today();
  const findingRows = ledger.rows(ledger.read("findings")).filter((r) => String(r.id ?? "").trim());
  const { input, urgencies } = summaryInputFromRows(
    {
      register: ledger.rows(ledger.read("register")),
      findings: findingRows,
      inspections: ledger.rows(ledger.read("inspections")),
    },
    now,
    cellToLocalDate,
  );
  const overdueList: Collected["overdueList"] = [];
  urgencies.forEach((u, k) => {
    if (u.kind !== "overdue") return;
    const r = findingRows[k]!;
    overdueList.push([
      String(r.id),
      String(r.institutionName),
      String(r.village),
      `${String(r.itemCode)} ${String(r.itemText)}`,
      cellToLocalDate(r.extendedTo) || cellToLocalDate(r.deadline),
      `${u.days} 天`,
    ]);
  });
  overdueList.sort((a, b) => a[4].localeCompare(b[4]));
  return { ledger, settings, input, tables: summaryTables(input), today: now, overdueList };
}

function sheetOf(ledger: Ledger, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  return ledger.spreadsheet.getSheetByName(name) ?? ledger.spreadsheet.insertSheet(name);
}

/** Writes a block of sections into a sheet in one write (after clearing it). */
function writeBlock(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  block: Array<Array<string | number>>,
  boldRows: number[],
): void {
  const width = Math.max(...block.map((r) => r.length));
  const data = block.map((r) => [...r, ...new Array<string>(width - r.length).fill("")]);
  sheet.clear();
  if (sheet.getMaxColumns() < width)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  if (sheet.getMaxRows() < data.length)
    sheet.insertRowsAfter(sheet.getMaxRows(), data.length - sheet.getMaxRows());
  // Percentages, dates and names stay exactly the text shown (Sheets would turn "58.3%" into 0.583).
  sheet
    .getRange(1, 1, data.length, width)
    .setValues(data.map((r) => r.map((v) => (typeof v === "string" ? textCell(v) : v))));
  const weights = data.map((_, i) =>
    new Array<GoogleAppsScript.Spreadsheet.FontWeight>(width).fill(boldRows.includes(i) ? "bold" : "normal"),
  );
  sheet.getRange(1, 1, data.length, width).setFontWeights(weights);
}

function writeSheets(d: Collected): void {
  const t = d.tables;
  const block: Array<Array<string | number>> = [];
  const bold: number[] = [];
  const section = (title: string, header: readonly string[]) => {
    if (block.length) block.push([]);
    bold.push(block.length, block.length + 1);
    block.push([title]);
    block.push([...header]);
  };
  section(SUMMARY_TEXT.titleByType(d.settings.township, d.today), ["类型", ...SUMMARY_COLUMNS]);
  for (const r of [...t.byType, t.total]) block.push([r.label, ...summaryCells(r)]);
  section(SUMMARY_TEXT.titleByVillage, ["村/社区", ...SUMMARY_COLUMNS]);
  for (const r of [...t.byVillage, t.total]) block.push([r.label, ...summaryCells(r)]);
  section(SUMMARY_TEXT.titleByDepartment, ["部门", "牵头问题", "已销号", "整改率", "复查次数", "逾期"]);
  for (const r of departmentTable(d.input, d.settings.departments))
    block.push([r.department, r.raised, r.closed, rateText(r.rate), r.reinspections, r.overdue]);
  section(SUMMARY_TEXT.titleProgress, ["周（起）", "新发现", "销号", "累计整改率"]);
  const progressStart = block.length + 1;
  const weeks = weeklyProgress(
    d.input.findings,
    d.settings.campaignStart || earliest(d.input) || d.today,
    d.today,
  );
  for (const w of weeks)
    block.push([
      w.weekStart,
      w.opened,
      w.closed,
      w.cumulativeRate === null ? 0 : Math.round(w.cumulativeRate * 1000) / 10,
    ]);
  const summary = sheetOf(d.ledger, SUMMARY_TEXT.sheet);
  writeBlock(summary, block, bold);
  if (weeks.length && summary.getCharts().length === 0) {
    const chart = summary
      .newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(summary.getRange(progressStart - 1, 1, weeks.length + 1, 4))
      .setPosition(2, SUMMARY_COLUMNS.length + 3, 0, 0)
      .setOption("title", SUMMARY_TEXT.chartTitle)
      .build();
    summary.insertChart(chart);
  }
  const lists = redBlackLists(d.input, d.today, d.settings.campaignEnd);
  const listBlock: Array<Array<string | number>> = [
    [SUMMARY_TEXT.redTitle(d.settings.township)],
    ["机构编号", "机构名称", "类型", "村/社区", "说明"],
    ...lists.red.map((e) => [e.id, e.name, e.type, e.village, e.reason]),
    [],
    [SUMMARY_TEXT.blackTitle(d.settings.township)],
    ["机构编号", "机构名称", "类型", "村/社区", "说明"],
    ...lists.black.map((e) => [e.id, e.name, e.type, e.village, e.reason]),
  ];
  writeBlock(sheetOf(d.ledger, SUMMARY_TEXT.listSheet), listBlock, [
    0,
    1,
    lists.red.length + 3,
    lists.red.length + 4,
  ]);
}

function earliest(input: SummaryInput): string {
  return (
    input.findings
      .map((f) => f.foundOn)
      .filter(Boolean)
      .sort()[0] ?? ""
  );
}

/** The mail: phone-friendly tables, the overdue list (trimmed, with a link), the ranking on the 1st. */
export function summaryHtml(
  d: Collected,
  kind: SummaryKind,
  url: string,
): { subject: string; html: string; text: string } {
  const t = d.tables;
  const subject =
    kind === "monthly"
      ? SUMMARY_TEXT.monthlySubject(d.settings.township, d.today)
      : SUMMARY_TEXT.weeklySubject(d.settings.township, d.today);
  const compact = (rows: typeof t.byType) =>
    htmlTable(
      ["", "排查", "问题", "立即/限期/无法", "销号", "整改率", "逾期", "关停"],
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
    ["", "证照齐全", "有照无证", "无证无照", "超范围", "登记备案"],
    [...t.byType, t.total].map((r) => [
      r.label,
      r.complete,
      r.registeredNoPermit,
      r.none,
      r.beyondScope,
      r.registered,
    ]),
  );
  let overdueRows = Math.min(OVERDUE_ROWS, d.overdueList.length);
  const build = () => {
    const parts = [
      `<p>${escapeHtml(SUMMARY_TEXT.intro(d.today))}</p>`,
      `<h3>${escapeHtml(SUMMARY_TEXT.byTypeHeading)}</h3>`,
      compact([...t.byType, t.total]),
      `<h3>${escapeHtml(SUMMARY_TEXT.licenceHeading)}</h3>`,
      licence,
      `<h3>${escapeHtml(SUMMARY_TEXT.byVillageHeading)}</h3>`,
      compact([...t.byVillage, t.total]),
    ];
    if (kind === "monthly") {
      const rank = (rows: ReturnType<typeof ranking>) =>
        htmlTable(
          ["名次", "", "问题", "销号", "整改率", "逾期"],
          rows.map((r) => [r.rank, r.label, r.findings, r.closed, rateText(r.rate), r.overdue]),
        );
      parts.push(`<h3>${escapeHtml(SUMMARY_TEXT.villageRanking)}</h3>`, rank(ranking(t.byVillage)));
      parts.push(
        `<h3>${escapeHtml(SUMMARY_TEXT.departmentRanking)}</h3>`,
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
    parts.push(`<h3>${escapeHtml(SUMMARY_TEXT.overdueHeading(d.overdueList.length))}</h3>`);
    if (d.overdueList.length)
      parts.push(
        htmlTable(
          ["问题编号", "机构", "村/社区", "检查项", "期限", "逾期"],
          d.overdueList.slice(0, overdueRows),
        ),
      );
    if (overdueRows < d.overdueList.length)
      parts.push(`<p>${escapeHtml(SUMMARY_TEXT.more(d.overdueList.length - overdueRows))}</p>`);
    parts.push(`<p><a href="${escapeHtml(url)}">${escapeHtml(SUMMARY_TEXT.openSheet)}</a></p>`);
    return htmlPage(subject, parts.join(""));
  };
  let html = build();
  while (html.length * 3 > BODY_LIMIT && overdueRows > 0) {
    overdueRows = Math.floor(overdueRows / 2);
    html = build();
  }
  const text = [
    subject,
    ...[...t.byType, t.total].map(
      (r) =>
        `${r.label}：排查 ${r.swept}，问题 ${r.findings}，销号 ${r.closed}，整改率 ${rateText(r.rate)}，逾期 ${r.overdue}`,
    ),
    url,
  ].join("\n");
  return { subject, html, text };
}

function sendSummaryMails(d: Collected, kind: SummaryKind): { sent: number; failed: number } {
  // The weekly summary goes to the leaders; the monthly bulletin also to the county and the departments.
  const departments = kind === "monthly" ? [...d.settings.departmentContacts.values()].flat() : [];
  const recipients = [
    ...new Set([
      ...d.settings.leaderEmails,
      ...(kind === "monthly" ? d.settings.countyEmails : []),
      ...departments,
    ]),
  ];
  if (!recipients.length) return { sent: 0, failed: 0 };
  const body = summaryHtml(d, kind, d.ledger.spreadsheet.getUrl());
  const log: Array<Record<string, unknown>> = [];
  let sent = 0;
  let failed = 0;
  for (const to of recipients) {
    const r = sendMail({ to: [to], ...body });
    if (r.sent) sent++;
    else failed++;
    log.push({
      at: new Date(),
      to,
      subject: body.subject,
      kind: kind === "monthly" ? "月通报" : "周汇总",
      result: r.sent ? "已发送" : `未发送：${r.reason}`,
    });
  }
  const mailLog: Table = d.ledger.readHeader("mailLog");
  d.ledger.append(mailLog, log);
  return { sent, failed };
}
