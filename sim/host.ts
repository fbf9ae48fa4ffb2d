// The runtime's shared plumbing: the vm realm, the clock, call counting with a latency model,
// the current execution (who runs what, with which authorisation) and fault injection.
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

/** What kind of round trip a call is, for the latency model. */
export type CallKind =
  | "read"
  | "write"
  | "meta"
  | "local"
  | "forms"
  | "forms-create"
  | "mail"
  | "props"
  | "lock"
  | "triggers"
  | "drive";

/**
 * Latency model (modelled Apps Script time per call, in milliseconds). These are modelling assumptions,
 * not measurements of Google's servers. They follow the shape Google documents in "Best practices"
 * (https://developers.google.com/apps-script/guides/support/best-practices): each service call is a
 * round trip of tens of milliseconds, so 10,000 single-cell calls take about a minute while one batched
 * call over the same cells takes about a second. Per-cell costs model payload size.
 */
export const LATENCY_MS: Record<CallKind, { perCall: number; perCell: number }> = {
  read: { perCall: 40, perCell: 0.005 },
  write: { perCall: 60, perCell: 0.01 },
  meta: { perCall: 15, perCell: 0 },
  local: { perCall: 0, perCell: 0 },
  forms: { perCall: 120, perCell: 0 },
  "forms-create": { perCall: 1500, perCell: 0 },
  mail: { perCall: 400, perCell: 0 },
  props: { perCall: 20, perCell: 0 },
  lock: { perCall: 10, perCell: 0 },
  triggers: { perCall: 250, perCell: 0 },
  drive: { perCall: 500, perCell: 0 },
};

/** Apps Script's maximum execution time for one run (consumer accounts). */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

export type ExecutionKind = "editor" | "menu" | "simple-trigger" | "installable-trigger" | "time-trigger";

export interface Execution {
  functionName: string;
  kind: ExecutionKind;
  /** LIMITED for simple triggers: services that need authorisation refuse. */
  authMode: "FULL" | "LIMITED";
  /** Whether a person's browser is attached (menus, alerts); false in form-submit and time-driven runs. */
  hasUi: boolean;
  user: string;
  triggerUid?: string;
  startedAt: number;
  modeledMs: number;
  counts: Map<string, number>;
  sheetsCalls: number;
  error?: string;
}

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

export class CallLog {
  readonly totals = new Map<string, number>();
  readonly usedScopes = new Set<string>();
  current: Execution | undefined;
  /** Return a message to make the call throw (fault injection); the index counts calls in this execution. */
  faults: FaultPlan | undefined;
  /** Runs just before the script's call, outside the script (tests use it to interleave a person's edit). */
  interleave: Interleave | undefined;
  private callIndex = 0;
  /** Sheets writes not yet sent (they go with the next read, a flush, or the end of the execution). */
  private pendingWrites = false;
  constructor(
    private readonly realm: () => Realm,
    private readonly clock: Clock,
    private readonly grantedScopes: () => readonly string[],
  ) {}

  begin(execution: Omit<Execution, "modeledMs" | "counts" | "sheetsCalls" | "startedAt">): Execution {
    this.current = {
      ...execution,
      startedAt: this.clock.now,
      modeledMs: 0,
      counts: new Map(),
      sheetsCalls: 0,
    };
    this.callIndex = 0;
    this.pendingWrites = false;
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
    return done;
  }

  /** Records a call; returns the message to throw after the call has taken effect, if any. */
  record(call: CallInfo): string | undefined {
    const realm = this.realm();
    const ex = this.current;
    if (call.scope) {
      const granted = this.grantedScopes();
      const needed = call.scope;
      const ok = granted.some((g) => g === needed || scopeCovers(g, needed));
      if (!ok) {
        throw realm.exception(
          `You do not have permission to call ${call.name}. Required permissions: ${call.scope}`,
        );
      }
      this.usedScopes.add(call.scope);
    }
    if (ex && ex.authMode === "LIMITED" && call.needsAuth) {
      throw realm.exception(
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
    if (typeof fault === "string") throw realm.exception(fault);
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
    const cost = LATENCY_MS[call.kind];
    const ms = cost.perCall + cost.perCell * call.cells;
    ex.modeledMs += ms;
    this.clock.advance(Math.round(ms));
    if (ex.modeledMs > EXECUTION_LIMIT_MS) throw realm.exception("Exceeded maximum execution time");
    return fault?.message;
  }
}

const SHEETS_ROUND_TRIP = new Set<CallKind>(["read", "write", "meta"]);
const SHEETS_CLASSES = ["SpreadsheetApp.", "Spreadsheet.", "Sheet.", "Range.", "Protection.", "RangeList."];
export const isSheetsCall = (name: string) => SHEETS_CLASSES.some((c) => name.startsWith(c));

/** A broader scope covers its narrower forms (spreadsheets covers spreadsheets.currentonly). */
function scopeCovers(granted: string, needed: string): boolean {
  return needed.startsWith(granted) && /^[.]/.test(needed.slice(granted.length));
}

/**
 * Wraps a runtime object so every method call the script makes is recorded. Methods whose names start
 * with `_` are the runtime's own and are not exposed as calls.
 */
export function counted<T extends object>(
  target: T,
  className: string,
  log: CallLog,
  classify: (method: string, args: unknown[]) => Omit<CallInfo, "name">,
): T {
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t);
      if (
        typeof value !== "function" ||
        typeof prop !== "string" ||
        prop.startsWith("_") ||
        prop === "constructor"
      )
        return value;
      return (...args: unknown[]) => {
        const after = log.record({ name: `${className}.${prop}`, ...classify(prop, args) });
        const result = (value as (...a: unknown[]) => unknown).apply(t, args);
        if (after !== undefined) throw log.exception(after);
        return result;
      };
    },
  });
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
