// The local Apps Script runtime: runs the built dist/Code.js in node:vm with only Apps Script's globals,
// each execution in a fresh global state, and plays what people do (open the sheet, click a menu, edit
// cells, delete rows, submit a form) and what the clock does (time-driven triggers), firing triggers as
// Google would.
import vm from "node:vm";
import { readFileSync } from "node:fs";
import {
  ACCOUNT_LIMITS,
  CallLog,
  Clock,
  DailyQuota,
  IdSource,
  Realm,
  elapsedMs,
  isDate,
  cpuClock,
  type AccountType,
  type Execution,
  type ExecutionKind,
} from "./host";
import { formatDate } from "./format-date";
import { SCOPES, type SimContext, type UiEvent } from "./context";
import { SimRange, SimSpreadsheetApp, type SimSheet, type SimSpreadsheet } from "./spreadsheet";
import { SimFormApp, type SimForm, type Submitter } from "./forms";
import { displayValue, parseEntered } from "./values";
import {
  SimCacheService,
  SimDriveApp,
  SimHtmlService,
  SimLockService,
  SimMailApp,
  SimPropertiesService,
  SimScriptApp,
  SimUtilities,
  makeLogging,
  makeSession,
  nextFire,
  type LogLine,
  type SimTrigger,
} from "./services";

export interface Manifest {
  timeZone: string;
  runtimeVersion?: string;
  /** Without it Apps Script detects the scopes from the code: every call is allowed (and recorded). */
  oauthScopes?: string[];
}

export interface RuntimeOptions {
  /** The bundle's source; defaults to none (call load() or loadFile()). */
  code?: string;
  manifest?: Manifest;
  /** When the simulation starts (the clock). */
  start: Date | number;
  /** The account that owns the script and the spreadsheet (the coordinator who ran setup). */
  owner?: string;
  spreadsheetName?: string;
  /** The spreadsheet's locale (File → Settings): zh_CN by default, as our townships' sheets are. */
  locale?: string;
  /** Consumer (gmail.com and the like, the default) or Google Workspace: quotas and identity differ. */
  account?: AccountType;
  /** People the spreadsheet is shared with for editing from the start (rt.shareSpreadsheet adds more). */
  editors?: string[];
  /**
   * Whether Google shows the script this account's address when the account has not authorised the
   * script (simple triggers, another person's edit). Default: accounts of the owner's Workspace domain;
   * with a consumer owner, nobody else.
   */
  identityVisible?: (email: string) => boolean;
  /** Recipients a day for MailApp (100 for consumer accounts, 1,500 for Workspace). */
  mailQuota?: number;
  /** Count the script's own CPU time toward the limits (default true). */
  measureCpu?: boolean;
  /**
   * A slow day: every service call takes this many times its modelled time (default 1). Google's
   * figures are typical ones, not a bound; tests use it to make a long run longer.
   */
  slowdown?: number;
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
  /** Why the Sheets UI refused the edit (no access, strict data validation or protection). */
  message?: string;
}

/** https://developers.google.com/apps-script/guides/triggers/events#change — changeType. */
export type ChangeType =
  | "EDIT"
  | "INSERT_ROW"
  | "INSERT_COLUMN"
  | "REMOVE_ROW"
  | "REMOVE_COLUMN"
  | "INSERT_GRID"
  | "REMOVE_GRID"
  | "FORMAT"
  | "OTHER";

