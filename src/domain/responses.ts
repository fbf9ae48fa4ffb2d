// Form responses as plain data, read back by item identity (never by question title): what setup built
// is recorded as an item map, and a response is translated through the map of the version it was
// filled in with.
import type { RawSubmission } from "./submission";
import type { RawReinspection } from "./reinspection";
import { RAW_ANSWER, SEP_CLAUSE } from "../text/words";
import { asText } from "./text";

export interface InspectionItemMap {
  kind: "inspection";
  institution: number;
  date: number;
  departments: number;
  inspectors: number;
  newPage: number;
  newName: number;
  newVillage: number;
  newAddress: number;
  newOperator: number;
  newPhone: number;
  firstChecklistPage: number;
  grids: Array<{ id: number; codes: string[] }>;
  classGrid: { id: number; codes: string[] };
  deadline: number;
  responsible: number;
  interim: number;
  descriptions: number;
}

export interface ReinspectionItemMap {
  kind: "reinspection";
  institution: number;
  date: number;
  departments: number;
  inspectors: number;
  passed: number;
  failed: number;
  note: number;
}

/** The public 举报 form: no institution list, no inspectors; answers are free text and two choices. */
export interface ComplaintItemMap {
  kind: "complaint";
  name: number;
  village: number;
  address: number;
  type: number;
  topic: number;
  content: number;
  phone: number;
}

export type ItemMap = InspectionItemMap | ReinspectionItemMap | ComplaintItemMap;

/** What setup built for one form definition, kept so responses can be read back by item id. */
export interface FormRecord {
  defId: string;
  formId: string;
  version: string;
  map: ItemMap;
  /** Item maps of earlier versions, so responses filled in before a rebuild can still be read. */
  previous: Array<{ version: string; map: ItemMap }>;
  /** Recorded the moment the form was created, before it was laid out: the next setup builds it. */
  building?: boolean;
  /** When setup switched on verified email collection (epoch ms): later responses carry a verified address. */
  verifiedSince?: number;
}

export interface ChoiceLists {
  /** Institution choices for this form's type (label text). */
  institutions: string[];
  villages: string[];
  departments: string[];
  /** Undefined: leave the inspector choices as they are. */
  inspectors?: string[];
}

/** One response as plain data. */
export interface ResponseData {
  id: string;
  /** Epoch milliseconds. */
  timestamp: number;
  /** "yyyy-MM-dd HH:mm:ss" in the script's time zone. */
  submittedAt: string;
  /** The respondent's address as the form collected it ("" when not collected). */
  respondent: string;
  editUrl: string;
  /** Item id → the item's response (text, list, or grid rows; absent when not answered). */
  answers: Map<number, unknown>;
}

const text = (a: ResponseData["answers"], id: number): string => {
  const v = a.get(id);
  return v === undefined || v === null ? "" : String(v);
};
/** The text answers to the items given by id, under the names given. */
function texts<K extends string>(r: ResponseData, ids: Record<K, number>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k in ids) out[k] = text(r.answers, ids[k]);
  return out;
}
const list = (a: ResponseData["answers"], id: number): string[] => {
  const v = a.get(id);
  return Array.isArray(v) ? v.map((x) => asText(x)) : v ? [String(v)] : [];
};

/** Whether a response was filled in with this item map (its answers use these item ids). */
function mapMatches(map: ItemMap, answers: ResponseData["answers"]): boolean {
  if (map.kind === "complaint") return answers.has(map.name) || answers.has(map.content);
  return answers.has(map.institution) || answers.has(map.date);
}

/** The map (and version) a response was filled in with: the current one, else the newest earlier one. */
export function mapFor(
  record: FormRecord,
  response: ResponseData,
): { map: ItemMap; version: string } | undefined {
  if (mapMatches(record.map, response.answers)) return { map: record.map, version: record.version };
  const older = [...record.previous].reverse().find((p) => mapMatches(p.map, response.answers));
  return older ? { map: older.map, version: older.version } : undefined;
}

