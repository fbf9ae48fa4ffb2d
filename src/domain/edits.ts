// A coordinator's edit of 问题台账, judged cell by cell: status changes follow the lifecycle, an extension
// is one per finding, within the maximum and with a reason, and the script's columns are the script's.
// The decision is data: which cells to put back (with why) and what to log.
import type { WorkCalendar } from "./calendar";
import { asLocalDate, parseLocalDate } from "./dates";
import { classFromLabel } from "./labels";
import {
  columnSpec,
  editableColumns,
  LEDGER,
  locateColumns,
  type ColumnSpec,
  type Layout,
  type Row,
  type SheetKey,
} from "./ledger";
import { sameCell, type CellAt, type CellChange, type CellNote, type CellValue } from "./plan";
import { SHADOW_FOLLOWS, isKept, isShadowed, type ShadowRow } from "./shadow";
import { checkExtension, checkStatusChange, type LedgerFinding } from "./rectification";
import { FINDING_STATUS, MSG, STATUS_CLOSED } from "../text/zh";
import { GUARD_TEXT, SHADOW_TEXT } from "../text/integrity";
import { labelled, LOG_BULK_EDIT, LOG_EDIT, LOG_EDIT_REVERTED, LOG_PASTE_OVER_SYSTEM } from "../text/words";
import { asText } from "./text";

export interface EditedBlock {
  layout: Layout;
  /** The edited rows as they are now, from sheet row `firstRow`. */
  rows: Row[];
  firstRow: number;
  firstColumn: number;
  numColumns: number;
  /** For a single cell, the value before the edit as the edit event gives it. */
  oldValue?: string;
  user: string;
  maxDeadlineDays: number;
  /** How extensions are counted (calendar days unless given); the calendar is read only when needed. */
  counting?: { mode: "calendar" | "working"; calendar: () => WorkCalendar };
  /** 状态底账 by finding id: a paste over a state column is put back to it. */
  shadow?: ReadonlyMap<string, ShadowRow>;
}

interface EditLog {
  user: string;
  action: string;
  target: string;
  oldValue?: string;
  newValue?: string;
  note?: string;
}

export interface EditDecision {
  reverts: CellChange[];
  notes: CellNote[];
  log: EditLog[];
  /** The first reason an edit was put back or refused (for a toast). */
  message?: string;
  /** 状态底账 cells that follow an accepted one-cell change of a state column. */
  shadowChanges: CellChange[];
}

/** Sheets gives an edited date cell's values as day numbers counted from 1899-12-30: as dates here. */
export function eventCellText(v: unknown): string {
  const s = asText(v);
  if (/^\d+(\.\d+)?$/.test(s) && Number(s) > 20000 && Number(s) < 80000) {
    return new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(s)) * 86_400_000).toISOString().slice(0, 10);
  }
  return s;
}

