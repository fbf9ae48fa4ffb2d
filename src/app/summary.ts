// 汇总: refreshes the 汇总 and 红黑名单 sheets and mails the weekly summary (Mondays) and the monthly
// bulletin (月通报, the 1st) from the daily 08:00 trigger, or now from the menu. One mail per recipient,
// each once (keyed by kind, period and recipient), each recorded in 邮件记录. A summary that is due but
// could not be sent to everyone (a busy lock, a run that died, the mail quota) stays due and is finished
// by the next run.
import { weekday } from "../domain/dates";
import { summaryMail, type SummaryKind, type SummaryMailInput } from "../domain/summary-mail";
import {
  departmentTable,
  redBlackLists,
  summaryCells,
  summaryInputFromRows,
  summaryTables,
  weeklyProgress,
} from "../domain/summary";
import { asLocalDate, addDays } from "../domain/dates";
import { effectiveDeadline } from "../domain/rectification";
import type { Settings } from "../domain/settings";
import { HEADERS, MSG, SUMMARY_TEXT } from "../text/zh";
import { RUN_NAME, SEP_LIST } from "../text/words";
import {
  DEPARTMENT_COLUMNS,
  LIST_COLUMNS,
  overdueDaysText,
  PROGRESS_COLUMNS,
  SUMMARY_COLUMNS,
  SUMMARY_KIND_LABEL,
} from "../text/summary";
import { PROP_COMPLAINTS_USED, PROP_SUMMARY_DUE } from "../gas/keys";
import type { ReportCell, Services } from "../gas/ports";
import { findingStates, nowMs, nowText, readSettings } from "./context";
import { appliedChecklists } from "./checklist-sheet";
import { complaintSummary, complaintsReceived } from "../domain/complaints";
import type { Row } from "../domain/ledger";
import type { MailBody } from "../domain/mails";
import { COMPLAINT_TEXT } from "../text/rules";
import { exclusive, USUAL_WAIT } from "./run";
import { Outbox } from "./outbox";
import { sendOnce } from "./send";
import { withChainHash } from "./verify";
import { asText, trimmedText } from "../domain/text";
import { appendRows } from "../domain/plan";

const RETRY_MS = 10 * 60_000;

interface Due {
  kind: SummaryKind;
  /** The week's Monday, or the month covered ("2026-03"). */
  period: string;
}

/** The bulletin due on the 1st of a month: the month before. */
const bulletinDue = (today: string): Due => ({ kind: "monthly", period: addDays(today, -1).slice(0, 7) });

/** The property that marks a summary due until it has gone to everyone. */
const dueKey = (d: Due) => `${PROP_SUMMARY_DUE}${d.kind}:${d.period}`;

/** From the daily 08:00 trigger (and its retry): weekly on Mondays, the bulletin on the 1st. */
export function summaryFromTrigger(svc: Services): void {
  const today = svc.clock.today();
  const due: Due[] = [];
  if (weekday(today) === 1) due.push({ kind: "weekly", period: today });
  if (today.endsWith("-01")) due.push(bulletinDue(today));
  exclusive(
    svc,
    RUN_NAME.scheduledSummary,
    {
      waitMs: 60_000,
      busyMessage: MSG.summaryRetry(RUN_NAME.scheduledSummary),
      onBusy: () => {
        markDue(svc, due);
        svc.triggers.retryLater("retrySummary", RETRY_MS);
      },
    },
    () => {
      markDue(svc, due);
      const data = collect(svc);
      writeSheets(svc, data);
      for (const d of dueSummaries(svc)) sendSummary(svc, data, d, false);
    },
  );
}

/** Menu 发送汇总: refreshes the sheets and sends the weekly summary now (the bulletin on the 1st). */
export function summaryFromMenu(svc: Services): void {
  exclusive(svc, RUN_NAME.summary, USUAL_WAIT, () => {
    const data = collect(svc);
    writeSheets(svc, data);
    const today = svc.clock.today();
    const d: Due = today.endsWith("-01") ? bulletinDue(today) : { kind: "weekly", period: today };
    const result = sendSummary(svc, data, d, true);
    svc.ui.alert(SUMMARY_TEXT.sent(result.sent, result.failed));
  });
}

function markDue(svc: Services, due: readonly Due[]): void {
  const values: Record<string, string> = {};
  for (const d of due) values[dueKey(d)] = "1";
  svc.props.set(values);
}

function dueSummaries(svc: Services): Due[] {
  return Object.keys(svc.props.all(PROP_SUMMARY_DUE)).map((k) => {
    const [kind, period] = k.slice(PROP_SUMMARY_DUE.length).split(":") as [SummaryKind, string];
    return { kind, period };
  });
}

