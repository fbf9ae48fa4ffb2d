// Google Forms built from the checklist definitions, and responses read back by item identity.
//
// Layout, chosen for a phone: page 1 asks who/where/when (institution, date, departments, inspectors);
// choosing "new institution" branches to a page asking its details, every other choice jumps straight
// to the checklist. Each area is one page holding one grid (rows = items, columns = 符合/不符合/不适用):
// one tap per item, no scrolling between questions. The last page classifies only the failed items
// (a grid of the form's items × 一类/二类/三类) and asks, once, the deadline, responsible person,
// interim measures and per-item descriptions. Forms cannot make a question depend on a grid row, so
// those cross-question rules are checked on submit.
import { ANSWER, CLASS_FIXED_ON_SPOT, CLASS_LABEL, FORM_TEXT, TYPE_LABEL } from "../text/zh";
import { COMPLAINT_TEXT } from "../text/rules";
import { EMPTY_LIST_CHOICE } from "../text/forms";
import { labelled } from "../text/words";
import {
  itemsOf,
  type ChecklistItem,
  type ComplaintForm,
  type FormDefinition,
  type InspectionForm,
  type ReinspectionForm,
} from "../domain/checklist";
import { PROP_FORM_RECORD } from "./keys";
import type { PropertyStore } from "./ports";
import { gridRowLabel } from "../domain/submission";
import type {
  ChoiceLists,
  ComplaintItemMap,
  FormRecord,
  InspectionItemMap,
  ItemMap,
  ReinspectionItemMap,
  ResponseData,
} from "../domain/responses";
import { parseJson } from "../domain/json";

export type { InspectionItemMap, ReinspectionItemMap, ItemMap, FormRecord, ChoiceLists };

const nonEmpty = (list: string[], placeholder: string) => (list.length ? list : [placeholder]);
/** One of the lists, or its stand-in choice while the sheet it comes from is empty. */
const listOrStandIn = (lists: ChoiceLists, key: keyof typeof EMPTY_LIST_CHOICE) =>
  nonEmpty(lists[key] ?? [], EMPTY_LIST_CHOICE[key]);

/** The questions' ids under the names given (an item map records where each question is), in order. */
const idsOf = <K extends string>(items: Record<K, { getId(): number }>) =>
  Object.fromEntries(
    Object.entries<{ getId(): number }>(items).map(([k, item]) => [k, item.getId()]),
  ) as Record<K, number>;

/** Empties the form and sets its title, description and the message shown once a response is sent. */
function startForm(
  form: GoogleAppsScript.Forms.Form,
  def: FormDefinition,
  confirmation: string,
): GoogleAppsScript.Forms.Form {
  const items = form.getItems();
  for (let i = items.length - 1; i >= 0; i--) form.deleteItem(i);
  return form.setTitle(def.title).setDescription(def.help).setConfirmationMessage(confirmation);
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
  departments.setChoiceValues(listOrStandIn(lists, "departments"));
  const inspectors = form
    .addCheckboxItem()
    .setTitle(FORM_TEXT.inspectors)
    .setHelpText(FORM_TEXT.inspectorsHelp)
    .setRequired(true);
  inspectors.setChoiceValues(listOrStandIn(lists, "inspectors"));
  return { institution, date, departments, inspectors };
}

function buildInspectionForm(
  form: GoogleAppsScript.Forms.Form,
  def: InspectionForm,
  bank: readonly ChecklistItem[],
  lists: ChoiceLists,
): InspectionItemMap {
  startForm(form, def, FORM_TEXT.confirmation).setProgressBar(true).setCollectEmail(true);
  const header = addCommonHeader(form, lists);

  const newPage = form.addPageBreakItem().setTitle(FORM_TEXT.newSection);
  const newName = form.addTextItem().setTitle(FORM_TEXT.newName);
  const newVillage = form.addListItem().setTitle(FORM_TEXT.newVillage);
  newVillage.setChoiceValues(listOrStandIn(lists, "villages"));
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
    const notes = items.filter((i) => i.help).map((i) => labelled(i.code, i.help!));
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
    ...idsOf({ ...header, newPage, newName, newVillage, newAddress, newOperator, newPhone }),
    firstChecklistPage,
    grids,
    classGrid: { id: classGrid.getId(), codes: all.map((i) => i.code) },
    ...idsOf({ deadline, responsible, interim, descriptions }),
  };
  syncChoices(form, map, lists);
  return map;
}