/** What every form asks first, and who sent the response when. */
function commonAnswers(r: ResponseData, map: InspectionItemMap | ReinspectionItemMap) {
  return {
    responseId: r.id,
    submittedAt: r.submittedAt,
    submittedBy: r.respondent,
    responseLink: r.editUrl,
    institution: text(r.answers, map.institution),
    date: text(r.answers, map.date),
    departments: list(r.answers, map.departments),
    inspectors: list(r.answers, map.inspectors),
  };
}

export function readInspectionResponse(r: ResponseData, map: InspectionItemMap): RawSubmission {
  const results: Record<string, string> = {};
  for (const grid of map.grids) {
    const rows = list(r.answers, grid.id);
    grid.codes.forEach((code, i) => (results[code] = rows[i] ?? ""));
  }
  const classes: Record<string, string> = {};
  const classRows = list(r.answers, map.classGrid.id);
  map.classGrid.codes.forEach((code, i) => (classes[code] = classRows[i] ?? ""));
  return {
    ...commonAnswers(r, map),
    newInstitution: texts(r, {
      name: map.newName,
      village: map.newVillage,
      address: map.newAddress,
      operator: map.newOperator,
      phone: map.newPhone,
    }),
    results,
    classes,
    ...texts(r, {
      deadline: map.deadline,
      responsible: map.responsible,
      interim: map.interim,
      descriptions: map.descriptions,
    }),
  };
}

/** A complaint as the public sent it (text as typed; matched and cleaned by the planner). */
export interface RawComplaint {
  responseId: string;
  submittedAt: string;
  name: string;
  village: string;
  address: string;
  type: string;
  topic: string;
  content: string;
  phone: string;
}

export function readComplaintResponse(r: ResponseData, map: ComplaintItemMap): RawComplaint {
  return {
    responseId: r.id,
    submittedAt: r.submittedAt,
    ...texts(r, {
      name: map.name,
      village: map.village,
      address: map.address,
      type: map.type,
      topic: map.topic,
      content: map.content,
      phone: map.phone,
    }),
  };
}

export function readReinspectionResponse(r: ResponseData, map: ReinspectionItemMap): RawReinspection {
  return {
    ...commonAnswers(r, map),
    ...texts(r, { passed: map.passed, failed: map.failed, note: map.note }),
  };
}

/**
 * A Sheets cell holds at most 50,000 characters ("Your input contains more than the maximum of 50000
 * characters in a single cell"; Google Sheets size limits).
 */
export const CELL_MAX_CHARS = 50_000;

/** Text cut to fit a cell, saying so at the end (the full text stays in the form response). */
export function fitCell(text: string, max = CELL_MAX_CHARS): string {
  if (text.length <= max) return text;
  const tail = RAW_ANSWER.truncated(text.length);
  return text.slice(0, max - tail.length) + tail;
}

/**
 * The raw answers as readable text for the 待核实 sheet: one line per question, and one per grid row
 * naming its item (`FIRE-01 不符合`), so the coordinator can read what was sent without the form. Cut to
 * fit one cell; the response link beside it opens the whole response.
 */
export function answersAsText(r: ResponseData, titles: ReadonlyMap<number, string>, map?: ItemMap): string {
  const gridCodes = new Map<number, string[]>();
  if (map?.kind === "inspection") {
    for (const g of map.grids) gridCodes.set(g.id, g.codes);
    gridCodes.set(map.classGrid.id, map.classGrid.codes);
  }
  const lines: string[] = [];
  for (const [id, v] of r.answers) {
    if (v === undefined || v === null || v === "") continue;
    const title = titles.get(id) ?? RAW_ANSWER.untitled(id);
    const codes = gridCodes.get(id);
    if (codes && Array.isArray(v)) {
      const rows = v
        .map((x, i) => (x === null || x === "" ? "" : `${codes[i] ?? i + 1} ${String(x)}`))
        .filter(Boolean);
      if (rows.length) lines.push(RAW_ANSWER.line(title, rows.join(SEP_CLAUSE)));
      continue;
    }
    const shown = Array.isArray(v)
      ? v.map((x) => (x === null || x === "" ? "-" : String(x))).join(" | ")
      : String(v);
    lines.push(RAW_ANSWER.line(title, shown));
  }
  return fitCell(lines.join("\n"));
}
