// 整改通知书 (一校一单): one notice per inspection with findings, for the institution. A document an office
// can serve: 文号, addressee with address and operator, each finding in words with its basis and deadline
// (item codes and finding ids only in small print), what happens if it is not put right (三类: closure is
// proposed), a receipt block and a seal area. One A4 portrait page for up to eight findings; the same
// HTML is mailed to the institution, so it also reads on a phone.
import { escapeHtml, keepTokensWhole } from "./html";
import { addDays } from "./dates";
import type { FindingClass, LocalDate } from "./types";
import { CLASS_NAME, NOTICE_TEXT } from "../text/zh";
import { SEP_COLON, SEP_LIST, withFullStop } from "../text/words";
import { NOTICE_VIEW } from "../text/views";

export interface NoticeFinding {
  id: string;
  /** "FIRE-01 疏散通道……": the item's code (printed only in small print) and its words. */
  item: string;
  description: string;
  classLabel: string;
  deadline: LocalDate | "";
  basis: string;
  responsible: string;
  fixedOnSpot: boolean;
  /** I / II / III; read from classLabel (一类/二类/三类) when absent. */
  classKey?: FindingClass;
}

/** 文号: `${prefix}〔${year}〕第 ${number} 号`, numbered per township and year by the caller. */
export interface NoticeNumber {
  /** e.g. "西夏墅整治" (the office's short name); may be empty. */
  prefix?: string;
  year: number;
  number: number;
}

export interface NoticeInput {
  township: string;
  institution: {
    id: string;
    name: string;
    village: string;
    address: string;
    operator: string;
    /** 联系电话 from 机构名录. */
    phone?: string;
  };
  inspection: { id: string; date: LocalDate; inspectors: string; departments: string };
  findings: NoticeFinding[];
  /** Without it the notice prints a blank 〔    〕第    号 for the office to fill in by hand. */
  number?: NoticeNumber;
  /** The issuing office (default `${township}专项整治工作领导小组办公室`) and its phone. */
  office?: { name?: string; phone?: string };
  /** 临时管控措施 the inspectors required until the 二类 findings are put right (asked once per inspection). */
  interim?: string;
  /** The date of issue printed above the seal (default: the inspection date). */
  issuedOn?: LocalDate;
}

/** Re-inspection is due the day after the last deadline of the findings still to be rectified. */
function reinspectionDate(input: NoticeInput): LocalDate | "" {
  const deadlines = input.findings
    .filter((f) => !f.fixedOnSpot && f.deadline)
    .map((f) => f.deadline as LocalDate);
  if (!deadlines.length) return "";
  return addDays(deadlines.sort()[deadlines.length - 1]!, 1);
}

export function noticeNumberText(n: NoticeNumber | undefined): string {
  return n ? NOTICE_VIEW.number(n.prefix ?? "", n.year, n.number) : NOTICE_VIEW.blankNumber;
}

function classOf(f: NoticeFinding): FindingClass {
  if (f.classKey) return f.classKey;
  if (f.classLabel.startsWith(CLASS_NAME.III)) return "III";
  if (f.classLabel.startsWith(CLASS_NAME.II)) return "II";
  return "I";
}

function itemParts(f: NoticeFinding): { code: string; text: string } {
  const m = /^([A-Z]+-\d+)\s+(.*)$/s.exec(f.item);
  return m ? { code: m[1]!, text: m[2]! } : { code: "", text: f.item };
}

const SMALL = "font-size:11px;color:#5f6368";
const CELL = "border:1px solid #999;padding:2px 5px;vertical-align:top";

function deadlineCell(f: NoticeFinding): string {
  if (f.fixedOnSpot) return NOTICE_VIEW.fixedOnSpot;
  const c = classOf(f);
  if (c === "III") return NOTICE_VIEW.closureProposed;
  if (c === "I") return NOTICE_VIEW.immediately;
  return f.deadline ? NOTICE_VIEW.before(f.deadline) : NOTICE_TEXT.noDeadline;
}

function findingRow(f: NoticeFinding, k: number): string {
  const { code, text } = itemParts(f);
  const c = classOf(f);
  const found =
    f.description && f.description !== text ? NOTICE_VIEW.found + withFullStop(f.description) : "";
  const lines = [
    `<div><b>${escapeHtml(NOTICE_VIEW.classTag[c])}</b>${escapeHtml(withFullStop(text))}${escapeHtml(found)}</div>`,
    `<div>${f.basis ? escapeHtml(`${NOTICE_VIEW.basis}${f.basis}`) : ""}<span style="${SMALL};margin-left:8px">${escapeHtml(NOTICE_VIEW.smallPrint(code, f.id))}</span></div>`,
  ].join("");
  return `<tr><td style="${CELL};text-align:center">${k + 1}</td><td style="${CELL}">${lines}</td><td style="${CELL}">${escapeHtml(deadlineCell(f))}</td></tr>`;
}

/** Label and value side by side; two pairs share a line on paper, one per line on a phone. */
function pair(label: string, value: string): string {
  return `<span style="display:inline-block;min-width:48%;max-width:100%;margin:0 0 2px"><span style="color:#444">${escapeHtml(label + SEP_COLON)}</span>${escapeHtml(value || "—")}</span>`;
}

