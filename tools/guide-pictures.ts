// `npm run guide-pictures`: the pictures of docs/使用手册.md, made by our own tools from the demo, so they
// never go stale. It plays the demo campaign (sim/demo.ts) in the local runtime against dist/Code.js,
// then draws what a coordinator sees — the menu the script builds, sheet views (HTML tables from the
// workbook's values and colours), a mail, a 整改通知书 and a form as a phone shows it — and screenshots
// them with Debian's headless Chromium (playwright-core) into docs/images/*.png.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateScenario } from "../sim/demo";
import { launchChromium } from "../sim/chromium";
import { formatDate } from "../sim/format-date";
import { Runtime } from "../sim/runtime";
import { parseScenario, playScenario } from "../sim/scenario";
import { HEADERS, MENU, SHEET } from "../src/text/zh";
import { CHECKLIST_HEADERS, CHECKLIST_SHEET } from "../src/text/checklist";
import { escapeHtml, renderFormHtml } from "./preview";

const FONT = `font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; font-size: 13px;`;

/** One picture: an HTML page, the width of the window it is drawn in, and the most height kept. */
interface Picture {
  file: string;
  html: string;
  width: number;
  maxHeight: number;
}

const page = (body: string, style = "") =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>body{margin:12px;${FONT}}${style}</style></head><body>${body}</body></html>`;

function columnLetter(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellText(v: unknown, tz: string): string {
  if (v instanceof Date) {
    const time = formatDate(v.getTime(), tz, "HH:mm:ss");
    return formatDate(v.getTime(), tz, time === "00:00:00" ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm");
  }
  const s = String(v ?? "");
  return s.length > 40 ? `${s.slice(0, 38)}…` : s;
}

/** A sheet as the spreadsheet shows it: column letters, row numbers, the header, colours; some columns. */
function sheetView(rt: Runtime, name: string, headers: readonly string[], maxRows: number): string {
  const sheet = rt.sheet(name);
  const tz = rt.manifest.timeZone;
  const all = Array.from({ length: sheet._lastColumn() }, (_, i) => String(sheet._get(1, i + 1)));
  const cols = headers.map((h) => {
    const c = all.indexOf(h) + 1;
    if (!c) throw new Error(`${name} has no column ${h}`);
    return c;
  });
  const rows = Math.min(sheet._lastRow(), maxRows + 1);
  const th = (t: string) => `<th>${escapeHtml(t)}</th>`;
  let html = `<tr>${th("")}${cols.map((c) => th(columnLetter(c))).join("")}</tr>`;
  for (let r = 1; r <= rows; r++) {
    const cells = cols.map((c) => {
      const f = sheet._displayedFormat(r, c);
      const style = `background:${f.background};color:${f.fontColor};${f.bold || r === 1 ? "font-weight:bold;" : ""}`;
      return `<td style="${style}">${escapeHtml(cellText(sheet._get(r, c), tz))}</td>`;
    });
    html += `<tr>${th(String(r))}${cells.join("")}</tr>`;
  }
  const tabs = rt.spreadsheet._sheets
    .filter((s) => !s._hidden)
    .map((s) => `<span class="${s._name === name ? "tab on" : "tab"}">${escapeHtml(s._name)}</span>`)
    .join("");
  return page(
    `<table>${html}</table><div class="tabs">${tabs}</div>`,
    `table{border-collapse:collapse}td,th{border:1px solid #c0c0c0;padding:3px 6px;white-space:nowrap;max-width:320px;overflow:hidden;text-overflow:ellipsis}th{background:#f1f3f4;color:#555;font-weight:normal}.tabs{margin-top:8px}.tab{display:inline-block;padding:3px 8px;margin-right:2px;background:#f1f3f4;color:#444;font-size:12px}.tab.on{background:#fff;color:#188038;border-bottom:2px solid #188038}`,
  );
}

/** The 专项整治 menu exactly as the script built it when the spreadsheet was opened. */
function menuView(rt: Runtime): string {
  const record = rt.ui.filter((u) => u.kind === "menu" && u.title === MENU.title).at(-1);
  if (!record) throw new Error("The demo never opened the spreadsheet: no menu to draw");
  const items = JSON.parse(record.message) as Array<{ caption: string } | "separator">;
  const list = items
    .map((i) =>
      i === "separator" ? `<div class="sep"></div>` : `<div class="item">${escapeHtml(i.caption)}</div>`,
    )
    .join("");
  const bar = ["文件", "修改", "查看", "插入", "格式", "数据", "工具", "扩展程序", "帮助", MENU.title]
    .map((m) => `<span class="${m === MENU.title ? "m on" : "m"}">${escapeHtml(m)}</span>`)
    .join("");
  return page(
    `<div class="bar">${bar}</div><div class="menu">${list}</div>`,
    `.bar{padding:4px 0}.m{padding:4px 8px;color:#333}.m.on{background:#e8f0fe;border-radius:4px}.menu{margin-left:470px;width:220px;box-shadow:0 2px 6px rgba(0,0,0,.3);padding:6px 0;background:#fff}.item{padding:6px 16px}.sep{border-top:1px solid #ddd;margin:4px 0}`,
  );
}

