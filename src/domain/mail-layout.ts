// Pieces of mails that read on a phone and render in mail clients: HTML only (no script, no external
// image, no <style> block), inline styles, tables for layout where clients need them.
//   weeklyBarsHtml  open vs signed-off findings by week, as horizontal stacked bars
//   reminderCardsHtml  one card per overdue or due-soon finding, with who to call and where to go
import { CARD_BOX, escapeHtml } from "./html";
import type { LocalDate } from "./types";
import { CHART_TEXT, REMINDER_VIEW } from "../text/views";
import { inParens, SEP_SPACE } from "../text/words";

export interface WeekBar {
  /** The Monday the week starts on. */
  weekStart: LocalDate;
  /** Findings signed off (已销号) by the end of the week, all weeks so far. */
  signedOff: number;
  /** Findings found by the end of the week and not signed off then. */
  open: number;
}

/**
 * Cumulative bars from weekly counts (what summary.ts's weeklyProgress gives: found and signed off in
 * each week, the campaign's first week first).
 */
export function weekBars(
  rows: ReadonlyArray<{ weekStart: LocalDate; opened: number; closed: number }>,
): WeekBar[] {
  let found = 0;
  let closed = 0;
  return rows.map((r) => {
    found += r.opened;
    closed += r.closed;
    return { weekStart: r.weekStart, signedOff: closed, open: Math.max(0, found - closed) };
  });
}

const SIGNED_COLOUR = "#1e8e3e";
const LAYOUT_TABLE = `<table role="presentation" style="border-collapse:collapse;width:100%">`;
const OPEN_COLOUR = "#d93025";

function barCell(percent: number, colour: string): string {
  return percent > 0
    ? `<td style="width:${percent.toFixed(1)}%;background:${colour};height:14px;font-size:1px;line-height:1px;padding:0">&nbsp;</td>`
    : "";
}

/**
 * Open vs signed-off findings by week: one row per week, a bar whose green part is signed off and red
 * part still open, and the two numbers. Bars are scaled to the largest week. Fits 320 px.
 */
export function weeklyBarsHtml(weeks: readonly WeekBar[]): string {
  if (!weeks.length) return "";
  const max = Math.max(1, ...weeks.map((w) => w.signedOff + w.open));
  const rows = weeks
    .map((w) => {
      const signed = (w.signedOff / max) * 100;
      const open = (w.open / max) * 100;
      const rest = 100 - signed - open;
      return `<tr><td style="white-space:nowrap;padding:3px 6px 3px 0;width:1%;font-size:13px">${escapeHtml(CHART_TEXT.week(w.weekStart))}</td><td style="padding:3px 0">${LAYOUT_TABLE}<tr>${barCell(signed, SIGNED_COLOUR)}${barCell(open, OPEN_COLOUR)}${rest > 0.05 ? `<td style="width:${rest.toFixed(1)}%;padding:0"></td>` : ""}</tr></table></td><td style="white-space:nowrap;padding:3px 0 3px 6px;width:1%;font-size:13px;text-align:right"><span style="color:${SIGNED_COLOUR}">${w.signedOff}</span> / <span style="color:${OPEN_COLOUR}">${w.open}</span></td></tr>`;
    })
    .join("");
  const legend = `<div style="font-size:12px;color:#5f6368;margin:4px 0 0"><span style="color:${SIGNED_COLOUR}">■</span> ${escapeHtml(CHART_TEXT.signedOff)}${SEP_SPACE}<span style="color:${OPEN_COLOUR}">■</span> ${escapeHtml(CHART_TEXT.open)}</div>`;
  return `<div style="margin:6px 0 12px"><div style="font-weight:bold;margin:0 0 4px">${escapeHtml(CHART_TEXT.title)}</div>${LAYOUT_TABLE}${rows}</table>${legend}</div>`;
}

export interface ReminderItem {
  /** 问题编号 */
  id: string;
  institution: string;
  village: string;
  /** 地址 from 机构名录 */
  address?: string;
  /** 整改责任人 (or the 举办者 when none was named) */
  responsible?: string;
  /** 联系电话 from 机构名录 */
  phone?: string;
  /** 牵头部门 */
  department?: string;
  /** The requirement in words */
  item: string;
  itemCode?: string;
  deadline: LocalDate | "";
  /** "逾期 3 天", "临期（2 天后到期）", "今日到期" */
  situation: string;
  overdue: boolean;
}

/**
 * One card per finding to chase: institution and village, address, who to call (a tel: link), the
 * requirement, deadline and situation (overdue in red), and the department when the list mixes several
 * (the coordinator's 整改提醒（全部）). Opens with the as-of time so a forwarded mail is not misread later.
 */
export function reminderCardsHtml(
  items: readonly ReminderItem[],
  options: { asOf: string; showDepartment?: boolean },
): string {
  const cards = items
    .map((r) => {
      const contact = [
        r.responsible ? `${REMINDER_VIEW.responsible} ${escapeHtml(r.responsible)}` : "",
        r.phone
          ? `${REMINDER_VIEW.phone} <a href="tel:${escapeHtml(r.phone.replace(/[^\d+]/g, ""))}">${escapeHtml(r.phone)}</a>`
          : "",
      ]
        .filter(Boolean)
        .join(SEP_SPACE);
      const line = (label: string, html: string) =>
        html ? `<div><span style="color:#5f6368">${escapeHtml(label)}</span> ${html}</div>` : "";
      return `<div style="border:1px solid #ccc;border-left:4px solid ${r.overdue ? OPEN_COLOUR : "#f9ab00"};${CARD_BOX}"><div style="font-weight:bold">${escapeHtml(r.institution)}<span style="font-weight:normal;color:#5f6368">${escapeHtml(inParens(r.village))}</span></div>${line(REMINDER_VIEW.address, escapeHtml(r.address ?? ""))}${contact ? `<div>${contact}</div>` : ""}${line(REMINDER_VIEW.item, escapeHtml(r.item))}${line(
        REMINDER_VIEW.deadline,
        `${escapeHtml(r.deadline || "—")}${SEP_SPACE}<b style="color:${r.overdue ? OPEN_COLOUR : "#b06000"}">${escapeHtml(r.situation)}</b>`,
      )}${options.showDepartment ? line(REMINDER_VIEW.department, escapeHtml(r.department || "—")) : ""}<div style="font-size:12px;color:#5f6368">${escapeHtml(
        [r.itemCode, `${REMINDER_VIEW.id} ${r.id}`].filter(Boolean).join(" · "),
      )}</div></div>`;
    })
    .join("");
  return `<p style="color:#5f6368;margin:0 0 6px">${escapeHtml(REMINDER_VIEW.asOf(options.asOf))}</p>${cards}`;
}