function buildReinspectionForm(
  form: GoogleAppsScript.Forms.Form,
  def: ReinspectionForm,
  lists: ChoiceLists,
): ReinspectionItemMap {
  startForm(form, def, FORM_TEXT.confirmation).setCollectEmail(true);
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
  const map: ReinspectionItemMap = {
    kind: "reinspection",
    ...idsOf({ ...header, passed, failed, note }),
  };
  // The lists as every later update sets them, so a rebuilt form and a synced one are the same.
  syncChoices(form, map, lists);
  return map;
}

/**
 * The public 举报 form: no sign-in and no address collected (anyone may report); the institution as the
 * public knows it, where, what about, and an optional phone number.
 */
function buildComplaintForm(
  form: GoogleAppsScript.Forms.Form,
  def: ComplaintForm,
  lists: ChoiceLists,
): ComplaintItemMap {
  startForm(form, def, COMPLAINT_TEXT.confirmation).setCollectEmail(false);
  const name = form.addTextItem().setTitle(COMPLAINT_TEXT.name).setRequired(true);
  const village = form.addListItem().setTitle(COMPLAINT_TEXT.village).setRequired(true);
  const address = form.addTextItem().setTitle(COMPLAINT_TEXT.address);
  const type = form.addMultipleChoiceItem().setTitle(COMPLAINT_TEXT.type);
  type.setChoiceValues([...Object.values(TYPE_LABEL), COMPLAINT_TEXT.unknownType]);
  const topic = form.addMultipleChoiceItem().setTitle(COMPLAINT_TEXT.topic).setRequired(true);
  topic.setChoiceValues(def.topics.map((t) => t.label));
  const content = form
    .addParagraphTextItem()
    .setTitle(COMPLAINT_TEXT.content)
    .setHelpText(COMPLAINT_TEXT.contentHelp)
    .setRequired(true);
  const phone = form.addTextItem().setTitle(COMPLAINT_TEXT.phone).setHelpText(COMPLAINT_TEXT.phoneHelp);
  const map: ComplaintItemMap = {
    kind: "complaint",
    ...idsOf({ name, village, address, type, topic, content, phone }),
  };
  syncChoices(form, map, lists);
  return map;
}

/** Keeps the choice lists in step with the register, the roster and the settings. */
function syncChoices(form: GoogleAppsScript.Forms.Form, map: ItemMap, lists: ChoiceLists): void {
  if (map.kind === "complaint") {
    form
      .getItemById(map.village)
      ?.asListItem()
      .setChoiceValues([...lists.villages, COMPLAINT_TEXT.unknownVillage]);
    return;
  }
  const departments = form.getItemById(map.departments)?.asCheckboxItem();
  departments?.setChoiceValues(listOrStandIn(lists, "departments"));
  const inspectors = form.getItemById(map.inspectors)?.asCheckboxItem();
  if (lists.inspectors) inspectors?.setChoiceValues(listOrStandIn(lists, "inspectors"));
  const institution = form.getItemById(map.institution)?.asListItem();
  if (!institution) return;
  if (map.kind === "reinspection") {
    institution.setChoiceValues(listOrStandIn(lists, "institutions"));
    return;
  }
  const newPage = form.getItemById(map.newPage)?.asPageBreakItem();
  const checklist = form.getItemById(map.firstChecklistPage)?.asPageBreakItem();
  if (!newPage || !checklist) return;
  const choices = lists.institutions.map((c) => institution.createChoice(c, checklist));
  choices.push(institution.createChoice(FORM_TEXT.newInstitutionChoice, newPage));
  institution.setChoices(choices);
  form.getItemById(map.newVillage)?.asListItem().setChoiceValues(listOrStandIn(lists, "villages"));
}