interface ActiveRealm {
  context: vm.Context;
  realm: Realm;
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
  readonly cache: SimCacheService;
  readonly html: SimHtmlService;
  readonly utilities: SimUtilities;
  readonly drive: SimDriveApp;
  readonly logs: LogLine[] = [];
  readonly executions: Execution[] = [];
  readonly manifest: Manifest;
  readonly spreadsheet: SimSpreadsheet;
  readonly account: AccountType;
  /** The script files' sources, in the order loaded (Apps Script's project files share one global scope). */
  private readonly sources: string[] = [];
  /**
   * The project compiled once as a function whose body is every file: each call evaluates the files
   * afresh, so each execution starts with fresh global variables, as in Apps Script.
   */
  private project: (() => Record<string, ((...a: unknown[]) => unknown) | undefined>) | undefined;
  /** The global state the editor sees between executions (function names, evaluate()). */
  private readonly base: ActiveRealm;
  /** The realm executions run in; its global object is put back as it was before each execution. */
  private readonly exec: ActiveRealm;
  private execGlobals: Map<string, PropertyDescriptor> | undefined;
  private execGlobalCount = 0;
  private active: ActiveRealm;
  private readonly globals: Record<string, unknown>;
  private readonly measureCpu: boolean;
  /** Daily trigger runtime, per user (the quotas page: "Triggers total runtime"). */
  private readonly triggerRuntime = new Map<string, DailyQuota>();
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
    this.account = options.account ?? "consumer";
    this.measureCpu = options.measureCpu ?? true;
    // Apps Script evaluates local-time Date methods in the script's time zone; the vm shares the
    // host's zone, so the CLI sets TZ before anything else and tests run with it (jest.config.js).
    process.env.TZ = this.manifest.timeZone;
    // One V8 context: the editor's global state, and (reset before each) the executions' global object.
    this.base = this.newRealm();
    this.exec = this.base;
    this.active = this.base;
    this.log = new CallLog(
      () => this.active.realm,
      this.clock,
      () => this.manifest.oauthScopes,
    );
    this.log.countCpu = this.measureCpu;
    this.log.slowdown = options.slowdown ?? 1;
    this.log.triggerRuntimeLimit = ACCOUNT_LIMITS[this.account].triggerRuntimeMs;
    const owner = options.owner ?? "coordinator@township.example.cn";
    const account = this.account;
    const domainOf = (email: string) => email.split("@")[1]?.toLowerCase() ?? "";
    const identityVisible =
      options.identityVisible ??
      ((email: string) => account === "workspace" && domainOf(email) === domainOf(owner));
    const currentRealm = () => this.active.realm;
    this.ctx = {
      get realm() {
        return currentRealm();
      },
      log: this.log,
      clock: this.clock,
      ids: new IdSource("sim"),
      scriptTimeZone: this.manifest.timeZone,
      owner,
      account,
      ui: [],
      dialogAnswers: [],
      execution: () => this.log.current,
      identityVisible,
    };
    this.sheets = new SimSpreadsheetApp(this.ctx);
    this.forms = new SimFormApp(this.ctx, this.sheets);
    this.script = new SimScriptApp(this.ctx);
    this.mail = new SimMailApp(this.ctx);
    this.mail._dailyQuota = options.mailQuota ?? ACCOUNT_LIMITS[account].mailRecipients;
    this.locks = new SimLockService(this.ctx);
    this.properties = new SimPropertiesService(this.ctx);
    this.cache = new SimCacheService(this.ctx);
    this.html = new SimHtmlService(this.ctx);
    this.utilities = new SimUtilities(this.ctx);
    this.drive = new SimDriveApp(this.ctx);
    this.spreadsheet = this.sheets._create(options.spreadsheetName ?? "台账", { locale: options.locale });
    for (const e of options.editors ?? []) this.spreadsheet._editors.add(e);
    this.sheets._activeId = this.spreadsheet._id;
    const { logger, console } = makeLogging(this.ctx, this.logs);
    this.globals = {
      SpreadsheetApp: this.sheets._api,
      FormApp: this.forms._api,
      ScriptApp: this.script._api,
      MailApp: this.mail._api,
      LockService: this.locks._api,
      PropertiesService: this.properties._api,
      CacheService: this.cache._api,
      HtmlService: this.html._api,
      Utilities: this.utilities._api,
      DriveApp: this.drive._api,
      Session: makeSession(this.ctx),
      Logger: logger,
      console,
      Charts: { ChartType: { LINE: "LINE", COLUMN: "COLUMN", BAR: "BAR", PIE: "PIE", TABLE: "TABLE" } },
    };
    Object.assign(this.base.context, this.globals);
    if (options.code !== undefined) this.load(options.code);
  }

  /** A V8 context with Apps Script's globals and the runtime's clock. */
  private newRealm(): ActiveRealm {
    const context = vm.createContext(
      {},
      { name: "Apps Script (local runtime)", codeGeneration: { strings: true, wasm: false } },
    );
    installClock(context, () => this.clock.now);
    return { context, realm: new Realm(context) };
  }

  /**
   * Records the global object as executions must find it (after the editor's evaluation of the files):
   * every name, and the values of Apps Script's services and Date, which a script might reassign.
   */
  private snapshotGlobals(): void {
    const global = this.globalObject();
    const names = Object.getOwnPropertyNames(global);
    const watched = new Set([...Object.keys(this.globals), "Date"]);
    this.execGlobalNames = new Set(names);
    this.execGlobals = new Map(
      names.filter((k) => watched.has(k)).map((k) => [k, Object.getOwnPropertyDescriptor(global, k)!]),
    );
    this.execGlobalCount = names.length;
  }
  private execGlobalNames = new Set<string>();
  private globalObject(): Record<string, unknown> {
    return (this.globalThisRef ??= vm.runInContext("globalThis", this.exec.context) as Record<
      string,
      unknown
    >);
  }
  private globalThisRef: Record<string, unknown> | undefined;

  /** Puts the global object back as it was before executions (a script may assign or add globals). */
  private resetExecGlobals(): void {
    const global = this.globalObject();
    for (const [k, d] of this.execGlobals!) if (global[k] !== d.value) Object.defineProperty(global, k, d);
    const names = Object.getOwnPropertyNames(global);
    if (names.length !== this.execGlobalCount)
      for (const k of names) if (!this.execGlobalNames.has(k)) delete global[k];
  }

  get ui(): UiEvent[] {
    return this.ctx.ui;
  }

  /**
   * Adds a script file to the project (compiled once). Apps Script evaluates every file at the start of
   * every execution, so global variables start fresh each time.
   */
  load(code: string, filename = `Code${this.sources.length ? this.sources.length + 1 : ""}.js`): void {
    const project = compiledProject([...this.sources, code], filename);
    project.file.runInContext(this.base.context);
    this.sources.push(code);
    // The names the files declare: what the project function hands back to each execution.
    const names = this.functionNames();
    this.project = project.wrapper(names).runInContext(this.exec.context) as typeof this.project;
    this.snapshotGlobals();
    this.loaded = true;
  }

  loadFile(path = new URL("../dist/Code.js", import.meta.url)): void {
    this.load(readFileSync(path, "utf8"));
  }

  /** The names the script defines at top level, as the Apps Script editor lists them. */
  functionNames(): string[] {
    const ctx = this.base.context;
    return Object.keys(ctx).filter((k) => typeof ctx[k] === "function" && !/^[A-Z]/.test(k));
  }

  hasFunction(name: string): boolean {
    return typeof this.base.context[name] === "function";
  }

  /** Evaluates an expression in the editor's global state (tests use it to probe globals). */
  evaluate(expression: string): unknown {
    return vm.runInContext(expression, this.base.context);
  }

  private triggerQuota(user: string): DailyQuota {
    let q = this.triggerRuntime.get(user);
    if (!q) this.triggerRuntime.set(user, (q = new DailyQuota(this.clock)));
    return q;
  }

  /** Trigger runtime used in the current 24-hour window by this user, in ms. */
  triggerRuntimeUsed(user = this.ctx.owner): number {
    return this.triggerQuota(user).current();
  }

  /**
   * Runs a top-level function as one execution, in a fresh global state. A person running it from the
   * editor or a menu sees its exception; a trigger's exception is recorded (Apps Script mails the owner a
   * failure summary) and not thrown.
   */
  run(
    functionName: string,
    options: {
      kind?: ExecutionKind;
      /** The effective user (the trigger's owner for installable triggers). */
      user?: string;
      /** The person whose action caused the run (defaults to the effective user). */
      activeUser?: string;
      event?: object;
      triggerUid?: string;
      hasUi?: boolean;
    } = {},
  ): unknown {
    if (!this.loaded) throw new Error("No script is loaded: call load() or loadFile() first.");
    const kind = options.kind ?? "editor";
    const user = options.user ?? this.ctx.owner;
    const activeUser = options.activeUser ?? user;
    if (!this.hasFunction(functionName)) {
      if (kind === "editor" || kind === "menu") throw new Error(`Script function not found: ${functionName}`);
      this.executions.push({
        functionName,
        kind,
        authMode: "FULL",
        hasUi: false,
        user,
        activeUser,
        startedAt: this.clock.now,
        modeledMs: 0,
        cpuMs: 0,
        counts: new Map(),
        sheetsCalls: 0,
        cellsRead: 0,
        cellsWritten: 0,
        error: `Script function not found: ${functionName}`,
      });
      return undefined;
    }
    const quota = kind === "editor" || kind === "menu" ? undefined : this.triggerQuota(user);
    this.log.triggerRuntimeUsed = () => quota?.current() ?? 0;
    const execution = this.log.begin({
      functionName,
      kind,
      authMode: kind === "simple-trigger" ? "LIMITED" : "FULL",
      hasUi: options.hasUi ?? (kind === "editor" || kind === "menu" || kind === "simple-trigger"),
      user,
      activeUser,
      triggerUid: options.triggerUid,
    });
    this.running++;
    const previous = this.active;
    this.active = this.exec;
    this.resetExecGlobals();
    const wallStart = cpuClock();
    try {
      if (quota && quota.current() >= this.log.triggerRuntimeLimit)
        throw this.active.realm.exception("Service using too much computer time for one day.");
      return this.invoke(functionName, options.event);
    } catch (err) {
      execution.error = (err as Error)?.message ?? String(err);
      if (kind === "editor" || kind === "menu") throw err;
      return undefined;
    } finally {
      // The script's own time: the execution's wall time less the time spent in the runtime's services.
      execution.cpuMs = this.measureCpu ? Math.max(0, cpuClock() - wallStart - this.log.serviceWallMs()) : 0;
      quota?.add(elapsedMs(execution));
      this.locks._releaseAll(execution);
      this.log.end();
      this.executions.push(execution);
      this.active = previous;
      this.running--;
      if (this.running === 0) this.drainDeferred();
    }
  }

  /** Evaluates the project's files afresh (new global variables), then calls the function. */
  private invoke(functionName: string, event: object | undefined): unknown {
    const fn = this.project!()[functionName];
    if (!fn) throw new Error(`Script function not found: ${functionName}`);
    return event ? fn(this.active.realm.object({ ...event })) : fn();
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

  /**
   * The `user` of an event: Google shows the address only when its security rules allow ("depending on
   * a complex set of security restrictions", the events page); see sim/context.ts, visibleTo.
   */
  private eventUser(email: string) {
    const shown =
      email &&
      this.log.grants(SCOPES.userinfoEmail) &&
      (email === this.ctx.owner || this.ctx.identityVisible(email))
        ? email
        : "";
    return { getEmail: () => shown, toString: () => shown };
  }

  // ------------------------------------------------------------ sharing

  /** The owner shares the spreadsheet: "edit", "view", or "none" to stop sharing. */
  shareSpreadsheet(email: string, role: "edit" | "view" | "none"): void {
    const ss = this.spreadsheet;
    ss._editors.delete(email);
    ss._viewers.delete(email);
    if (role === "edit") ss._editors.add(email);
    if (role === "view") ss._viewers.add(email);
  }

  // ------------------------------------------------------------ what people do

  /**
   * A person opens the spreadsheet: the simple onOpen trigger runs, then installable open triggers.
   * https://developers.google.com/apps-script/guides/triggers#restrictions — simple triggers "do not run
   * if a file is opened in read-only (view or comment) mode".
   */
  openSpreadsheet(user = this.ctx.owner): void {
    const ss = this.spreadsheet;
    if (!ss._canEdit(user) && !ss._viewers.has(user))
      throw new Error(`${user} cannot open the spreadsheet: it is not shared with them.`);
    if (!ss._canEdit(user)) return;
    if (this.hasFunction("onOpen"))
      this.run("onOpen", {
        kind: "simple-trigger",
        user,
        event: { source: ss._api, user: this.eventUser(user), authMode: "LIMITED" },
      });
    for (const t of this.triggersFor("ON_OPEN", ss._id)) {
      this.run(t.handler, {
        kind: "installable-trigger",
        user: t.owner,
        activeUser: user,
        hasUi: true,
        triggerUid: t.uid,
        event: { source: ss._api, authMode: "FULL", triggerUid: t.uid, user: this.eventUser(user) },
      });
    }
  }

  /** A person clicks a custom menu item (the runtime checks that a menu offers it). */
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
    if (!this.spreadsheet._canEdit(user))
      throw new Error(`${user} cannot use the menu: the spreadsheet is not shared with them for editing.`);
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
   * A person types into cells (one value, or a pasted block). The Sheets UI refuses input from someone
   * without edit access, input that breaks a strict data validation rule, or input into a protected range
   * the person may not edit; otherwise the edit is written as typed and the onEdit triggers fire once for
   * the whole edited range, then the change triggers (changeType EDIT).
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
        const blocked = sheet._blockedFor(user, r, c);
        if (blocked) return { accepted: false, message: blocked };
        const meta = sheet._metaAt(r, c);
        const v = values[i]![j];
        if (typeof v === "string" && v.length > 50_000)
          return {
            accepted: false,
            message: "Your input contains more than the maximum of 50000 characters in a single cell.",
          };
        const entered = parseEntered(v, tz, meta?.numberFormat === "@", {
          locale: this.spreadsheet._locale,
          now: this.clock.now,
        });
        if (meta?.validation && !meta.validation._allowInvalid && !meta.validation._accepts(entered.value)) {
          return {
            accepted: false,
            message: meta.validation._helpText || "Input must be an item on the specified list",
          };
        }
      }
    }
    const single = values.length === 1 && values[0]!.length === 1;
    const oldValue = single ? sheet._get(row, column) : undefined;
    const numRows = values.length;
    const numColumns = Math.max(...values.map((r) => r.length));
    if (row + numRows - 1 > sheet._maxRows)
      sheet._insertRows(sheet._maxRows, row + numRows - 1 - sheet._maxRows);
    if (column + numColumns - 1 > sheet._maxColumns)
      sheet._insertColumns(sheet._maxColumns, column + numColumns - 1 - sheet._maxColumns);
    values.forEach((rowValues, i) => rowValues.forEach((v, j) => sheet._write(row + i, column + j, v)));
    const range = () => new SimRange(this.ctx, sheet, row, column, numRows, numColumns);
    // The person is looking at what they edited.
    this.spreadsheet._activeSheet = sheet;
    this.spreadsheet._activeRange = range();
    const event = (authMode: string, triggerUid?: string) => {
      const e: Record<string, unknown> = {
        authMode,
        range: range()._api,
        source: this.spreadsheet._api,
        user: this.eventUser(user),
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
    const change = this.changeRuns("EDIT", user);
    this.fire(() => {
      if (simple) this.run("onEdit", { kind: "simple-trigger", user, event: simple });
      // An installable edit trigger runs as the person who installed it, with the editor's UI attached.
      for (const { t, e } of installable)
        this.run(t.handler, {
          kind: "installable-trigger",
          user: t.owner,
          activeUser: user,
          hasUi: true,
          triggerUid: t.uid,
          event: e,
        });
      change();
    });
    return { accepted: true };
  }

  editCell(sheetName: string, a1: string, value: unknown, user = this.ctx.owner): EditResult {
    const [r, c] = this.sheet(sheetName)._parseA1(a1);
    return this.editCells(sheetName, r, c, [[value]], user);
  }

  /** The installable change triggers' runs for a person's action (built now, started later). */
  private changeRuns(changeType: ChangeType, user: string): () => void {
    const runs = this.triggersFor("ON_CHANGE", this.spreadsheet._id).map((t) => ({
      t,
      e: { authMode: "FULL", changeType, triggerUid: t.uid, user: this.eventUser(user) },
    }));
    return () => {
      for (const { t, e } of runs)
        this.run(t.handler, {
          kind: "installable-trigger",
          user: t.owner,
          activeUser: user,
          hasUi: true,
          triggerUid: t.uid,
          event: e,
        });
    };
  }

  /**
   * A person's structural change from the Sheets UI: refused without edit access or over a protection
   * they may not edit; otherwise applied, then the change triggers fire with its changeType.
   * https://developers.google.com/apps-script/guides/triggers/events#change
   */
  private structural(
    user: string,
    changeType: ChangeType,
    area: { sheet: SimSheet; row: number; col: number; rows: number; cols: number } | undefined,
    apply: () => void,
  ): EditResult {
    const ss = this.spreadsheet;
    if (!ss._canEdit(user))
      return { accepted: false, message: "You need edit access to this spreadsheet to make changes." };
    if (area) {
      const blocking = area.sheet._protections.find(
        (p) => !p._warningOnly && p._intersects(area.row, area.col, area.rows, area.cols) && !p._allows(user),
      );
      if (blocking)
        return {
          accepted: false,
          message:
            "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.",
        };
    }
    try {
      apply();
    } catch (e) {
      return { accepted: false, message: (e as Error).message };
    }
    const change = this.changeRuns(changeType, user);
    this.fire(change);
    return { accepted: true };
  }

  /** A person deletes rows (right-click → Delete rows). */
  deleteRows(sheetName: string, row: number, count = 1, user = this.ctx.owner): EditResult {
    const sheet = this.sheet(sheetName);
    return this.structural(
      user,
      "REMOVE_ROW",
      { sheet, row, col: 1, rows: count, cols: sheet._maxColumns },
      () => sheet._deleteRows(row, count),
    );
  }

  /** A person inserts rows after a row (0 inserts at the top). */
  insertRows(sheetName: string, afterRow: number, count = 1, user = this.ctx.owner): EditResult {
    const sheet = this.sheet(sheetName);
    return this.structural(user, "INSERT_ROW", undefined, () => sheet._insertRows(afterRow, count));
  }

  /** A person inserts columns after a column (0 inserts at the left). */
  insertColumns(sheetName: string, afterColumn: number, count = 1, user = this.ctx.owner): EditResult {
    const sheet = this.sheet(sheetName);
    return this.structural(user, "INSERT_COLUMN", undefined, () => sheet._insertColumns(afterColumn, count));
  }

  /** A person deletes columns. */
  deleteColumns(sheetName: string, column: number, count = 1, user = this.ctx.owner): EditResult {
    const sheet = this.sheet(sheetName);
    return this.structural(
      user,
      "REMOVE_COLUMN",
      { sheet, row: 1, col: column, rows: sheet._maxRows, cols: count },
      () => sheet._deleteColumns(column, count),
    );
  }

  /** A person adds a sheet tab. */
  insertSheet(name: string, user = this.ctx.owner): EditResult {
    return this.structural(user, "INSERT_GRID", undefined, () => {
      if (this.spreadsheet._sheet(name)) throw new Error(`A sheet with the name "${name}" already exists.`);
      this.spreadsheet._checkCellLimit(1000 * 26);
      this.spreadsheet._addSheet(name);
    });
  }

  /** A person deletes a sheet tab. */
  removeSheet(name: string, user = this.ctx.owner): EditResult {
    const sheet = this.sheet(name);
    const protectedSheet = sheet._protections.find(
      (p) => p._type === "SHEET" && !p._warningOnly && !p._allows(user),
    );
    if (protectedSheet && this.spreadsheet._canEdit(user))
      return {
        accepted: false,
        message:
          "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.",
      };
    return this.structural(user, "REMOVE_GRID", undefined, () => this.spreadsheet._removeSheet(sheet));
  }

  /** A person renames a sheet tab (a change trigger sees OTHER). */
  renameSheet(from: string, to: string, user = this.ctx.owner): EditResult {
    const sheet = this.sheet(from);
    return this.structural(user, "OTHER", undefined, () => {
      if (this.spreadsheet._sheet(to)) throw new Error(`A sheet with the name "${to}" already exists.`);
      sheet._name = to;
    });
  }

  /** A person hides or shows a sheet tab (OTHER). */
  setSheetHidden(name: string, hidden: boolean, user = this.ctx.owner): EditResult {
    const sheet = this.sheet(name);
    return this.structural(user, "OTHER", undefined, () => {
      if (hidden && this.spreadsheet._sheets.filter((s) => !s._hidden && s !== sheet).length === 0)
        throw new Error("You can't hide all the sheets in a document.");
      sheet._hidden = hidden;
    });
  }

  /** A person formats cells from the toolbar (FORMAT). */
  formatCells(
    sheetName: string,
    row: number,
    column: number,
    rows: number,
    columns: number,
    format: { background?: string; fontColor?: string; fontWeight?: string },
    user = this.ctx.owner,
  ): EditResult {
    const sheet = this.sheet(sheetName);
    return this.structural(user, "FORMAT", { sheet, row, col: column, rows, cols: columns }, () => {
      for (let r = row; r < row + rows; r++)
        for (let c = column; c < column + columns; c++) Object.assign(sheet._metaFor(r, c), format);
    });
  }

  /** A person sorts a sheet's data rows by a column from the menu (Data → Sort range). No trigger fires. */
  sortSheet(sheetName: string, column: number, ascending = true, headerRows = 1): void {
    const sheet = this.sheet(sheetName);
    const last = sheet._lastRow();
    if (last > headerRows) sheet._sortRows(headerRows + 1, last - headerRows, [{ column, ascending }]);
  }

  /** A person drags a column to another place (columns move with their values and formats). No trigger fires. */
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

  /**
   * A person fills in and submits a form in the browser. Answers are keyed by item id or by item title;
   * Google's own checks (sign-in, required questions, choices, text validation) apply, and the
   * form-submit triggers of the form and of its destination spreadsheet fire. The respondent is the
   * Google account signed in (null for nobody), or { account, email } for a typed address.
   */
  submitForm(
    formId: string,
    answers: Record<string, unknown> | Map<number, unknown>,
    respondent: string | null | { account?: string | null; email?: string } = this.ctx.owner,
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
        value instanceof Date ? formatDate(value.getTime(), this.manifest.timeZone, "yyyy-MM-dd") : value,
      );
    }
    const submitter: Submitter =
      respondent === null || typeof respondent === "string"
        ? { account: respondent ?? "" }
        : { account: respondent.account ?? "", typedEmail: respondent.email };
    const response = form._acceptSubmission(byId, submitter, true);
    // The spreadsheet event is built from the row as written; the runs start once any run under way ends.
    const sheetTriggers = form._destinationId ? this.triggersFor("ON_FORM_SUBMIT", form._destinationId) : [];
    const sheetEvent = sheetTriggers.length ? this.formSheetEvent(form, response._row) : undefined;
    this.fire(() => {
      for (const t of this.triggersFor("ON_FORM_SUBMIT", form._id)) {
        this.run(t.handler, {
          kind: "installable-trigger",
          user: t.owner,
          activeUser: submitter.account,
          triggerUid: t.uid,
          event: { authMode: "FULL", response: response._api, source: form._api, triggerUid: t.uid },
        });
      }
      if (sheetEvent) {
        for (const t of sheetTriggers) {
          this.run(t.handler, {
            kind: "installable-trigger",
            user: t.owner,
            activeUser: submitter.account,
            triggerUid: t.uid,
            event: { ...sheetEvent(), triggerUid: t.uid },
          });
        }
      }
    });
    return { responseId: response._id };
  }

  /**
   * https://developers.google.com/apps-script/guides/triggers/events#form-submit — `values` (the row's
   * values in column order, as text), `namedValues` (each column header → an array of its text) and
   * `range` (the row written).
   */
  private formSheetEvent(form: SimForm, row: number): (() => Record<string, unknown>) | undefined {
    const dest = form._destinationSheet;
    if (!dest || !row) return undefined;
    const tz = dest._parent._timeZone;
    const width = dest._lastColumn();
    const text = (c: number) =>
      displayValue(dest._get(row, c), dest._metaAt(row, c)?.numberFormat, tz, formatDate);
    const values = Array.from({ length: width }, (_, i) => text(i + 1));
    const named: Record<string, string[]> = {};
    for (let c = 1; c <= width; c++) {
      const header = String(dest._get(1, c));
      (named[header] ??= []).push(values[c - 1]!);
    }
    return () => {
      const realm = this.active.realm;
      return {
        authMode: "FULL",
        range: new SimRange(this.ctx, dest, row, 1, 1, width)._api,
        values: realm.array(values),
        namedValues: realm.object(
          Object.fromEntries(Object.entries(named).map(([k, v]) => [k, realm.array(v)])),
        ),
      };
    };
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

  /**
   * Moves the clock forward to `until`, firing every time-driven trigger that falls due, in order. A
   * one-off trigger (at, after) fires once and stays listed, disabled, until the script deletes it.
   */
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
      const firstOfYear = new Date(p.getFullYear(), 0, 1);
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
          "day-of-week": p.getDay() === 0 ? 7 : p.getDay(),
          "week-of-year": Math.ceil(
            ((p.getTime() - firstOfYear.getTime()) / 86_400_000 + firstOfYear.getDay() + 1) / 7,
          ),
          hour: p.getHours(),
          minute: p.getMinutes(),
          second: p.getSeconds(),
          timezone: due.schedule!.tz,
        },
      });
      fired.push(this.lastExecution()!);
      // A trigger deleted during its own run is gone; otherwise it is scheduled again (if it repeats).
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

