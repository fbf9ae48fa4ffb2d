// The ledger's sheets: which columns each has, what kind of value each holds, which the script computes.
// Columns are found by their header text, never by position: coordinators move and insert columns.
import { HEADERS, SHEET } from "../text/zh";
import { CHECKLIST_HEADERS, CHECKLIST_SHEET } from "../text/checklist";

export type ColumnKind = "text" | "date" | "datetime" | "number" | "link";

export interface ColumnSpec {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Written only by the script; protected (warning only) so a coordinator is reminded before editing. */
  computed?: boolean;
  /** In 问题台账: a coordinator may change it by hand (the edit handler checks the rest is the script's). */
  editable?: boolean;
  /**
   * Added by a later version: a ledger made before it works without the column until 初始化/更新 adds it
   * (reads see no value, writes leave it out).
   */
  optional?: boolean;
  /** A coded column: data validation from this list. */
  choices?:
    | "types"
    | "classes"
    | "findingStatus"
    | "registration"
    | "disposition"
    | "yesNo"
    | "pendingState"
    | "departments"
    | "villages"
    | "holidayKind"
    | "complaintStatus";
  width?: number;
}

type Keys<S extends keyof typeof HEADERS> = keyof (typeof HEADERS)[S] & string;

function columns<S extends keyof typeof HEADERS>(
  sheet: S,
  specs: Array<Omit<ColumnSpec, "header"> & { key: Keys<S> }>,
): ColumnSpec[] {
  const headers = HEADERS[sheet] as Record<string, string>;
  return specs.map((s) => ({ ...s, header: headers[s.key]! }));
}

