// Google Forms built from the checklist definitions, and responses read back by item identity.
//
// Layout, chosen for a phone: page 1 asks who/where/when (institution, date, departments, inspectors);
// choosing "new institution" branches to a page asking its details, every other choice jumps straight
// to the checklist. Each area is one page holding one grid (rows = items, columns = 符合/不符合/不适用):
// one tap per item, no scrolling between questions. The last page classifies only the failed items
// (a grid of the form's items × 一类/二类/三类) and asks, once, the deadline, responsible person,
// interim measures and per-item descriptions. Forms cannot make a question depend on a grid row, so
// those cross-question rules are checked on submit.
import { ANSWER, CLASS_FIXED_ON_SPOT, CLASS_LABEL, FORM_TEXT } from "../text/zh";
import { itemsOf, type ChecklistItem, type InspectionForm, type ReinspectionForm } from "../domain/checklist";
import { gridRowLabel, type RawSubmission } from "../domain/submission";
import type { RawReinspection } from "../domain/reinspection";
import { dateTimeText } from "./env";

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

export type ItemMap = InspectionItemMap | ReinspectionItemMap;

export interface FormRecord {
  defId: string;
  formId: string;
  version: string;
  map: ItemMap;
  /** Item maps of earlier versions, so responses filled in before a rebuild can still be read. */
  previous: Array<{ version: string; map: ItemMap }>;
}

export interface ChoiceLists {
  /** Institution choices for this form's type (label text). */
  institutions: string[];
  villages: string[];
  departments: string[];
  /** Undefined: leave the inspector choices as they are. */
  inspectors?: string[];
}

const PROPERTY_PREFIX = "form:";

export function loadFormRecords(): Map<string, FormRecord> {
  const all = PropertiesService.getDocumentProperties().getProperties();
  const out = new Map<string, FormRecord>();
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(PROPERTY_PREFIX)) continue;
    try {
      const rec = JSON.parse(v) as FormRecord;
      out.set(rec.defId, rec);
    } catch (_e) {
      // A damaged record is rebuilt by setup.
    }
  }
  return out;
}

export function saveFormRecord(rec: FormRecord): void {
  // Keep only the last few versions' maps: each property value is limited to 9 KB.
  const trimmed = { ...rec, previous: rec.previous.slice(-3) };
  PropertiesService.getDocumentProperties().setProperty(PROPERTY_PREFIX + rec.defId, JSON.stringify(trimmed));
}

const nonEmpty = (list: string[], placeholder: string) => (list.length ? list : [placeholder]);

function removeAllItems(form: GoogleAppsScript.Forms.Form): void {
  const items = form.getItems();
  for (let i = items.length - 1; i >= 0; i--) form.deleteItem(i);
}

function addCommonHeader(form: GoogleAppsScript.Forms.Form, lists: ChoiceLists) {
  const institution = form
    .addListItem()
    .setTitle(FORM_TEXT.institution)
    .setHelpText(FORM_TEXT.institutionHelp)
    .setRequired(true);
  institution.setChoiceValues(nonEmpty(lists.institutions, FORM_TEXT.newInstitutionChoice));
  const date = form.addDateItem().setTitle(FORM_TEXT.date).setRequired(true);
  const departments = form.addCheckboxItem().setTitle(FORM_TEXT.departments).setRequired(true);
  departments.setChoiceValues(nonEmpty(lists.departments, "教育"));
  const inspectors = form
    .addCheckboxItem()
    .setTitle(FORM_TEXT.inspectors)
    .setHelpText(FORM_TEXT.inspectorsHelp)
    .setRequired(true);
  inspectors.setChoiceValues(
    nonEmpty(lists.inspectors ?? [], "（检查人员名单为空，请先填写「检查人员」表）"),
  );
  return { institution, date, departments, inspectors };
}