/**
 * Compiled scripts, shared by every runtime (the fault suites build hundreds of runtimes from one bundle):
 * for a project (its files' sources), the last file as a script and the whole project as a function.
 */
interface CompiledProject {
  file: vm.Script;
  wrapper(names: string[]): vm.Script;
}
const projectCache: Array<{ sources: string[]; filename: string; project: CompiledProject }> = [];
function compiledProject(sources: string[], filename: string): CompiledProject {
  const hit = projectCache.find(
    (p) =>
      p.filename === filename &&
      p.sources.length === sources.length &&
      p.sources.every((s, i) => s.length === sources[i]!.length && s === sources[i]),
  );
  if (hit) return hit.project;
  const wrappers = new Map<string, vm.Script>();
  const project: CompiledProject = {
    file: new vm.Script(sources.at(-1)!, { filename }),
    wrapper(names) {
      const key = names.join(",");
      let w = wrappers.get(key);
      if (!w) {
        const exports = names.map(
          (n) => `${JSON.stringify(n)}: typeof ${n} === "function" ? ${n} : undefined`,
        );
        const body = sources.join("\n;\n");
        w = new vm.Script(`(function () {\n${body}\n;return { ${exports.join(", ")} };\n})`, {
          filename: "Code.js",
          lineOffset: -1,
        });
        wrappers.set(key, w);
      }
      return w;
    },
  };
  if (projectCache.length >= 16) projectCache.shift();
  projectCache.push({ sources, filename, project });
  return project;
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
  CLOCK_SHIM.runInContext(context);
}

