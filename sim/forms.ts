// In-memory FormApp: forms, the item kinds the checklists use, choices with go-to-section navigation,
// grids, destinations (the linked response sheet), responses and prefilled URLs.
// https://developers.google.com/apps-script/reference/forms
import { counted, isDate, unwrap, type CallInfo, type CallKind } from "./host";
import { SCOPES, type Faked, type SimContext } from "./context";
import type { SimSpreadsheetApp, SimSheet } from "./spreadsheet";
import { formatDate } from "./format-date";
import { defaultDateFormats, parseEntered } from "./values";

type FormApi = GoogleAppsScript.Forms.Form;
type ItemApi = GoogleAppsScript.Forms.Item;

export type ItemType =
  | "CHECKBOX"
  | "CHECKBOX_GRID"
  | "DATE"
  | "GRID"
  | "LIST"
  | "MULTIPLE_CHOICE"
  | "PAGE_BREAK"
  | "PARAGRAPH_TEXT"
  | "SECTION_HEADER"
  | "TEXT";

const ANSWERABLE = new Set<ItemType>([
  "CHECKBOX",
  "CHECKBOX_GRID",
  "DATE",
  "GRID",
  "LIST",
  "MULTIPLE_CHOICE",
  "PARAGRAPH_TEXT",
  "TEXT",
]);

/**
 * The cost of a Forms call: an item, a response or an item response already fetched answers locally
 * (its id, title, choices, answers), as do the builders (createChoice, createResponse); reading a form's
 * content is a Forms round trip, changing it a heavier one, creating a form the heaviest (sim/host.ts,
 * LATENCY_MS).
 */
export function formsCallKind(className: string, method: string): CallKind {
  if (method === "create") return "forms-create";
  if (method === "setDestination") return "forms-write";
  if (/^(createChoice|createResponse|createTextValidation|withItemResponse|as[A-Z])/.test(method))
    return "local";
  if (method === "getId") return "local";
  if (className === "Item" || className === "ItemResponse" || className === "FormResponse")
    return /^(get|is|has)/.test(method) || method === "toPrefilledUrl" ? "local" : "forms-write";
  return /^(get|is|has|collects|requires|can)/.test(method) || method === "openById" || method === "openByUrl"
    ? "forms"
    : "forms-write";
}

function formsClassifier(className: string) {
  return (method: string): Omit<CallInfo, "name"> => ({
    kind: formsCallKind(className, method),
    cells: 0,
    scope: method === "setDestination" ? SCOPES.spreadsheets : SCOPES.forms,
    needsAuth: true,
  });
}

/** https://developers.google.com/apps-script/reference/forms/form#setEmailCollectionType(EmailCollectionType) */
export type EmailCollectionType = "DO_NOT_COLLECT" | "VERIFIED" | "RESPONDER_INPUT";

/** Who pressed Submit: the Google account signed in ("" for nobody) and the address typed, if asked for. */
export interface Submitter {
  account: string;
  typedEmail?: string;
}

export interface SimChoice {
  value: string;
  gotoPageId?: number;
  navigation?: string;
}