export function buildInspectionForm(
  form: GoogleAppsScript.Forms.Form,
  def: InspectionForm,
  bank: readonly ChecklistItem[],
  lists: ChoiceLists,
): InspectionItemMap {
  removeAllItems(form);
  form
    .setTitle(def.title)
    .setDescription(def.help)
    .setConfirmationMessage(FORM_TEXT.confirmation)
    .setProgressBar(true)
    .setCollectEmail(true);
  const header = addCommonHeader(form, lists);

  const newPage = form.addPageBreakItem().setTitle(FORM_TEXT.newSection);
  const newName = form.addTextItem().setTitle(FORM_TEXT.newName);
  const newVillage = form.addListItem().setTitle(FORM_TEXT.newVillage);
  newVillage.setChoiceValues(nonEmpty(lists.villages, "（请在「配置」中填写村/社区）"));
  const newAddress = form.addTextItem().setTitle(FORM_TEXT.newAddress);
  const newOperator = form.addTextItem().setTitle(FORM_TEXT.newOperator);
  const newPhone = form.addTextItem().setTitle(FORM_TEXT.newPhone);

  const byCode = new Map(bank.map((i) => [i.code, i]));
  const grids: InspectionItemMap["grids"] = [];
  let firstChecklistPage = 0;
  for (const section of def.sections) {
    const page = form.addPageBreakItem().setTitle(section.title);
    if (section.help) page.setHelpText(section.help);
    if (!firstChecklistPage) firstChecklistPage = page.getId();
    const items = section.items.map((c) => byCode.get(c)!).filter(Boolean);
    const notes = items.filter((i) => i.help).map((i) => `${i.code}：${i.help}`);
    const grid = form
      .addGridItem()
      .setTitle(section.title.replace(/^[一二三四五六七八九十]+、/, ""))
      .setHelpText([FORM_TEXT.resultsHelp, ...notes].join("\n"))
      .setRows(items.map(gridRowLabel))
      .setColumns([ANSWER.ok, ANSWER.fail, ANSWER.na])
      .setRequired(true);
    grids.push({ id: grid.getId(), codes: items.map((i) => i.code) });
  }

  form.addPageBreakItem().setTitle(FORM_TEXT.problemSection).setHelpText(FORM_TEXT.problemSectionHelp);
  const all = itemsOf(def, bank);
  const classGrid = form
    .addGridItem()
    .setTitle(FORM_TEXT.classGrid)
    .setHelpText(FORM_TEXT.classGridHelp)
    .setRows(all.map(gridRowLabel))
    .setColumns([CLASS_FIXED_ON_SPOT, CLASS_LABEL.I, CLASS_LABEL.II, CLASS_LABEL.III]);
  const deadline = form.addDateItem().setTitle(FORM_TEXT.deadline).setHelpText(FORM_TEXT.deadlineHelp);
  const responsible = form.addTextItem().setTitle(FORM_TEXT.responsible);
  const interim = form.addParagraphTextItem().setTitle(FORM_TEXT.interim);
  const descriptions = form
    .addParagraphTextItem()
    .setTitle(FORM_TEXT.descriptions)
    .setHelpText(FORM_TEXT.descriptionsHelp);

  const map: InspectionItemMap = {
    kind: "inspection",
    institution: header.institution.getId(),
    date: header.date.getId(),
    departments: header.departments.getId(),
    inspectors: header.inspectors.getId(),
    newPage: newPage.getId(),
    newName: newName.getId(),
    newVillage: newVillage.getId(),
    newAddress: newAddress.getId(),
    newOperator: newOperator.getId(),
    newPhone: newPhone.getId(),
    firstChecklistPage,
    grids,
    classGrid: { id: classGrid.getId(), codes: all.map((i) => i.code) },
    deadline: deadline.getId(),
    responsible: responsible.getId(),
    interim: interim.getId(),
    descriptions: descriptions.getId(),
  };
  syncChoices(form, map, lists);
  return map;
}

export function buildReinspectionForm(
  form: GoogleAppsScript.Forms.Form,
  def: ReinspectionForm,
  lists: ChoiceLists,
): ReinspectionItemMap {
  removeAllItems(form);
  form
    .setTitle(def.title)
    .setDescription(def.help)
    .setConfirmationMessage(FORM_TEXT.confirmation)
    .setCollectEmail(true);
  const header = addCommonHeader(form, {
    ...lists,
    institutions: lists.institutions.filter((c) => c !== FORM_TEXT.newInstitutionChoice),
  });
  const passed = form
    .addParagraphTextItem()
    .setTitle(FORM_TEXT.reinspectPassed)
    .setHelpText(FORM_TEXT.reinspectPassedHelp);
  const failed = form
    .addParagraphTextItem()
    .setTitle(FORM_TEXT.reinspectFailed)
    .setHelpText(FORM_TEXT.reinspectFailedHelp);
  const note = form.addParagraphTextItem().setTitle(FORM_TEXT.reinspectNote);
  return {
    kind: "reinspection",
    institution: header.institution.getId(),
    date: header.date.getId(),
    departments: header.departments.getId(),
    inspectors: header.inspectors.getId(),
    passed: passed.getId(),
    failed: failed.getId(),
    note: note.getId(),
  };
}

