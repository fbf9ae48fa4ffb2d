// The ledger's sheets: which columns each has, what kind of value each holds, which the script computes.
// Columns are found by their header text, never by position: coordinators move and insert columns.
import { HEADERS, SHEET } from "../text/zh";
import { CHECKLIST_HEADERS, CHECKLIST_SHEET } from "../text/checklist";
import { asText, trimmedText } from "./text";

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

const KINDS: Record<string, ColumnKind> = { t: "text", d: "date", T: "datetime", n: "number", l: "link" };

/**
 * A sheet's columns, in the order of its headers (HEADERS in src/text/zh.ts, or the headers given), each
 * in short form (the tables are long, and every run loads the bundle that carries them): the kind (t
 * text, d date, T date and time, n number, l link), the flags (c computed, e editable, o optional), the
 * width, and after a colon the drop-down list. "tc150" is a computed text column 150 wide, "t:yesNo" a
 * 是/否 drop-down. A spec list that does not match the headers fails when the script loads
 * (test/unit/domain.test.ts).
 */
function columns(
  sheet: string,
  specs: readonly string[],
  headers: Record<string, string> = HEADERS[sheet as keyof typeof HEADERS],
): ColumnSpec[] {
  const keys = Object.keys(headers);
  // A header added or removed without its spec would shift every later column: fail at load instead.
  if (keys.length !== specs.length) throw new Error(`columns of ${sheet}`);
  return keys.map((key, i) => {
    const [, kind, flags, width, choices] = /^(.)([ceo]*)(\d*):?(\w*)$/.exec(specs[i]!)!;
    const spec: ColumnSpec = { key, header: headers[key]!, kind: KINDS[kind!]! };
    if (flags!.includes("c")) spec.computed = true;
    if (flags!.includes("e")) spec.editable = true;
    if (flags!.includes("o")) spec.optional = true;
    if (width) spec.width = +width;
    if (choices) spec.choices = choices as ColumnSpec["choices"];
    return spec;
  });
}

/** A sheet of the ledger: its name (SHEET) and its columns (see columns). */
const sheet = (key: keyof typeof SHEET, specs: readonly string[]) => ({
  name: SHEET[key],
  columns: columns(key, specs),
});

