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

/**
 * One column in short form (the tables below are long, and the bundle carries them): flags "c" computed,
 * "e" editable, "o" optional.
 */
function col<K extends string>(
  key: K,
  kind: ColumnKind,
  flags = "",
  width?: number,
  choices?: ColumnSpec["choices"],
): Omit<ColumnSpec, "header"> & { key: K } {
  const spec: Omit<ColumnSpec, "header"> & { key: K } = { key, kind };
  if (flags.includes("c")) spec.computed = true;
  if (flags.includes("e")) spec.editable = true;
  if (flags.includes("o")) spec.optional = true;
  if (width) spec.width = width;
  if (choices) spec.choices = choices;
  return spec;
}

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
      col("id", "text", "c", 90),
      col("name", "text", "", 200),
      col("type", "text", "", undefined, "types"),
      col("village", "text", "", undefined, "villages"),
      col("address", "text", "", 200),
      col("operator", "text"),
      col("phone", "text"),
      col("email", "text"),
      col("capacity", "number"),
      // The number of complaints in 举报登记 naming the institution (all channels; see complaints.ts).
      col("complaints", "number", "c"),
      col("permit", "text", "", undefined, "yesNo"),
      col("businessLicence", "text", "", undefined, "yesNo"),
      col("foodPermit", "text", "", undefined, "yesNo"),
      col("healthPermit", "text", "", undefined, "yesNo"),
      col("healthFiling", "text", "", undefined, "yesNo"),
      col("beyondScope", "text", "", undefined, "yesNo"),
      col("licenceBucket", "text", "c"),
      col("disposition", "text", "", undefined, "disposition"),
      col("state", "text", "c"),
      col("registration", "text", "", undefined, "registration"),
      col("lastInspected", "date", "c"),
      col("formLink", "link", "c", 120),
      col("notes", "text", "", 200),
    ]),
  },
  roster: {
    name: SHEET.roster,
    columns: columns("roster", [
      col("name", "text"),
      col("department", "text", "", undefined, "departments"),
      col("email", "text", "", 200),
      col("phone", "text"),
      col("village", "text"),
      col("active", "text", "", undefined, "yesNo"),
    ]),
  },
  inspections: {
    name: SHEET.inspections,
    columns: columns("inspections", [
      col("id", "text", "c"),
      col("responseId", "text", "c"),
      col("form", "text", "c"),
      col("formVersion", "text", "c"),
      col("institutionId", "text", "c"),
      col("institutionName", "text", "c", 200),
      col("date", "date", "c"),
      col("departments", "text", "c"),
      col("inspectors", "text", "c"),
      col("findingCount", "number", "c"),
      col("classI", "number", "c"),
      col("classII", "number", "c"),
      col("classIII", "number", "c"),
      col("submittedBy", "text", "c"),
      col("submittedAt", "datetime", "c"),
      col("responseLink", "link", "c"),
      col("notice", "link", "c"),
      col("noticeNo", "text", "co", 170),
    ]),
  },
  findings: {
    name: SHEET.findings,
    columns: columns("findings", [
      col("id", "text", "c", 150),
      col("inspectionId", "text", "c"),
      col("institutionId", "text", "c"),
      col("institutionName", "text", "c", 200),
      col("village", "text", "c"),
      col("type", "text", "c"),
      col("itemCode", "text", "c"),
      col("itemText", "text", "c", 260),
      col("description", "text", "e", 220),
      col("class", "text", "c", undefined, "classes"),
      col("department", "text", "c"),
      col("basis", "text", "c", 200),
      col("foundOn", "date", "c"),
      col("deadline", "date"),
      col("responsible", "text", "e"),
      col("interim", "text", "e", 200),
      col("status", "text", "e", undefined, "findingStatus"),
      col("overdue", "text", "c"),
      col("extendedTo", "date", "e"),
      col("extensionReason", "text", "e", 160),
      col("reinspections", "text", "c", 220),
      col("closedOn", "date", "c"),
      col("notes", "text", "e", 200),
    ]),
  },
  pending: {
    name: SHEET.pending,
    columns: columns("pending", [
      col("id", "text", "c"),
      col("receivedAt", "datetime", "c"),
      col("form", "text", "c"),
      col("responseId", "text", "c"),
      col("submittedBy", "text", "c"),
      col("reasons", "text", "c", 320),
      col("answers", "text", "c", 320),
      col("responseLink", "link", "c"),
      col("state", "text", "", undefined, "pendingState"),
    ]),
  },
  settings: {
    name: SHEET.settings,
    columns: columns("settings", [
      col("key", "text", "", 260),
      col("value", "text", "", 260),
      col("help", "text", "c", 360),
    ]),
  },
  log: {
    name: SHEET.log,
    columns: columns("log", [
      col("at", "datetime", "c"),
      col("user", "text", "c"),
      col("action", "text", "c"),
      col("target", "text", "c"),
      col("oldValue", "text", "c"),
      col("newValue", "text", "c"),
      col("note", "text", "c", 300),
      // The hash chain (src/domain/chain.ts).
      col("hash", "text", "co", 140),
    ]),
  },
  holidays: {
    name: SHEET.holidays,
    columns: columns("holidays", [
      col("date", "date"),
      col("kind", "text", "", undefined, "holidayKind"),
      col("name", "text", "", 200),
    ]),
  },
  draws: {
    name: SHEET.draws,
    columns: columns("draws", [
      col("drawId", "text", "c"),
      col("drawnAt", "datetime", "c"),
      col("mode", "text", "c"),
      col("seed", "text", "c"),
      col("registerHash", "text", "c", 160),
      col("params", "text", "c", 160),
      col("method", "text", "c"),
      col("institutionId", "text", "c"),
      col("institutionName", "text", "c", 200),
      col("village", "text", "c"),
      col("type", "text", "c"),
      col("stratum", "text", "c"),
      col("inspectors", "text", "c"),
      col("relaxed", "text", "c", 220),
      col("formLink", "link", "c", 120),
      col("inspectionId", "text", "c"),
      col("result", "text", "c", 200),
    ]),
  },
  drawSnapshots: {
    name: SHEET.drawSnapshots,
    columns: columns("drawSnapshots", [
      col("drawId", "text", "c"),
      col("line", "number", "c"),
      col("text", "text", "c", 600),
    ]),
  },
  mailLog: {
    name: SHEET.mailLog,
    columns: columns("mailLog", [
      col("at", "datetime", "c"),
      col("to", "text", "c", 200),
      col("subject", "text", "c", 300),
      col("kind", "text", "c"),
      col("result", "text", "c"),
      col("key", "text", "c", 200),
    ]),
  },
  notices: {
    name: SHEET.notices,
    columns: columns("notices", [
      col("at", "datetime", "c"),
      col("drawId", "text", "c"),
      col("kind", "text", "c"),
      col("text", "text", "c", 600),
    ]),
  },
  complaints: {
    name: SHEET.complaints,
    columns: columns("complaints", [
      col("id", "text", "c"),
      col("receivedAt", "datetime", "c"),
      col("responseId", "text", "c"),
      col("institutionId", "text"),
      col("institutionName", "text", "", 200),
      col("village", "text"),
      col("address", "text", "", 200),
      col("topic", "text", "", 200),
      col("department", "text", "", undefined, "departments"),
      col("content", "text", "", 320),
      col("phone", "text"),
      col("status", "text", "c", undefined, "complaintStatus"),
      col("reply", "text", "", 240),
      col("closedBy", "text", "c"),
      col("closedOn", "date", "c"),
      col("notes", "text", "", 200),
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
      col("id", "text", "c", 150),
      col("inspectionId", "text", "c"),
      col("institutionId", "text", "c"),
      col("class", "text", "c"),
      col("foundOn", "date", "c"),
      col("deadline", "date", "c"),
      col("status", "text", "c"),
      col("extendedTo", "date", "c"),
      col("closedOn", "date", "c"),
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
