// The local Apps Script runtime: loads the built dist/Code.js into node:vm with only Apps Script's
// globals, and plays what people do (open the sheet, click a menu, edit a cell, submit a form) and
// what the clock does (time-driven triggers), firing triggers as Google would.
import vm from "node:vm";
import { readFileSync } from "node:fs";
import { CallLog, Clock, IdSource, Realm, isDate, type Execution, type ExecutionKind } from "./host";
import { formatDate } from "./format-date";
import type { SimContext, UiEvent } from "./context";
import { SimRange, SimSpreadsheetApp, type SimSheet, type SimSpreadsheet } from "./spreadsheet";
import { SimFormApp, type SimForm } from "./forms";
import { parseEntered } from "./values";
import {
  SimLockService,
  SimMailApp,
  SimPropertiesService,
  SimScriptApp,
  SimUtilities,
  SimDriveApp,
  makeLogging,
  makeSession,
  nextFire,
  type LogLine,
  type SimTrigger,
} from "./services";

export interface Manifest {
  timeZone: string;
  runtimeVersion?: string;
  oauthScopes?: string[];
}

export interface RuntimeOptions {
  /** The bundle's source; defaults to dist/Code.js. */
  code?: string;
  manifest?: Manifest;
  /** When the simulation starts (the clock). */
  start: Date | number;
  /** The account that owns the script and the spreadsheet (the coordinator who ran setup). */
  owner?: string;
  spreadsheetName?: string;
  /** Recipients a day for MailApp (100 for consumer accounts, 1,500 for Workspace). */
  mailQuota?: number;
}

/** Globals a Node context has and Apps Script does not; none of them may be visible to the script. */
export const FORBIDDEN_GLOBALS = [
  "require",
  "process",
  "Buffer",
  "setTimeout",
  "setInterval",
  "setImmediate",
  "TextEncoder",
  "TextDecoder",
  "URL",
  "URLSearchParams",
  "structuredClone",
  "crypto",
  "fetch",
  "module",
  "exports",
  "global",
];

export interface EditResult {
  accepted: boolean;
  /** Why the Sheets UI refused the edit (strict data validation or protection). */
  message?: string;
}

export class Runtime {
  readonly clock: Clock;
  readonly log: CallLog;
  readonly ctx: SimContext;
  readonly sheets: SimSpreadsheetApp;
  readonly forms: SimFormApp;
  readonly script: SimScriptApp;
  readonly mail: SimMailApp;
  readonly locks: SimLockService;
  readonly properties: SimPropertiesService;
  readonly utilities: SimUtilities;
  readonly drive: SimDriveApp;
  readonly logs: LogLine[] = [];
  readonly executions: Execution[] = [];
  readonly manifest: Manifest;
  readonly spreadsheet: SimSpreadsheet;
  private readonly context: vm.Context;
  private loaded = false;
  /** Executions under way (a person's action interleaved into a run happens while one is). */
  private running = 0;
  /** Trigger runs caused while another execution was under way: they start once it has finished. */
  private readonly deferred: Array<() => void> = [];