/** The forms of the campaign, as the use cases see them. */
export interface FormsPort {
  /** What setup built for each form definition (by definition id). */
  records(): Map<string, FormRecord>;
  saveRecord(rec: FormRecord): void;
  removeRecord(defId: string): void;
  exists(formId: string): boolean;
  title(formId: string): string;
  /** The id of the form at a URL (a response tab names its form by URL); "" when it cannot be opened. */
  idOfUrl(url: string): string;
  /**
   * The form's responses, or only those submitted at or after `since` (epoch ms), leaving out the ids in
   * `skip` before their answers are read (reading answers is a call per question).
   */
  responses(formId: string, since?: number, skip?: ReadonlySet<string>): ResponseData[];
  response(formId: string, responseId: string): ResponseData | undefined;
  titles(formId: string): Map<number, string>;
  syncChoices(record: FormRecord, lists: ChoiceLists): void;
  /** A new, empty form; the caller records its id at once so a run that dies cannot orphan it. */
  create(title: string): string;
  /** Sends the form's responses to the spreadsheet (Google adds a response tab). */
  link(formId: string, spreadsheetId: string): void;
  /** Lays the form out from its definition, replacing what is there; returns the item map. */
  build(formId: string, def: FormDefinition, bank: readonly ChecklistItem[], lists: ChoiceLists): ItemMap;
  /** Prefilled links (institution chosen), from one template link: no Forms call per institution. */
  prefilledLinks(record: FormRecord, choices: readonly string[]): Map<string, string>;
  /** Stops sending a form's responses to the spreadsheet. */
  unlink(formId: string): void;
  /** Collects the verified Google account of each respondent. */
  requireVerifiedEmail(formId: string): void;
  /** Whether it still does (a person may change it in Google Forms). */
  collectsVerified(formId: string): boolean;
  /** The link respondents open (for the public 举报 form, the one the township publishes). */
  publishedUrl(formId: string): string;
}

const toData = (r: GoogleAppsScript.Forms.FormResponse, tz: string): ResponseData => {
  const answers = new Map<number, unknown>();
  for (const ir of r.getItemResponses()) answers.set(ir.getItem().getId(), ir.getResponse());
  const at = r.getTimestamp() as unknown as Date;
  return {
    id: r.getId(),
    timestamp: at.getTime(),
    submittedAt: Utilities.formatDate(at, tz, "yyyy-MM-dd HH:mm:ss"),
    respondent: r.getRespondentEmail() || "",
    editUrl: r.getEditResponseUrl(),
    answers,
  };
};

export class AppsScriptForms implements FormsPort {
  private readonly opened = new Map<string, GoogleAppsScript.Forms.Form>();
  constructor(
    private readonly props: PropertyStore,
    private readonly timeZone: () => string,
  ) {}

  private form(formId: string): GoogleAppsScript.Forms.Form {
    let f = this.opened.get(formId);
    if (!f) {
      f = FormApp.openById(formId);
      this.opened.set(formId, f);
    }
    return f;
  }

  records(): Map<string, FormRecord> {
    const out = new Map<string, FormRecord>();
    for (const v of Object.values(this.props.all(PROP_FORM_RECORD))) {
      // A damaged record is rebuilt by setup.
      const rec = parseJson<FormRecord | null>(v);
      if (rec != null) out.set(rec.defId, rec);
    }
    return out;
  }

  saveRecord(rec: FormRecord): void {
    // Keep only the last few versions' maps: each property value is limited to 9 KB.
    const trimmed = { ...rec, previous: rec.previous.slice(-3) };
    this.props.set({ [PROP_FORM_RECORD + rec.defId]: JSON.stringify(trimmed) });
  }

  removeRecord(defId: string): void {
    this.props.remove([PROP_FORM_RECORD + defId]);
  }

