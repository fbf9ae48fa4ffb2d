// Coordinator edits (installable edit trigger), under the script lock like every writer. Every edit to
// the ledger's sheets is stamped in 操作日志 (who, when, old → new). On 问题台账 each edited cell is judged
// (src/domain/edits.ts); a disallowed edit is put back — unless the person changed it again meanwhile —
// with a note in the cell and a toast saying why.
import { eventCellText, guardScriptSheet, judgeFindingEdit, renamedHeader } from "../domain/edits";
import { packedChanges, shadowById } from "../domain/shadow";
import { LEDGER, SCRIPT_SHEETS, type SheetKey } from "../domain/ledger";
import { PROP_COMPLAINTS_USED } from "../gas/keys";
import type { Services } from "../gas/ports";
import { calendarFor, forgetCached, readSettings } from "./context";
import { commitAndReport } from "./commit";
import { refreshLicenceBuckets } from "./licence-edit";
import { appendLog, logRows, type LogEntry } from "./log";
import { exclusive, USUAL_WAIT } from "./run";
import { digestNote, enqueueDigest } from "./digest-queue";
import { LedgerError } from "../gas/sheets";
import { GUARD_TEXT } from "../text/integrity";
import type { SheetStep } from "../domain/plan";
import { UNKNOWN_USER } from "../text/identity";
import { cellsText, LOG_BULK_EDIT, LOG_EDIT, RUN_NAME } from "../text/words";
import { appendRows, updateCells } from "../domain/plan";

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
  const key = (Object.keys(LEDGER) as SheetKey[]).find((k) => LEDGER[k].name === edit.sheet);
  const owned = SCRIPT_SHEETS.includes(key!);
  if (!key || (edit.row > 1 && !owned && !WATCHED.includes(key))) return;
  // Google withholds other consumer accounts' addresses from edit events: the log says so, not a blank.
  const e = { ...edit, user: edit.user || UNKNOWN_USER };
  exclusive(svc, RUN_NAME.edit, USUAL_WAIT, () => {
    if (key === "settings" || key === "roster") forgetCached(svc, key);
    // A complaint typed in by hand (a phone call): the daily check reads 举报登记 from now on.
    if (key === "complaints") svc.props.set({ [PROP_COMPLAINTS_USED]: "1" });
    const single = e.numRows === 1 && e.numColumns === 1;
    const target = `${e.sheet}!R${e.row}C${e.column}${single ? "" : `:R${e.row + e.numRows - 1}C${e.column + e.numColumns - 1}`}`;
    if (e.row === 1 && guardHeader(svc, key, e, single)) return;
    if (owned && e.row + e.numRows > 2) {
      const index = svc.ledger.readHeader(key).layout.index;
      const keyAt = new Map(Object.entries(index).map(([k, i]) => [i + 1, k]));
      const keys = Array.from({ length: e.numColumns }, (_, i) => keyAt.get(e.column + i));
      const decision = guardScriptSheet({ ...e, sheet: key, keys });
      if (decision)
        return told(svc, decision.log, decision.message, [
          { kind: "cells", sheet: key, cells: decision.cells },
        ]);
    }
    if (key !== "findings" || e.row === 1) {
      if (key === "register") refreshLicenceBuckets(svc, e);
      appendLog(svc, [
        {
          user: e.user,
          action: single ? LOG_EDIT : LOG_BULK_EDIT,
          target,
          // A date typed into 配置 or 机构名录 is logged as the date, not as Sheets' day number.
          oldValue: single ? eventCellText(e.oldValue) : "",
          newValue: single ? eventCellText(e.value) : cellsText(e.numRows, e.numColumns),
        },
      ]);
      return;
    }
    const block = svc.ledger.readRows("findings", e.row, e.numRows);
    const shadowTable = svc.ledger.has("shadow")
      ? svc.ledger.readColumns("shadow", ["id", "record"])
      : undefined;
    const shadow = shadowTable ? shadowById(shadowTable.rows, shadowTable.firstRow) : undefined;
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
      shadow,
    });
    const log: LogEntry[] = decision.log;
    commitAndReport(svc, [
      updateCells("shadow", shadow ? packedChanges(decision.shadowChanges, shadow) : []),
      updateCells("findings", decision.reverts),
      { kind: "note", sheet: "findings", notes: decision.notes },
      appendRows("log", logRows(svc, log)),
    ]);
    if (decision.message) svc.ui.toast(decision.message);
  });
}

/**
 * A renamed header is put back (one cell, from the event's old value) when the rename lost the script
 * its column; a paste over the header row cannot be, and is told when it lost one. True when handled.
 */
function guardHeader(svc: Services, key: SheetKey, e: CellEdit, single: boolean): boolean {
  let lost: string | undefined;
  let index: Record<string, number> = {};
  try {
    index = svc.ledger.readHeader(key).layout.index;
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err;
    lost = err.message;
  }
  const was = single ? renamedHeader(key, e.oldValue, e.value) : undefined;
  if (was && index[was.key] === undefined) {
    const message = GUARD_TEXT.headerRestored(e.sheet, was.header);
    const cell = { row: 1, col: e.column, before: e.value ?? "", after: e.oldValue! };
    told(
      svc,
      {
        user: e.user,
        action: GUARD_TEXT.headerAction,
        target: `${e.sheet}!R1C${e.column}`,
        oldValue: e.value,
        newValue: e.oldValue,
        note: message,
      },
      message,
      [{ kind: "cells", sheet: key, cells: [cell] }],
    );
    return true;
  }
  if (lost)
    told(svc, { user: e.user, action: GUARD_TEXT.headerAction, target: e.sheet, note: lost }, lost, []);
  return !!lost;
}

/** Commits the put-back cells, then logs (so a put-back 操作日志 cell is chained from) and tells. */
function told(svc: Services, log: LogEntry, message: string, steps: SheetStep[]): void {
  commitAndReport(svc, steps);
  appendLog(svc, [log]);
  svc.ui.toast(message);
  enqueueDigest(svc, [digestNote(log.action, message)]);
}
