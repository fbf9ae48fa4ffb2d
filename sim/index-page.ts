// out/index.html: the whole campaign at a glance for a newcomer. Every file the demo or a scenario wrote,
// linked with one line on what it is, the campaign's numbers, and a chart of open vs signed-off findings
// by week computed from the exported 问题台账 (out/sheets/…-问题台账.json). Chinese for the reader; no
// script, no external asset, opens from the disk.
import { escapeHtml } from "../src/domain/html";
import type { WeekBar } from "../src/domain/mail-layout";

export interface OutputEntry {
  /** Path relative to out/ */
  href: string;
  label: string;
  /** One line: what it is and who would look at it. */
  what: string;
}

export interface IndexPage {
  title: string;
  /** e.g. "2026-03-09 至 2026-04-06" */
  period: string;
  /** Lines such as "机构 80 家，已检查 74 家，发现问题 144 项". */
  facts: string[];
  weeks: WeekBar[];
  sections: Array<{ heading: string; intro?: string; entries: OutputEntry[]; folded?: boolean }>;
}

const dayOf = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : "");
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const mondayOf = (d: string) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * Open and signed-off findings at the end of each week (Monday to Sunday), from the first week with a
 * finding to the week holding `until`, from 问题台账 rows (发现日期, 销号日期 as the JSON export writes them).
 */
export function weeksFromFindings(rows: ReadonlyArray<Record<string, unknown>>, until: string): WeekBar[] {
  const found = rows.map((r) => dayOf(r["发现日期"])).filter(Boolean);
  if (!found.length) return [];
  const weeks: WeekBar[] = [];
  for (let w = mondayOf(found.sort()[0]!); w <= until; w = addDays(w, 7)) {
    const end = addDays(w, 6) < until ? addDays(w, 6) : until;
    const soFar = rows.filter((r) => dayOf(r["发现日期"]) && dayOf(r["发现日期"]) <= end);
    const signedOff = soFar.filter((r) => dayOf(r["销号日期"]) && dayOf(r["销号日期"]) <= end).length;
    weeks.push({ weekStart: w, signedOff, open: soFar.length - signedOff });
  }
  return weeks;
}

/** A stacked column chart as inline SVG: green signed off, red open, one column per week. */
function weeklySvg(weeks: readonly WeekBar[]): string {
  if (!weeks.length) return "";
  const W = 560;
  const H = 220;
  const left = 36;
  const bottom = 34;
  const top = 14;
  const max = Math.max(1, ...weeks.map((w) => w.open + w.signedOff));
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  const tick = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  const scale = (n: number) => ((H - bottom - top) * n) / max;
  const slot = (W - left - 10) / weeks.length;
  const bar = Math.min(48, slot * 0.6);
  const grid: string[] = [];
  for (let v = 0; v <= max; v += tick) {
    const y = H - bottom - scale(v);
    grid.push(
      `<line x1="${left}" x2="${W - 6}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e0e0e0"/><text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${Math.round(v)}</text>`,
    );
  }
  const columns = weeks.map((w, i) => {
    const x = left + slot * i + (slot - bar) / 2;
    const hs = scale(w.signedOff);
    const ho = scale(w.open);
    const y0 = H - bottom;
    return [
      `<rect x="${x.toFixed(1)}" y="${(y0 - hs).toFixed(1)}" width="${bar.toFixed(1)}" height="${hs.toFixed(1)}" fill="#1e8e3e"><title>${escapeHtml(`${w.weekStart} 周：已销号 ${w.signedOff}`)}</title></rect>`,
      `<rect x="${x.toFixed(1)}" y="${(y0 - hs - ho).toFixed(1)}" width="${bar.toFixed(1)}" height="${ho.toFixed(1)}" fill="#d93025"><title>${escapeHtml(`${w.weekStart} 周：未销号 ${w.open}`)}</title></rect>`,
      `<text x="${(x + bar / 2).toFixed(1)}" y="${(y0 - hs - ho - 3).toFixed(1)}" text-anchor="middle">${w.signedOff}/${w.open}</text>`,
      `<text x="${(x + bar / 2).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle">${escapeHtml(w.weekStart.slice(5))}</text>`,
    ].join("");
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" style="max-width:${W}px" role="img" aria-label="每周已销号与未销号问题" font-size="11" font-family="sans-serif" fill="#333">${grid.join("")}${columns.join("")}<text x="${left}" y="${H - 4}">周一（月-日）</text><rect x="${W - 250}" y="${H - 14}" width="10" height="10" fill="#1e8e3e"/><text x="${W - 236}" y="${H - 5}">已销号（累计）</text><rect x="${W - 140}" y="${H - 14}" width="10" height="10" fill="#d93025"/><text x="${W - 126}" y="${H - 5}">未销号（周末时）</text></svg>`;
}

export function indexPageHtml(p: IndexPage): string {
  const section = (s: IndexPage["sections"][number]) => {
    const list = `<ul>${s.entries
      .map(
        (e) =>
          `<li><a href="${escapeHtml(encodeURI(e.href))}">${escapeHtml(e.label)}</a> — ${escapeHtml(e.what)}</li>`,
      )
      .join("")}</ul>`;
    const body = s.folded
      ? `<details><summary>${escapeHtml(`展开 ${s.entries.length} 个文件`)}</summary>${list}</details>`
      : list;
    return `<h2>${escapeHtml(s.heading)}</h2>${s.intro ? `<p>${escapeHtml(s.intro)}</p>` : ""}${body}`;
  };
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(p.title)}</title><style>body{font-family:-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;max-width:860px;margin:0 auto;padding:12px;line-height:1.6;color:#202124}h1{font-size:22px}h2{font-size:18px;margin-top:1.4em;border-bottom:1px solid #ddd}li{margin:2px 0}a{color:#1a73e8}.facts{background:#f1f3f4;padding:8px 12px;border-radius:6px}</style></head><body><h1>${escapeHtml(p.title)}</h1><p>${escapeHtml(p.period)}</p><div class="facts">${p.facts.map((f) => `<div>${escapeHtml(f)}</div>`).join("")}</div><h2>每周整改进度</h2><p>每周末（周日）时已发现的问题中，已销号（绿）和仍未销号（红）的数量，由导出的「问题台账」计算。</p>${weeklySvg(p.weeks)}${p.sections.map(section).join("")}</body></html>`;
}
