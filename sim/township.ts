// What the people of a township do, expressed against the runtime: a coordinator fills the register,
// the roster and the settings; an inspector fills in a checklist on a phone. Everything goes through
// the sheet UI and the form as a person would, reading the form that setup built (never src/).
import type { Runtime } from "./runtime";
import type { SimForm, SimItem } from "./forms";
import type { InspectionItemMap, ReinspectionItemMap } from "../src/gas/forms";

type ResultCode = "ok" | "fail" | "na";
/** I-fixed: a 一类 problem put right during the visit (the class grid's first column). */
type ClassCode = "I-fixed" | "I" | "II" | "III";
const CLASS_COLUMN: Record<ClassCode, number> = { "I-fixed": 0, I: 1, II: 2, III: 3 };

export interface InstitutionSeed {
  name: string;
  /** The type as the register shows it: 校外培训机构 / 校外托管机构 / 小饭桌 / 托育机构 */
  type: string;
  village: string;
  address?: string;
  operator?: string;
  phone?: string;
  email?: string;
  capacity?: number;
  licences?: Partial<
    Record<"办学许可证" | "营业执照/登记证书" | "食品经营许可证" | "卫生许可证" | "卫健备案", "是" | "否">
  >;
}

export interface InspectorSeed {
  name: string;
  department: string;
  email: string;
  phone?: string;
  village?: string;
}

/** A sheet's data rows as objects keyed by header text, as a coordinator reads them. */
export function sheetRows(rt: Runtime, sheetName: string): Array<Record<string, unknown>> {
  const s = rt.sheet(sheetName);
  const header = Array.from({ length: s._lastColumn() }, (_, i) => String(s._get(1, i + 1)));
  const out: Array<Record<string, unknown>> = [];
  for (let r = 2; r <= s._lastRow(); r++)
    out.push(Object.fromEntries(header.map((h, i) => [h, s._get(r, i + 1)])));
  return out;
}

/** Writes rows under a sheet's header as a person pasting them, matching columns by header text. */
export function pasteRows(
  rt: Runtime,
  sheetName: string,
  rows: Array<Record<string, unknown>>,
  user?: string,
): void {
  if (rows.length === 0) return;
  const sheet = rt.sheet(sheetName);
  const header = Array.from({ length: sheet._lastColumn() }, (_, i) => String(sheet._get(1, i + 1)));
  const block = rows.map((r) => header.map((h) => (h in r ? r[h] : "")));
  const result = rt.editCells(sheetName, sheet._lastRow() + 1, 1, block, user);
  if (!result.accepted) throw new Error(`Paste into ${sheetName} refused: ${result.message}`);
}

/** Sets settings by their label (the 项目 column), as a coordinator typing into the 值 column. */
export function setSettings(rt: Runtime, values: Record<string, string>, user?: string): void {
  const sheet = rt.sheet("配置");
  for (const [label, value] of Object.entries(values)) {
    let row = 0;
    for (let r = 2; r <= sheet._lastRow(); r++) if (String(sheet._get(r, 1)) === label) row = r;
    if (!row) throw new Error(`No setting labelled ${label}`);
    const result = rt.editCells("配置", row, 2, [[value]], user);
    if (!result.accepted) throw new Error(`Setting ${label} refused: ${result.message}`);
  }
}

export function seedRegister(rt: Runtime, institutions: InstitutionSeed[], user?: string): void {
  pasteRows(
    rt,
    "机构名录",
    institutions.map((i) => ({
      机构名称: i.name,
      类型: i.type,
      "村/社区": i.village,
      地址: i.address ?? `${i.village}${i.name}`,
      举办者: i.operator ?? "",
      联系电话: i.phone ? `'${i.phone}` : "",
      联系邮箱: i.email ?? "",
      核定人数: i.capacity ?? "",
      ...i.licences,
    })),
    user,
  );
}

export function seedRoster(rt: Runtime, inspectors: InspectorSeed[], user?: string): void {
  pasteRows(
    rt,
    "检查人员",
    inspectors.map((p) => ({
      姓名: p.name,
      部门: p.department,
      邮箱: p.email,
      手机: p.phone ? `'${p.phone}` : "",
      "所在/联系村": p.village ?? "",
      在岗: "是",
    })),
    user,
  );
}

export function formRecord(
  rt: Runtime,
  defId: string,
): { formId: string; version: string; map: InspectionItemMap } {
  const raw = rt.properties._stores.document.get(`form:${defId}`);
  if (!raw) throw new Error(`Form ${defId} has not been set up (run setup first).`);
  return JSON.parse(raw) as { formId: string; version: string; map: InspectionItemMap };
}

export interface InspectionAnswers {
  /** A register id (R0001) or a new institution found on the spot. */
  institution:
    string | { new: { name: string; village: string; address: string; operator?: string; phone?: string } };
  date: string;
  departments: string[];
  /** Inspector names as in the roster. */
  inspectors: string[];
  /** Answers by item code; items not listed are answered 符合 (or 不适用 where `defaultNa` lists them). */
  results?: Record<string, ResultCode>;
  defaultNa?: string[];
  classes?: Record<string, ClassCode>;
  deadline?: string;
  responsible?: string;
  interim?: string;
  descriptions?: string;
}

