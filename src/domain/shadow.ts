// 状态底账: the script's own record of every finding's state, kept on a hidden, protected sheet and
// written in the same commit as the ledger change. A paste over 问题台账's state columns is put back from
// it, and the daily check compares 问题台账 with it (src/domain/reconcile.ts).
//
// The shadow's steps go before the ledger's in the commit: a run that dies between them has written the
// shadow and not yet the ledger, and its retry (which plans from the ledger) writes the ledger and finds
// the shadow already right. The other order would leave a signed-off finding the shadow does not know.
import { LEDGER, type Row } from "./ledger";
import { sameCell, type CellChange, type CellValue, type SheetStep } from "./plan";

/** Every column of the shadow; the last, 检查人员, is the inspection's (问题台账 has no such column). */
const KEPT: readonly string[] = LEDGER.shadow.columns.map((c) => c.key);

/** The columns of 问题台账 the shadow keeps (the script's; a person changes them only one cell at a time). */
export const SHADOW_COLUMNS = KEPT.slice(0, -1);

export const isShadowed = (column: string): boolean => SHADOW_COLUMNS.includes(column);

export interface ShadowRow {
  /** The sheet row of the shadow where the finding is. */
  row: number;
  values: Row;
}

/** Whether a plan changes anything the shadow keeps (only then is the shadow read). */
export function shadowColumnsTouched(steps: readonly SheetStep[]): string[] | undefined {
  const columns = new Set<string>();
  let touched = false;
  for (const s of steps) {
    if (s.sheet !== "findings") continue;
    if (s.kind === "append" && s.rows.length) {
      touched = true;
      SHADOW_COLUMNS.forEach((c) => columns.add(c));
    }
    if (s.kind === "update")
      for (const c of s.changes)
        if (isShadowed(c.column)) {
          touched = true;
          columns.add(c.column);
        }
  }
  return touched ? ["id", ...[...columns].filter((c) => c !== "id")] : undefined;
}

const pick = (row: Row): Row => Object.fromEntries(KEPT.map((c) => [c, row[c] ?? ""]));

/**
 * The shadow's steps for a plan's 问题台账 steps: new findings appended (or, found already there after a
 * run died, brought up to date), changed state cells changed. `shadow` is the shadow as it stands, by id.
 */
export function shadowSteps(
  steps: readonly SheetStep[],
  shadow: ReadonlyMap<string, ShadowRow>,
): SheetStep[] {
  const appended: Row[] = [];
  const changes: CellChange[] = [];
  const change = (id: string, column: string, after: CellValue) => {
    const at = shadow.get(id);
    if (!at) return;
    const current = at.values[column] as CellValue | undefined;
    if (sameCell(current, after)) return;
    const previous = changes.findIndex((c) => c.key === id && c.column === column);
    if (previous >= 0) changes[previous] = { ...changes[previous]!, after };
    else changes.push({ key: id, row: at.row, column, before: current ?? "", after });
  };
  for (const s of steps) {
    if (s.sheet !== "findings") continue;
    if (s.kind === "append")
      for (const r of s.rows) {
        const id = String(r.id ?? "").trim();
        if (!id) continue;
        if (shadow.has(id)) for (const c of SHADOW_COLUMNS) change(id, c, (r[c] ?? "") as CellValue);
        else if (!appended.some((a) => a.id === id)) appended.push(pick(r));
      }
    if (s.kind === "update")
      for (const c of s.changes) {
        if (!isShadowed(c.column) || c.column === "id") continue;
        const added = appended.find((a) => a.id === c.key);
        if (added) added[c.column] = c.after;
        else change(c.key, c.column, c.after);
      }
  }
  const out: SheetStep[] = [];
  if (appended.length) out.push({ kind: "append", sheet: "shadow", rows: appended });
  if (changes.length) out.push({ kind: "update", sheet: "shadow", changes });
  return out;
}

/** The shadow as read, by id (the first row of an id wins; a duplicate is reported by the reconcile). */
export function shadowById(rows: readonly Row[], firstRow: number): Map<string, ShadowRow> {
  const out = new Map<string, ShadowRow>();
  rows.forEach((values, i) => {
    const id = String(values.id ?? "").trim();
    if (id && !out.has(id)) out.set(id, { row: firstRow + i, values });
  });
  return out;
}