interface Collected extends SummaryMailInput {
  settings: Settings;
  complaintRows: Row[];
  /** Each finding's lead department, by id. */
  departmentOf: Map<string, string>;
}

function collect(svc: Services): Collected {
  const { settings } = readSettings(svc);
  const today = svc.clock.today();
  // 状态底账 has every field the summaries count; names and wording come from the register and checklist.
  const findingRows = findingStates(svc).filter((r) => trimmedText(r.id));
  const registerRows = svc.ledger.read("register").rows;
  const { input, urgencies } = summaryInputFromRows(
    {
      register: registerRows,
      findings: findingRows,
      inspections: svc.ledger.readColumns("inspections", ["institutionId", "date", "form", "departments"])
        .rows,
    },
    today,
    asLocalDate,
  );
  const place = new Map(registerRows.map((r) => [trimmedText(r.id), r]));
  const itemText = new Map(appliedChecklists(svc).items.map((i) => [i.code, i.text]));
  const overdueList: Array<[string, string, string, string, string, string]> = [];
  urgencies.forEach((u, k) => {
    if (u.kind !== "overdue") return;
    const r = findingRows[k]!;
    const at = place.get(asText(r.institutionId));
    overdueList.push([
      String(r.id),
      asText(at?.name),
      asText(at?.village),
      `${String(r.itemCode)} ${itemText.get(String(r.itemCode)) ?? ""}`.trim(),
      effectiveDeadline({ deadline: asLocalDate(r.deadline), extendedTo: asLocalDate(r.extendedTo) }),
      overdueDaysText(u.days),
    ]);
  });
  overdueList.sort((a, b) => a[4].localeCompare(b[4]));
  const complaintRows =
    svc.props.get(PROP_COMPLAINTS_USED) === "1"
      ? svc.ledger.read("complaints").rows.filter((r) => trimmedText(r.id))
      : [];
  const lines = complaintSummary(complaintRows, "");
  const total = lines[lines.length - 1]!;
  return {
    settings,
    input,
    tables: summaryTables(input),
    today,
    overdueList,
    departmentOf: new Map(findingRows.map((r) => [String(r.id), String(r.department)])),
    progress: weeklyProgress(input.findings, settings.campaignStart || firstFound(input) || today, today),
    complaintRows,
    complaints: {
      received: total.received,
      open: total.open,
      inPeriod: (from, to) => complaintsReceived(complaintRows, from, to),
    },
  };
}

/** 汇总's rates are numbers shown as "0.0%" (one format in every table); no findings: a dash. */
const rateCell = (rate: number | null): ReportCell => (rate === null ? "—" : { rate });

function writeSheets(svc: Services, d: Collected): void {
  const t = d.tables;
  const block: ReportCell[][] = [];
  const bold: number[] = [];
  const section = (title: string, header: readonly string[]) => {
    if (block.length) block.push([]);
    bold.push(block.length, block.length + 1);
    block.push([title]);
    block.push([...header]);
  };
  section(SUMMARY_TEXT.titleByType(d.settings.township, d.today), [
    HEADERS.register.type,
    ...SUMMARY_COLUMNS,
  ]);
  for (const r of [...t.byType, t.total]) block.push([r.label, ...summaryCells(r, rateCell)]);
  section(SUMMARY_TEXT.titleByVillage, [HEADERS.register.village, ...SUMMARY_COLUMNS]);
  for (const r of [...t.byVillage, t.total]) block.push([r.label, ...summaryCells(r, rateCell)]);
  section(SUMMARY_TEXT.titleByDepartment, DEPARTMENT_COLUMNS);
  for (const r of departmentTable(d.input, d.settings.departments))
    block.push([r.department, r.raised, r.closed, rateCell(r.rate), r.reinspections, r.overdue]);
  if (d.complaintRows.length) {
    section(COMPLAINT_TEXT.summaryTitle, COMPLAINT_TEXT.summaryHeader);
    for (const r of complaintSummary(d.complaintRows, COMPLAINT_TEXT.total))
      block.push([r.department, r.received, r.closed, r.byInspection, r.byReply, r.open]);
  }
  section(SUMMARY_TEXT.titleProgress, PROGRESS_COLUMNS);
  const progressStart = block.length + 1;
  const start = d.settings.campaignStart || firstFound(d.input) || d.today;
  const weeks = weeklyProgress(d.input.findings, start, d.today);
  for (const w of weeks) block.push([w.weekStart, w.opened, w.closed, { rate: w.cumulativeRate ?? 0 }]);
  svc.reports.write(
    SUMMARY_TEXT.sheet,
    block,
    bold,
    weeks.length
      ? {
          title: SUMMARY_TEXT.chartTitle,
          firstRow: progressStart - 1,
          rows: weeks.length + 1,
          columns: 4,
          atColumn: SUMMARY_COLUMNS.length + 3,
        }
      : undefined,
  );
  const lists = redBlackLists(d.input, d.today, d.settings.campaignEnd);
  const rows = (list: typeof lists.red) => list.map((e) => [e.id, e.name, e.type, e.village, e.reason]);
  svc.reports.write(
    SUMMARY_TEXT.listSheet,
    [
      [SUMMARY_TEXT.redTitle(d.settings.township)],
      LIST_COLUMNS,
      ...rows(lists.red),
      [],
      [SUMMARY_TEXT.blackTitle(d.settings.township)],
      LIST_COLUMNS,
      ...rows(lists.black),
    ],
    [0, 1, lists.red.length + 3, lists.red.length + 4],
  );
}

