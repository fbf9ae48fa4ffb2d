// Coordinator edits (installable edit trigger), under the script lock like every writer. Every edit to
// the ledger's sheets is stamped in 操作日志 (who, when, old → new). On 问题台账 each edited cell is judged
// (src/domain/edits.ts); a disallowed edit is put back — unless the person changed it again meanwhile —
// with a note in the cell and a toast saying why.
import { judgeFindingEdit, eventCellText } from "../domain/edits";
import { SHADOW_COLUMNS, shadowById } from "../domain/shadow";
import { LEDGER, type SheetKey } from "../domain/ledger";
import { PROP } from "../gas/keys";
import type { Services } from "../gas/ports";
import { calendarFor, forgetCached, readSettings } from "./context";
import { reportCommit } from "./commit";
import { refreshLicenceBuckets } from "./licence-edit";
import { appendLog, logRows, type LogEntry } from "./log";
import { exclusive } from "./run";
import { UNKNOWN_USER } from "../text/identity";

/** An edit as the edit event describes it, in plain data. */
export interface CellEdit {
  sheet: string;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  /** Single-cell edits only. */
  value?: string;
  oldValue?: string;
  user: string;
}

const WATCHED: SheetKey[] = [
  "register",
  "findings",
  "settings",
  "roster",
  "pending",
  "holidays",
  "complaints",
];

export function handleCoordinatorEdit(svc: Services, edit: CellEdit): void {
  const key = WATCHED.find((k) => LEDGER[k].name === edit.sheet);
  if (!key) return;
  // Google withholds other consumer accounts' addresses from edit events: the log says so, not a blank.
  const e = { ...edit, user: edit.user || UNKNOWN_USER };
  exclusive(svc, "编辑", { waitMs: 30_000 }, () => {
    if (key === "settings") forgetCached(svc, "settings");
    if (key === "roster") forgetCached(svc, "roster");
    // A complaint typed in by hand (a phone call): the daily check reads 举报登记 from now on.
    if (key === "complaints") svc.props.set({ [PROP.complaintsUsed]: "1" });
    const single = e.numRows === 1 && e.numColumns === 1;
    const target = `${e.sheet}!R${e.row}C${e.column}${single ? "" : `:R${e.row + e.numRows - 1}C${e.column + e.numColumns - 1}`}`;
    if (key !== "findings") {
      if (key === "register") refreshLicenceBuckets(svc, e);
      appendLog(svc, [
        {
          user: e.user,
          action: single ? "编辑" : "粘贴/批量编辑",
          target,
          // A date typed into 配置 or 机构名录 is logged as the date, not as Sheets' day number.
          oldValue: single ? eventCellText(e.oldValue) : "",
          newValue: single ? eventCellText(e.value) : `${e.numRows}×${e.numColumns} 个单元格`,
        },
      ]);
      return;
    }
    if (e.row === 1) {
      appendLog(svc, [
        {
          user: e.user,
          action: "修改表头",
          target,
          note: "表头被修改：系统按列标题查找数据，请保持原标题。",
        },
      ]);
      return;
    }
    const block = svc.ledger.readRows("findings", e.row, e.numRows);
    const shadowTable = svc.ledger.has("shadow")
      ? svc.ledger.readColumns("shadow", [...SHADOW_COLUMNS])
      : undefined;
    const { settings } = readSettings(svc);
    const decision = judgeFindingEdit({
      layout: block.layout,
      rows: block.rows,
      firstRow: e.row,
      firstColumn: e.column,
      numColumns: e.numColumns,
      oldValue: e.oldValue,
      user: e.user,
      maxDeadlineDays: settings.maxDeadlineDays,
      counting: { mode: settings.deadlineMode, calendar: () => calendarFor(svc, settings) },
      shadow: shadowTable ? shadowById(shadowTable.rows, shadowTable.firstRow) : undefined,
    });
    const log: LogEntry[] = decision.log;
    reportCommit(
      svc,
      svc.ledger.commit([
        { kind: "update", sheet: "shadow", changes: decision.shadowChanges },
        { kind: "update", sheet: "findings", changes: decision.reverts },
        { kind: "note", sheet: "findings", notes: decision.notes },
        { kind: "append", sheet: "log", rows: logRows(svc, log) },
      ]),
    );
    if (decision.message) svc.ui.toast(decision.message);
  });
}
