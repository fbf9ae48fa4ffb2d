// `npm run preview`: the forms as an inspector will see them on a phone, written to out/forms/<form>.html
// (and an index.html listing them), so a township can check a checklist change before deploying.
//
// "The same as setup builds" by construction: we run the built bundle's 初始化/更新 in the local runtime
// and draw the Form objects it made (titles, help, page breaks, grids, choices, navigation), not forms/
// directly. The pages are static HTML (no script), one card per page, laid out for a 390-pixel screen.
// `writeFormPreviews(rt, dir)` draws the forms of any runtime (the demo's, after its campaign).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHECKLISTS } from "../forms/index";
import type { SimChoice, SimForm, SimItem } from "../sim/forms";
import { Runtime } from "../sim/runtime";
import { seedRegister, seedRoster, setSettings } from "../sim/township";

/** Every line the preview shows that is not the form's own text. */
export const PREVIEW_TEXT = {
  page: (n: number, of: number) => `第 ${n} 页（共 ${of} 页）`,
  requiredNote: "* 表示必填",
  email: "电子邮件",
  emailHelp: "表单收集填写人的邮箱（登录的 Google 账号）。",
  pick: "请选择",
  choices: (n: number) => `下拉选项（${n} 项）`,
  goTo: (n: number, title: string) => `第 ${n} 页${title ? `「${title}」` : ""}`,
  branchOne: (choice: string, to: string) => `选“${choice}” → ${to}`,
  branchOthers: (to: string) => `其他选项 → ${to}`,
  branchAll: (to: string) => `选择后 → ${to}`,
  afterPage: (to: string) => `本页之后 → ${to}`,
  submitAfterPage: "本页之后提交",
  date: "年 / 月 / 日",
  shortAnswer: "简短回答",
  longAnswer: "详细回答",
  otherChoice: "其他：",
  confirmation: "提交后显示",
  banner: (version: string) =>
    `表单预览 · 版本 ${version} · 由 forms/ 的检查表经 初始化/更新 生成，与部署后的表单一致（外观以 Google 表单为准）。`,
  exampleData: "机构、村和检查人员的选项是示例数据；部署后来自台账的 机构名录、配置 和 检查人员。",
  indexTitle: "表单预览",
  indexIntro: "检查人员在手机上看到的表单。修改 forms/ 后运行 npm run preview 重新生成，确认无误再部署。",
  indexRow: (pages: number, questions: number) => `${pages} 页 · ${questions} 个问题`,
} as const;

export interface PreviewedForm {
  defId: string;
  title: string;
  version: string;
  /** The written file, relative to the output folder. */
  file: string;
  pages: number;
  questions: number;
}