function firstFound(input: SummaryMailInput["input"]): string {
  return (
    input.findings
      .map((f) => f.foundOn)
      .filter(Boolean)
      .sort()[0] ?? ""
  );
}

/**
 * Sends one summary to every recipient once. `fromMenu`: the coordinator asked for it now; when the
 * same summary already went out today they are asked before it is sent again.
 */
function sendSummary(
  svc: Services,
  data: Collected,
  due: Due,
  fromMenu: boolean,
): { sent: number; failed: number } {
  const { settings } = data;
  // The weekly summary goes to the leaders; the monthly bulletin also to the county and the departments.
  // A department contact's copy lists only its own departments' findings (leaders and county: all).
  const whole = [...settings.leaderEmails, ...(due.kind === "monthly" ? settings.countyEmails : [])];
  const own = new Map<string, string[]>();
  if (due.kind === "monthly")
    for (const [dept, to] of settings.departmentContacts)
      for (const a of to) if (!whole.includes(a)) own.set(a, [...(own.get(a) ?? []), dept]);
  const recipients = [...new Set([...whole, ...own.keys()])];
  const outbox = new Outbox(svc.props, svc.clock);
  let prefix = `summary:${due.kind}:${due.period}`;
  if (fromMenu) {
    const menuKey = `${prefix}:menu:${data.today}`;
    const before = recipients.some((to) => outbox.get(`${menuKey}:${to}`)?.state === "done");
    if (before && !svc.ui.confirm(SUMMARY_TEXT.sendAgain)) return { sent: 0, failed: 0 };
    prefix = before ? `${menuKey}:${nowMs(svc)}` : menuKey;
  }
  const bodies = new Map<string, MailBody>();
  let sent = 0;
  let failed = 0;
  const rows: Array<Record<string, unknown>> = [];
  for (const to of recipients) {
    const key = `${prefix}:${to}`;
    const depts = own.get(to) ?? [];
    const scope = depts.join(SEP_LIST);
    const body =
      bodies.get(scope) ??
      withChainHash(
        svc,
        summaryMail(
          scope
            ? {
                ...data,
                scope,
                overdueList: data.overdueList.filter((r) => depts.includes(data.departmentOf.get(r[0])!)),
              }
            : data,
          due.kind,
          svc.ledger.url(),
          due.period,
        ),
      );
    bodies.set(scope, body);
    const result = sendOnce(svc, outbox, key, { to: [to], ...body });
    if (result === "failed") failed++;
    if (result === "sent") sent++;
    // A mail sent by a run that died before recording it is recorded now (the key finds it once).
    rows.push({
      at: nowText(svc),
      to,
      subject: body.subject,
      kind: SUMMARY_KIND_LABEL[due.kind],
      result: SUMMARY_TEXT.mailResult(result === "already" ? "sent" : result),
      key,
    });
  }
  logMails(svc, rows);
  if (!failed) svc.props.remove([dueKey(due)]);
  return { sent, failed };
}

/** 邮件记录: one row per attempt that was not already recorded (a retry after a run died finds its keys). */
function logMails(svc: Services, rows: Array<Record<string, unknown>>): void {
  if (!rows.length) return;
  const logged = new Set(
    svc.ledger.readTail("mailLog", 500).rows.map((r) => `${String(r.key)}|${String(r.result)}`),
  );
  const fresh = rows.filter((r) => !logged.has(`${String(r.key)}|${String(r.result)}`));
  svc.ledger.commit([appendRows("mailLog", fresh)]);
}
