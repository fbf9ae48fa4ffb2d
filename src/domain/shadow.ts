// 状态底账: the script's own record of every finding's state, kept on a hidden, protected sheet and
// written in the same commit as the ledger change. A paste over 问题台账's state columns is put back from
// it, and the daily check compares 问题台账 with it (src/domain/reconcile.ts).
//
// The shadow's steps go before the ledger's in the commit: a run that dies between them has written the
// shadow and not yet the ledger, and its retry (which plans from the ledger) writes the ledger and finds
// the shadow already right. The other order would leave a signed-off finding the shadow does not know.
import type { Row } from "./ledger";
import { appendRows, sameCell, updateCells, type CellChange, type CellValue, type SheetStep } from "./plan";
import { asText, trimmedText } from "./text";
import { parseJson } from "./json";

/**
 * The fields the shadow keeps of each finding: the state columns of 问题台账, and what the daily check and
 * the summaries need that never changes (so they read the shadow, not 问题台账's many columns). Each
 * finding is one row: its id, and its fields packed in one cell (状态记录, a JSON array in this order), so
 * reading every finding's state is one cell a finding. New fields go at the end: older records read them
 * as empty.
 */
export const SHADOW_COLUMNS: readonly string[] = [
  "id",
  "inspectionId",
  "institutionId",
  "class",
  "foundOn",
  "deadline",
  "status",
  "extendedTo",
  "closedOn",
  "itemCode",
  "department",
  "responsible",
  // The inspection's inspectors: re-inspectors are checked against them too (inspectorsByInspection);
  // 问题台账 has no such column.
  "inspectors",
];

/**
 * Fields the shadow copies from 问题台账 rather than guards: a person's to edit (整改责任人), kept so the
 * reminders need not read 问题台账. A paste over them stands, and the shadow follows it.
 */
export const SHADOW_FOLLOWS: readonly string[] = ["responsible"];

/** Whether the shadow keeps a column (and a commit that changes it must change the shadow too). */
export const isKept = (column: string): boolean => SHADOW_COLUMNS.includes(column);

/** Whether the shadow is the authority for a column (a paste over it is put back from the shadow). */
export const isShadowed = (column: string): boolean => isKept(column) && !SHADOW_FOLLOWS.includes(column);

/**
 * The fields the daily comparison checks against 问题台账: the state, and what places a finding (its
 * inspection, institution, class, date). 检查项编码 and 牵头部门 are kept for the daily check and the
 * summaries only (both computed columns, protected with a warning), so the nightly run reads two columns
 * fewer of every finding.
 */
export const RECONCILED_COLUMNS: readonly string[] = SHADOW_COLUMNS.filter(
  (c) => c !== "itemCode" && c !== "department" && c !== "inspectors" && !SHADOW_FOLLOWS.includes(c),
);

export interface ShadowRow {
  /** The sheet row of the shadow where the finding is. */
  row: number;
  values: Row;
  /** The packed cell as read (what a change must find there before it writes). */
  record: string;
  /** False when the record cannot be read (nothing is restored from it; the reconcile reports it). */
  valid: boolean;
}

const packShadow = (values: Row): string => JSON.stringify(SHADOW_COLUMNS.map((c) => values[c] ?? ""));

/** A packed record's fields; undefined when it is damaged or names another finding. */
function unpackShadow(id: string, record: string): Row | undefined {
  const fields = parseJson<unknown>(record);
  if (!Array.isArray(fields) || fields[0] !== id) return undefined;
  return Object.fromEntries(SHADOW_COLUMNS.map((c, i) => [c, (fields as unknown[])[i] ?? ""]));
}

function idInRecord(record: string): string {
  const m = /^\["((?:[^"\\]|\\.)*)"/.exec(record);
  return m ? String(JSON.parse(`"${m[1]}"`)).trim() : "";
}

/** The shadow's sheet row for a finding. */
export const shadowRowOf = (values: Row): Row => ({
  id: trimmedText(values.id),
  record: packShadow(values),
});

/**
 * Changes of shadow fields (column = a field) as changes of the packed cells, each finding's fields
 * merged into one new record.
 */
