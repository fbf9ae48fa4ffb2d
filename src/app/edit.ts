// Coordinator edits (installable edit trigger). Every edit to the ledger's sheets is stamped in 操作日志
// (who, when, old → new). On 问题台账, each edited cell is checked: status changes follow the lifecycle,
// an extension is one per finding, within the maximum and with a reason, and computed columns are the
// script's. A disallowed edit is reverted, with a note in the cell and a toast saying why.
import { locateColumns, LEDGER, type Layout } from "../domain/ledger";
import { checkExtension, checkStatusChange, type LedgerFinding } from "../domain/rectification";
import { parseLocalDate } from "../domain/dates";
import { FINDING_STATUS, MSG } from "../text/zh";
import { Ledger } from "../gas/ledger";
import { cellToLocalDate, localDateToDate } from "../gas/env";
import { toCell } from "../gas/cells";
import { classFromLabel, forgetCached, readSettings } from "./context";
import { appendLog, type LogEntry } from "./log";
import { toast } from "./notify";

const WATCHED = new Set<string>([
  LEDGER.register.name,
  LEDGER.findings.name,
  LEDGER.settings.name,
  LEDGER.roster.name,
  LEDGER.pending.name,
  LEDGER.holidays.name,
]);

/** Columns of 问题台账 a coordinator may change by hand; the rest are written by the script. */
const EDITABLE = new Set([
  "status",
  "extendedTo",
  "extensionReason",
  "responsible",
  "interim",
  "description",
  "notes",
]);

export function handleCoordinatorEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range) return;
  const sheet = e.range.getSheet();
  const name = sheet.getName();
  if (!WATCHED.has(name)) return;
  const user = e.user?.getEmail?.() ?? "";
  const single = e.range.getNumRows() === 1 && e.range.getNumColumns() === 1;
  const target = `${name}!${e.range.getA1Notation()}`;
  const ledger = new Ledger();
  if (name === LEDGER.settings.name) forgetCached("settings");
  if (name === LEDGER.roster.name) forgetCached("roster");
  const entries: LogEntry[] =
    name === LEDGER.findings.name
      ? checkFindingEdit(ledger, e, user, single, target)
      : [
          {
            user,
            action: single ? "编辑" : "粘贴/批量编辑",
            target,
            oldValue: single ? String(e.oldValue ?? "") : "",
            newValue: single
              ? String(e.value ?? "")
              : `${e.range.getNumRows()}×${e.range.getNumColumns()} 个单元格`,
          },
        ];
  appendLog(ledger, entries);
}

/** Sheets gives an edited date cell's old value as a day number counted from 1899-12-30. */
function oldCellText(v: unknown): string {
  const s = String(v ?? "");
  if (/^\d+(\.\d+)?$/.test(s) && Number(s) > 20000 && Number(s) < 80000) {
    return new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(s)) * 86_400_000).toISOString().slice(0, 10);
  }
  return s;
}

function checkFindingEdit(
  ledger: Ledger,
  e: GoogleAppsScript.Events.SheetsOnEdit,
  user: string,
  single: boolean,
  target: string,
): LogEntry[] {
  const sheet = e.range.getSheet();
  const width = sheet.getLastColumn();
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const layout: Layout = locateColumns("findings", header);
  const keyAt = new Map(Object.entries(layout.index).map(([k, i]) => [i + 1, k]));
  const firstRow = e.range.getRow();
  const firstCol = e.range.getColumn();
  if (firstRow === 1)
    return [{ user, action: "修改表头", target, note: "表头被修改：系统按列标题查找数据，请保持原标题。" }];
  const values = sheet.getRange(firstRow, 1, e.range.getNumRows(), width).getValues();
  const { settings } = readSettings(ledger);
  const entries: LogEntry[] = [];
  const reverts: Array<{ row: number; col: number; value: unknown; why: string }> = [];
  values.forEach((row, i) => {
    const at = (key: string) => row[layout.index[key] ?? -1];
    const finding: LedgerFinding = {
      id: String(at("id") ?? ""),
      inspectionId: String(at("inspectionId") ?? ""),
      institutionId: String(at("institutionId") ?? ""),
      class: classFromLabel(at("class")),
      status: String(at("status") ?? ""),
      foundOn: cellToLocalDate(at("foundOn")),
      deadline: cellToLocalDate(at("deadline")),
      extendedTo: "",
      closedOn: cellToLocalDate(at("closedOn")),
    };
    for (let c = firstCol; c < firstCol + e.range.getNumColumns(); c++) {
      const key = keyAt.get(c);
      const r = firstRow + i;
      const now = row[c - 1];
      const old = single ? oldCellText(e.oldValue) : undefined;
      const column = String(header[c - 1] ?? "");
      let why: string | undefined;
      let restore: unknown = old ?? "";
      if (!key || !finding.id) continue;
      if (key === "deadline" && single) why = MSG.deadlineUseExtension;
      else if (key === "status") {
        // A paste carries no old value: the row itself says whether the finding was signed off.
        const from =
          old ??
          (finding.closedOn
            ? FINDING_STATUS.closed
            : String(now) === FINDING_STATUS.closed
              ? FINDING_STATUS.open
              : String(now));
        why = checkStatusChange(from, String(now ?? ""));
        restore = from;
      } else if (key === "extendedTo") {
        const newDate =
          now instanceof Date
            ? cellToLocalDate(now)
            : (parseLocalDate(String(now ?? "")) ?? String(now ?? ""));
        if (newDate === "") why = old ? MSG.extensionOnce(old) : undefined;
        else
          why = checkExtension(
            finding,
            old ?? "",
            newDate,
            String(at("extensionReason") ?? ""),
            settings.maxDeadlineDays,
          );
        restore = old ? localDateToDate(old) : "";
      } else if (!EDITABLE.has(key) && (key !== "deadline" || !single)) {
        why = single ? MSG.computedColumn(column) : MSG.pasteUnchecked(column);
        if (!single) {
          entries.push({
            user,
            action: "粘贴覆盖系统列",
            target: `${LEDGER.findings.name}!R${r}C${c}`,
            note: why,
          });
          toast(why);
          continue;
        }
      }
      if (why) {
        reverts.push({
          row: r,
          col: c,
          value: key === "deadline" && old ? localDateToDate(old) : restore,
          why,
        });
        entries.push({
          user,
          action: "修改被撤销",
          target: `${LEDGER.findings.name}!R${r}C${c}`,
          oldValue: String(old ?? ""),
          newValue: String(now ?? ""),
          note: why,
        });
      } else {
        entries.push({
          user,
          action: single ? "编辑" : "粘贴/批量编辑",
          target: `${column}：${finding.id}`,
          oldValue: String(old ?? ""),
          newValue: now instanceof Date ? cellToLocalDate(now) : String(now ?? ""),
        });
      }
    }
  });
  const kinds = new Map(LEDGER.findings.columns.map((c) => [c.key, c.kind]));
  for (const r of reverts) {
    const cell = sheet.getRange(r.row, r.col);
    cell.setValue(toCell(kinds.get(keyAt.get(r.col) ?? "") ?? "text", r.value));
    cell.setNote(MSG.editReverted(r.why));
  }
  if (reverts.length) toast(MSG.editReverted(reverts[0]!.why));
  return entries;
}