  constructor(options: RuntimeOptions) {
    this.manifest =
      options.manifest ??
      (JSON.parse(readFileSync(new URL("../appsscript.json", import.meta.url), "utf8")) as Manifest);
    this.clock = new Clock(typeof options.start === "number" ? options.start : options.start.getTime());
    // Apps Script evaluates local-time Date methods in the script's time zone; the vm shares the
    // host's zone, so the CLI sets TZ before anything else and tests run with it (jest.config.js).
    process.env.TZ = this.manifest.timeZone;
    this.context = vm.createContext(
      {},
      { name: "Apps Script (local runtime)", codeGeneration: { strings: true, wasm: false } },
    );
    installClock(this.context, () => this.clock.now);
    const realm = new Realm(this.context);
    this.log = new CallLog(
      () => realm,
      this.clock,
      () => this.manifest.oauthScopes ?? [],
    );
    const owner = options.owner ?? "coordinator@township.example.cn";
    this.ctx = {
      realm,
      log: this.log,
      clock: this.clock,
      ids: new IdSource("sim"),
      scriptTimeZone: this.manifest.timeZone,
      owner,
      ui: [],
      dialogAnswers: [],
      execution: () => this.log.current,
    };
    this.sheets = new SimSpreadsheetApp(this.ctx);
    this.forms = new SimFormApp(this.ctx, this.sheets);
    this.script = new SimScriptApp(this.ctx);
    this.mail = new SimMailApp(this.ctx);
    if (options.mailQuota) this.mail._dailyQuota = options.mailQuota;
    this.locks = new SimLockService(this.ctx);
    this.properties = new SimPropertiesService(this.ctx);
    this.utilities = new SimUtilities(this.ctx);
    this.drive = new SimDriveApp(this.ctx);
    this.spreadsheet = this.sheets._create(options.spreadsheetName ?? "台账");
    this.sheets._activeId = this.spreadsheet._id;
    const { logger, console } = makeLogging(this.ctx, this.logs);
    Object.assign(this.context, {
      SpreadsheetApp: this.sheets._api,
      FormApp: this.forms._api,
      ScriptApp: this.script._api,
      MailApp: this.mail._api,
      LockService: this.locks._api,
      PropertiesService: this.properties._api,
      Utilities: this.utilities._api,
      DriveApp: this.drive._api,
      Session: makeSession(this.ctx),
      Logger: logger,
      console,
      Charts: { ChartType: { LINE: "LINE", COLUMN: "COLUMN", BAR: "BAR", PIE: "PIE", TABLE: "TABLE" } },
    });
    if (options.code !== undefined) this.load(options.code);
  }

  get ui(): UiEvent[] {
    return this.ctx.ui;
  }

  /** Loads a bundle into the script's global scope, as Apps Script does on every execution. */
  load(code: string): void {
    vm.runInContext(code, this.context, { filename: "Code.js" });
    this.loaded = true;
  }

  loadFile(path = new URL("../dist/Code.js", import.meta.url)): void {
    this.load(readFileSync(path, "utf8"));
  }

  /** The names the script defines at top level, as the Apps Script editor lists them. */
  functionNames(): string[] {
    return Object.keys(this.context).filter(
      (k) => typeof this.context[k] === "function" && !/^[A-Z]/.test(k),
    );
  }

  hasFunction(name: string): boolean {
    return typeof this.context[name] === "function";
  }

  /** Evaluates an expression inside the script's realm (tests use it to probe globals). */
  evaluate(expression: string): unknown {
    return vm.runInContext(expression, this.context);
  }

  /**
   * Runs a top-level function. A person running it from the editor or a menu sees its exception; a
   * trigger's exception is recorded (Apps Script mails the owner a failure summary) and not thrown.
   */
  run(
    functionName: string,
    options: {
      kind?: ExecutionKind;
      user?: string;
      event?: object;
      triggerUid?: string;
      hasUi?: boolean;
    } = {},
  ): unknown {
    if (!this.loaded) throw new Error("No script is loaded: call load() or loadFile() first.");
    const fn = this.context[functionName] as ((...a: unknown[]) => unknown) | undefined;
    const kind = options.kind ?? "editor";
    if (typeof fn !== "function") {
      if (kind === "editor" || kind === "menu") throw new Error(`Script function not found: ${functionName}`);
      this.executions.push({
        functionName,
        kind,
        authMode: "FULL",
        hasUi: false,
        user: options.user ?? this.ctx.owner,
        startedAt: this.clock.now,
        modeledMs: 0,
        counts: new Map(),
        sheetsCalls: 0,
        error: `Script function not found: ${functionName}`,
      });
      return undefined;
    }
    const execution = this.log.begin({
      functionName,
      kind,
      authMode: kind === "simple-trigger" ? "LIMITED" : "FULL",
      hasUi: options.hasUi ?? (kind === "editor" || kind === "menu" || kind === "simple-trigger"),
      user: options.user ?? this.ctx.owner,
      triggerUid: options.triggerUid,
    });
    this.running++;
    try {
      return options.event ? fn(this.ctx.realm.object({ ...options.event })) : fn();
    } catch (err) {
      execution.error = (err as Error)?.message ?? String(err);
      if (kind === "editor" || kind === "menu") throw err;
      return undefined;
    } finally {
      this.locks._releaseAll();
      this.log.end();
      this.executions.push(execution);
      this.running--;
      if (this.running === 0) this.drainDeferred();
    }
  }