export class SimFormApp {
  readonly _forms = new Map<string, SimForm>();
  _nextItemId = 1_000_000_001;
  /** Question ids (what a prefilled URL names as entry.<id>): a sequence of their own, not item ids. */
  _nextEntryId = 1_700_000_001;
  readonly _api: GoogleAppsScript.Forms.FormApp;
  readonly ItemType = Object.fromEntries([...ANSWERABLE, "PAGE_BREAK", "SECTION_HEADER"].map((t) => [t, t]));
  readonly DestinationType = { SPREADSHEET: "SPREADSHEET" };
  readonly EmailCollectionType = {
    DO_NOT_COLLECT: "DO_NOT_COLLECT",
    VERIFIED: "VERIFIED",
    RESPONDER_INPUT: "RESPONDER_INPUT",
  };
  readonly PageNavigationType = {
    CONTINUE: "CONTINUE",
    GO_TO_PAGE: "GO_TO_PAGE",
    RESTART: "RESTART",
    SUBMIT: "SUBMIT",
  };
  constructor(
    readonly _ctx: SimContext,
    readonly _sheets: SimSpreadsheetApp,
  ) {
    this._api = counted(
      this,
      "FormApp",
      _ctx.log,
      formsClassifier("FormApp"),
    ) as unknown as GoogleAppsScript.Forms.FormApp;
  }
  create(title: string): FormApi {
    const form = new SimForm(this._ctx, this, this._ctx.ids.next("form"), title);
    this._forms.set(form._id, form);
    return form._api;
  }
  openById(id: string): FormApi {
    const form = this._forms.get(id);
    if (!form || form._deleted)
      throw this._ctx.realm.exception(
        `No item with the given ID could be found, or you do not have permission to access it.`,
      );
    return form._api;
  }
  openByUrl(url: string): FormApi {
    const id = /\/d\/(?:e\/)?([^/]+)/.exec(url)?.[1] ?? "";
    return this.openById(id);
  }
  getActiveForm(): FormApi {
    return null as unknown as FormApi;
  }
  createTextValidation() {
    const rule: { kind?: string; args?: unknown[]; helpText?: string } = {};
    const builder = {
      requireTextLengthLessThanOrEqualTo: (n: number) => (
        (rule.kind = "MAX_LENGTH"),
        (rule.args = [n]),
        builder
      ),
      requireTextMatchesPattern: (p: string) => ((rule.kind = "PATTERN"), (rule.args = [p]), builder),
      requireNumber: () => ((rule.kind = "NUMBER"), builder),
      requireTextIsEmail: () => ((rule.kind = "EMAIL"), builder),
      setHelpText: (t: string) => ((rule.helpText = t), builder),
      build: () => ({ ...rule }),
    };
    return builder;
  }
}

export class SimForm implements Faked<
  FormApi,
  | "getId"
  | "getTitle"
  | "getDescription"
  | "getPublishedUrl"
  | "getEditUrl"
  | "getDestinationId"
  | "isAcceptingResponses"