export function guidePictures(code: string, seed = 2026): Picture[] {
  const scenario = parseScenario(generateScenario(seed));
  const rt = new Runtime({
    start: new Date(scenario.start),
    code,
    owner: scenario.coordinator,
    spreadsheetName: `${scenario.settings["乡镇名称"] ?? "乡镇"}专项整治台账`,
  });
  playScenario(rt, scenario);
  rt.openSpreadsheet();
  const H = HEADERS;
  const pictures: Picture[] = [
    { file: "menu.png", html: menuView(rt), width: 760, maxHeight: 330 },
    {
      file: "sheet-settings.png",
      html: sheetView(rt, SHEET.settings, [H.settings.key, H.settings.value], 16),
      width: 760,
      maxHeight: 620,
    },
    {
      file: "sheet-register.png",
      html: sheetView(
        rt,
        SHEET.register,
        [
          H.register.id,
          H.register.name,
          H.register.type,
          H.register.village,
          H.register.licenceBucket,
          H.register.state,
          H.register.registration,
          H.register.formLink,
        ],
        8,
      ),
      width: 1100,
      maxHeight: 420,
    },
    {
      file: "sheet-findings.png",
      html: sheetView(
        rt,
        SHEET.findings,
        [
          H.findings.id,
          H.findings.institutionName,
          H.findings.itemCode,
          H.findings.itemText,
          H.findings.class,
          H.findings.deadline,
          H.findings.status,
          H.findings.overdue,
        ],
        8,
      ),
      width: 1200,
      maxHeight: 420,
    },
    {
      file: "sheet-pending.png",
      html: sheetView(
        rt,
        SHEET.pending,
        [H.pending.receivedAt, H.pending.form, H.pending.submittedBy, H.pending.reasons, H.pending.state],
        5,
      ),
      width: 1200,
      maxHeight: 320,
    },
    {
      file: "sheet-checklist.png",
      html: sheetView(
        rt,
        CHECKLIST_SHEET,
        [
          CHECKLIST_HEADERS.code,
          CHECKLIST_HEADERS.text,
          CHECKLIST_HEADERS.forms,
          CHECKLIST_HEADERS.dept,
          CHECKLIST_HEADERS.severity,
          CHECKLIST_HEADERS.deadlineDays,
          CHECKLIST_HEADERS.allowNa,
          CHECKLIST_HEADERS.enabled,
        ],
        8,
      ),
      width: 1200,
      maxHeight: 420,
    },
    {
      file: "sheet-draws.png",
      html: sheetView(
        rt,
        SHEET.draws,
        [
          H.draws.drawId,
          H.draws.institutionId,
          H.draws.institutionName,
          H.draws.village,
          H.draws.stratum,
          H.draws.inspectors,
          H.draws.result,
        ],
        6,
      ),
      width: 1200,
      maxHeight: 360,
    },
  ];
  // A reminder mail as the coordinator's phone shows it, and the first 整改通知书 on A4.
  const mail =
    rt.mail._sent.find((m) => m.htmlBody && /提醒/.test(m.subject)) ?? rt.mail._sent.find((m) => m.htmlBody);
  if (!mail) throw new Error("The demo sent no HTML mail");
  pictures.push({
    file: "mail.png",
    html: page(`<h3>${escapeHtml(mail.subject)}</h3>${mail.htmlBody!}`),
    width: 390,
    maxHeight: 1100,
  });
  const notice = rt.drive._files.find((f) => f.blob._source);
  if (!notice) throw new Error("The demo made no 整改通知书");
  pictures.push({ file: "notice.png", html: page(notice.blob._source!), width: 794, maxHeight: 1000 });
  const training = JSON.parse(rt.properties._stores.document.get("form:training")!) as {
    formId: string;
    version: string;
  };
  pictures.push({
    file: "form.png",
    html: renderFormHtml(rt.form(training.formId), training.version),
    width: 390,
    maxHeight: 1300,
  });
  return pictures;
}

export async function writeGuidePictures(pictures: readonly Picture[], dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ deviceScaleFactor: 1 });
    const written: string[] = [];
    for (const p of pictures) {
      await tab.setViewportSize({ width: p.width, height: 200 });
      await tab.setContent(p.html);
      const size = await tab.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        height: document.documentElement.scrollHeight,
      }));
      const file = path.join(dir, p.file);
      writeFileSync(
        file,
        await tab.screenshot({
          fullPage: true,
          clip: {
            x: 0,
            y: 0,
            width: Math.min(size.width, p.width),
            height: Math.min(size.height, p.maxHeight),
          },
        }),
      );
      written.push(file);
    }
    return written;
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const dir = path.resolve(process.argv[2] ?? path.join(root, "docs", "images"));
  const started = Date.now();
  const pictures = guidePictures(readFileSync(path.join(root, "dist", "Code.js"), "utf8"));
  const files = await writeGuidePictures(pictures, dir);
  for (const f of files) console.log(path.relative(process.cwd(), f));
  console.log(`${files.length} pictures in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
