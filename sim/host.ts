// The runtime's shared plumbing: the vm realm, the clock, call counting with a cost model, the current
// execution (who runs what, with which authorisation, for how long) and fault injection.
import { types } from "node:util";
import vm from "node:vm";

/** Values handed to the script must come from the script's own realm, or `instanceof Date/Array/Error` fails there. */
export class Realm {
  private readonly DateCtor: DateConstructor;
  private readonly ErrorCtor: ErrorConstructor;
  private readonly ArrayCtor: ArrayConstructor;
  private readonly ObjectCtor: ObjectConstructor;
  constructor(context: vm.Context | undefined) {
    // The builtins live on the context's inner global, not on the sandbox object.
    const builtin = <T>(name: string, fallback: T): T =>
      context ? (vm.runInContext(name, context) as T) : fallback;
    this.ObjectCtor = builtin("Object", Object);
    this.DateCtor = builtin("Date", Date);
    this.ErrorCtor = builtin("Error", Error);
    this.ArrayCtor = builtin("Array", Array);
  }
  date(epochMs: number): Date {
    return new this.DateCtor(epochMs);
  }
  object<T extends object>(props: T): T {
    return Object.assign(new this.ObjectCtor(), props) as T;
  }
  array<T>(items: readonly T[]): T[] {
    return this.ArrayCtor.from(items);
  }
  /** Apps Script services throw errors named "Exception"; their message carries no prefix. */
  exception(message: string): Error {
    const e = new this.ErrorCtor(message);
    e.name = "Exception";
    return e;
  }
}

export const isDate = (v: unknown): v is Date => types.isDate(v);

export class Clock {
  constructor(public now: number) {}
  advance(ms: number): void {
    this.now += ms;
  }
  set(epochMs: number): void {
    if (epochMs < this.now)
      throw new Error(
        `The clock cannot go back (from ${new Date(this.now).toISOString()} to ${new Date(epochMs).toISOString()}).`,
      );
    this.now = epochMs;
  }
}

/** What kind of work a call is, for the cost model. */
export type CallKind =
  /** A Sheets round trip that reads cells. */
  | "read"
  /** A Sheets round trip that writes cells (values or formats). */
  | "write"
  /** A Sheets round trip that carries no cells (sheet lookup, last row, protections, flush). */
  | "meta"
  /** A Sheets round trip that searches cells on Google's side (TextFinder); `cells` are those searched. */
  | "search"
  /** Answered inside Apps Script without another Google service (Utilities, Session, range geometry, builders). */
  | "local"
  | "forms"
  | "forms-write"
  | "forms-create"
  | "mail"
  | "props"
  | "props-write"
  | "cache"
  | "cache-write"
  | "lock"
  | "triggers"
  | "drive"
  /** A document conversion on Google's servers (HTML → PDF with Blob.getAs). */
  | "convert"
  /** A dialog or sidebar shown in the person's browser. */
  | "ui";

/**
 * The cost model: modelled Apps Script time per call, in milliseconds. Calibrated against what Google
 * publishes; where Google publishes nothing the figure is an assumption and says so.
 *
 * Sheets — https://developers.google.com/apps-script/guides/support/best-practices ("Use batch
 * operations"): setting the background of 100 × 100 cells one `offset(y, x).setBackgroundColor(c)` at a
 * time (with a flush per row) "takes 70 seconds", the same with one `setBackgroundColors` "runs in 1
 * second". 10,000 cells in 1 s gives 0.1 ms a cell in a batch; 70 s over 10,000 single-cell calls gives
 * about 7 ms a call (6.5 ms the round trip + 0.5 ms the in-process `offset` + 0.1 ms the cell). Reads
 * are assumed to cost what writes cost (Google publishes no separate figure).
 *
 * Properties and cache — measured by a third party, https://ziritione.org/post/apps_script_performance
 * (100 runs, averages): getProperty 30 ms, setProperty 62 ms, CacheService get 3 ms, put 93 ms.
 *
 * A search (TextFinder.findAll, https://developers.google.com/apps-script/reference/spreadsheet/text-finder)
 * runs where the cells are and returns only the cells found: Google publishes no figure, so it is assumed
 * a round trip plus 1 µs a cell searched (a hundredth of a cell read: 100,000 cells in 0.1 s).
 *
 * Everything else is an assumption, kept here so it is visible and can be revised: an in-process call
 * 0.5 ms (Apps Script's execution transcripts showed such calls at under a millisecond), a Forms read
 * 50 ms, a Forms change 100 ms, creating a form 1.5 s, a mail 400 ms, a lock request 10 ms, a trigger
 * operation 250 ms, a Drive call 500 ms, an HTML→PDF conversion 1.5 s, showing a dialog 100 ms.
 */