> {
  _items: SimItem[] = [];
  _responses: SimFormResponse[] = [];
  _description = "";
  _confirmation = "";
  _emailCollection: EmailCollectionType = "DO_NOT_COLLECT";
  /** Whether the form collects respondents' addresses at all (verified or typed). */
  get _collectEmail(): boolean {
    return this._emailCollection !== "DO_NOT_COLLECT";
  }
  _requireLogin = false;
  readonly _editors = new Set<string>();
  _accepting = true;
  _destinationId: string | undefined;
  _destinationSheet: SimSheet | undefined;
  _deleted = false;
  _settings: Record<string, unknown> = {};
  readonly _api: FormApi;
  constructor(
    readonly _ctx: SimContext,
    readonly _app: SimFormApp,
    readonly _id: string,
    public _title: string,
  ) {
    this._api = counted(this, "Form", _ctx.log, formsClassifier("Form")) as unknown as FormApi;
  }
  private add(type: ItemType): SimItem {
    const item = new SimItem(this._ctx, this, this._app._nextItemId++, type);
    this._items.push(item);
    return item;
  }
  getId(): string {
    return this._id;
  }
  getTitle(): string {
    return this._title;
  }
  setTitle(title: string): FormApi {
    this._title = title;
    return this._api;
  }
  getDescription(): string {
    return this._description;
  }
  setDescription(description: string): FormApi {
    this._description = description;
    return this._api;
  }
  setConfirmationMessage(message: string): FormApi {
    this._confirmation = message;
    return this._api;
  }
  /**
   * https://developers.google.com/apps-script/reference/forms/form#setCollectEmail(Boolean) — the older
   * switch: on, respondents type an address (Google's "Responder input"); it does not verify anything.
   */
  setCollectEmail(collect: boolean): FormApi {
    if (!collect) this._emailCollection = "DO_NOT_COLLECT";
    else if (this._emailCollection === "DO_NOT_COLLECT") this._emailCollection = "RESPONDER_INPUT";
    return this._api;
  }
  collectsEmail(): boolean {
    return this._emailCollection !== "DO_NOT_COLLECT";
  }
  /**
   * FormApp.EmailCollectionType: VERIFIED makes respondents sign in to a Google account and records that
   * account's address; RESPONDER_INPUT records what they type; DO_NOT_COLLECT records nothing.
   */
  setEmailCollectionType(type: string): FormApi {
    if (type !== "DO_NOT_COLLECT" && type !== "VERIFIED" && type !== "RESPONDER_INPUT")
      throw this._ctx.realm.exception("Invalid argument: type");
    this._emailCollection = type;
    return this._api;
  }
  getEmailCollectionType(): string {
    return this._emailCollection;
  }
  /**
   * https://developers.google.com/apps-script/reference/forms/form#setRequireLogin(Boolean) — sign-in
   * within the owner's Google Workspace domain; a consumer account has no domain to restrict to.
   */
  setRequireLogin(requireLogin: boolean): FormApi {
    if (this._ctx.account !== "workspace")
      throw this._ctx.realm.exception(
        "Restricting responses to a domain requires a Google Workspace account.",
      );
    this._requireLogin = requireLogin;
    return this._api;
  }
  requiresLogin(): boolean {
    return this._requireLogin;
  }
  /** https://developers.google.com/apps-script/reference/forms/form#addEditor(String) */
  addEditor(user: string | { getEmail(): string }): FormApi {
    this._editors.add(typeof user === "string" ? user : user.getEmail());
    return this._api;
  }
  addEditors(emailAddresses: string[]): FormApi {
    [...emailAddresses].forEach((e) => this._editors.add(String(e)));
    return this._api;
  }
  removeEditor(user: string | { getEmail(): string }): FormApi {
    this._editors.delete(typeof user === "string" ? user : user.getEmail());
    return this._api;
  }
  getEditors() {
    return this._ctx.realm.array(
      [this._ctx.owner, ...[...this._editors].filter((e) => e !== this._ctx.owner)].map((e) => ({
        getEmail: () => e,
        toString: () => e,
      })),
    );
  }
  setProgressBar(enabled: boolean): FormApi {
    this._settings.progressBar = enabled;
    return this._api;
  }
  setAllowResponseEdits(enabled: boolean): FormApi {
    this._settings.allowResponseEdits = enabled;
    return this._api;
  }
  setShowLinkToRespondAgain(enabled: boolean): FormApi {
    this._settings.showLinkToRespondAgain = enabled;
    return this._api;
  }
  setAcceptingResponses(enabled: boolean): FormApi {
    this._accepting = enabled;
    return this._api;
  }
  isAcceptingResponses(): boolean {
    return this._accepting;
  }
  getPublishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this._id}/viewform`;
  }
  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this._id}/edit`;
  }
  getItems(type?: string): ItemApi[] {
    return this._ctx.realm.array(this._items.filter((i) => !type || i._type === type).map((i) => i._api));
  }
  getItemById(id: number): ItemApi {
    return (this._items.find((i) => i._id === id)?._api ?? null) as ItemApi;
  }
  deleteItem(itemOrIndex: ItemApi | number): void {
    const index =
      typeof itemOrIndex === "number" ? itemOrIndex : this._items.findIndex((i) => i._api === itemOrIndex);
    if (index < 0 || index >= this._items.length) throw this._ctx.realm.exception("Invalid argument: index");
    this._items.splice(index, 1);
  }
  moveItem(itemOrFrom: ItemApi | number, toIndex: number): ItemApi {
    const from =
      typeof itemOrFrom === "number" ? itemOrFrom : this._items.findIndex((i) => i._api === itemOrFrom);
    const [item] = this._items.splice(from, 1);
    this._items.splice(toIndex, 0, item!);
    return item!._api;
  }
  addTextItem() {
    return this.add("TEXT")._api;
  }
  addParagraphTextItem() {
    return this.add("PARAGRAPH_TEXT")._api;
  }
  addMultipleChoiceItem() {
    return this.add("MULTIPLE_CHOICE")._api;
  }
  addCheckboxItem() {
    return this.add("CHECKBOX")._api;
  }
  addListItem() {
    return this.add("LIST")._api;
  }
  addDateItem() {
    return this.add("DATE")._api;
  }
  addGridItem() {
    return this.add("GRID")._api;
  }
  addCheckboxGridItem() {
    return this.add("CHECKBOX_GRID")._api;
  }
  addPageBreakItem() {
    return this.add("PAGE_BREAK")._api;
  }
  addSectionHeaderItem() {
    return this.add("SECTION_HEADER")._api;
  }
  /**
   * https://developers.google.com/apps-script/reference/forms/form#setDestination(DestinationType,String)
   * Google adds a response sheet named in the spreadsheet's language: "Form Responses 1" in English,
   * "表单回复 1" in Chinese.
   */
  setDestination(_type: string, destinationId: string): FormApi {
    const ss = this._app._sheets._spreadsheets.get(destinationId);
    if (!ss) throw this._ctx.realm.exception("Invalid argument: destinationId");
    this._destinationId = destinationId;
    const labels = responseSheetLabels(ss._locale);
    let n = 1;
    while (ss._sheet(labels.sheet(n))) n++;
    ss._checkCellLimit(1000 * 26);
    const sheet = ss._addSheet(labels.sheet(n), 0);
    sheet._formId = this._id;
    this._destinationSheet = sheet;
    this._writeDestinationHeader();
    for (const r of this._responses) this._appendToDestination(r);
    return this._api;
  }
  getDestinationId(): string {
    if (!this._destinationId)
      throw this._ctx.realm.exception("This form does not currently have a response destination.");
    return this._destinationId;
  }
  removeDestination(): FormApi {
    if (this._destinationSheet) this._destinationSheet._formId = undefined;
    this._destinationId = undefined;
    this._destinationSheet = undefined;
    return this._api;
  }
  createResponse() {
    return new SimFormResponse(this._ctx, this, "", 0, "")._api;
  }
  getResponses(timestamp?: Date) {
    const since = timestamp ? timestamp.getTime() : -Infinity;
    return this._ctx.realm.array(this._responses.filter((r) => r._timestamp >= since).map((r) => r._api));
  }
  getResponse(responseId: string) {
    const r = this._responses.find((x) => x._id === responseId);
    if (!r) throw this._ctx.realm.exception(`No response with ID ${responseId} exists for this form.`);
    return r._api;
  }
  deleteAllResponses(): FormApi {
    this._responses = [];
    return this._api;
  }

  // ---- runtime side ----
  private destinationColumns(): Array<{ item: SimItem; row?: string }> {
    return this._items
      .filter((i) => ANSWERABLE.has(i._type))
      .flatMap((item) =>
        item._type === "GRID" || item._type === "CHECKBOX_GRID"
          ? item._rows.map((row) => ({ item, row }))
          : [{ item }],
      );
  }
  _writeDestinationHeader(): void {
    const sheet = this._destinationSheet;
    if (!sheet) return;
    const labels = responseSheetLabels(sheet._parent._locale);
    const header = [
      labels.timestamp,
      ...(this.collectsEmail() ? [labels.email] : []),
      ...this.destinationColumns().map((c) => (c.row ? `${c.item._title} [${c.row}]` : c.item._title)),
    ];
    if (header.length > sheet._maxColumns)
      sheet._insertColumns(sheet._maxColumns, header.length - sheet._maxColumns);
    header.forEach((h, i) => sheet._set(1, i + 1, h));
    sheet._frozenRows = 1;
  }
  /**
   * Appends the response as a row: the timestamp, the address if collected, then each answer as Sheets
   * reads typed text (a date answer becomes a date, "0571…" a number), except that an answer starting
   * with "=" stays text. Returns the row written.
   */
  _appendToDestination(response: SimFormResponse): number {
    const sheet = this._destinationSheet;
    if (!sheet) return 0;
    this._writeDestinationHeader();
    const row = sheet._lastRow() + 1;
    if (row > sheet._maxRows) sheet._insertRows(sheet._maxRows, 1);
    const ss = sheet._parent;
    const formats = defaultDateFormats(ss._locale);
    const cells: Array<{ value: unknown; format?: string }> = [
      { value: new Date(response._timestamp), format: formats.dateTime },
    ];
    if (this.collectsEmail()) cells.push({ value: response._email });
    for (const col of this.destinationColumns()) {
      const answer = response._answers.get(col.item._id);
      let text: string;
      if (answer === undefined) text = "";
      else if (col.row !== undefined) {
        const rowAnswer = (answer as Array<string | string[] | null>)[col.item._rows.indexOf(col.row)];
        text = Array.isArray(rowAnswer) ? rowAnswer.join(", ") : (rowAnswer ?? "");
      } else text = Array.isArray(answer) ? answer.join(", ") : String(answer);
      if (col.item._type === "DATE" && text) cells.push({ value: text, format: formats.date });
      else cells.push({ value: text.startsWith("=") ? `'${text}` : text });
    }
    if (cells.length > sheet._maxColumns)
      sheet._insertColumns(sheet._maxColumns, cells.length - sheet._maxColumns);
    cells.forEach((cell, i) => {
      const entered = parseEntered(cell.value, ss._timeZone, false, {
        locale: ss._locale,
        now: response._timestamp,
      });
      sheet._set(row, i + 1, entered.value);
      if (cell.format) sheet._metaFor(row, i + 1).numberFormat = cell.format;
    });
    return row;
  }
  /**
   * Stores a response as Google does when a person presses Submit; returns it. A question left blank has
   * no item response at all; a grid row left blank reads '' (ItemResponse.getResponse()).
   */
  _acceptSubmission(answers: Map<number, unknown>, submitter: Submitter, validate: boolean): SimFormResponse {
    if (!this._accepting) throw new Error(`The form "${this._title}" is no longer accepting responses.`);
    let email = "";
    if (validate) {
      if ((this._emailCollection === "VERIFIED" || this._requireLogin) && !submitter.account)
        throw new Error(`The form "${this._title}" asks respondents to sign in to a Google account first.`);
      if (this._emailCollection === "VERIFIED") email = submitter.account;
      if (this._emailCollection === "RESPONDER_INPUT") {
        email = submitter.typedEmail ?? submitter.account;
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
          throw new Error(`The form "${this._title}" needs a valid email address.`);
      }
      for (const item of this._items) {
        if (!ANSWERABLE.has(item._type)) continue;
        const a = answers.get(item._id);
        if (item._required && isBlankAnswer(a)) throw new Error(`Question "${item._title}" is required.`);
        if (!isBlankAnswer(a)) item._checkAnswer(a);
      }
    } else if (this._emailCollection !== "DO_NOT_COLLECT") email = submitter.account;
    const response = new SimFormResponse(
      this._ctx,
      this,
      this._ctx.ids.next("resp"),
      this._ctx.clock.now,
      email,
    );
    response._account = submitter.account;
    for (const [id, a] of answers) {
      const item = this._items.find((i) => i._id === id);
      if (isBlankAnswer(a)) continue;
      response._answers.set(
        id,
        item && (item._type === "GRID" || item._type === "CHECKBOX_GRID") ? gridAnswer(a) : a,
      );
    }
    this._responses.push(response);
    response._row = this._appendToDestination(response);
    return response;
  }
}