  exists(formId: string): boolean {
    try {
      this.form(formId);
      return true;
    } catch (_e) {
      return false;
    }
  }

  title(formId: string): string {
    return this.form(formId).getTitle();
  }

  idOfUrl(url: string): string {
    try {
      const form = FormApp.openByUrl(url);
      this.opened.set(form.getId(), form);
      return form.getId();
    } catch (_e) {
      return "";
    }
  }

  responses(formId: string, since?: number, skip?: ReadonlySet<string>): ResponseData[] {
    const form = this.form(formId);
    const list = since === undefined ? form.getResponses() : form.getResponses(new Date(since));
    const tz = this.timeZone();
    return list.filter((r) => !skip?.has(r.getId())).map((r) => toData(r, tz));
  }

  response(formId: string, responseId: string): ResponseData | undefined {
    try {
      return toData(this.form(formId).getResponse(responseId), this.timeZone());
    } catch (_e) {
      return undefined;
    }
  }

  titles(formId: string): Map<number, string> {
    return new Map(
      this.form(formId)
        .getItems()
        .map((item) => [item.getId(), item.getTitle()]),
    );
  }

  syncChoices(record: FormRecord, lists: ChoiceLists): void {
    syncChoices(this.form(record.formId), record.map, lists);
  }

  create(title: string): string {
    const form = FormApp.create(title);
    this.opened.set(form.getId(), form);
    return form.getId();
  }

  link(formId: string, spreadsheetId: string): void {
    this.form(formId).setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheetId);
  }

  build(formId: string, def: FormDefinition, bank: readonly ChecklistItem[], lists: ChoiceLists): ItemMap {
    const form = this.form(formId);
    if (def.kind === "complaint") return buildComplaintForm(form, def, lists);
    return def.kind === "inspection"
      ? buildInspectionForm(form, def, bank, lists)
      : buildReinspectionForm(form, def, lists);
  }

  prefilledLinks(record: FormRecord, choices: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    if (!choices.length || record.map.kind === "complaint") return out;
    const form = this.form(record.formId);
    const item = form.getItemById(record.map.institution)?.asListItem();
    const sample = item?.getChoices()[0]?.getValue();
    if (sample === undefined) return out;
    // One prefilled link for a choice the form has; the others differ only in that answer, the link's
    // one entry.<question id> (a question id, not the item's: the Forms API's Item.itemId and
    // Question.questionId, https://developers.google.com/forms/api/reference/rest/v1/forms).
    const link = form.createResponse().withItemResponse(item!.createResponse(sample)).toPrefilledUrl();
    const m = /([?&]entry\.\d+=)[^&]*/.exec(link);
    if (m)
      for (const c of choices)
        out.set(
          c,
          link.slice(0, m.index + m[1]!.length) + encodeURIComponent(c) + link.slice(m.index + m[0].length),
        );
    return out;
  }

  unlink(formId: string): void {
    this.form(formId).removeDestination();
  }

  requireVerifiedEmail(formId: string): void {
    // https://developers.google.com/apps-script/reference/forms/form#setEmailCollectionType(EmailCollectionType)
    // (not yet in @types/google-apps-script): respondents sign in and their account's address is recorded.
    const form = this.form(formId) as unknown as { setEmailCollectionType(type: unknown): unknown };
    form.setEmailCollectionType(
      (FormApp as unknown as { EmailCollectionType: { VERIFIED: unknown } }).EmailCollectionType.VERIFIED,
    );
  }

  collectsVerified(formId: string): boolean {
    // https://developers.google.com/apps-script/reference/forms/form#getEmailCollectionType()
    const type = (FormApp as unknown as { EmailCollectionType: { VERIFIED: unknown } }).EmailCollectionType;
    return (
      (this.form(formId) as unknown as { getEmailCollectionType(): unknown }).getEmailCollectionType() ===
      type.VERIFIED
    );
  }

  publishedUrl(formId: string): string {
    return this.form(formId).getPublishedUrl();
  }
}