const CLOCK_SHIM = new vm.Script(
  `(() => {
      const RealDate = Date;
      const now = globalThis.__simNow;
      function SimDate(a, b, c, d, e, f, g) {
        if (!new.target) return new RealDate(now()).toString();
        if (new.target !== SimDate)
          return Reflect.construct(RealDate, arguments.length === 0 ? [now()] : Array.from(arguments), new.target);
        switch (arguments.length) {
          case 0: return new RealDate(now());
          case 1: return new RealDate(a);
          case 2: return new RealDate(a, b);
          case 3: return new RealDate(a, b, c);
          case 4: return new RealDate(a, b, c, d);
          case 5: return new RealDate(a, b, c, d, e);
          case 6: return new RealDate(a, b, c, d, e, f);
          default: return new RealDate(a, b, c, d, e, f, g);
        }
      }
      SimDate.prototype = RealDate.prototype;
      Object.defineProperty(RealDate.prototype, "constructor", { value: SimDate, writable: true, configurable: true });
      SimDate.now = () => now();
      SimDate.UTC = RealDate.UTC;
      SimDate.parse = RealDate.parse;
      Object.defineProperty(globalThis, "Date", { value: SimDate, writable: true, configurable: true, enumerable: false });
      delete globalThis.__simNow;
    })();`,
  { filename: "apps-script-clock" },
);
