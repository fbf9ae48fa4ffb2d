// npm run county -- rollup <registry.json> [--out county.xlsx] [--html county.html] [--sheet <countySpreadsheetId>]
// npm run county -- rollup --from-xlsx <dir> [...]
// Reads each township's ledger (one values.batchGet per township, a bounded number in flight, retries on
// 429/5xx) and computes the county 汇总表 with the townships' own domain code (src/domain/summary.ts).
// A township whose ledger cannot be read is listed with the reason, never silently left out.
import { readdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { LEDGER, locateColumns, rowToObject, type SheetKey } from "../src/domain/ledger";
import { parseLocalDate } from "../src/domain/dates";
import {
  ranking,
  rateText,
  summaryCells,
  summaryTables,
  summaryInputFromRows,
  type RankRow,
  type SummaryInput,
  type SummaryRow,
} from "../src/domain/summary";
import { SUMMARY_COLUMNS } from "../src/text/summary";
import { escapeHtml, htmlPage, htmlTable } from "../src/domain/html";
import type { LocalDate } from "../src/domain/types";
import { apiError, pool, withRetry, type Clients } from "./google";
import type { Registry } from "./registry";

const SHEETS: SheetKey[] = ["register", "findings", "inspections"];

export type TownshipLedger =
  { name: string; ok: true; input: SummaryInput } | { name: string; ok: false; reason: string };

const date = (v: unknown): LocalDate | "" =>
  v instanceof Date ? v.toISOString().slice(0, 10) : (parseLocalDate(String(v ?? "")) ?? "");

/** A township's sheets (as displayed values, header first) into the summary's input. */
function ledgerInput(name: string, values: Record<SheetKey, unknown[][]>, today: LocalDate): TownshipLedger {
  const tables: Partial<Record<SheetKey, Array<Record<string, unknown>>>> = {};
  for (const key of SHEETS) {
    const grid = values[key] ?? [];
    const layout = locateColumns(key, grid[0] ?? []);
    if (!grid.length) return { name, ok: false, reason: `没有「${LEDGER[key].name}」表` };
    if (layout.missing.length)
      return {
        name,
        ok: false,
        reason: `台账版本过旧或被改动：「${LEDGER[key].name}」缺少列 ${layout.missing.map((c) => c.header).join("、")}`,
      };
    tables[key] = grid.slice(1).map((r) => rowToObject(layout, r));
  }
  const { input } = summaryInputFromRows(
    { register: tables.register!, findings: tables.findings!, inspections: tables.inspections! },
    today,
    date,
  );
  return { name, ok: true, input };
}

export async function readFromGoogle(
  c: Clients,
  registry: Registry,
  today: LocalDate,
  options: { concurrency?: number; retry?: Parameters<typeof withRetry>[1]; log?: (s: string) => void } = {},
): Promise<TownshipLedger[]> {
  const log = options.log ?? (() => undefined);
  return pool(registry.townships, options.concurrency ?? 4, async (t, i) => {
    if (!t.spreadsheetId)
      return { name: t.name, ok: false as const, reason: "尚未创建台账（rollout 未完成）" };
    try {
      const res = await withRetry(
        () =>
          c.sheets.spreadsheets.values.batchGet({
            spreadsheetId: t.spreadsheetId!,
            ranges: SHEETS.map((k) => LEDGER[k].name),
            valueRenderOption: "FORMATTED_VALUE",
          }),
        options.retry,
      );
      const ranges = res.data.valueRanges ?? [];
      const values = Object.fromEntries(
        SHEETS.map((k, j) => [k, (ranges[j]?.values ?? []) as unknown[][]]),
      ) as Record<SheetKey, unknown[][]>;
      log(`[${i + 1}/${registry.townships.length}] ${t.name}：已读取`);
      return ledgerInput(t.name, values, today);
    } catch (e) {
      const err = apiError(e);
      log(`[${i + 1}/${registry.townships.length}] ${t.name}：无法读取（${err.message}）`);
      return {
        name: t.name,
        ok: false as const,
        reason: `无法读取：${err.status ? `${err.status} ` : ""}${err.message}`,
      };
    }
  });
}

/** Ledgers exported as .xlsx (one file per township, named after it), for townships that send files. */
export async function readFromXlsx(dir: string, today: LocalDate): Promise<TownshipLedger[]> {
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".xlsx"))
    .sort();
  const out: TownshipLedger[] = [];
  for (const file of files) {
    const name = path.basename(file, path.extname(file)).replace(/专项整治台账$/, "");
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, file));
      const values = {} as Record<SheetKey, unknown[][]>;
      for (const key of SHEETS) {
        const ws = wb.getWorksheet(LEDGER[key].name);
        const grid: unknown[][] = [];
        ws?.eachRow({ includeEmpty: false }, (row, n) => {
          const cells: unknown[] = [];
          row.eachCell(
            { includeEmpty: true },
            (cell, c) => (cells[c - 1] = cell.value instanceof Date ? cell.value : cell.text),
          );
          grid[n - 1] = Array.from(cells, (v) => v ?? "");
        });
        values[key] = Array.from(grid, (r) => r ?? []);
      }
      out.push(ledgerInput(name, values, today));
    } catch (e) {
      out.push({ name, ok: false, reason: `文件无法读取：${(e as Error).message}` });
    }
  }
  return out;
}