export function noticeHtml(input: NoticeInput): string {
  const i = input.institution;
  const office = input.office?.name || NOTICE_VIEW.office(input.township);
  const issued = input.issuedOn ?? input.inspection.date;
  const re = reinspectionDate(input);
  const responsible = [...new Set(input.findings.map((f) => f.responsible).filter(Boolean))].join(SEP_LIST);
  const classes = new Set(input.findings.filter((f) => !f.fixedOnSpot).map(classOf));
  const closureItems = input.findings
    .map((f, k) => (classOf(f) === "III" && !f.fixedOnSpot ? k + 1 : 0))
    .filter(Boolean);
  const demands = [
    classes.has("I") ? NOTICE_VIEW.demandI : "",
    classes.has("II") ? NOTICE_VIEW.demandII(input.interim ?? "") : "",
    re ? NOTICE_VIEW.report(re) : NOTICE_VIEW.reportNoDate,
  ].filter(Boolean);
  const consequences = [
    classes.has("II") || classes.has("I") ? NOTICE_VIEW.failureSuspend : "",
    closureItems.length ? NOTICE_VIEW.failureClosure(closureItems) : "",
  ].filter(Boolean);
  // The institution and the inspection, in NOTICE_VIEW.labels' order.
  const facts: Record<keyof typeof NOTICE_VIEW.labels, string> = {
    address: i.address || i.village,
    operator: i.operator,
    phone: i.phone ?? "",
    responsible,
    institutionId: i.id,
    date: input.inspection.date,
    departments: input.inspection.departments,
    inspectors: input.inspection.inspectors,
  };
  const body = [
    `<style>@page{size:A4 portrait;margin:12mm 15mm 10mm}</style>`,
    `<div style="text-align:center;font-size:22px;font-weight:bold;letter-spacing:4px;margin:0 0 2px">${escapeHtml(NOTICE_VIEW.title)}</div>`,
    `<div style="text-align:center;margin:0 0 10px">${escapeHtml(noticeNumberText(input.number))}</div>`,
    `<div style="font-weight:bold;margin:0 0 4px">${escapeHtml(NOTICE_VIEW.addressee(i.name))}</div>`,
    `<div style="border:1px solid #999;padding:5px 7px;margin:0 0 8px">${Object.entries(NOTICE_VIEW.labels)
      .map(([k, label]) => pair(label, facts[k as keyof typeof facts]))
      .join("")}</div>`,
    `<p style="margin:0 0 6px;text-indent:2em">${escapeHtml(NOTICE_VIEW.intro(input.inspection.date, input.findings.length))}</p>`,
    `<table style="border-collapse:collapse;width:100%;margin:0 0 6px;font-size:13.5px;line-height:1.35"><tr><th style="${CELL};width:2.2em;background:#f1f3f4">${escapeHtml(NOTICE_VIEW.headers.n)}</th><th style="${CELL};background:#f1f3f4;text-align:left">${escapeHtml(NOTICE_VIEW.headers.finding)}</th><th style="${CELL};width:7.2em;background:#f1f3f4;text-align:left">${escapeHtml(NOTICE_VIEW.headers.deadline)}</th></tr>${input.findings.map(findingRow).join("")}</table>`,
    `<div style="margin:0 0 4px"><b>${escapeHtml(NOTICE_VIEW.demandsHeading)}</b>${demands.map((d) => escapeHtml(d)).join("")}</div>`,
    consequences.length
      ? `<div style="margin:0 0 8px"><b>${escapeHtml(NOTICE_VIEW.failureHeading)}</b>${consequences
          .map((d, k) =>
            k === consequences.length - 1 && closureItems.length ? `<b>${escapeHtml(d)}</b>` : escapeHtml(d),
          )
          .join("")}</div>`
      : "",
    `<table style="width:100%;border-collapse:collapse;margin:6px 0 4px;page-break-inside:avoid"><tr>`,
    `<td style="width:50%;vertical-align:top;padding:0 8px 0 0;min-width:150px"><div style="font-weight:bold;margin:0 0 8px">${escapeHtml(NOTICE_VIEW.receiptHeading)}</div><div style="margin:0 0 10px">${escapeHtml(NOTICE_VIEW.receiver)}</div><div>${escapeHtml(NOTICE_VIEW.receivedOn)}</div></td>`,
    `<td style="width:50%;vertical-align:top;text-align:right"><div style="margin:0 0 4px">${escapeHtml(office)}</div><div style="margin:0 0 4px;color:#888">${escapeHtml(NOTICE_VIEW.seal)}</div><div>${escapeHtml(NOTICE_VIEW.issued(issued))}</div><div>${escapeHtml(NOTICE_VIEW.officePhone(input.office?.phone || NOTICE_VIEW.blankPhone))}</div></td>`,
    `</tr></table>`,
    `<div style="${SMALL};border-top:1px solid #ccc;padding-top:3px">${escapeHtml(NOTICE_VIEW.footer(input.inspection.id))}</div>`,
  ].join("");
  return keepTokensWhole(
    `<div style="font-family:'SimSun','Songti SC','Noto Serif CJK SC','Noto Sans CJK SC','WenQuanYi Micro Hei',serif;font-size:14px;line-height:1.4;max-width:720px;margin:0 auto;color:#000;overflow-wrap:anywhere">${body}</div>`,
  );
}
