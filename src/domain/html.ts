// HTML for mails and notices, written to be read on a 360-pixel phone as well as on a desktop.
//
// - Every value is escaped: an institution named <img src=x onerror=…> shows as that text.
// - Numbers, dates, percentages and ids never break across lines: htmlPage wraps each such token in a
//   nowrap span (only Chinese prose wraps). `word-break: break-all` is never used: it split "21.↵4%".
// - A table too wide for a phone becomes one card per row (label: value), decided from an estimate of
//   each column's narrowest readable width, so the same mail reads well in clients without CSS media
//   queries. Only inline styles: mail clients drop <style> blocks and classes.
import { VIEW_TEXT } from "../text/views";
import { asText, trimmedText } from "./text";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return asText(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A mail's heading and paragraph, escaped. */
export const htmlHeading = (text: string): string => `<h3>${escapeHtml(text)}</h3>`;
export const htmlParagraph = (text: string): string => `<p>${escapeHtml(text)}</p>`;

/** The width a phone gives a mail's text: a 360-pixel screen less the mail app's margins. */
const PHONE_TEXT_WIDTH_PX = 320;
/** Longer runs (a pasted URL, a long code) may break rather than push the page sideways. */
const MAX_WHOLE_TOKEN = 40;
/**
 * A number, date, time, percentage, id, code or e-mail address: a run of Latin letters, digits and the
 * punctuation inside such values, holding at least one digit or @. Also a written date (2026年3月9日).
 */
const TOKEN = /\d{4}年\d{1,2}月\d{1,2}日|〔\d{4}〕|[0-9A-Za-z@%+\-_./:~]*[0-9@][0-9A-Za-z@%+\-_./:~]*/g;
const NOWRAP_OPEN = '<span style="white-space:nowrap">';

/** Wraps every number, date, percentage and id of a piece of escaped text in a nowrap span. */
function keepTokensWholeInText(text: string): string {
  // Entities (&amp; &#39;) are atoms: a token never starts or ends inside one.
  return text
    .split(/(&[#A-Za-z0-9]+;)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(TOKEN, (token) =>
            token.length > 1 && token.length <= MAX_WHOLE_TOKEN ? `${NOWRAP_OPEN}${token}</span>` : token,
          ),
    )
    .join("");
}

/**
 * Keeps every number, date, percentage and id in a piece of HTML on one line, touching only text
 * between tags (attribute values such as links are left alone). Idempotent. htmlPage calls it.
 */
export function keepTokensWhole(html: string): string {
  let insideNowrap = 0;
  let skip = "";
  return html
    .split(/(<[^>]*>)/)
    .map((part, i) => {
      if (i % 2 === 1) {
        const tag = /^<\/?([a-zA-Z0-9]+)/.exec(part)?.[1]?.toLowerCase() ?? "";
        if (part.startsWith(NOWRAP_OPEN)) insideNowrap++;
        else if (insideNowrap && tag === "span") insideNowrap += part.startsWith("</") ? -1 : 1;
        if (["style", "script", "title"].includes(tag)) skip = part.startsWith("</") ? "" : tag;
        return part;
      }
      return insideNowrap || skip ? part : keepTokensWholeInText(part);
    })
    .join("");
}

// ------------------------------------------------------------------ width estimates (14-px text)

const isWide = (ch: string) =>
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch);

/** Approximate rendered width at 14 px: CJK and full-width characters are square, Latin about 0.6 em. */
function textWidthPx(text: string, fontPx = 14): number {
  let w = 0;
  for (const ch of text) {
    if (isWide(ch)) w += fontPx;
    else if (/[A-Z@%mwMW]/.test(ch)) w += fontPx * 0.72;
    else if (/[.,:;'|!il\s]/.test(ch)) w += fontPx * 0.32;
    else w += fontPx * 0.6;
  }
  return w;
}

/** The narrowest a cell can be: its longest unbreakable token, and prose at least `proseChars` wide. */
function minCellWidth(text: string, proseChars: number): number {
  const tokens = text.match(TOKEN) ?? [];
  const longestToken = Math.max(
    0,
    ...tokens.filter((t) => t.length <= MAX_WHOLE_TOKEN).map((t) => textWidthPx(t)),
  );
  return Math.max(longestToken, Math.min(textWidthPx(text), proseChars * 14));
}

const CELL_PADDING_PX = 4;

/** A table's width in columns: its header's or its longest row's. */
const columnCount = (headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>) =>
  Math.max(headers.length, ...rows.map((r) => r.length));

/** Estimated narrowest readable width of a table: headers may wrap after two characters, prose after four. */
function tableMinWidthPx(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): number {
  const columns = columnCount(headers, rows);
  let total = 1;
  for (let c = 0; c < columns; c++) {
    const cells = rows.map((r) => asText(r[c]));
    const width = Math.max(minCellWidth(headers[c] ?? "", 2), ...cells.map((t) => minCellWidth(t, 4)));
    total += width + 2 * CELL_PADDING_PX + 1;
  }
  return total;
}

export function fitsPhone(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): boolean {
  return tableMinWidthPx(headers, rows) <= PHONE_TEXT_WIDTH_PX;
}

// ------------------------------------------------------------------ tables and cards

export interface TableOptions {
  /**
   * "auto" (default): a table when its narrowest readable width fits a phone (PHONE_TEXT_WIDTH_PX),
   * otherwise one card per row. "table" and "cards" force one layout.
   */
  layout?: "auto" | "table" | "cards";
}

const BORDER = "border:1px solid #ccc";
/** A card's shape after its border (the table's cards, the reminders' cards). */
export const CARD_BOX = "border-radius:6px;padding:6px 8px;margin:0 0 8px;font-size:14px;line-height:1.45";
const LABEL_COLOUR = "#5f6368";

/** A blank header is shown as VIEW_TEXT.unnamedColumn: every column of every table has a name. */
function headerText(headers: readonly string[], c: number): string {
  const h = trimmedText(headers[c]);
  return h || VIEW_TEXT.unnamedColumn;
}

function tableLayout(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const columns = columnCount(headers, rows);
  const th = Array.from(
    { length: columns },
    (_, c) =>
      `<th style="${BORDER};padding:${CELL_PADDING_PX}px;background:#f1f3f4;text-align:left;font-weight:bold">${escapeHtml(headerText(headers, c))}</th>`,
  ).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${Array.from(
          { length: columns },
          (_, c) =>
            `<td style="${BORDER};padding:${CELL_PADDING_PX}px;text-align:left;vertical-align:top">${escapeHtml(r[c])}</td>`,
        ).join("")}</tr>`,
    )
    .join("");
  return `<table style="border-collapse:collapse;width:100%;font-size:14px;line-height:1.4"><tr>${th}</tr>${body}</table>`;
}

/**
 * One card per row: the first column's value as its title (with its header when the value is not
 * Chinese, "编号 R0001"), then each other column as "label value", short ones side by side.
 */
function cardsLayout(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const columns = columnCount(headers, rows);
  return rows
    .map((r) => {
      const first = asText(r[0]);
      const title = !first || [...first].some(isWide) ? first : `${headerText(headers, 0)} ${first}`;
      const fields = Array.from({ length: columns - 1 }, (_, c) => c + 1)
        .map((c) => {
          const label = headerText(headers, c);
          const value = asText(r[c]);
          const pair = `<span style="color:${LABEL_COLOUR}">${escapeHtml(label)}</span> ${escapeHtml(value || "—")}`;
          const short = textWidthPx(`${label} ${value}`) <= PHONE_TEXT_WIDTH_PX / 2 - 16;
          return short
            ? `<span style="display:inline-block;margin:0 14px 2px 0">${pair}</span>`
            : `<div style="margin:0 0 2px">${pair}</div>`;
        })
        .join("");
      return `<div style="${BORDER};${CARD_BOX}">${
        title ? `<div style="font-weight:bold;margin:0 0 3px">${escapeHtml(title)}</div>` : ""
      }${fields}</div>`;
    })
    .join("");
}

/**
 * A table that reads on a phone: a real table when it fits (every column named, numbers whole), else one
 * card per row. The signature `htmlTable(headers, rows)` is the one the app has always called.
 */
export function htmlTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: TableOptions = {},
): string {
  const layout = options.layout ?? "auto";
  const cards = layout === "cards" || (layout === "auto" && !fitsPhone(headers, rows));
  return cards ? cardsLayout(headers, rows) : tableLayout(headers, rows);
}

/** A mail or page body: readable width, CJK fonts, and every number, date and id kept on one line. */
export function htmlPage(title: string, bodyHtml: string): string {
  return keepTokensWhole(
    `<div style="font-family:-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;max-width:640px;margin:0 auto;font-size:15px;line-height:1.5;overflow-wrap:anywhere;color:#202124"><h2 style="font-size:18px;line-height:1.35;margin:0.6em 0">${escapeHtml(title)}</h2>${bodyHtml}</div>`,
  );
}