export class SimItem implements Faked<
  GoogleAppsScript.Forms.Item,
  "getId" | "getIndex" | "getTitle" | "getHelpText"
> {
  _title = "";
  _helpText = "";
  _required = false;
  _choices: SimChoice[] = [];
  _rows: string[] = [];
  _columns: string[] = [];
  _hasOther = false;
  _validation: unknown;
  _goToPageId: number | undefined;
  /** The item's question ids (one per grid row), given when a prefilled URL first names them. */
  _entries: number[] = [];
  readonly _api: ItemApi & Record<string, unknown>;
  constructor(
    readonly _ctx: SimContext,
    readonly _form: SimForm,
    readonly _id: number,
    readonly _type: ItemType,
  ) {
    this._api = counted(this, "Item", _ctx.log, formsClassifier("Item")) as unknown as ItemApi &
      Record<string, unknown>;
  }
  _entry(question = 0): number {
    return (this._entries[question] ??= this._form._app._nextEntryId++);
  }
  private as(type: ItemType) {
    if (this._type !== type)
      throw this._ctx.realm.exception(`Item is not a ${type} item; it is ${this._type}.`);
    return this._api;
  }
  asTextItem() {
    return this.as("TEXT");
  }
  asParagraphTextItem() {
    return this.as("PARAGRAPH_TEXT");
  }
  asMultipleChoiceItem() {
    return this.as("MULTIPLE_CHOICE");
  }
  asCheckboxItem() {
    return this.as("CHECKBOX");
  }
  asListItem() {
    return this.as("LIST");
  }
  asDateItem() {
    return this.as("DATE");
  }
  asGridItem() {
    return this.as("GRID");
  }
  asCheckboxGridItem() {
    return this.as("CHECKBOX_GRID");
  }
  asPageBreakItem() {
    return this.as("PAGE_BREAK");
  }
  asSectionHeaderItem() {
    return this.as("SECTION_HEADER");
  }
  getId(): number {
    return this._id;
  }
  getIndex(): number {
    return this._form._items.indexOf(this);
  }
  getType(): string {
    return this._type;
  }
  getTitle(): string {
    return this._title;
  }
  setTitle(title: string) {
    this._title = String(title);
    return this._api;
  }
  getHelpText(): string {
    return this._helpText;
  }
  setHelpText(text: string) {
    this._helpText = String(text);
    return this._api;
  }
  isRequired(): boolean {
    return this._required;
  }
  setRequired(required: boolean) {
    this._required = required;
    return this._api;
  }
  createChoice(value: string, navigation?: unknown) {
    const choice: SimChoice = { value: String(value) };
    // The page's id is read inside Google, not by the script: no call is counted.
    if (navigation && typeof navigation === "object")
      choice.gotoPageId = unwrap(navigation, SimItem)?._id ?? (navigation as { getId(): number }).getId();
    else if (typeof navigation === "string") choice.navigation = navigation;
    return {
      getValue: () => choice.value,
      getGotoPage: () => (choice.gotoPageId ? this._form.getItemById(choice.gotoPageId) : null),
      getPageNavigationType: () => choice.navigation ?? (choice.gotoPageId ? "GO_TO_PAGE" : "CONTINUE"),
      _choice: choice,
    };
  }
  setChoices(choices: Array<{ _choice: SimChoice }>) {
    if (choices.length === 0) throw this._ctx.realm.exception("Invalid argument: choices");
    this._choices = choices.map((c) => c._choice);
    return this._api;
  }
  setChoiceValues(values: string[]) {
    if (values.length === 0) throw this._ctx.realm.exception("Invalid argument: values");
    this._choices = values.map((value) => ({ value: String(value) }));
    return this._api;
  }
  getChoices() {
    return this._ctx.realm.array(
      this._choices.map((c) =>
        this.createChoice(
          c.value,
          c.navigation ?? (c.gotoPageId ? this._form.getItemById(c.gotoPageId) : undefined),
        ),
      ),
    );
  }
  showOtherOption(enabled: boolean) {
    this._hasOther = enabled;
    return this._api;
  }
  setRows(rows: string[]) {
    this._rows = rows.map(String);
    return this._api;
  }
  getRows() {
    return this._ctx.realm.array(this._rows);
  }
  setColumns(columns: string[]) {
    this._columns = columns.map(String);
    return this._api;
  }
  getColumns() {
    return this._ctx.realm.array(this._columns);
  }
  setValidation(validation: unknown) {
    this._validation = validation;
    return this._api;
  }
  setGoToPage(page: { getId(): number } | string) {
    if (typeof page === "string") this._goToPageId = undefined;
    else this._goToPageId = page.getId();
    return this._api;
  }
  /** https://developers.google.com/apps-script/reference/forms/text-item#createResponse(String) */
  createResponse(answer: unknown) {
    let value: unknown = answer;
    if (this._type === "DATE") {
      if (!isDate(answer)) throw this._ctx.realm.exception("Invalid argument: response");
      value = formatDate(answer.getTime(), this._ctx.scriptTimeZone, "yyyy-MM-dd");
    }
    return new SimItemResponse(this._ctx, this, value)._api;
  }
  /** What Google checks in the browser before it accepts a person's answer. */
  _checkAnswer(a: unknown): void {
    const inChoices = (v: unknown) => this._hasOther || this._choices.some((c) => c.value === v);
    switch (this._type) {
      case "MULTIPLE_CHOICE":
      case "LIST":
        if (!inChoices(a)) throw new Error(`"${String(a)}" is not a choice of "${this._title}".`);
        break;
      case "CHECKBOX":
        if (!Array.isArray(a) || !a.every(inChoices))
          throw new Error(`An answer of "${this._title}" is not one of its choices.`);
        break;
      case "GRID":
        if (
          !Array.isArray(a) ||
          a.length !== this._rows.length ||
          !a.every((x) => x === null || x === "" || this._columns.includes(x as string))
        ) {
          throw new Error(`The grid "${this._title}" needs one answer per row from its columns.`);
        }
        break;
      case "TEXT":
      case "PARAGRAPH_TEXT": {
        if (typeof a !== "string") throw new Error(`"${this._title}" takes text.`);
        const rule = this._validation as { kind?: string; args?: unknown[]; helpText?: string } | undefined;
        if (rule?.kind === "MAX_LENGTH" && a.length > (rule.args![0] as number))
          throw new Error(rule.helpText || `"${this._title}" is too long.`);
        if (rule?.kind === "PATTERN" && !new RegExp(`^(?:${rule.args![0] as string})$`).test(a))
          throw new Error(rule.helpText || `"${this._title}" does not match its pattern.`);
        if (rule?.kind === "NUMBER" && !Number.isFinite(Number(a)))
          throw new Error(rule.helpText || `"${this._title}" takes a number.`);
        break;
      }
      case "DATE":
        if (typeof a !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(a))
          throw new Error(`"${this._title}" takes a date.`);
        break;
    }
  }
}