/** Keeps the choice lists in step with the register, the roster and the settings. */
export function syncChoices(form: GoogleAppsScript.Forms.Form, map: ItemMap, lists: ChoiceLists): void {
  const departments = form.getItemById(map.departments)?.asCheckboxItem();
  departments?.setChoiceValues(nonEmpty(lists.departments, "教育"));
  const inspectors = form.getItemById(map.inspectors)?.asCheckboxItem();
  if (lists.inspectors)
    inspectors?.setChoiceValues(nonEmpty(lists.inspectors, "（检查人员名单为空，请先填写「检查人员」表）"));
  const institution = form.getItemById(map.institution)?.asListItem();
  if (!institution) return;
  if (map.kind === "reinspection") {
    institution.setChoiceValues(nonEmpty(lists.institutions, "（名录为空）"));
    return;
  }
  const newPage = form.getItemById(map.newPage)?.asPageBreakItem();
  const checklist = form.getItemById(map.firstChecklistPage)?.asPageBreakItem();
  if (!newPage || !checklist) return;
  const choices = lists.institutions.map((c) => institution.createChoice(c, checklist));
  choices.push(institution.createChoice(FORM_TEXT.newInstitutionChoice, newPage));
  institution.setChoices(choices);
  form
    .getItemById(map.newVillage)
    ?.asListItem()
    .setChoiceValues(nonEmpty(lists.villages, "（请在「配置」中填写村/社区）"));
}

/** A prefilled link that opens the form with the institution already chosen. */
export function prefilledLink(
  form: GoogleAppsScript.Forms.Form,
  map: ItemMap,
  institutionChoiceText: string,
): string {
  const item = form.getItemById(map.institution)?.asListItem();
  if (!item) return "";
  return form.createResponse().withItemResponse(item.createResponse(institutionChoiceText)).toPrefilledUrl();
}

type Answers = Map<number, unknown>;

export function answersOf(response: GoogleAppsScript.Forms.FormResponse): Answers {
  const out: Answers = new Map();
  for (const ir of response.getItemResponses()) out.set(ir.getItem().getId(), ir.getResponse());
  return out;
}

const text = (a: Answers, id: number): string => {
  const v = a.get(id);
  return v === undefined || v === null ? "" : String(v);
};
const list = (a: Answers, id: number): string[] => {
  const v = a.get(id);
  return Array.isArray(v) ? v.map((x) => String(x ?? "")) : v ? [String(v)] : [];
};

/** Whether a response was filled in with this item map (its answers use these item ids). */
export function mapMatches(map: ItemMap, answers: Answers): boolean {
  return answers.has(map.institution) || answers.has(map.date);
}

export function readInspectionResponse(
  response: GoogleAppsScript.Forms.FormResponse,
  answers: Answers,
  map: InspectionItemMap,
): RawSubmission {
  const results: Record<string, string> = {};
  for (const grid of map.grids) {
    const rows = list(answers, grid.id);
    grid.codes.forEach((code, i) => (results[code] = rows[i] ?? ""));
  }
  const classes: Record<string, string> = {};
  const classRows = list(answers, map.classGrid.id);
  map.classGrid.codes.forEach((code, i) => (classes[code] = classRows[i] ?? ""));
  return {
    ...commonAnswers(response, answers, map),
    newInstitution: {
      name: text(answers, map.newName),
      village: text(answers, map.newVillage),
      address: text(answers, map.newAddress),
      operator: text(answers, map.newOperator),
      phone: text(answers, map.newPhone),
    },
    results,
    classes,
    deadline: text(answers, map.deadline),
    responsible: text(answers, map.responsible),
    interim: text(answers, map.interim),
    descriptions: text(answers, map.descriptions),
  };
}

/** What every form asks first, and who sent the response when. */
function commonAnswers(response: GoogleAppsScript.Forms.FormResponse, answers: Answers, map: ItemMap) {
  return {
    responseId: response.getId(),
    submittedAt: dateTimeText(response.getTimestamp() as unknown as Date),
    submittedBy: response.getRespondentEmail() || "",
    responseLink: response.getEditResponseUrl(),
    institution: text(answers, map.institution),
    date: text(answers, map.date),
    departments: list(answers, map.departments),
    inspectors: list(answers, map.inspectors),
  };
}

export function readReinspectionResponse(
  response: GoogleAppsScript.Forms.FormResponse,
  answers: Answers,
  map: ReinspectionItemMap,
): RawReinspection {
  return {
    ...commonAnswers(response, answers, map),
    passed: text(answers, map.passed),
    failed: text(answers, map.failed),
    note: text(answers, map.note),
  };
}

/** The raw answers as readable text for the 待核实 sheet (question title: answer). */
export function answersAsText(form: GoogleAppsScript.Forms.Form, answers: Answers): string {
  const titles = new Map(form.getItems().map((item) => [item.getId(), item.getTitle()]));
  const lines: string[] = [];
  for (const [id, v] of answers) {
    if (v === undefined || v === null || v === "") continue;
    const shown = Array.isArray(v)
      ? v.map((x) => (x === null || x === "" ? "-" : String(x))).join(" | ")
      : String(v);
    lines.push(`${titles.get(id) ?? `问题 ${id}`}：${shown}`);
  }
  return lines.join("\n");
}