interface Page {
  number: number;
  /** The page-break item that opens the page (none for page 1). */
  breakItem?: SimItem;
  items: SimItem[];
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function pagesOf(form: SimForm): Page[] {
  const pages: Page[] = [{ number: 1, items: [] }];
  for (const item of form._items) {
    if (item._type === "PAGE_BREAK") pages.push({ number: pages.length + 1, breakItem: item, items: [] });
    else pages.at(-1)!.items.push(item);
  }
  return pages;
}

/** Where a choice or a page sends the inspector next, as text; undefined: the next page. */
function destination(
  pages: Page[],
  gotoPageId: number | undefined,
  navigation: string | undefined,
): string | undefined {
  if (navigation === "SUBMIT") return PREVIEW_TEXT.submitAfterPage;
  if (navigation === "RESTART") return PREVIEW_TEXT.goTo(1, "");
  if (gotoPageId === undefined) return undefined;
  const page = pages.find((p) => p.breakItem?._id === gotoPageId);
  return page ? PREVIEW_TEXT.goTo(page.number, page.breakItem!._title) : undefined;
}

function branchLines(pages: Page[], page: Page, choices: SimChoice[]): string[] {
  const next = pages[page.number]
    ? PREVIEW_TEXT.goTo(page.number + 1, pages[page.number]!.breakItem!._title)
    : "";
  const to = choices.map((c) => destination(pages, c.gotoPageId, c.navigation) ?? next);
  if (!choices.some((c) => c.gotoPageId !== undefined || c.navigation)) return [];
  const counts = new Map<string, number>();
  for (const t of to) counts.set(t, (counts.get(t) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  if (counts.size === 1) return [PREVIEW_TEXT.branchAll(common)];
  return [
    ...choices.flatMap((c, i) => (to[i] === common ? [] : [PREVIEW_TEXT.branchOne(c.value, to[i]!)])),
    PREVIEW_TEXT.branchOthers(common),
  ];
}

function title(item: Pick<SimItem, "_title" | "_required">): string {
  return `<div class="q-title">${escapeHtml(item._title)}${item._required ? ' <span class="req" aria-label="必填">*</span>' : ""}</div>`;
}

const help = (text: string) => (text ? `<div class="help">${escapeHtml(text)}</div>` : "");

function choiceList(item: SimItem, kind: "radio" | "box"): string {
  const rows = item._choices.map((c) => `<li><span class="${kind}"></span>${escapeHtml(c.value)}</li>`);
  if (item._hasOther)
    rows.push(`<li><span class="${kind}"></span>${PREVIEW_TEXT.otherChoice}<span class="line"></span></li>`);
  return `<ul class="choices">${rows.join("")}</ul>`;
}

function gridTable(item: SimItem, kind: "radio" | "box"): string {
  const head = item._columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("");
  const body = item._rows
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r)}</th>${item._columns.map(() => `<td><span class="${kind}"></span></td>`).join("")}</tr>`,
    )
    .join("");
  return `<table class="grid"><colgroup><col class="row-label">${item._columns.map(() => "<col>").join("")}</colgroup><thead><tr><td></td>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function renderItem(item: SimItem, pages: Page[], page: Page): string {
  const head = title(item) + help(item._helpText);
  switch (item._type) {
    case "SECTION_HEADER":
      return `<div class="q section-header"><h3>${escapeHtml(item._title)}</h3>${help(item._helpText)}</div>`;
    case "TEXT":
      return `<div class="q text">${head}<div class="answer short">${PREVIEW_TEXT.shortAnswer}</div></div>`;
    case "PARAGRAPH_TEXT":
      return `<div class="q paragraph">${head}<div class="answer long">${PREVIEW_TEXT.longAnswer}</div></div>`;
    case "DATE":
      return `<div class="q date">${head}<div class="answer short">${PREVIEW_TEXT.date}</div></div>`;
    case "MULTIPLE_CHOICE":
    case "CHECKBOX": {
      const branches = branchLines(pages, page, item._choices);
      return `<div class="q ${item._type === "CHECKBOX" ? "checkbox" : "choice"}">${head}${choiceList(item, item._type === "CHECKBOX" ? "box" : "radio")}${branches.map((b) => `<div class="branch">${escapeHtml(b)}</div>`).join("")}</div>`;
    }
    case "LIST": {
      const branches = branchLines(pages, page, item._choices);
      return `<div class="q list">${head}<div class="answer select">${PREVIEW_TEXT.pick}<span class="caret">▾</span></div><details${item._choices.length <= 8 ? " open" : ""}><summary>${PREVIEW_TEXT.choices(item._choices.length)}</summary>${choiceList(item, "radio")}</details>${branches.map((b) => `<div class="branch">${escapeHtml(b)}</div>`).join("")}</div>`;
    }
    case "GRID":
    case "CHECKBOX_GRID":
      return `<div class="q grid-q">${head}${gridTable(item, item._type === "GRID" ? "radio" : "box")}</div>`;
    case "PAGE_BREAK":
      return "";
  }
}

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#efe9f6;color:#202124;font:15px/1.5 "Noto Sans CJK SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif;overflow-wrap:anywhere}
main{max-width:640px;margin:0 auto;padding:8px}
.banner{font-size:12px;color:#5f6368;margin:4px 4px 8px}
.page{margin:0 0 20px}
.page-no{font-size:12px;color:#5f6368;margin:0 4px 4px}
.card{background:#fff;border-radius:8px;border:1px solid #dadce0;padding:16px;margin:0 0 10px}
.card.head{border-top:8px solid #673ab7}
.card.head h1{font-size:22px;font-weight:500;margin:0 0 8px}
.card.head h2{font-size:18px;font-weight:500;margin:0 0 6px}
.card.head .desc{white-space:pre-line;color:#3c4043}
.req-note{color:#d93025;font-size:13px;margin-top:10px}
.q-title{font-weight:500;margin-bottom:4px}
.req{color:#d93025}
.help{white-space:pre-line;font-size:13px;color:#5f6368;margin-bottom:8px}
.answer{color:#80868b;border-bottom:1px solid #dadce0;padding:6px 0;margin-top:6px}
.answer.long{min-height:56px}
.answer.select{display:flex;justify-content:space-between;border:1px solid #dadce0;border-radius:4px;padding:8px 10px;max-width:100%}
details{margin-top:6px;font-size:14px}
summary{color:#5f6368;cursor:pointer}
.choices{list-style:none;margin:6px 0 0;padding:0}
.choices li{display:flex;align-items:flex-start;gap:10px;padding:5px 0}
.radio,.box{flex:none;display:inline-block;width:18px;height:18px;border:2px solid #5f6368;margin-top:2px}
.radio{border-radius:50%}
.box{border-radius:3px}
.line{flex:1;border-bottom:1px solid #dadce0}
.branch{font-size:13px;color:#1a73e8;margin-top:6px}
table.grid{width:100%;table-layout:fixed;border-collapse:collapse;margin-top:6px}
table.grid col.row-label{width:46%}
table.grid th,table.grid td{padding:6px 2px;overflow-wrap:anywhere;word-break:break-word}
table.grid thead td,table.grid thead th{font-size:12px;font-weight:400;color:#5f6368;text-align:center;vertical-align:bottom}
table.grid tbody th{font-size:14px;font-weight:400;text-align:left;vertical-align:middle;padding-right:6px}
table.grid tbody tr:nth-child(odd){background:#f8f9fa}
table.grid tbody td{text-align:center;vertical-align:middle}
.done{font-size:14px;color:#3c4043}
.done .q-title{color:#5f6368;font-weight:400;font-size:12px}
a{color:#1a73e8}
ul.forms{list-style:none;padding:0;margin:0}
ul.forms li{margin:0 0 10px}
.meta{font-size:13px;color:#5f6368}
`;

function documentHtml(titleText: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(titleText)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** One form as a phone shows it: a card per page, "第 N 页" above each. */
export function renderFormHtml(form: SimForm, version: string, dataNote?: string): string {
  const pages = pagesOf(form);
  const banner = `<p class="banner">${escapeHtml(PREVIEW_TEXT.banner(version))}${dataNote ? `<br>${escapeHtml(dataNote)}` : ""}</p>`;
  const hasRequired = form._items.some((i) => i._required) || form._collectEmail;
  const body = pages.map((page) => {
    const head =
      page.number === 1
        ? `<div class="card head"><h1>${escapeHtml(form._title)}</h1>${form._description ? `<div class="desc">${escapeHtml(form._description)}</div>` : ""}${hasRequired ? `<div class="req-note">${PREVIEW_TEXT.requiredNote}</div>` : ""}</div>` +
          (form._collectEmail
            ? `<div class="card q email">${title({ _title: PREVIEW_TEXT.email, _required: true })}${help(PREVIEW_TEXT.emailHelp)}<div class="answer short">${PREVIEW_TEXT.shortAnswer}</div></div>`
            : "")
        : `<div class="card head"><h2>${escapeHtml(page.breakItem!._title)}</h2>${page.breakItem!._helpText ? `<div class="desc">${escapeHtml(page.breakItem!._helpText)}</div>` : ""}</div>`;
    const items = page.items
      .map((item) => `<div class="card">${renderItem(item, pages, page)}</div>`)
      .join("\n");
    const next = pages[page.number];
    const after = next?.breakItem?._goToPageId
      ? `<div class="branch">${escapeHtml(PREVIEW_TEXT.afterPage(destination(pages, next.breakItem._goToPageId, undefined) ?? ""))}</div>`
      : "";
    return `<section class="page" id="page-${page.number}" data-page="${page.number}">
<div class="page-no">${PREVIEW_TEXT.page(page.number, pages.length)}</div>
${head}
${items}${after}
</section>`;
  });
  const done = form._confirmation
    ? `<div class="card done"><div class="q-title">${PREVIEW_TEXT.confirmation}</div>${escapeHtml(form._confirmation)}</div>`
    : "";
  return documentHtml(form._title, `${banner}\n${body.join("\n")}\n${done}`);
}

export function renderIndexHtml(forms: PreviewedForm[], dataNote?: string): string {
  const rows = forms
    .map(
      (f) =>
        `<li class="card"><a href="${encodeURI(f.file)}">${escapeHtml(f.title)}</a><div class="meta">${escapeHtml(f.defId)} · 版本 ${escapeHtml(f.version)} · ${PREVIEW_TEXT.indexRow(f.pages, f.questions)}</div></li>`,
    )
    .join("\n");
  return documentHtml(
    PREVIEW_TEXT.indexTitle,
    `<div class="card head"><h1>${PREVIEW_TEXT.indexTitle}</h1><div class="desc">${PREVIEW_TEXT.indexIntro}${dataNote ? `\n${escapeHtml(dataNote)}` : ""}</div></div>\n<ul class="forms">\n${rows}\n</ul>`,
  );
}

/** The forms setup recorded in the runtime (document properties `form:<id>`), in forms/index.ts order. */
function recordedForms(rt: Runtime): Array<{ defId: string; version: string; form: SimForm }> {
  const order = CHECKLISTS.forms.map((f) => f.id);
  const out: Array<{ defId: string; version: string; form: SimForm }> = [];
  for (const [key, raw] of rt.properties._stores.document) {
    if (!key.startsWith("form:")) continue;
    const rec = JSON.parse(raw) as { defId: string; formId: string; version: string };
    const form = rt.forms._forms.get(rec.formId);
    if (form && !form._deleted) out.push({ defId: rec.defId, version: rec.version, form });
  }
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return out.sort((a, b) => rank(a.defId) - rank(b.defId) || a.defId.localeCompare(b.defId));
}

/** Writes `<dir>/<form>.html` for every form setup built in `rt`, and `<dir>/index.html`. */
export function writeFormPreviews(rt: Runtime, dir: string, dataNote?: string): PreviewedForm[] {
  mkdirSync(dir, { recursive: true });
  const written = recordedForms(rt).map(({ defId, version, form }): PreviewedForm => {
    const file = `${defId}.html`;
    writeFileSync(path.join(dir, file), renderFormHtml(form, version, dataNote));
    const questions = form._items.filter((i) => i._type !== "PAGE_BREAK" && i._type !== "SECTION_HEADER");
    return {
      defId,
      title: form._title,
      version,
      file,
      pages: pagesOf(form).length,
      questions: questions.length,
    };
  });
  if (written.length === 0)
    throw new Error("No forms to preview: run setup (初始化/更新) in the runtime first.");
  writeFileSync(path.join(dir, "index.html"), renderIndexHtml(written, dataNote));
  return written;
}

/** A township as a coordinator leaves it after the first 初始化/更新, with a few example rows. */
export function exampleTownship(code: string): Runtime {
  const rt = new Runtime({
    start: new Date("2026-03-02T09:00:00+08:00"),
    code,
    spreadsheetName: "示例镇专项整治台账",
  });
  rt.openSpreadsheet();
  rt.clickMenu("setup");
  setSettings(rt, {
    乡镇名称: "示例镇",
    活动开始日期: "2026-03-01",
    "村/社区（用顿号或逗号分隔）": "东村、西村、南村",
  });
  seedRegister(rt, [
    { name: "阳光培训学校", type: "校外培训机构", village: "东村" },
    { name: "启航艺术培训中心", type: "校外培训机构", village: "西村" },
    { name: "快乐托管班", type: "校外托管机构", village: "西村" },
    { name: "张阿姨小饭桌", type: "小饭桌", village: "南村" },
    { name: "贝贝托育园", type: "托育机构", village: "东村" },
  ]);
  seedRoster(rt, [
    { name: "张三", department: "教育", email: "zhangsan@example.cn" },
    { name: "李四", department: "消防", email: "lisi@example.cn" },
    { name: "王五", department: "市场监管", email: "wangwu@example.cn" },
  ]);
  rt.clickMenu("setup");
  return rt;
}

/** `npm run preview`: the example township's forms from the built bundle (dist/Code.js). */
export function previewForms(outDir: string, code: string): PreviewedForm[] {
  return writeFormPreviews(exampleTownship(code), outDir, PREVIEW_TEXT.exampleData);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const outDir = path.resolve(process.argv[2] ?? path.join(root, "out", "forms"));
  const forms = previewForms(outDir, readFileSync(path.join(root, "dist", "Code.js"), "utf8"));
  for (const f of forms)
    console.log(`${path.relative(process.cwd(), path.join(outDir, f.file))}  ${f.title}（${f.pages} 页）`);
  console.log(`${path.relative(process.cwd(), path.join(outDir, "index.html"))}  表单预览 / form previews`);
}