function item(form: SimForm, id: number): SimItem {
  const it = form._items.find((i) => i._id === id);
  if (!it) throw new Error(`The form has no item ${id}`);
  return it;
}

/** The answers a person would give in the form, keyed by item id, using the form's own choice texts. */
export function inspectionAnswers(rt: Runtime, defId: string, a: InspectionAnswers): Map<number, unknown> {
  const { formId, map } = formRecord(rt, defId);
  const form = rt.form(formId);
  const answers = new Map<number, unknown>();
  const institutionItem = item(form, map.institution);
  const choices = institutionItem._choices.map((c) => c.value);
  if (typeof a.institution === "string") {
    const id = a.institution;
    const choice = choices.find((c) => c.startsWith(`${id} `));
    if (!choice) throw new Error(`Institution ${id} is not a choice of form ${defId}`);
    answers.set(map.institution, choice);
  } else {
    answers.set(map.institution, choices[choices.length - 1]);
    const n = a.institution.new;
    answers.set(map.newName, n.name);
    answers.set(map.newVillage, n.village);
    answers.set(map.newAddress, n.address);
    if (n.operator) answers.set(map.newOperator, n.operator);
    if (n.phone) answers.set(map.newPhone, n.phone);
  }
  answers.set(map.date, a.date);
  answers.set(map.departments, a.departments);
  const inspectorChoices = item(form, map.inspectors)._choices.map((c) => c.value);
  answers.set(
    map.inspectors,
    a.inspectors.map((name) => inspectorChoices.find((c) => c.startsWith(`${name}（`)) ?? name),
  );
  for (const grid of map.grids) {
    const columns = item(form, grid.id)._columns;
    answers.set(
      grid.id,
      grid.codes.map((code) => {
        const r = a.results?.[code] ?? (a.defaultNa?.includes(code) ? "na" : "ok");
        return columns[r === "ok" ? 0 : r === "fail" ? 1 : 2];
      }),
    );
  }
  const classColumns = item(form, map.classGrid.id)._columns;
  if (a.classes && Object.keys(a.classes).length) {
    answers.set(
      map.classGrid.id,
      map.classGrid.codes.map((code) => {
        const c = a.classes?.[code];
        return c ? classColumns[CLASS_COLUMN[c]] : null;
      }),
    );
  }
  if (a.deadline) answers.set(map.deadline, a.deadline);
  if (a.responsible) answers.set(map.responsible, a.responsible);
  if (a.interim) answers.set(map.interim, a.interim);
  if (a.descriptions) answers.set(map.descriptions, a.descriptions);
  return answers;
}

/**
 * Who fills the form in: by default the first named inspector, signed in to the Google account 检查人员
 * lists for them (the forms collect verified addresses); someone else when a test says so.
 */
function signedIn(rt: Runtime, names: readonly string[]): string {
  const roster = sheetRows(rt, "检查人员");
  for (const name of names) {
    const row = roster.find((r) => String(r["姓名"]) === name);
    if (row && String(row["邮箱"] ?? "")) return String(row["邮箱"]);
  }
  return "inspector@township.example.cn";
}

export function submitInspection(
  rt: Runtime,
  defId: string,
  a: InspectionAnswers,
  respondent?: string,
): { responseId: string } {
  return rt.submitForm(
    formRecord(rt, defId).formId,
    inspectionAnswers(rt, defId, a),
    respondent ?? signedIn(rt, a.inspectors),
  );
}

export interface ReinspectionAnswers {
  institution: string;
  date: string;
  departments: string[];
  inspectors: string[];
  passed?: string[];
  failed?: string[];
  note?: string;
}

/** A re-inspection as an inspector fills it in: finding ids one per line (with an optional remark). */
export function submitReinspection(
  rt: Runtime,
  a: ReinspectionAnswers,
  respondent?: string,
): { responseId: string } {
  const raw = rt.properties._stores.document.get("form:reinspection");
  if (!raw) throw new Error("The re-inspection form has not been set up.");
  const { formId, map } = JSON.parse(raw) as { formId: string; map: ReinspectionItemMap };
  const form = rt.form(formId);
  const choice = item(form, map.institution)
    ._choices.map((c) => c.value)
    .find((c) => c.startsWith(`${a.institution} `));
  if (!choice) throw new Error(`Institution ${a.institution} is not a choice of the re-inspection form`);
  const inspectorChoices = item(form, map.inspectors)._choices.map((c) => c.value);
  const answers = new Map<number, unknown>([
    [map.institution, choice],
    [map.date, a.date],
    [map.departments, a.departments],
    [map.inspectors, a.inspectors.map((n) => inspectorChoices.find((c) => c.startsWith(`${n}（`)) ?? n)],
  ]);
  if (a.passed?.length) answers.set(map.passed, a.passed.join("\n"));
  if (a.failed?.length) answers.set(map.failed, a.failed.join("\n"));
  if (a.note) answers.set(map.note, a.note);
  return rt.submitForm(formId, answers, respondent ?? signedIn(rt, a.inspectors));
}