export const LEDGER = {
  register: sheet("register", [
    "tc90", // id
    "t200", // name
    "t:types", // type
    "t:villages", // village
    "t200", // address
    "t", // operator
    "t", // phone
    "t", // email
    "n", // capacity
    // The number of complaints in 举报登记 naming the institution (all channels; see complaints.ts).
    "nc", // complaints
    "t:yesNo", // permit
    "t:yesNo", // businessLicence
    "t:yesNo", // foodPermit
    "t:yesNo", // healthPermit
    "t:yesNo", // healthFiling
    "t:yesNo", // beyondScope
    "tc", // licenceBucket
    "t:disposition", // disposition
    "tc", // state
    "t:registration", // registration
    "dc", // lastInspected
    "lc120", // formLink
    "t200", // notes
  ]),
  roster: sheet("roster", [
    "t", // name
    "t:departments", // department
    "t200", // email
    "t", // phone
    "t", // village
    "t:yesNo", // active
  ]),
  inspections: sheet("inspections", [
    "tc", // id
    "tc", // responseId
    "tc", // form
    "tc", // formVersion
    "tc", // institutionId
    "tc200", // institutionName
    "dc", // date
    "tc", // departments
    "tc", // inspectors
    "nc", // findingCount
    "nc", // classI
    "nc", // classII
    "nc", // classIII
    "tc", // submittedBy
    "Tc", // submittedAt
    "lc", // responseLink
    "lc", // notice
    "tco170", // noticeNo
  ]),
  findings: sheet("findings", [
    "tc150", // id
    "tc", // inspectionId
    "tc", // institutionId
    "tc200", // institutionName
    "tc", // village
    "tc", // type
    "tc", // itemCode
    "tc260", // itemText
    "te220", // description
    "tc:classes", // class
    "tc", // department
    "tc200", // basis
    "dc", // foundOn
    "d", // deadline
    "te", // responsible
    "te200", // interim
    "te:findingStatus", // status
    "tc", // overdue
    "de", // extendedTo
    "te160", // extensionReason
    "tc220", // reinspections
    "dc", // closedOn
    "te200", // notes
  ]),
  pending: sheet("pending", [
    "tc", // id
    "Tc", // receivedAt
    "tc", // form
    "tc", // responseId
    "tc", // submittedBy
    "tc320", // reasons
    "tc320", // answers
    "lc", // responseLink
    "t:pendingState", // state
  ]),
  settings: sheet("settings", [
    "t260", // key
    "t260", // value
    "tc360", // help
  ]),
  log: sheet("log", [
    "Tc", // at
    "tc", // user
    "tc", // action
    "tc", // target
    "tc", // oldValue
    "tc", // newValue
    "tc300", // note
    // The hash chain (src/domain/chain.ts).
    "tco140", // hash
  ]),
  holidays: sheet("holidays", [
    "d", // date
    "t:holidayKind", // kind
    "t200", // name
  ]),
  draws: sheet("draws", [
    "tc", // drawId
    "Tc", // drawnAt
    "tc", // mode
    "tc", // seed
    "tc160", // registerHash
    "tc160", // params
    "tc", // method
    "tc", // institutionId
    "tc200", // institutionName
    "tc", // village
    "tc", // type
    "tc", // stratum
    "tc", // inspectors
    "tc220", // relaxed
    "lc120", // formLink
    "tc", // inspectionId
    "tc200", // result
  ]),
  drawSnapshots: sheet("drawSnapshots", [
    "tc", // drawId
    "nc", // line
    "tc600", // text
  ]),
  mailLog: sheet("mailLog", [
    "Tc", // at
    "tc200", // to
    "tc300", // subject
    "tc", // kind
    "tc", // result
    "tc200", // key
  ]),
  notices: sheet("notices", [
    "Tc", // at
    "tc", // drawId
    "tc", // kind
    "tc600", // text
  ]),
  complaints: sheet("complaints", [
    "tc", // id
    "Tc", // receivedAt
    "tc", // responseId
    "t", // institutionId
    "t200", // institutionName
    "t", // village
    "t200", // address
    "t200", // topic
    "t:departments", // department
    "t320", // content
    "t", // phone
    "tc:complaintStatus", // status
    "t240", // reply
    "tc", // closedBy
    "dc", // closedOn
    "t200", // notes
  ]),
  // The checklist items a coordinator may switch off, reword or add to (see checklist-sheet.ts).
  checklist: {
    name: CHECKLIST_SHEET,
    columns: columns(
      "checklist",
      [
        "t", // code
        "t320", // text
        "t200", // help
        "t200", // forms
        "t", // dept
        "t240", // basis
        "t:classes", // severity
        "n", // deadlineDays
        "t:yesNo", // allowNa
        "t:yesNo", // enabled
      ],
      CHECKLIST_HEADERS,
    ),
  },
  // The script's own record of every finding's state (src/domain/shadow.ts): hidden and protected.
  shadow: sheet("shadow", [
    "tc150", // id
    // Every field of the finding the shadow keeps, in one cell (src/domain/shadow.ts).
    "tc600", // record
  ]),
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

/**
 * Sheets only the script writes: only the owner and the coordinators in 配置 may change them (setup
 * protects them), and a person's edit is put back where it can be, and always told.
 */
export const SCRIPT_SHEETS: readonly SheetKey[] = [
  "log",
  "inspections",
  "draws",
  "drawSnapshots",
  "notices",
  "mailLog",
  "shadow",
];

/**
 * Sheets of a few rows that every submission reads whole (检查人员: who may submit is judged afresh). Setup
 * keeps them short, SPARE_ROWS empty rows below the last in use, so one open-ended read of their
 * columns takes them in without first asking where the data ends.
 */
export const SHORT_SHEETS: ReadonlySet<SheetKey> = new Set<SheetKey>(["roster"]);
export const SPARE_ROWS = 100;

export function rowKey(sheet: SheetKey, row: Row): string {
  const cols = ROW_KEY[sheet];
  return cols ? cols.map((c) => trimmedText(row[c])).join("|") : "";
}

/** A sheet's column by its key. */
export const columnSpec = (sheet: SheetKey, key: string): ColumnSpec | undefined =>
  (LEDGER[sheet].columns as readonly ColumnSpec[]).find((c) => c.key === key);

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

/** A header as it is compared: spaces typed into it (or between its words) do not count. */
export const headerText = (s: unknown) => asText(s).replace(/\s+/g, "");

export function locateColumns(sheet: SheetKey, headerRow: readonly unknown[]): Layout {
  const index: Record<string, number> = {};
  const missing: ColumnSpec[] = [];
  const headers = headerRow.map(headerText);
  for (const col of LEDGER[sheet].columns) {
    const i = headers.indexOf(headerText(col.header));
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