export const LEDGER = {
  register: {
    name: SHEET.register,
    columns: columns("register", [
      { key: "id", kind: "text", computed: true, width: 90 },
      { key: "name", kind: "text", width: 200 },
      { key: "type", kind: "text", choices: "types" },
      { key: "village", kind: "text", choices: "villages" },
      { key: "address", kind: "text", width: 200 },
      { key: "operator", kind: "text" },
      { key: "phone", kind: "text" },
      { key: "email", kind: "text" },
      { key: "capacity", kind: "number" },
      // The number of complaints in 举报登记 naming the institution (all channels; see complaints.ts).
      { key: "complaints", kind: "number", computed: true },
      { key: "permit", kind: "text", choices: "yesNo" },
      { key: "businessLicence", kind: "text", choices: "yesNo" },
      { key: "foodPermit", kind: "text", choices: "yesNo" },
      { key: "healthPermit", kind: "text", choices: "yesNo" },
      { key: "healthFiling", kind: "text", choices: "yesNo" },
      { key: "beyondScope", kind: "text", choices: "yesNo" },
      { key: "licenceBucket", kind: "text", computed: true },
      { key: "disposition", kind: "text", choices: "disposition" },
      { key: "state", kind: "text", computed: true },
      { key: "registration", kind: "text", choices: "registration" },
      { key: "lastInspected", kind: "date", computed: true },
      { key: "formLink", kind: "link", computed: true, width: 120 },
      { key: "notes", kind: "text", width: 200 },
    ]),
  },
  roster: {
    name: SHEET.roster,
    columns: columns("roster", [
      { key: "name", kind: "text" },
      { key: "department", kind: "text", choices: "departments" },
      { key: "email", kind: "text", width: 200 },
      { key: "phone", kind: "text" },
      { key: "village", kind: "text" },
      { key: "active", kind: "text", choices: "yesNo" },
    ]),
  },
  inspections: {
    name: SHEET.inspections,
    columns: columns("inspections", [
      { key: "id", kind: "text", computed: true },
      { key: "responseId", kind: "text", computed: true },
      { key: "form", kind: "text", computed: true },
      { key: "formVersion", kind: "text", computed: true },
      { key: "institutionId", kind: "text", computed: true },
      { key: "institutionName", kind: "text", computed: true, width: 200 },
      { key: "date", kind: "date", computed: true },
      { key: "departments", kind: "text", computed: true },
      { key: "inspectors", kind: "text", computed: true },
      { key: "findingCount", kind: "number", computed: true },
      { key: "classI", kind: "number", computed: true },
      { key: "classII", kind: "number", computed: true },
      { key: "classIII", kind: "number", computed: true },
      { key: "submittedBy", kind: "text", computed: true },
      { key: "submittedAt", kind: "datetime", computed: true },
      { key: "responseLink", kind: "link", computed: true },
      { key: "notice", kind: "link", computed: true },
    ]),
  },
  findings: {
    name: SHEET.findings,
    columns: columns("findings", [
      { key: "id", kind: "text", computed: true, width: 150 },
      { key: "inspectionId", kind: "text", computed: true },
      { key: "institutionId", kind: "text", computed: true },
      { key: "institutionName", kind: "text", computed: true, width: 200 },
      { key: "village", kind: "text", computed: true },
      { key: "type", kind: "text", computed: true },
      { key: "itemCode", kind: "text", computed: true },
      { key: "itemText", kind: "text", computed: true, width: 260 },
      { key: "description", kind: "text", editable: true, width: 220 },
      { key: "class", kind: "text", computed: true, choices: "classes" },
      { key: "department", kind: "text", computed: true },
      { key: "basis", kind: "text", computed: true, width: 200 },
      { key: "foundOn", kind: "date", computed: true },
      { key: "deadline", kind: "date" },
      { key: "responsible", kind: "text", editable: true },
      { key: "interim", kind: "text", editable: true, width: 200 },
      { key: "status", kind: "text", editable: true, choices: "findingStatus" },
      { key: "overdue", kind: "text", computed: true },
      { key: "extendedTo", kind: "date", editable: true },
      { key: "extensionReason", kind: "text", editable: true, width: 160 },
      { key: "reinspections", kind: "text", computed: true, width: 220 },
      { key: "closedOn", kind: "date", computed: true },
      { key: "notes", kind: "text", editable: true, width: 200 },
    ]),
  },
  pending: {
    name: SHEET.pending,
    columns: columns("pending", [
      { key: "id", kind: "text", computed: true },
      { key: "receivedAt", kind: "datetime", computed: true },
      { key: "form", kind: "text", computed: true },
      { key: "responseId", kind: "text", computed: true },
      { key: "submittedBy", kind: "text", computed: true },
      { key: "reasons", kind: "text", computed: true, width: 320 },
      { key: "answers", kind: "text", computed: true, width: 320 },
      { key: "responseLink", kind: "link", computed: true },
      { key: "state", kind: "text", choices: "pendingState" },
    ]),
  },
  settings: {
    name: SHEET.settings,
    columns: columns("settings", [
      { key: "key", kind: "text", width: 260 },
      { key: "value", kind: "text", width: 260 },
      { key: "help", kind: "text", computed: true, width: 360 },
    ]),
  },
  log: {
    name: SHEET.log,
    columns: columns("log", [
      { key: "at", kind: "datetime", computed: true },
      { key: "user", kind: "text", computed: true },
      { key: "action", kind: "text", computed: true },
      { key: "target", kind: "text", computed: true },
      { key: "oldValue", kind: "text", computed: true },
      { key: "newValue", kind: "text", computed: true },
      { key: "note", kind: "text", computed: true, width: 300 },
      // The hash chain (src/domain/chain.ts).
      { key: "hash", kind: "text", computed: true, optional: true, width: 140 },
    ]),
  },
  holidays: {
    name: SHEET.holidays,
    columns: columns("holidays", [
      { key: "date", kind: "date" },
      { key: "kind", kind: "text", choices: "holidayKind" },
      { key: "name", kind: "text", width: 200 },
    ]),
  },
  draws: {
    name: SHEET.draws,
    columns: columns("draws", [
      { key: "drawId", kind: "text", computed: true },
      { key: "drawnAt", kind: "datetime", computed: true },
      { key: "mode", kind: "text", computed: true },
      { key: "seed", kind: "text", computed: true },
      { key: "registerHash", kind: "text", computed: true, width: 160 },
      { key: "params", kind: "text", computed: true, width: 160 },
      { key: "method", kind: "text", computed: true },
      { key: "institutionId", kind: "text", computed: true },
      { key: "institutionName", kind: "text", computed: true, width: 200 },
      { key: "village", kind: "text", computed: true },
      { key: "type", kind: "text", computed: true },
      { key: "stratum", kind: "text", computed: true },
      { key: "inspectors", kind: "text", computed: true },
      { key: "relaxed", kind: "text", computed: true, width: 220 },
      { key: "formLink", kind: "link", computed: true, width: 120 },
      { key: "inspectionId", kind: "text", computed: true },
      { key: "result", kind: "text", computed: true, width: 200 },
    ]),
  },
  drawSnapshots: {
    name: SHEET.drawSnapshots,
    columns: columns("drawSnapshots", [
      { key: "drawId", kind: "text", computed: true },
      { key: "line", kind: "number", computed: true },
      { key: "text", kind: "text", computed: true, width: 600 },
    ]),
  },
  mailLog: {
    name: SHEET.mailLog,
    columns: columns("mailLog", [
      { key: "at", kind: "datetime", computed: true },
      { key: "to", kind: "text", computed: true, width: 200 },
      { key: "subject", kind: "text", computed: true, width: 300 },
      { key: "kind", kind: "text", computed: true },
      { key: "result", kind: "text", computed: true },
      { key: "key", kind: "text", computed: true, width: 200 },
    ]),
  },
  notices: {
    name: SHEET.notices,
    columns: columns("notices", [
      { key: "at", kind: "datetime", computed: true },
      { key: "drawId", kind: "text", computed: true },
      { key: "kind", kind: "text", computed: true },
      { key: "text", kind: "text", computed: true, width: 600 },
    ]),
  },
  complaints: {
    name: SHEET.complaints,
    columns: columns("complaints", [
      { key: "id", kind: "text", computed: true },
      { key: "receivedAt", kind: "datetime", computed: true },
      { key: "responseId", kind: "text", computed: true },
      { key: "institutionId", kind: "text" },
      { key: "institutionName", kind: "text", width: 200 },
      { key: "village", kind: "text" },
      { key: "address", kind: "text", width: 200 },
      { key: "topic", kind: "text", width: 200 },
      { key: "department", kind: "text", choices: "departments" },
      { key: "content", kind: "text", width: 320 },
      { key: "phone", kind: "text" },
      { key: "status", kind: "text", computed: true, choices: "complaintStatus" },
      { key: "reply", kind: "text", width: 240 },
      { key: "closedBy", kind: "text", computed: true },
      { key: "closedOn", kind: "date", computed: true },
      { key: "notes", kind: "text", width: 200 },
    ]),
  },
  // The checklist items a coordinator may switch off, reword or add to (see checklist-sheet.ts).
  checklist: {
    name: CHECKLIST_SHEET,
    columns: (
      [
        { key: "code", kind: "text" },
        { key: "text", kind: "text", width: 320 },
        { key: "help", kind: "text", width: 200 },
        { key: "forms", kind: "text", width: 200 },
        { key: "dept", kind: "text" },
        { key: "basis", kind: "text", width: 240 },
        { key: "severity", kind: "text", choices: "classes" },
        { key: "deadlineDays", kind: "number" },
        { key: "allowNa", kind: "text", choices: "yesNo" },
        { key: "enabled", kind: "text", choices: "yesNo" },
      ] as const
    ).map((c): ColumnSpec => ({ ...c, header: CHECKLIST_HEADERS[c.key] })),
  },
  // The script's own record of every finding's state (src/domain/shadow.ts): hidden and protected.
  shadow: {
    name: SHEET.shadow,
    columns: columns("shadow", [
      { key: "id", kind: "text", computed: true, width: 150 },
      { key: "inspectionId", kind: "text", computed: true },
      { key: "institutionId", kind: "text", computed: true },
      { key: "class", kind: "text", computed: true },
      { key: "foundOn", kind: "date", computed: true },
      { key: "deadline", kind: "date", computed: true },
      { key: "status", kind: "text", computed: true },
      { key: "extendedTo", kind: "date", computed: true },
      { key: "closedOn", kind: "date", computed: true },
    ]),
  },
} as const satisfies Record<string, { name: string; columns: ColumnSpec[] }>;

