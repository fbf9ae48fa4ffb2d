// 整改通知书 (一校一单): one notice per inspection with findings, for the institution.
import { escapeHtml, htmlPage, htmlTable } from "./html";
import { addDays } from "./dates";
import type { LocalDate } from "./types";
import { NOTICE_TEXT } from "../text/zh";

export interface NoticeFinding {
  id: string;
  item: string;
  description: string;
  classLabel: string;
  deadline: LocalDate | "";
  basis: string;
  responsible: string;
  fixedOnSpot: boolean;
}

export interface NoticeInput {
  township: string;
  institution: { id: string; name: string; village: string; address: string; operator: string };
  inspection: { id: string; date: LocalDate; inspectors: string; departments: string };
  findings: NoticeFinding[];
}

/** Re-inspection is due the day after the last deadline of the findings still to be rectified. */
export function reinspectionDate(input: NoticeInput): LocalDate | "" {
  const deadlines = input.findings
    .filter((f) => !f.fixedOnSpot && f.deadline)
    .map((f) => f.deadline as LocalDate);
  if (!deadlines.length) return "";
  return addDays(deadlines.sort()[deadlines.length - 1]!, 1);
}

export function noticeHtml(input: NoticeInput): string {
  const i = input.institution;
  const re = reinspectionDate(input);
  const rows = input.findings.map((f, k) => [
    k + 1,
    f.id,
    f.item,
    f.description,
    f.classLabel,
    f.fixedOnSpot ? NOTICE_TEXT.fixedOnSpot : f.deadline || NOTICE_TEXT.noDeadline,
    f.responsible,
    f.basis,
  ]);
  const body = [
    `<p>${escapeHtml(NOTICE_TEXT.to(i.name, i.id))}</p>`,
    `<p>${escapeHtml(NOTICE_TEXT.intro(input.inspection.date, input.inspection.departments, input.inspection.inspectors, i.address || i.village))}</p>`,
    htmlTable(["序号", "问题编号", "检查项", "问题描述", "类别", "整改期限", "责任人", "依据"], rows),
    `<p>${escapeHtml(NOTICE_TEXT.demand)}</p>`,
    re ? `<p>${escapeHtml(NOTICE_TEXT.reinspection(re))}</p>` : "",
    `<p>${escapeHtml(NOTICE_TEXT.sign(input.township, input.inspection.date))}</p>`,
    `<p style="font-size:12px;color:#555">${escapeHtml(NOTICE_TEXT.footer(input.inspection.id))}</p>`,
  ].join("");
  return htmlPage(NOTICE_TEXT.title(i.name), body);
}