  /** Fires a trigger now, or after the execution under way when a person acted in the middle of one. */
  private fire(start: () => void): void {
    if (this.running > 0) this.deferred.push(start);
    else start();
  }

  private drainDeferred(): void {
    while (this.deferred.length) this.deferred.shift()!();
  }

  lastExecution(functionName?: string): Execution | undefined {
    for (let i = this.executions.length - 1; i >= 0; i--)
      if (!functionName || this.executions[i]!.functionName === functionName) return this.executions[i];
    return undefined;
  }

  private triggersFor(event: SimTrigger["event"], sourceId: string): SimTrigger[] {
    return this.script._triggers.filter((t) => t.event === event && t.sourceId === sourceId);
  }

  // ------------------------------------------------------------ what people do

  /** A person opens the spreadsheet: the simple onOpen trigger runs, then installable open triggers. */
  openSpreadsheet(user = this.ctx.owner): void {
    if (this.hasFunction("onOpen"))
      this.run("onOpen", {
        kind: "simple-trigger",
        user,
        event: { source: this.spreadsheet._api, user: { getEmail: () => user }, authMode: "LIMITED" },
      });
    for (const t of this.triggersFor("ON_OPEN", this.spreadsheet._id)) {
      this.run(t.handler, {
        kind: "installable-trigger",
        user: t.owner,
        hasUi: true,
        triggerUid: t.uid,
        event: { source: this.spreadsheet._api, authMode: "FULL", triggerUid: t.uid },
      });
    }
  }

  /** A person clicks a custom menu item (the runtime checks that the menu offers it). */
  clickMenu(functionName: string, user = this.ctx.owner): unknown {
    const offered = this.ctx.ui.some(
      (u) =>
        u.kind === "menu" &&
        (JSON.parse(u.message) as Array<{ functionName?: string }>).some(
          (i) => i.functionName === functionName,
        ),
    );
    if (!offered)
      throw new Error(
        `No menu item runs ${functionName}: open the spreadsheet first (onOpen builds the menu).`,
      );
    return this.run(functionName, { kind: "menu", user });
  }

  sheet(name: string): SimSheet {
    const s = this.spreadsheet._sheet(name);
    if (!s)
      throw new Error(
        `No sheet named "${name}" (sheets: ${this.spreadsheet._sheets.map((x) => x._name).join(", ")})`,
      );
    return s;
  }