export type SheetKey = keyof typeof LEDGER;

/**
 * The column(s) that name a row of each sheet. Rows are found by key when a run writes, because people
 * sort and insert rows between a run's read and its write. Sheets without a key are only appended to.
 */
export const ROW_KEY: Partial<Record<SheetKey, readonly string[]>> = {
  register: ["id"],
  roster: ["name"],
  inspections: ["id"],
  findings: ["id"],
  pending: ["responseId"],
  settings: ["key"],
  holidays: ["date", "kind"],
  draws: ["drawId", "institutionId"],
  drawSnapshots: ["drawId", "line"],
  complaints: ["id"],
  shadow: ["id"],
};

export function rowKey(sheet: SheetKey, row: Row): string {
  const cols = ROW_KEY[sheet];
  return cols ? cols.map((c) => String(row[c] ?? "").trim()).join("|") : "";
}

/** Columns of a sheet a coordinator may change by hand (问题台账 only; elsewhere all but computed). */
export const editableColumns = (sheet: SheetKey): Set<string> =>
  new Set(
    (LEDGER[sheet].columns as readonly ColumnSpec[])
      .filter((c) => (sheet === "findings" ? c.editable : !c.computed))
      .map((c) => c.key),
  );

/** Where each column of a sheet is (0-based), found from its header row; and which are missing. */
export interface Layout {
  index: Record<string, number>;
  missing: ColumnSpec[];
  width: number;
}

const norm = (s: unknown) => String(s ?? "").replace(/\s+/g, "");

export function locateColumns(sheet: SheetKey, headerRow: readonly unknown[]): Layout {
  const index: Record<string, number> = {};
  const missing: ColumnSpec[] = [];
  const headers = headerRow.map(norm);
  for (const col of LEDGER[sheet].columns) {
    const i = headers.indexOf(norm(col.header));
    if (i < 0) missing.push(col);
    else index[col.key] = i;
  }
  return { index, missing, width: headerRow.length };
}

/** A finding id: the inspection id (JC + date + sequence of the day) and the finding's number in it. */
export const FINDING_ID = /^JC\d{8}-\d{3,}-\d{2}$/;
export const FINDING_ID_IN_TEXT = /JC\d{8}-\d{3,}-\d{2}/;

/** A row as an object keyed by column key. */
export type Row = Record<string, unknown>;

export function rowToObject(layout: Layout, row: readonly unknown[]): Row {
  const o: Row = {};
  for (const [key, i] of Object.entries(layout.index)) o[key] = row[i] ?? "";
  return o;
}

/** Writes an object into a full-width row, keeping cells of columns the script does not know. */
export function objectToRow(layout: Layout, o: Row, base?: readonly unknown[]): unknown[] {
  const row = base ? [...base] : Array<unknown>(layout.width).fill("");
  while (row.length < layout.width) row.push("");
  for (const [key, value] of Object.entries(o)) {
    const i = layout.index[key];
    if (i !== undefined) row[i] = value;
  }
  return row;
}