export function packedChanges(
  changes: readonly CellChange[],
  shadow: ReadonlyMap<string, ShadowRow>,
): CellChange[] {
  const merged = new Map<string, Row>();
  for (const c of changes) {
    const at = shadow.get(c.key);
    if (!at?.valid || !isKept(c.column) || c.column === "id") continue;
    const values = merged.get(c.key) ?? { ...at.values };
    values[c.column] = c.after;
    merged.set(c.key, values);
  }
  const out: CellChange[] = [];
  for (const [id, values] of merged) {
    const at = shadow.get(id)!;
    const after = packShadow(values);
    if (after !== at.record) out.push({ key: id, row: at.row, column: "record", before: at.record, after });
  }
  return out;
}

/** Whether a plan changes anything the shadow keeps (only then is the shadow read). */
export function shadowTouched(steps: readonly SheetStep[]): boolean {
  return steps.some(
    (s) =>
      s.sheet === "findings" &&
      ((s.kind === "append" && s.rows.length > 0) ||
        (s.kind === "update" && s.changes.some((c) => isKept(c.column)))),
  );
}

const pick = (row: Row): Row => Object.fromEntries(SHADOW_COLUMNS.map((c) => [c, row[c] ?? ""]));

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
    if (!at?.valid || sameCell(at.values[column] as CellValue | undefined, after)) return;
    changes.push({ key: id, row: at.row, column, before: (at.values[column] ?? "") as CellValue, after });
  };
  for (const s of steps) {
    if (s.sheet !== "findings") continue;
    if (s.kind === "append")
      for (const r of s.rows) {
        const id = trimmedText(r.id);
        if (!id) continue;
        if (shadow.has(id)) for (const c of SHADOW_COLUMNS) change(id, c, (r[c] ?? "") as CellValue);
        else if (!appended.some((a) => a.id === id)) appended.push(pick(r));
      }
    if (s.kind === "update")
      for (const c of s.changes) {
        if (!isKept(c.column) || c.column === "id") continue;
        const added = appended.find((a) => a.id === c.key);
        if (added) added[c.column] = c.after;
        else change(c.key, c.column, c.after);
      }
  }
  const out: SheetStep[] = [];
  // A submission's few findings go to the end of 问题台账 row by row; their shadow rows go the same way.
  const byRow = steps.some((s) => s.sheet === "findings" && s.kind === "append" && s.byRow);
  if (appended.length) out.push(appendRows("shadow", appended.map(shadowRowOf), byRow ? { byRow } : {}));
  const packed = packedChanges(changes, shadow);
  if (packed.length) out.push(updateCells("shadow", packed));
  return out;
}

/** The shadow as read, by id (the first row of an id wins; a duplicate is reported by the reconcile). */
export function shadowById(rows: readonly Row[], firstRow: number): Map<string, ShadowRow> {
  const out = new Map<string, ShadowRow>();
  rows.forEach((r, i) => {
    const record = asText(r.record);
    // Read without its id column, a record names its finding itself (its first field).
    const id = r.id === undefined ? idInRecord(record) : String(r.id).trim();
    const values = unpackShadow(id, record);
    if (id && !out.has(id))
      out.set(id, { row: firstRow + i, values: values ?? { id }, record, valid: !!values });
  });
  return out;
}

/**
 * Findings signed off by a plan are painted grey at once (the daily check repaints only rows whose 逾期
 * label changes): appended already signed off (一类 fixed on the spot), or changed to 已销号.
 */
export function withClosedColour(steps: readonly SheetStep[], closed: string, grey: string): SheetStep[] {
  const out: SheetStep[] = [];
  for (const s of steps) {
    if (s.sheet === "findings" && s.kind === "append") {
      const colours: Record<number, string | null> = { ...s.colours };
      s.rows.forEach((r, i) => {
        if (asText(r.status) === closed) colours[i] = grey;
      });
      out.push(Object.keys(colours).length ? { ...s, colours } : s);
      continue;
    }
    out.push(s);
    if (s.sheet === "findings" && s.kind === "update") {
      const signed = s.changes.filter((c) => c.column === "status" && String(c.after) === closed);
      if (signed.length)
        out.push({
          kind: "paint",
          sheet: "findings",
          colours: signed.map((c) => ({ key: c.key, row: c.row, colour: grey })),
        });
    }
  }
  return out;
}