const LATENCY_MS: Record<CallKind, { perCall: number; perCell: number }> = {
  read: { perCall: 6.5, perCell: 0.1 },
  write: { perCall: 6.5, perCell: 0.1 },
  meta: { perCall: 6.5, perCell: 0 },
  search: { perCall: 6.5, perCell: 0.001 },
  local: { perCall: 0.5, perCell: 0 },
  forms: { perCall: 50, perCell: 0 },
  "forms-write": { perCall: 100, perCell: 0 },
  "forms-create": { perCall: 1500, perCell: 0 },
  mail: { perCall: 400, perCell: 0 },
  props: { perCall: 30, perCell: 0 },
  "props-write": { perCall: 62, perCell: 0 },
  cache: { perCall: 3, perCell: 0 },
  "cache-write": { perCall: 93, perCell: 0 },
  lock: { perCall: 10, perCell: 0 },
  triggers: { perCall: 250, perCell: 0 },
  drive: { perCall: 500, perCell: 0 },
  convert: { perCall: 1500, perCell: 0 },
  ui: { perCall: 100, perCell: 0 },
};

/** https://developers.google.com/apps-script/guides/services/quotas — script runtime, 6 min / execution. */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
/** https://developers.google.com/apps-script/guides/triggers#restrictions — a simple trigger may run 30 s. */
const SIMPLE_TRIGGER_LIMIT_MS = 30 * 1000;

export type ExecutionKind = "editor" | "menu" | "simple-trigger" | "installable-trigger" | "time-trigger";

export interface Execution {
  functionName: string;
  kind: ExecutionKind;
  /** LIMITED for simple triggers: services that need authorisation refuse. */
  authMode: "FULL" | "LIMITED";
  /** Whether a person's browser is attached (menus, alerts); false in form-submit and time-driven runs. */
  hasUi: boolean;
  /** The effective user: whose authority the script runs under (the trigger's owner for installable triggers). */
  user: string;
  /** The person whose action caused the run ("" when nobody signed in, e.g. an anonymous form response). */
  activeUser: string;
  triggerUid?: string;
  startedAt: number;
  /** Modelled service time (the cost model's sum over the calls, plus Utilities.sleep). */
  modeledMs: number;
  /** The script's own CPU time (its JavaScript, without the runtime's bookkeeping), measured. */
  cpuMs: number;
  counts: Map<string, number>;
  sheetsCalls: number;
  cellsRead: number;
  cellsWritten: number;
  error?: string;
}

/**
 * The process's CPU time in milliseconds (user + system). The script's CPU time is measured with it, not
 * with the wall clock, so other programs on the machine do not make a run look slower than it is.
 */
