// What the CLI wrote, described for out/index.html: one line per output, grouped, with the campaign's
// numbers and the weekly chart read back from the exported 问题台账.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Runtime } from "./runtime";
import type { Scenario, UiRecord } from "./scenario";
import { sheetRows } from "./township";
import { formatDate } from "./format-date";
import { indexPageHtml, weeksFromFindings, type OutputEntry } from "./index-page";

export interface Written {
  rt: Runtime;
  scenario: Scenario;
  demo: boolean;
  sheets: string[];
  /** The .html of each mail (a .json with the same name beside it). */
  mails: string[];
  notices: { html: string[]; pdf: string[]; pages: number[] };
  /** The form previews (forms/<id>.html and forms/index.html), when setup built forms. */
  forms?: Array<{ file: string; title: string; version: string; pages: number }>;
  snapshots: string[];
  ui: UiRecord[];
}

function sheetFile(file: string): { name: string; rows: Array<Record<string, unknown>> } {
  const json = JSON.parse(readFileSync(file, "utf8")) as { name: string; rows: unknown[][] };
  const header = (json.rows[0] ?? []) as string[];
  return {
    name: json.name,
    rows: json.rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))),
  };
}

export function writeIndexPage(out: string, w: Written): void {
  const tz = w.rt.manifest.timeZone;
  const rel = (file: string) => path.relative(out, file).split(path.sep).join("/");
  const findingsFile = w.sheets.find((f) => f.endsWith("-问题台账.json"));
  const findings = findingsFile ? sheetFile(findingsFile).rows : [];
  const end = formatDate(Date.parse(w.scenario.end), tz, "yyyy-MM-dd");
  const start = formatDate(Date.parse(w.scenario.start), tz, "yyyy-MM-dd");
  const register = sheetRows(w.rt, "机构名录");
  const inspected = new Set(sheetRows(w.rt, "检查记录").map((r) => r["机构编号"])).size;
  const signed = findings.filter((f) => f["状态"] === "已销号").length;
  const overdue = findings.filter((f) => String(f["逾期"] ?? "").startsWith("逾期")).length;
  const pending = sheetRows(w.rt, "待核实").length;

  const mailEntries: OutputEntry[] = w.mails.map((html) => {
    const m = JSON.parse(readFileSync(html.replace(/\.html$/, ".json"), "utf8")) as {
      subject: string;
      to: string[];
      at: string;
    };
    return {
      href: rel(html),
      label: m.subject,
      what: `${m.at.slice(0, 16).replace("T", " ")} 发给 ${m.to.join("、")}`,
    };
  });
  const noticeEntries: OutputEntry[] = w.notices.html.map((html, i) => {
    const pdf = w.notices.pdf[i];
    return pdf
      ? {
          href: rel(pdf),
          label: path.basename(pdf),
          what: `PDF，A4 ${w.notices.pages[i]} 页（HTML 原稿：${path.basename(html)}）`,
        }
      : { href: rel(html), label: path.basename(html), what: "HTML（安装 Chromium 后重新运行可得 PDF）" };
  });
  const sheetEntries: OutputEntry[] = w.sheets.map((file) => {
    const s = sheetFile(file);
    return { href: rel(file), label: s.name, what: `${s.rows.length} 行，每个单元格的值（JSON）` };
  });
  const shown = (kind: string) => w.ui.filter((u) => u.kind === kind).length;

  const html = indexPageHtml({
    title: w.scenario.name,
    period: `${start} 至 ${end}（${w.demo ? "npm start 生成的演示" : "场景文件"}，在本地 Apps Script 运行环境中按时间播放）`,
    facts: [
      `机构 ${register.length} 家（其中排查中新发现 ${register.filter((r) => r["登记状态"] === "待核实").length} 家），已检查 ${inspected} 家；`,
      `发现问题 ${findings.length} 项，已销号 ${signed} 项，逾期未整改 ${overdue} 项；待核实的提交 ${pending} 条；`,
      `邮件 ${w.mails.length} 封，整改通知书 ${w.notices.html.length} 份，触发器和菜单运行 ${w.rt.executions.length} 次。`,
    ],
    weeks: weeksFromFindings(findings, end),
    sections: [
      {
        heading: "台账",
        entries: [
          {
            href: "ledger.xlsx",
            label: "ledger.xlsx",
            what: "整本台账，协调员在表格里看到的样子：颜色、冻结表头、下拉选项、日期与表格中同一天",
          },
        ],
      },
      {
        heading: "各工作表（sheets/）",
        intro: "每张工作表的全部值，便于比对和写测试。",
        entries: sheetEntries,
        folded: true,
      },
      {
        heading: `邮件（mails/，${w.mails.length} 封）`,
        intro:
          "周汇总、月通报、逾期提醒和待核实汇总，按发送时间排列；用手机宽度的窗口打开 .html 看效果，.json 是收件人和正文。",
        entries: mailEntries,
        folded: true,
      },
      {
        heading: `整改通知书（notices/，${w.notices.html.length} 份）`,
        intro: "一校一单：每次发现问题的检查生成一份，可直接打印送达（文号、签收栏、盖章处）。",
        entries: noticeEntries,
        folded: true,
      },
      ...(w.forms?.length
        ? [
            {
              heading: `表单（forms/，${w.forms.length} 张）`,
              intro: "检查人员在手机上看到的表单（与 npm run preview 相同），活动结束时的样子。",
              entries: [
                { href: "forms/index.html", label: "index.html", what: "全部表单的目录" },
                ...w.forms.map((f) => ({
                  href: `forms/${f.file}`,
                  label: f.title,
                  what: `版本 ${f.version}，${f.pages} 页`,
                })),
              ],
              folded: true,
            },
          ]
        : []),
      {
        heading: "运行记录",
        entries: [
          {
            href: "runs.tsv",
            label: "runs.tsv",
            what: "每次触发器和菜单运行：时间、函数、Sheets 调用次数、全部调用次数、按模型估算的 Apps Script 用时、错误",
          },
          {
            href: "ui.json",
            label: "ui.json",
            what: `协调员在表格中看到的提示和对话框（提示 ${shown("toast")} 条、提醒框 ${shown("alert")} 个、输入框 ${shown("prompt")} 个）及每个对话框的回答`,
          },
        ],
      },
      {
        heading: "场景",
        entries: [
          ...(w.demo
            ? [
                {
                  href: "scenario.json",
                  label: "scenario.json",
                  what: "这次演示的全部数据和时间线（场景格式，可修改后用 npm run sim -- out/scenario.json 重放）",
                },
              ]
            : []),
          ...w.snapshots.map((dir) => ({
            href: `${rel(dir)}/ledger.xlsx`,
            label: `snapshots/${path.basename(dir)}/`,
            what: "场景中 snapshot 事件那一刻的整本台账（ledger.xlsx 和 sheets/*.json）",
          })),
        ],
      },
    ],
  });
  writeFileSync(path.join(out, "index.html"), html);
}