export function judgeFindingEdit(b: EditedBlock): EditDecision {
  const sheetName = LEDGER.findings.name;
  const editable = editableColumns("findings");
  const keyAt = new Map(Object.entries(b.layout.index).map(([k, i]) => [i + 1, k]));
  const headers = new Map(
    (LEDGER.findings.columns as ReadonlyArray<{ key: string; header: string }>).map((c) => [c.key, c.header]),
  );
  const single = b.rows.length === 1 && b.numColumns === 1;
  const old = single && b.oldValue !== undefined ? eventCellText(b.oldValue) : single ? "" : undefined;
  const decision: EditDecision = { reverts: [], notes: [], log: [], shadowChanges: [] };
  b.rows.forEach((row, i) => {
    const r = b.firstRow + i;
    const finding: LedgerFinding = {
      id: asText(row.id),
      inspectionId: asText(row.inspectionId),
      institutionId: asText(row.institutionId),
      class: classFromLabel(row.class),
      status: asText(row.status),
      foundOn: asLocalDate(row.foundOn),
      deadline: asLocalDate(row.deadline),
      extendedTo: "",
      closedOn: asLocalDate(row.closedOn),
    };
    for (let c = b.firstColumn; c < b.firstColumn + b.numColumns; c++) {
      const key = keyAt.get(c);
      // A row without an id is no finding, unless its 问题编号 was just cleared: that is put back.
      if (!key || (!finding.id && !(single && key === "id"))) continue;
      const now = asText(row[key]);
      const column = headers.get(key) ?? key;
      const kept = b.shadow?.get(finding.id);
      let why: string | undefined;
      let restore = old ?? "";
      // The cell put back as `restore`, with a note on it; the log keeps `why`, the note and toast say `shown`.
      const revert = (shown: string, logOld: string) => {
        decision.reverts.push({ key: finding.id, row: r, column: key, before: now, after: restore });
        decision.notes.push({ key: finding.id, row: r, column: key, note: shown });
        decision.log.push({
          user: b.user,
          action: LOG_EDIT_REVERTED,
          target: `${sheetName}!R${r}C${c}`,
          oldValue: logOld,
          newValue: now,
          note: why,
        });
        decision.message ??= shown;
      };
      if (!single && kept && isShadowed(key) && key !== "id") {
        // A paste carries no old values and may not change a state column at all: the shadow has them.
        const authoritative = (kept.values[key] ?? "") as CellValue;
        if (sameCell(now, authoritative)) continue;
        why = SHADOW_TEXT.pasteReverted(column);
        restore = String(authoritative);
        revert(why, restore);
        continue;
      }
      if (key === "deadline" && single) why = MSG.deadlineUseExtension;
      else if (key === "status") {
        // A paste carries no old value: the row itself says whether the finding was signed off.
        const from =
          old ?? (finding.closedOn ? STATUS_CLOSED : now === STATUS_CLOSED ? FINDING_STATUS.open : now);
        why = checkStatusChange(from, now);
        restore = from;
      } else if (key === "extendedTo") {
        const newDate = parseLocalDate(now) ?? now;
        if (newDate === "") why = old ? MSG.extensionOnce(old) : undefined;
        else
          why = checkExtension(
            finding,
            old ?? "",
            newDate,
            asText(row.extensionReason),
            b.maxDeadlineDays,
            b.counting,
          );
        restore = old ? (parseLocalDate(old) ?? old) : "";
      } else if (!editable.has(key) && (key !== "deadline" || !single)) {
        why = single ? MSG.computedColumn(column) : MSG.pasteUnchecked(column);
        if (!single) {
          decision.log.push({
            user: b.user,
            action: LOG_PASTE_OVER_SYSTEM,
            target: `${sheetName}!R${r}C${c}`,
            note: why,
          });
          decision.message ??= why;
          continue;
        }
      }
      if (why) revert(MSG.editReverted(why), old ?? "");
      else {
        // The shadow follows an accepted change of a column it keeps (a paste too, where it follows).
        if (
          (single || SHADOW_FOLLOWS.includes(key)) &&
          kept &&
          isKept(key) &&
          !sameCell(kept.values[key] as CellValue, now)
        )
          decision.shadowChanges.push({
            key: finding.id,
            row: kept.row,
            column: key,
            before: (kept.values[key] ?? "") as CellValue,
            after: key === "extendedTo" ? (parseLocalDate(now) ?? now) : now,
          });
        decision.log.push({
          user: b.user,
          action: single ? LOG_EDIT : LOG_BULK_EDIT,
          target: labelled(column, finding.id),
          oldValue: old ?? "",
          newValue: now,
        });
      }
    }
  });
  return decision;
}

/** A person's edit of a sheet only the script writes (检查记录, 抽查记录, 操作日志, 状态底账…). */
export interface ScriptSheetEdit {
  sheet: SheetKey;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  value?: string;
  oldValue?: string;
  user: string;
  /** The column key of each edited column, from the header (undefined: a column a person added). */
  keys: ReadonlyArray<string | undefined>;
}

export interface GuardDecision {
  /** Cells to put back. */
  cells: CellAt[];
  log: EditLog;
  /** For the toast and the coordinator's digest. */
  message: string;
}

/**
 * One cell is put back from the edit event's old value; a paste carries no old values and is only
 * reported (so is a date-time, which the event gives without its time). Columns a person added are
 * theirs: undefined, the edit is logged as any other.
 */
export function guardScriptSheet(e: ScriptSheetEdit): GuardDecision | undefined {
  const name = LEDGER[e.sheet].name;
  const target = `${name}!R${e.row}C${e.column}`;
  if (!e.keys.some(Boolean)) return undefined;
  const spec = e.numRows * e.numColumns === 1 ? columnSpec(e.sheet, e.keys[0]!) : undefined;
  if (!spec || spec.kind === "datetime") {
    const message = GUARD_TEXT.notRestored(
      name,
      spec
        ? GUARD_TEXT.cell(e.row, spec.header)
        : GUARD_TEXT.block(e.row, e.numRows, e.numRows * e.numColumns),
    );
    return {
      cells: [],
      log: { user: e.user, action: GUARD_TEXT.revertedAction, target, note: message },
      message,
    };
  }
  const cell = (v?: string) => (spec.kind === "date" ? eventCellText(v) : asText(v));
  const before = cell(e.value);
  const after = cell(e.oldValue);
  if (before === after) return undefined;
  const message = GUARD_TEXT.reverted(name, spec.header);
  return {
    cells: [{ row: e.row, col: e.column, column: spec.key, before, after }],
    log: {
      user: e.user,
      action: GUARD_TEXT.revertedAction,
      target,
      oldValue: after,
      newValue: before,
      note: message,
    },
    message,
  };
}

/** A ledger sheet's header typed over: the column whose header it was, when the new text is not it. */
export function renamedHeader(sheet: SheetKey, oldValue?: string, value?: string): ColumnSpec | undefined {
  const was = Object.keys(locateColumns(sheet, [oldValue]).index)[0];
  return was && locateColumns(sheet, [value]).index[was] === undefined ? columnSpec(sheet, was) : undefined;
}