export function cpuClock(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Modelled service time + measured CPU: what counts toward the execution limits. */
export const elapsedMs = (e: Execution) => e.modeledMs + e.cpuMs;

export interface CallInfo {
  name: string;
  kind: CallKind;
  cells: number;
  /** The OAuth scope the call needs; checked against the manifest. */
  scope?: string;
  /** Simple triggers (AuthMode.LIMITED) may not make this call. */
  needsAuth?: boolean;
}

/**
 * A fault to inject at a call: a message makes the call throw before it takes effect; `{ message, after:
 * true }` lets the call take effect and then throws (a reply lost on the way back, as when a mail went out
 * but the run died before it heard so).
 */
export type Fault = string | { message: string; after: true };
export type FaultPlan = (call: CallInfo, index: number) => Fault | undefined;
/** Something that happens elsewhere just before a call (a person's edit, another trigger's write). */
export type Interleave = (call: CallInfo, index: number, execution: Execution) => void;

/** A quota that resets 24 hours after the first request of its window (the quotas page). */
export class DailyQuota {
  private windowStart: number | undefined;
  used = 0;
  constructor(private readonly clock: Clock) {}
  private roll(): void {
    if (this.windowStart !== undefined && this.clock.now >= this.windowStart + 24 * 3600_000) {
      this.windowStart = undefined;
      this.used = 0;
    }
  }
  current(): number {
    this.roll();
    return this.used;
  }
  add(amount: number): void {
    this.roll();
    this.windowStart ??= this.clock.now;
    this.used += amount;
  }
}

/** Limits and daily quotas that depend on the account type (the quotas page, two columns). */
export const ACCOUNT_LIMITS = {
  consumer: { triggerRuntimeMs: 90 * 60_000, mailRecipients: 100 },
  workspace: { triggerRuntimeMs: 6 * 3600_000, mailRecipients: 1500 },
} as const;
export type AccountType = keyof typeof ACCOUNT_LIMITS;

const TRIGGER_KINDS = new Set<ExecutionKind>(["simple-trigger", "installable-trigger", "time-trigger"]);
const isTriggerRun = (e: Execution) => TRIGGER_KINDS.has(e.kind);

export class CallLog {
  readonly totals = new Map<string, number>();
  readonly usedScopes = new Set<string>();
  current: Execution | undefined;
  /** Return a message to make the call throw (fault injection); the index counts calls in this execution. */
  faults: FaultPlan | undefined;
  /** Runs just before the script's call, outside the script (tests use it to interleave a person's edit). */
  interleave: Interleave | undefined;
  /** Trigger runtime already used today by the current execution's user (set by the runtime). */
  triggerRuntimeUsed: () => number = () => 0;
  triggerRuntimeLimit = ACCOUNT_LIMITS.consumer.triggerRuntimeMs;
  /** Whether the script's own CPU time counts toward the limits. */
  countCpu = true;
  /** Every call's modelled time is multiplied by this (a slow day; RuntimeOptions.slowdown). */
  slowdown = 1;
  private callIndex = 0;
  /** Sheets writes not yet sent (they go with the next read, a flush, or the end of the execution). */
  private pendingWrites = false;
  private lastEnter = 0;
  /** The smaller of the execution's limit and the trigger runtime left today, fixed when it begins. */
  private budget = 0;
  /** Wall time spent inside the runtime's service code during this execution (excluded from CPU). */
  private serviceWall = 0;
  private depth = 0;
  private wallStart = 0;
  /** The state of executions under way when another began inside them (a concurrent trigger). */
  private readonly outer: Array<{
    current: Execution | undefined;
    callIndex: number;
    pendingWrites: boolean;
    lastEnter: number;
    budget: number;
    serviceWall: number;
    depth: number;
    wallStart: number;
  }> = [];
  constructor(
    private readonly realm: () => Realm,
    private readonly clock: Clock,
    /** The manifest's scopes; undefined when the manifest lists none (Apps Script then detects them). */
    private readonly grantedScopes: () => readonly string[] | undefined,
  ) {}

  begin(
    execution: Omit<
      Execution,
      "modeledMs" | "cpuMs" | "counts" | "sheetsCalls" | "cellsRead" | "cellsWritten" | "startedAt"
    >,
  ): Execution {
    this.outer.push({
      current: this.current,
      callIndex: this.callIndex,
      pendingWrites: this.pendingWrites,
      lastEnter: this.lastEnter,
      budget: this.budget,
      serviceWall: this.serviceWall,
      depth: this.depth,
      wallStart: this.wallStart,
    });
    this.current = {
      ...execution,
      startedAt: this.clock.now,
      modeledMs: 0,
      cpuMs: 0,
      counts: new Map(),
      sheetsCalls: 0,
      cellsRead: 0,
      cellsWritten: 0,
    };
    this.callIndex = 0;
    this.pendingWrites = false;
    this.lastEnter = 0;
    this.budget = Math.min(
      this.limitMs(this.current),
      isTriggerRun(this.current) ? this.triggerRuntimeLimit - this.triggerRuntimeUsed() : Infinity,
    );
    this.serviceWall = 0;
    this.depth = 0;
    this.wallStart = cpuClock();
    this.lastEnter = this.wallStart;
    return this.current;
  }
  exception(message: string): Error {
    return this.realm().exception(message);
  }
  end(): Execution | undefined {
    const done = this.current;
    if (done && this.pendingWrites) done.sheetsCalls++;
    this.pendingWrites = false;
    this.current = undefined;
    // An execution that began inside another (a trigger run concurrently by a test) hands back to it.
    const outer = this.outer.pop();
    if (outer) Object.assign(this, outer);
    return done;
  }

  /** Whether the manifest grants a scope (always, when Apps Script detects scopes from the code). */
  grants(scope: string): boolean {
    const granted = this.grantedScopes();
    return granted === undefined || granted.some((g) => g === scope || scopeCovers(g, scope));
  }

  /** The limit of the current execution: 30 s for a simple trigger, 6 minutes otherwise. */
  limitMs(ex: Execution): number {
    return ex.kind === "simple-trigger" ? SIMPLE_TRIGGER_LIMIT_MS : EXECUTION_LIMIT_MS;
  }

  /**
   * CPU time of the script so far: wall time since the execution began less the time spent in service
   * code, read at the start of the current call (enter() reads the clock anyway).
   */
  cpuSoFar(): number {
    return this.countCpu ? Math.max(0, this.lastEnter - this.wallStart - this.serviceWall) : 0;
  }
  /** Wall time the runtime itself spent during the execution (its service code), to exclude from CPU. */
  serviceWallMs(): number {
    return this.serviceWall;
  }

  /** Throws Google's error when the execution is over its time limit or today's trigger runtime. */
  checkTime(ex: Execution): void {
    const elapsed = ex.modeledMs + this.cpuSoFar();
    if (elapsed <= this.budget) return;
    const limit = this.limitMs(ex);
    const left = isTriggerRun(ex) ? this.triggerRuntimeLimit - this.triggerRuntimeUsed() : Infinity;
    if (elapsed > limit) throw this.realm().exception("Exceeded maximum execution time");
    if (elapsed > left) throw this.realm().exception("Service using too much computer time for one day.");
  }

  /** Adds modelled time that is not a call (Utilities.sleep) to the execution and the clock. */
  spend(ms: number): void {
    this.clock.advance(ms);
    const ex = this.current;
    if (!ex) return;
    ex.modeledMs += ms;
    this.checkTime(ex);
  }

  /** Marks the start of the runtime's own work inside a call (excluded from the script's CPU time). */
  enter(): number {
    if (this.depth++ !== 0) return -1;
    return (this.lastEnter = cpuClock());
  }
  leave(started: number): void {
    this.depth--;
    if (started >= 0) this.serviceWall += cpuClock() - started;
  }

  /** Records a call; returns the message to throw after the call has taken effect, if any. */
  record(call: CallInfo): string | undefined {
    const ex = this.current;
    if (call.scope) {
      if (!this.grants(call.scope)) {
        throw this.realm().exception(
          `You do not have permission to call ${call.name}. Required permissions: ${call.scope}`,
        );
      }
      this.usedScopes.add(call.scope);
    }
    if (ex && ex.authMode === "LIMITED" && call.needsAuth) {
      throw this.realm().exception(
        `You do not have permission to call ${call.name}. Required permissions: ${call.scope ?? "(authorisation)"}`,
      );
    }
    this.totals.set(call.name, (this.totals.get(call.name) ?? 0) + 1);
    if (!ex) return undefined;
    const index = this.callIndex++;
    if (this.interleave) {
      const run = this.interleave;
      // The interleaved action is not the script's: its own calls (if any) are not counted here.
      this.current = undefined;
      try {
        run(call, index, ex);
      } finally {
        this.current = ex;
      }
    }
    const fault = this.faults?.(call, index);
    if (typeof fault === "string") throw this.realm().exception(fault);
    ex.counts.set(call.name, (ex.counts.get(call.name) ?? 0) + 1);
    if (SHEETS_ROUND_TRIP.has(call.kind) && isSheetsCall(call.name)) {
      // Sheets keeps writes and sends them together when the script next reads (or ends, or flushes):
      // "Spreadsheet operations are sometimes bundled together to improve performance, such as when
      // doing multiple calls to Range.setValue()" (SpreadsheetApp.flush(),
      // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush()).
      // A run of writes is one round trip; each read or metadata call is one, after any pending flush.
      if (call.kind === "write") this.pendingWrites = true;
      else {
        if (this.pendingWrites) ex.sheetsCalls++;
        this.pendingWrites = false;
        if (call.name !== "SpreadsheetApp.flush") ex.sheetsCalls++;
      }
    }
    if (call.kind === "read") ex.cellsRead += call.cells;
    else if (call.kind === "write") ex.cellsWritten += call.cells;
    const cost = LATENCY_MS[call.kind];
    const ms = (cost.perCall + cost.perCell * call.cells) * this.slowdown;
    ex.modeledMs += ms;
    this.clock.advance(Math.round(ms));
    this.checkTime(ex);
    return fault?.message;
  }
}

const SHEETS_ROUND_TRIP = new Set<CallKind>(["read", "write", "meta", "search"]);
const SHEETS_CLASSES = [
  "SpreadsheetApp.",
  "Spreadsheet.",
  "Sheet.",
  "Range.",
  "Protection.",
  "RangeList.",
  "TextFinder.",
  "Ui.",
];
const isSheetsCall = (name: string) => SHEETS_CLASSES.some((c) => name.startsWith(c));

/** A broader scope covers its narrower forms (spreadsheets covers spreadsheets.currentonly). */
function scopeCovers(granted: string, needed: string): boolean {
  return needed.startsWith(granted) && /^[.]/.test(needed.slice(granted.length));
}

/**
 * Wraps a runtime object so every method call the script makes is recorded. Methods whose names start
 * with `_` are the runtime's own and are not exposed: to the script they do not exist, as any method the
 * runtime does not model (calling one fails with "TypeError: x.foo is not a function", as in Apps Script).
 */
export function counted<T extends object>(
  target: T,
  className: string,
  log: CallLog,
  classify: (method: string, args: unknown[]) => Omit<CallInfo, "name">,
): T {
  const state: CountedState = { className, log, classify, wrappers: undefined };
  Object.defineProperty(target, STATE, { value: state, enumerable: false, configurable: true });
  return new Proxy(target, HANDLER as ProxyHandler<T>);
}

interface CountedState {
  className: string;
  log: CallLog;
  classify: (method: string, args: unknown[]) => Omit<CallInfo, "name">;
  /** One wrapper per method, made on first use (a hot object is called thousands of times). */
  wrappers: Record<string, (...args: unknown[]) => unknown> | undefined;
}

const STATE = Symbol("counted");
/** One handler for every API object (the fault suites create millions of them). */
const HANDLER: ProxyHandler<object> = {
  get(t, prop) {
    if (prop === TARGET) return t;
    if (typeof prop !== "string") return Reflect.get(t, prop, t);
    if (prop.startsWith("_")) return undefined;
    const value = Reflect.get(t, prop, t);
    if (typeof value !== "function" || prop === "constructor") return value;
    const state = (t as Record<symbol, CountedState>)[STATE]!;
    const made = state.wrappers?.[prop];
    if (made) return made;
    const name = `${state.className}.${prop}`;
    const { log, classify } = state;
    const wrapper = (...args: unknown[]) => {
      const started = log.enter();
      try {
        const info = classify(prop, args) as CallInfo;
        info.name = name;
        const after = log.record(info);
        const result = (value as (...a: unknown[]) => unknown).apply(t, args);
        if (after !== undefined) throw log.exception(after);
        return result;
      } finally {
        log.leave(started);
      }
    };
    (state.wrappers ??= Object.create(null) as Record<string, (...args: unknown[]) => unknown>)[prop] =
      wrapper;
    return wrapper;
  },
  has(t, prop) {
    return typeof prop === "string" && prop.startsWith("_") ? false : Reflect.has(t, prop);
  },
  ownKeys(t) {
    return Reflect.ownKeys(t).filter((k) => k !== STATE && (typeof k !== "string" || !k.startsWith("_")));
  },
};

/** A key only the runtime holds: through it an API object gives back the runtime object behind it. */
const TARGET = Symbol("runtime object");
/** The runtime object behind an API object the script hands back (a range, a sheet), without a call. */
export function unwrap<T>(api: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  const t = typeof api === "object" && api !== null ? (api as Record<symbol, unknown>)[TARGET] : undefined;
  return t instanceof type ? t : undefined;
}

/** Deterministic ids so two runs of the same scenario produce the same files. */
export class IdSource {
  private n = 0;
  constructor(private readonly prefix: string) {}
  next(kind: string): string {
    this.n++;
    const body = (this.n * 2654435761).toString(36).padStart(8, "0");
    return `${this.prefix}${kind}${body}${this.n.toString(36)}`;
  }
  uuid(): string {
    this.n++;
    const hex = (this.n * 2654435761 + 0x1234567).toString(16).padStart(12, "0").slice(-12);
    return `00000000-0000-4000-8000-${hex}`;
  }
}