  /**
   * A person types into cells (one value, or a pasted block). The Sheets UI refuses input that breaks a
   * strict data validation rule, or a protected range the person may not edit; otherwise the edit is
   * written as typed and the onEdit triggers fire once for the whole edited range.
   * https://developers.google.com/apps-script/guides/triggers/events#edit
   */
  editCells(
    sheetName: string,
    row: number,
    column: number,
    values: unknown[][],
    user = this.ctx.owner,
  ): EditResult {
    const sheet = this.sheet(sheetName);
    const tz = this.spreadsheet._timeZone;
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values[i]!.length; j++) {
        const r = row + i;
        const c = column + j;
        const meta = sheet._metaAt(r, c);
        const entered = parseEntered(values[i]![j], tz, meta?.numberFormat === "@");
        if (meta?.validation && !meta.validation._allowInvalid && !meta.validation._accepts(entered.value)) {
          return {
            accepted: false,
            message: meta.validation._helpText || "Input must be an item on the specified list",
          };
        }
        const blocking = sheet._protections.find(
          (p) => p._covers(r, c) && !p._warningOnly && !p._editors.includes(user),
        );
        if (blocking)
          return {
            accepted: false,
            message:
              "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.",
          };
      }
    }
    const single = values.length === 1 && values[0]!.length === 1;
    const oldValue = single ? sheet._get(row, column) : undefined;
    values.forEach((rowValues, i) => rowValues.forEach((v, j) => sheet._write(row + i, column + j, v)));
    const numRows = values.length;
    const numColumns = Math.max(...values.map((r) => r.length));
    const range = () => new SimRange(this.ctx, sheet, row, column, numRows, numColumns)._api;
    const event = (authMode: string, triggerUid?: string) => {
      const e: Record<string, unknown> = {
        authMode,
        range: range(),
        source: this.spreadsheet._api,
        user: { getEmail: () => user, toString: () => user },
        triggerUid,
      };
      if (single) {
        // Modelling assumption: a date cell's value in the event is its day number (Sheets' serial).
        const v = sheet._get(row, column);
        e.value = eventText(v, tz);
        if (oldValue !== "" && oldValue !== undefined) e.oldValue = eventText(oldValue, tz);
      }
      return e;
    };
    // Events are built now (the range and values as edited); the runs start once any run under way ends.
    const simple = this.hasFunction("onEdit") ? event("LIMITED") : undefined;
    const installable = this.triggersFor("ON_EDIT", this.spreadsheet._id).map((t) => ({
      t,
      e: event("FULL", t.uid),
    }));
    this.fire(() => {
      if (simple) this.run("onEdit", { kind: "simple-trigger", user, event: simple });
      // An installable edit trigger runs as the person who installed it, with the editor's UI attached.
      for (const { t, e } of installable)
        this.run(t.handler, {
          kind: "installable-trigger",
          user: t.owner,
          hasUi: true,
          triggerUid: t.uid,
          event: e,
        });
    });
    return { accepted: true };
  }

  editCell(sheetName: string, a1: string, value: unknown, user = this.ctx.owner): EditResult {
    const [r, c] = this.sheet(sheetName)._parseA1(a1);
    return this.editCells(sheetName, r, c, [[value]], user);
  }

  /** A person sorts a sheet's data rows by a column from the menu (Data → Sort range). No trigger fires. */
  sortSheet(sheetName: string, column: number, ascending = true, headerRows = 1): void {
    const sheet = this.sheet(sheetName);
    const last = sheet._lastRow();
    if (last > headerRows) sheet._sortRows(headerRows + 1, last - headerRows, [{ column, ascending }]);
  }

  /** A person drags a column to another place (columns move with their values and formats). No edit trigger fires. */
  moveColumn(sheetName: string, from: number, to: number): void {
    const sheet = this.sheet(sheetName);
    const move = <T>(row: T[] | undefined) => {
      if (!row) return;
      while (row.length < Math.max(from, to)) row.push(undefined as T);
      const [cell] = row.splice(from - 1, 1);
      row.splice(to - 1, 0, cell as T);
    };
    sheet._values.forEach((r) => move(r));
    sheet._meta.forEach((r) => move(r));
    for (let r = 0; r < sheet._values.length; r++)
      sheet._values[r] = (sheet._values[r] ?? []).map((v) => (v === undefined ? "" : v));
  }

  /** A person renames a sheet tab. */
  renameSheet(from: string, to: string): void {
    this.sheet(from)._name = to;
  }

  /**
   * A person fills in and submits a form in the browser. Answers are keyed by item id or by item title;
   * Google's own checks (required questions, choices, text validation) apply, and the form-submit
   * triggers of the form and of its destination spreadsheet fire.
   */
  submitForm(
    formId: string,
    answers: Record<string, unknown> | Map<number, unknown>,
    respondent = this.ctx.owner,
  ): { responseId: string } {
    const form = this.form(formId);
    const byId = new Map<number, unknown>();
    const entries = answers instanceof Map ? [...answers] : Object.entries(answers);
    for (const [key, value] of entries) {
      const item =
        form._items.find((i) => i._id === Number(key)) ?? form._items.find((i) => i._title === key);
      if (!item) throw new Error(`Form "${form._title}" has no question "${String(key)}".`);
      byId.set(
        item._id,
        value instanceof Date
          ? this.utilities.formatDate(value, this.manifest.timeZone, "yyyy-MM-dd")
          : value,
      );
    }
    const response = form._acceptSubmission(byId, respondent, true);
    // The response is stored at once; its triggers start once any run under way has ended.
    this.fire(() => {
      for (const t of this.triggersFor("ON_FORM_SUBMIT", form._id)) {
        this.run(t.handler, {
          kind: "installable-trigger",
          user: t.owner,
          triggerUid: t.uid,
          event: { authMode: "FULL", response: response._api, source: form._api, triggerUid: t.uid },
        });
      }
      const dest = form._destinationSheet;
      if (dest && form._destinationId) {
        for (const t of this.triggersFor("ON_FORM_SUBMIT", form._destinationId)) {
          const row = dest._lastRow();
          const values = Array.from({ length: dest._lastColumn() }, (_, i) => String(dest._get(row, i + 1)));
          this.run(t.handler, {
            kind: "installable-trigger",
            user: t.owner,
            triggerUid: t.uid,
            event: {
              authMode: "FULL",
              range: new SimRange(this.ctx, dest, row, 1, 1, values.length)._api,
              values,
              namedValues: {},
              triggerUid: t.uid,
            },
          });
        }
      }
    });
    return { responseId: response._id };
  }

  form(formId: string): SimForm {
    const form = this.forms._forms.get(formId);
    if (!form) throw new Error(`No form ${formId}`);
    return form;
  }

  /** Another execution holds the script lock for `ms` from now (to test contention). */
  holdLockElsewhere(ms: number): void {
    this.locks._heldByOtherUntil = this.clock.now + ms;
  }

  // ------------------------------------------------------------ what the clock does

  /** Moves the clock forward to `until`, firing every time-driven trigger that falls due, in order. */
  advanceTo(until: Date | number): Execution[] {
    const target = typeof until === "number" ? until : until.getTime();
    const fired: Execution[] = [];
    for (;;) {
      const due = this.script._triggers
        .filter((t) => t.event === "CLOCK" && t.nextAt !== undefined && t.nextAt <= target)
        .sort((a, b) => a.nextAt! - b.nextAt!)[0];
      if (!due) break;
      const at = due.nextAt!;
      if (at > this.clock.now) this.clock.set(at);
      due.nextAt = undefined;
      const p = new Date(at);
      this.run(due.handler, {
        kind: "time-trigger",
        user: due.owner,
        triggerUid: due.uid,
        event: {
          authMode: "FULL",
          triggerUid: due.uid,
          year: p.getFullYear(),
          month: p.getMonth() + 1,
          "day-of-month": p.getDate(),
          hour: p.getHours(),
          minute: p.getMinutes(),
          second: p.getSeconds(),
          timezone: due.schedule!.tz,
        },
      });
      fired.push(this.lastExecution()!);
      // A trigger deleted during its own run is gone; otherwise it is scheduled again.
      if (this.script._triggers.includes(due) && due.schedule) {
        const next = nextFire(due.schedule, Math.max(at, this.clock.now), due.createdAt);
        due.nextAt = next;
      }
    }
    if (target > this.clock.now) this.clock.set(target);
    return fired;
  }

  advanceBy(ms: number): Execution[] {
    return this.advanceTo(this.clock.now + ms);
  }
}

/** How an edit event shows a cell value: text, with dates as Sheets serial day numbers. */
function eventText(v: unknown, tz: string): string {
  if (isDate(v)) {
    const local = formatDate(v.getTime(), tz, "yyyy-MM-dd");
    return String(Math.round((Date.parse(`${local}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000));
  }
  return String(v);
}

/** Replaces the realm's Date so that `new Date()` and `Date.now()` read the runtime's clock. */
function installClock(context: vm.Context, now: () => number): void {
  context.__simNow = now;
  vm.runInContext(
    `(() => {
      const RealDate = Date;
      const now = globalThis.__simNow;
      function SimDate(...args) {
        if (!new.target) return new RealDate(now()).toString();
        return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
      }
      SimDate.prototype = RealDate.prototype;
      Object.defineProperty(RealDate.prototype, "constructor", { value: SimDate, writable: true, configurable: true });
      SimDate.now = () => now();
      SimDate.UTC = RealDate.UTC;
      SimDate.parse = RealDate.parse;
      Object.defineProperty(globalThis, "Date", { value: SimDate, writable: true, configurable: true, enumerable: false });
      delete globalThis.__simNow;
    })();`,
    context,
  );
}