class SimItemResponse {
  readonly _api: GoogleAppsScript.Forms.ItemResponse;
  constructor(
    readonly _ctx: SimContext,
    readonly _item: SimItem,
    readonly _value: unknown,
  ) {
    this._api = counted(
      this,
      "ItemResponse",
      _ctx.log,
      formsClassifier("ItemResponse"),
    ) as unknown as GoogleAppsScript.Forms.ItemResponse;
  }
  getItem() {
    return this._item._api;
  }
  getResponse() {
    return toRealm(this._ctx, this._value);
  }
}

function toRealm(ctx: SimContext, v: unknown): unknown {
  return Array.isArray(v) ? ctx.realm.array(v.map((x) => toRealm(ctx, x))) : v;
}

export class SimFormResponse {
  readonly _answers = new Map<number, unknown>();
  /** The Google account signed in when it was submitted ("" for nobody). */
  _account = "";
  /** Its row in the destination sheet (0 when the form has none). */
  _row = 0;
  readonly _api: GoogleAppsScript.Forms.FormResponse;
  constructor(
    readonly _ctx: SimContext,
    readonly _form: SimForm,
    readonly _id: string,
    readonly _timestamp: number,
    readonly _email: string,
  ) {
    this._api = counted(
      this,
      "FormResponse",
      _ctx.log,
      formsClassifier("FormResponse"),
    ) as unknown as GoogleAppsScript.Forms.FormResponse;
  }
  getId() {
    return this._id || null;
  }
  getTimestamp() {
    return this._timestamp ? this._ctx.realm.date(this._timestamp) : null;
  }
  /** "" unless the form collects addresses (verified, or typed by the respondent). */
  getRespondentEmail() {
    return this._email;
  }
  getEditResponseUrl() {
    return `${this._form.getPublishedUrl()}?edit2=${this._id}`;
  }
  getItemResponses() {
    return this._ctx.realm.array(
      this._form._items
        .filter((i) => this._answers.has(i._id))
        .map((i) => new SimItemResponse(this._ctx, i, this._answers.get(i._id))._api),
    );
  }
  getResponseForItem(item: ItemApi) {
    const id = item.getId();
    const it = this._form._items.find((i) => i._id === id);
    return it && this._answers.has(id)
      ? new SimItemResponse(this._ctx, it, this._answers.get(id))._api
      : null;
  }
  withItemResponse(itemResponse: GoogleAppsScript.Forms.ItemResponse) {
    const r = unwrap(itemResponse, SimItemResponse);
    if (!r) throw this._ctx.realm.exception("Invalid argument: response");
    this._answers.set(r._item._id, r._value);
    return this._api;
  }
  /**
   * https://developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl(): the
   * published URL with `usp=pp_url` and one `entry.<question id>=<answer>` per answer (per chosen box, per
   * grid row). A question's id is not its item's id (the Forms API lists both: Item.itemId and
   * Question.questionId, https://developers.google.com/forms/api/reference/rest/v1/forms). Answers are
   * form-encoded (a space as "+"), as in the links Forms' "Get pre-filled link" gives.
   */
  toPrefilledUrl(): string {
    const query = new URLSearchParams({ usp: "pp_url" });
    for (const item of this._form._items) {
      const a = this._answers.get(item._id);
      if (a === undefined) continue;
      const grid = item._type === "GRID" || item._type === "CHECKBOX_GRID";
      (grid ? (a as unknown[]) : [a]).forEach((row, i) => {
        for (const v of Array.isArray(row) ? row : [row])
          if (v !== "" && v !== null && v !== undefined) query.append(`entry.${item._entry(i)}`, String(v));
      });
    }
    return `${this._form.getPublishedUrl()}?${query.toString()}`;
  }
  /** Submitting from code stores the response but, as in Apps Script, fires no trigger. */
  submit() {
    const stored = this._form._acceptSubmission(
      new Map(this._answers),
      { account: this._ctx.execution()?.user ?? "" },
      false,
    );
    return stored._api;
  }
}