export interface CountyTables {
  byTownship: SummaryRow[];
  byType: SummaryRow[];
  total: SummaryRow;
  ranking: RankRow[];
  unreadable: Array<{ name: string; reason: string }>;
}

export function countyTables(ledgers: readonly TownshipLedger[]): CountyTables {
  const ok = ledgers.filter((l): l is Extract<TownshipLedger, { ok: true }> => l.ok);
  const byTownship = ok.map((l) => ({ ...summaryTables(l.input).total, label: l.name }));
  // Institution ids are per township: prefix them so two townships' R0001 stay two institutions.
  const merged: SummaryInput = {
    institutions: ok.flatMap((l, i) => l.input.institutions.map((x) => ({ ...x, id: `${i}:${x.id}` }))),
    findings: ok.flatMap((l, i) =>
      l.input.findings.map((x) => ({ ...x, institutionId: `${i}:${x.institutionId}` })),
    ),
    inspections: ok.flatMap((l, i) =>
      l.input.inspections.map((x) => ({ ...x, institutionId: `${i}:${x.institutionId}` })),
    ),
  };
  const county = summaryTables(merged);
  return {
    byTownship,
    byType: county.byType,
    total: county.total,
    ranking: ranking(byTownship),
    unreadable: ledgers
      .filter((l): l is Extract<TownshipLedger, { ok: false }> => !l.ok)
      .map((l) => ({ name: l.name, reason: l.reason })),
  };
}

export function countyBlock(t: CountyTables, title: string): Array<Array<string | number>> {
  return [
    [title],
    ["乡镇", ...SUMMARY_COLUMNS],
    ...t.byTownship.map((r) => [r.label, ...summaryCells(r)]),
    ["合计", ...summaryCells(t.total)],
    [],
    ["按机构类型"],
    ["类型", ...SUMMARY_COLUMNS],
    ...t.byType.map((r) => [r.label, ...summaryCells(r)]),
    [],
    ["整改率排名"],
    ["名次", "乡镇", "问题", "销号", "整改率", "逾期"],
    ...t.ranking.map((r) => [r.rank, r.label, r.findings, r.closed, rateText(r.rate), r.overdue]),
    [],
    ["未能读取的乡镇"],
    ["乡镇", "原因"],
    ...(t.unreadable.length ? t.unreadable.map((u) => [u.name, u.reason]) : [["（无）", ""]]),
  ];
}

export async function writeXlsx(block: Array<Array<string | number>>, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("县级汇总");
  block.forEach((r) => ws.addRow(r));
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.columns.forEach((c) => (c.width = 12));
  ws.getColumn(1).width = 18;
  await wb.xlsx.writeFile(file);
}

export function countyHtml(t: CountyTables, title: string): string {
  return htmlPage(
    title,
    [
      htmlTable(
        ["乡镇", ...SUMMARY_COLUMNS],
        [...t.byTownship, { ...t.total, label: "合计" }].map((r) => [r.label, ...summaryCells(r)]),
      ),
      `<h3>按机构类型</h3>`,
      htmlTable(
        ["类型", ...SUMMARY_COLUMNS],
        t.byType.map((r) => [r.label, ...summaryCells(r)]),
      ),
      `<h3>整改率排名</h3>`,
      htmlTable(
        ["名次", "乡镇", "问题", "销号", "整改率", "逾期"],
        t.ranking.map((r) => [r.rank, r.label, r.findings, r.closed, rateText(r.rate), r.overdue]),
      ),
      t.unreadable.length
        ? `<h3>未能读取的乡镇</h3>${htmlTable(
            ["乡镇", "原因"],
            t.unreadable.map((u) => [u.name, u.reason]),
          )}`
        : "",
    ].join("") + `<p style="color:#555">${escapeHtml("由各乡镇台账汇总生成。")}</p>`,
  );
}

/** Writes the county table into a county spreadsheet (sheet 县级汇总, created if missing). */
export async function writeToSpreadsheet(
  c: Clients,
  spreadsheetId: string,
  block: Array<Array<string | number>>,
  retry?: Parameters<typeof withRetry>[1],
): Promise<void> {
  const title = "县级汇总";
  const meta = await withRetry(
    () => c.sheets.spreadsheets.get({ spreadsheetId, fields: "sheets.properties.title" }),
    retry,
  );
  if (!(meta.data.sheets ?? []).some((s) => s.properties?.title === title)) {
    await withRetry(
      () =>
        c.sheets.spreadsheets.batchUpdate({
          spreadsheetId,
          requestBody: { requests: [{ addSheet: { properties: { title } } }] },
        }),
      retry,
    );
  }
  const width = Math.max(...block.map((r) => r.length));
  await withRetry(() => c.sheets.spreadsheets.values.clear({ spreadsheetId, range: title }), retry);
  await withRetry(
    () =>
      c.sheets.spreadsheets.values.update({
        spreadsheetId,
        range: `${title}!A1`,
        valueInputOption: "RAW",
        requestBody: { values: block.map((r) => [...r, ...new Array(width - r.length).fill("")]) },
      }),
    retry,
  );
}