/**
 * What a prefilled URL opens its form with: the answers by item id (a person's browser decodes the query
 * as any form-encoded one, "%20" and "+" both a space).
 */
export function parsePrefilledUrl(form: SimForm, url: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const [name, value] of new URLSearchParams(url.split("?")[1] ?? "")) {
    const entry = Number(/^entry\.(\d+)$/.exec(name)?.[1]);
    const item = form._items.find((i) => i._entries.includes(entry));
    if (item) out.set(item._id, [...(out.get(item._id) ?? []), value]);
  }
  return out;
}

/** An answer Google does not record: nothing typed, nothing chosen, every grid row left blank. */
function isBlankAnswer(a: unknown): boolean {
  if (a === undefined || a === null || a === "") return true;
  if (Array.isArray(a))
    return a.every((x) => x === null || x === undefined || x === "" || (Array.isArray(x) && x.length === 0));
  return false;
}

/** A grid answer as Google returns it: '' for each row left blank. */
function gridAnswer(a: unknown): unknown {
  return Array.isArray(a)
    ? a.map((x) => (x === null || x === undefined || (Array.isArray(x) && x.length === 0) ? "" : x))
    : a;
}

/** The response sheet's name and fixed headers in the spreadsheet's language. */
function responseSheetLabels(locale: string): {
  sheet: (n: number) => string;
  timestamp: string;
  email: string;
} {
  if (locale.startsWith("zh"))
    return { sheet: (n) => `表单回复 ${n}`, timestamp: "时间戳记", email: "电子邮件地址" };
  return { sheet: (n) => `Form Responses ${n}`, timestamp: "Timestamp", email: "Email Address" };
}
