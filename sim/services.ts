// In-memory ScriptApp (installable triggers), MailApp, LockService, PropertiesService, CacheService,
// HtmlService, Utilities, Session and Logger. Limits and error texts follow the quota page and the
// reference pages cited. https://developers.google.com/apps-script/guides/services/quotas
import { createHash } from "node:crypto";
import { counted, DailyQuota, isDate, unwrap, type CallInfo, type CallKind } from "./host";
import { SCOPES, visibleActiveUser, visibleTo, type Faked, type SimContext } from "./context";
import { formatDate } from "./format-date";
import { zonedParts, zonedToEpoch } from "./tz";

const plain =
  (kind: CallKind, scope?: string, needsAuth = false) =>
  (): Omit<CallInfo, "name"> => ({ kind, cells: 0, scope, needsAuth });

// ---------------------------------------------------------------- triggers

type TriggerEvent = "ON_FORM_SUBMIT" | "ON_EDIT" | "ON_OPEN" | "ON_CHANGE" | "CLOCK";
type TriggerSource = "SPREADSHEETS" | "FORMS" | "CLOCK";

export interface ClockSchedule {
  every?: { unit: "minutes" | "hours" | "days" | "weeks"; n: number };
  atHour?: number;
  nearMinute?: number;
  weekDay?: number; // 0 = Sunday
  monthDay?: number;
  at?: number;
  tz: string;
}

export interface SimTrigger {
  uid: string;
  handler: string;
  event: TriggerEvent;
  source: TriggerSource;
  sourceId: string;
  schedule?: ClockSchedule;
  createdAt: number;
  nextAt?: number;
  owner: string;
}

/** https://developers.google.com/apps-script/guides/services/quotas — 20 triggers per user per script. */
const MAX_TRIGGERS = 20;
const WEEKDAYS = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * When a clock trigger next fires after `after`. Google runs a daily trigger at a random minute of the
 * hour asked for; the runtime fires at the `nearMinute` (default 0) so runs are reproducible.
 */
export function nextFire(s: ClockSchedule, after: number, createdAt: number): number | undefined {
  if (s.at !== undefined) return s.at > after ? s.at : undefined;
  const every = s.every;
  if (!every) return undefined;
  if (every.unit === "minutes" || every.unit === "hours") {
    const period = every.n * (every.unit === "minutes" ? 60_000 : HOUR);
    return createdAt + (Math.floor((after - createdAt) / period) + 1) * period;
  }
  const minute = s.nearMinute ?? 0;
  const hour = s.atHour ?? zonedParts(createdAt, s.tz).hour;
  const start = zonedParts(after, s.tz);
  for (let d = 0; d <= 400; d++) {
    const day = zonedParts(
      zonedToEpoch(s.tz, start.year, start.month, start.day) + d * DAY + 12 * HOUR,
      s.tz,
    );
    const at = zonedToEpoch(s.tz, day.year, day.month, day.day, hour, minute);
    if (at <= after) continue;
    if (every.unit === "weeks" && day.weekday !== (s.weekDay ?? zonedParts(createdAt, s.tz).weekday))
      continue;
    if (s.monthDay !== undefined && day.day !== s.monthDay) continue;
    if (every.unit === "days" && s.monthDay === undefined && every.n > 1) {
      const created = zonedParts(createdAt, s.tz);
      const daysSince = Math.round(
        (Date.UTC(day.year, day.month - 1, day.day) -
          Date.UTC(created.year, created.month - 1, created.day)) /
          DAY,
      );
      if (daysSince % every.n !== 0) continue;
    }
    return at;
  }
  return undefined;
}

export class SimScriptApp {
  readonly _triggers: SimTrigger[] = [];
  readonly _api: typeof ScriptApp;
  readonly EventType = {
    ON_FORM_SUBMIT: "ON_FORM_SUBMIT",
    ON_EDIT: "ON_EDIT",
    ON_OPEN: "ON_OPEN",
    ON_CHANGE: "ON_CHANGE",
    CLOCK: "CLOCK",
  };
  readonly TriggerSource = { SPREADSHEETS: "SPREADSHEETS", FORMS: "FORMS", CLOCK: "CLOCK" };
  readonly WeekDay = Object.fromEntries(WEEKDAYS.map((d) => [d, d]));
  readonly AuthMode = { NONE: "NONE", LIMITED: "LIMITED", FULL: "FULL", CUSTOM_FUNCTION: "CUSTOM_FUNCTION" };
  constructor(readonly _ctx: SimContext) {
    this._api = counted(this, "ScriptApp", _ctx.log, (m) =>
      m === "getProjectTriggers" || m === "newTrigger" || m === "deleteTrigger"
        ? {
            kind: m === "newTrigger" ? "local" : "triggers",
            cells: 0,
            scope: SCOPES.scriptapp,
            needsAuth: true,
          }
        : { kind: "local", cells: 0 },
    ) as unknown as typeof ScriptApp;
  }
  /** A trigger builder: choosing the event is local; create() is the request to Google. */
  private builder<T extends object>(b: T, name: string): T {
    return counted(b, name, this._ctx.log, (m) =>
      m === "create"
        ? { kind: "triggers", cells: 0, scope: SCOPES.scriptapp, needsAuth: true }
        : { kind: "local", cells: 0 },
    );
  }
  private wrap(t: SimTrigger) {
    return {
      getUniqueId: () => t.uid,
      getHandlerFunction: () => t.handler,
      getEventType: () => t.event,
      getTriggerSource: () => t.source,
      getTriggerSourceId: () => (t.source === "CLOCK" ? null : t.sourceId),
      _uid: t.uid,
    };
  }
  _install(t: Omit<SimTrigger, "uid" | "createdAt" | "owner">) {
    const mine = this._triggers.filter((x) => x.owner === (this._ctx.execution()?.user ?? this._ctx.owner));
    if (mine.length >= MAX_TRIGGERS) {
      throw this._ctx.realm.exception(
        "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
      );
    }
    const trigger: SimTrigger = {
      ...t,
      uid:
        this._ctx.ids
          .next("trg")
          .replace(/[^0-9]/g, "")
          .slice(-10) || String(Date.now()),
      createdAt: this._ctx.clock.now,
      owner: this._ctx.execution()?.user ?? this._ctx.owner,
    };
    if (trigger.schedule) trigger.nextAt = nextFire(trigger.schedule, this._ctx.clock.now, trigger.createdAt);
    this._triggers.push(trigger);
    return this.wrap(trigger);
  }
  getProjectTriggers() {
    const user = this._ctx.execution()?.user ?? this._ctx.owner;
    return this._ctx.realm.array(this._triggers.filter((t) => t.owner === user).map((t) => this.wrap(t)));
  }
  deleteTrigger(trigger: { getUniqueId(): string }) {
    const i = this._triggers.findIndex((t) => t.uid === trigger.getUniqueId());
    if (i >= 0) this._triggers.splice(i, 1);
  }
  getScriptId() {
    return "sim-script";
  }
  /** https://developers.google.com/apps-script/reference/script/trigger-builder */
  newTrigger(functionName: string) {
    const install = this._install.bind(this);
    const builder = this.builder.bind(this);
    const sourceId = (s: unknown) => {
      if (typeof s === "string") return s;
      const target = unwrap(s, Object) as { _id?: string } | undefined;
      return target?._id ?? (s as { getId(): string }).getId();
    };
    return builder(
      {
        forForm: (form: unknown) =>
          builder(
            {
              onFormSubmit: () =>
                builder(
                  {
                    create: () =>
                      install({
                        handler: functionName,
                        event: "ON_FORM_SUBMIT",
                        source: "FORMS",
                        sourceId: sourceId(form),
                      }),
                  },
                  "FormTriggerBuilder",
                ),
              onOpen: () =>
                builder(
                  {
                    create: () =>
                      install({
                        handler: functionName,
                        event: "ON_OPEN",
                        source: "FORMS",
                        sourceId: sourceId(form),
                      }),
                  },
                  "FormTriggerBuilder",
                ),
            },
            "FormTriggerBuilder",
          ),
        forSpreadsheet: (ss: unknown) => {
          const make = (event: TriggerEvent) =>
            builder(
              {
                create: () =>
                  install({ handler: functionName, event, source: "SPREADSHEETS", sourceId: sourceId(ss) }),
              },
              "SpreadsheetTriggerBuilder",
            );
          return builder(
            {
              onEdit: () => make("ON_EDIT"),
              onOpen: () => make("ON_OPEN"),
              onChange: () => make("ON_CHANGE"),
              onFormSubmit: () => make("ON_FORM_SUBMIT"),
            },
            "SpreadsheetTriggerBuilder",
          );
        },
        timeBased: () => this.clockBuilder(functionName),
      },
      "TriggerBuilder",
    );
  }
  /** https://developers.google.com/apps-script/reference/script/clock-trigger-builder */
  private clockBuilder(functionName: string) {
    const install = this._install.bind(this);
    const ctx = this._ctx;
    const s: ClockSchedule = { tz: ctx.scriptTimeZone };
    // Each step returns the counted builder, so the whole chain is seen as calls.
    let b: object = {};
    const steps = {
      everyMinutes: (n: number) => {
        if (![1, 5, 10, 15, 30].includes(n))
          throw ctx.realm.exception(
            "The value you passed to everyMinutes is not allowed. Use 1, 5, 10, 15 or 30.",
          );
        s.every = { unit: "minutes", n };
        return b;
      },
      everyHours: (n: number) => ((s.every = { unit: "hours", n }), b),
      everyDays: (n: number) => ((s.every = { unit: "days", n }), b),
      everyWeeks: (n: number) => ((s.every = { unit: "weeks", n }), b),
      onWeekDay: (d: string) => ((s.weekDay = WEEKDAYS.indexOf(d)), (s.every ??= { unit: "weeks", n: 1 }), b),
      onMonthDay: (d: number) => ((s.monthDay = d), (s.every = { unit: "days", n: 1 }), b),
      atHour: (h: number) => ((s.atHour = h), b),
      nearMinute: (m: number) => ((s.nearMinute = m), b),
      inTimezone: (tz: string) => ((s.tz = tz), b),
      /** A one-off run at that instant (a spent one stays listed until deleted, see README). */
      at: (d: Date) => ((s.at = d.getTime()), b),
      /** "the minimum duration (in milliseconds) after the current time that the trigger runs" */
      after: (ms: number) => ((s.at = ctx.clock.now + ms), b),
      atDate: (year: number, month: number, day: number) => (
        (s.at = zonedToEpoch(s.tz, year, month, day)),
        b
      ),
      create: () => {
        if (!s.every && s.at === undefined)
          throw ctx.realm.exception(
            "Clock trigger needs a recurrence (everyDays, everyWeeks, onMonthDay...) or a time (at, after).",
          );
        return install({
          handler: functionName,
          event: "CLOCK",
          source: "CLOCK",
          sourceId: "",
          schedule: { ...s },
        });
      },
    };
    b = this.builder(steps, "ClockTriggerBuilder");
    return b as typeof steps;
  }
}

// ---------------------------------------------------------------- mail

export interface SentMail {
  at: number;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  attachments: Array<{ name: string; contentType: string; bytes: number }>;
}

/** https://developers.google.com/apps-script/guides/services/quotas (consumer accounts). */
const MAIL_LIMITS = { recipientsPerDay: 100, recipientsPerMessage: 50, bodyBytes: 200 * 1024 };

export class SimMailApp implements Faked<GoogleAppsScript.Mail.MailApp, "getRemainingDailyQuota"> {
  readonly _sent: SentMail[] = [];
  /** Recipients a day (the quotas page: 100 for consumer accounts, 1,500 for Workspace). */
  _dailyQuota = MAIL_LIMITS.recipientsPerDay;
  /** Per user: "Quotas are per user and reset 24 hours after the first request." */
  private readonly quotas = new Map<string, DailyQuota>();
  readonly _api: typeof MailApp;
  constructor(readonly _ctx: SimContext) {
    this._api = counted(this, "MailApp", _ctx.log, (m) =>
      m === "sendEmail"
        ? { kind: "mail", cells: 0, scope: SCOPES.sendMail, needsAuth: true }
        : { kind: "local", cells: 0 },
    ) as unknown as typeof MailApp;
  }
  private quota(): DailyQuota {
    const user = this._ctx.execution()?.user ?? this._ctx.owner;
    let q = this.quotas.get(user);
    if (!q) this.quotas.set(user, (q = new DailyQuota(this._ctx.clock)));
    return q;
  }
  /** https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota() */
  getRemainingDailyQuota(): number {
    return Math.max(0, this._dailyQuota - this.quota().current());
  }
  /** https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object) */
  sendEmail(...args: unknown[]): void {
    const ex = (m: string) => this._ctx.realm.exception(m);
    type Msg = {
      to?: string;
      cc?: string;
      bcc?: string;
      subject?: string;
      body?: string;
      htmlBody?: string;
      name?: string;
      replyTo?: string;
      attachments?: unknown[];
    };
    let msg: Msg;
    if (args.length === 1 && typeof args[0] === "object" && args[0] !== null) msg = args[0] as Msg;
    else
      msg = {
        ...((args[3] as Msg | undefined) ?? {}),
        to: String(args[0] ?? ""),
        subject: String(args[1] ?? ""),
        body: String(args[2] ?? ""),
      };
    const split = (s?: string) =>
      (s ?? "")
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);
    const to = split(msg.to);
    const cc = split(msg.cc);
    const bcc = split(msg.bcc);
    const all = [...to, ...cc, ...bcc];
    if (all.length === 0) throw ex("Failed to send email: no recipient");
    for (const a of all)
      if (!/^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$/.test(a)) throw ex(`Invalid email: ${a}`);
    if (all.length > MAIL_LIMITS.recipientsPerMessage)
      throw ex("Limit Exceeded: Email Recipients Per Message.");
    const bodyBytes = Buffer.byteLength(msg.htmlBody ?? "") + Buffer.byteLength(msg.body ?? "");
    if (bodyBytes > MAIL_LIMITS.bodyBytes) throw ex("Limit Exceeded: Email Body Size.");
    const quota = this.quota();
    if (quota.current() + all.length > this._dailyQuota)
      throw ex("Service invoked too many times for one day: email.");
    quota.add(all.length);
    const attachments = (msg.attachments ?? []).map((b) => {
      const blob = unwrap(b, SimBlob);
      if (blob)
        return { name: blob.getName(), contentType: blob.getContentType(), bytes: blob._buffer().length };
      const other = b as { getName(): string; getContentType(): string; getBytes(): number[] };
      return { name: other.getName(), contentType: other.getContentType(), bytes: other.getBytes().length };
    });
    this._sent.push({
      at: this._ctx.clock.now,
      from: this._ctx.execution()?.user ?? this._ctx.owner,
      to,
      cc,
      bcc,
      subject: msg.subject ?? "",
      body: msg.body ?? "",
      htmlBody: msg.htmlBody,
      name: msg.name,
      replyTo: msg.replyTo,
      attachments,
    });
  }
}

// ---------------------------------------------------------------- lock

export class SimLockService {
  /** Another execution holds the script lock until this instant (contention, set by a test or scenario). */
  _heldByOtherUntil = 0;
  /** The execution holding the lock (an execution the runtime knows, or none). */
  _holder: object | undefined;
  readonly _api: typeof LockService;
  constructor(readonly _ctx: SimContext) {
    this._api = counted(this, "LockService", _ctx.log, plain("local")) as unknown as typeof LockService;
  }
  private lock() {
    const ctx = this._ctx;
    const me = () => ctx.log.current as object | undefined;
    let mine = false;
    const acquire = (timeoutMs: number): boolean => {
      if (mine) return true;
      // The lock belongs to the execution: a second lock object in the same run gets it too.
      if (this._holder && this._holder === me()) return (mine = true);
      // Held by an execution running at the same time: it cannot let go while this one waits here (the
      // runtime runs the concurrent execution inside it), so the wait times out, as a long hold would.
      const busyElsewhere = this._holder !== undefined;
      const wait = busyElsewhere ? Infinity : Math.max(0, this._heldByOtherUntil - ctx.clock.now);
      if (wait > timeoutMs) {
        ctx.clock.advance(timeoutMs);
        return false;
      }
      ctx.clock.advance(wait);
      mine = true;
      this._holder = me();
      return true;
    };
    return counted(
      {
        /** https://developers.google.com/apps-script/reference/lock/lock#waitLock(Integer) */
        waitLock(timeoutInMillis: number) {
          if (!acquire(timeoutInMillis))
            throw ctx.realm.exception("Lock timeout: another process was holding the lock for too long.");
        },
        tryLock(timeoutInMillis: number) {
          return acquire(timeoutInMillis);
        },
        hasLock() {
          return mine;
        },
        releaseLock: () => {
          if (mine && this._holder === me()) this._holder = undefined;
          mine = false;
        },
      },
      "Lock",
      ctx.log,
      (m) => (m === "hasLock" ? { kind: "local", cells: 0 } : { kind: "lock", cells: 0 }),
    );
  }
  getScriptLock() {
    return this.lock();
  }
  getDocumentLock() {
    return this.lock();
  }
  getUserLock() {
    return this.lock();
  }
  /** The end of an execution releases its lock (Apps Script does so when a script ends). */
  _releaseAll(execution?: object): void {
    if (!execution || this._holder === execution) this._holder = undefined;
  }
}

// ---------------------------------------------------------------- properties

/** https://developers.google.com/apps-script/guides/services/quotas — 9 KB a value, 500 KB a store. */
const PROPERTY_LIMITS = { valueBytes: 9 * 1024, storeBytes: 500 * 1024 };

export class SimPropertiesService {
  readonly _stores = {
    script: new Map<string, string>(),
    document: new Map<string, string>(),
    user: new Map<string, string>(),
  };
  readonly _api: typeof PropertiesService;
  constructor(readonly _ctx: SimContext) {
    this._api = counted(
      this,
      "PropertiesService",
      _ctx.log,
      plain("local"),
    ) as unknown as typeof PropertiesService;
  }
  private store(map: Map<string, string>) {
    const ctx = this._ctx;
    const size = () => [...map].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    const put = (key: string, value: unknown) => {
      const v = String(value);
      if (Buffer.byteLength(v) > PROPERTY_LIMITS.valueBytes)
        throw ctx.realm.exception("Argument too large: value");
      const old = map.get(key);
      map.set(key, v);
      if (size() > PROPERTY_LIMITS.storeBytes) {
        if (old === undefined) map.delete(key);
        else map.set(key, old);
        throw ctx.realm.exception(
          "You have exceeded the property storage quota. Please remove some properties and try again.",
        );
      }
    };
    const api = counted(
      {
        getProperty: (key: string) => map.get(key) ?? null,
        setProperty: (key: string, value: unknown) => (put(key, value), api),
        setProperties: (props: Record<string, unknown>, deleteAllOthers?: boolean) => {
          if (deleteAllOthers) map.clear();
          for (const [k, v] of Object.entries(props)) put(k, v);
          return api;
        },
        getProperties: () => ctx.realm.object(Object.fromEntries(map)),
        getKeys: () => ctx.realm.array([...map.keys()]),
        deleteProperty: (key: string) => (map.delete(key), api),
        deleteAllProperties: () => (map.clear(), api),
      },
      "Properties",
      ctx.log,
      (m) => ({ kind: /^get/.test(m) ? "props" : "props-write", cells: 0 }),
    );
    return api;
  }
  getScriptProperties() {
    return this.store(this._stores.script);
  }
  getDocumentProperties() {
    return this.store(this._stores.document);
  }
  getUserProperties() {
    return this.store(this._stores.user);
  }
}

// ---------------------------------------------------------------- utilities, session, logger

class SimBlob {
  readonly _api: SimBlob;
  constructor(
    readonly _ctx: SimContext,
    private bytes: Buffer,
    private contentType: string,
    private name: string,
  ) {
    // Converting to PDF happens on Google's servers; everything else about a blob is local.
    this._api = counted(this, "Blob", _ctx.log, (m, a) =>
      m === "getAs" && a[0] === "application/pdf"
        ? { kind: "convert", cells: 0 }
        : { kind: "local", cells: 0 },
    );
  }
  getBytes() {
    return [...this.bytes].map((b) => (b > 127 ? b - 256 : b));
  }
  getDataAsString() {
    return this.bytes.toString("utf8");
  }
  getContentType() {
    return this.contentType;
  }
  getName() {
    return this.name;
  }
  setName(name: string) {
    this.name = name;
    return this._api;
  }
  setContentType(type: string) {
    this.contentType = type;
    return this._api;
  }
  getBlob() {
    return this._api;
  }
  /**
   * https://developers.google.com/apps-script/reference/base/blob#getAs(String) — Apps Script renders
   * HTML to PDF on Google's servers. The runtime cannot: it makes a valid one-page PDF that says what it
   * stands for, and keeps the HTML source beside it (the demo writes both).
   */
  getAs(contentType: string) {
    if (contentType !== "application/pdf")
      return new SimBlob(this._ctx, this.bytes, contentType, this.name)._api;
    const pdf = new SimBlob(
      this._ctx,
      placeholderPdf(this.name),
      "application/pdf",
      this.name.replace(/\.html?$/i, "") + ".pdf",
    );
    pdf._source = this.bytes.toString("utf8");
    return pdf._api;
  }
  _source: string | undefined;
  _buffer() {
    return this.bytes;
  }
}

/** A minimal valid PDF (one page, one line of ASCII text). */
function placeholderPdf(title: string): Buffer {
  const text = `Rendered to PDF by Apps Script in production. Local runtime placeholder for: ${title}`
    .replace(/[^\x20-\x7e]/g, "?")
    .replace(/[()\\]/g, "");
  const stream = `BT /F1 10 Tf 40 800 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

function toBuffer(value: unknown, charset?: string): Buffer {
  if (typeof value === "string") return Buffer.from(value, charset === "US_ASCII" ? "ascii" : "utf8");
  if (Array.isArray(value)) return Buffer.from(value.map((b: number) => b & 0xff));
  return Buffer.from(String(value), "utf8");
}

export class SimUtilities implements Faked<
  GoogleAppsScript.Utilities.Utilities,
  "formatDate" | "getUuid" | "sleep" | "base64Decode"
> {
  readonly DigestAlgorithm = {
    MD2: "MD2",
    MD5: "MD5",
    SHA_1: "SHA_1",
    SHA_256: "SHA_256",
    SHA_384: "SHA_384",
    SHA_512: "SHA_512",
  };
  readonly Charset = { US_ASCII: "US_ASCII", UTF_8: "UTF_8" };
  readonly _api: typeof Utilities;
  constructor(readonly _ctx: SimContext) {
    this._api = counted(this, "Utilities", _ctx.log, plain("local")) as unknown as typeof Utilities;
  }
  /** https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String) */
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!isDate(date) || Number.isNaN((date as Date).getTime()))
      throw this._ctx.realm.exception("Invalid argument: date");
    try {
      return formatDate((date as Date).getTime(), timeZone, format);
    } catch (e) {
      throw this._ctx.realm.exception((e as Error).message);
    }
  }
  /**
   * https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String,Charset)
   * Returns Java bytes: signed integers from -128 to 127.
   */
  computeDigest(algorithm: string, value: unknown, charset?: string): number[] {
    const name = { MD5: "md5", SHA_1: "sha1", SHA_256: "sha256", SHA_384: "sha384", SHA_512: "sha512" }[
      algorithm
    ];
    if (!name) throw this._ctx.realm.exception("Invalid argument: algorithm");
    const digest = createHash(name).update(toBuffer(value, charset)).digest();
    return this._ctx.realm.array([...digest].map((b) => (b > 127 ? b - 256 : b)));
  }
  getUuid(): string {
    return this._ctx.ids.uuid();
  }
  /**
   * https://developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer) — at most
   * 300000 ms; the time slept counts toward the execution's time limit.
   */
  sleep(milliseconds: number): void {
    if (milliseconds > 300000) throw this._ctx.realm.exception("Invalid argument: milliseconds");
    this._ctx.log.spend(milliseconds);
  }
  base64Encode(data: unknown, charset?: string): string {
    return toBuffer(data, charset).toString("base64");
  }
  base64Decode(encoded: string): number[] {
    return this._ctx.realm.array([...Buffer.from(encoded, "base64")].map((b) => (b > 127 ? b - 256 : b)));
  }
  newBlob(data: unknown, contentType?: string, name?: string) {
    return new SimBlob(this._ctx, toBuffer(data), contentType ?? "application/octet-stream", name ?? "")._api;
  }
}

export interface LogLine {
  at: number;
  level: "log" | "info" | "warn" | "error";
  message: string;
  functionName?: string;
}

export function makeLogging(ctx: SimContext, lines: LogLine[]) {
  const write =
    (level: LogLine["level"]) =>
    (...args: unknown[]) => {
      const message = args
        .map((a) =>
          typeof a === "string"
            ? a
            : a instanceof Object && "message" in (a as object)
              ? String((a as Error).message)
              : JSON.stringify(a),
        )
        .join(" ");
      lines.push({ at: ctx.clock.now, level, message, functionName: ctx.execution()?.functionName });
    };
  const logger = {
    log: (format: unknown, ...values: unknown[]) => {
      let i = 0;
      const msg =
        typeof format === "string" && values.length
          ? format.replace(/%s/g, () => String(values[i++]))
          : typeof format === "string"
            ? format
            : JSON.stringify(format);
      write("log")(msg);
      return logger;
    },
    clear: () => undefined,
    getLog: () => lines.map((l) => l.message).join("\n"),
  };
  const console = { log: write("log"), info: write("info"), warn: write("warn"), error: write("error") };
  return { logger, console };
}

export function makeSession(ctx: SimContext) {
  const user = (email: string) => ({ getEmail: () => email, toString: () => email });
  const readsAddresses = () => {
    if (ctx.log.grants(SCOPES.userinfoEmail)) ctx.log.usedScopes.add(SCOPES.userinfoEmail);
  };
  return counted(
    {
      /**
       * https://developers.google.com/apps-script/reference/base/session#getActiveUser() — blank when
       * "security policies do not allow access to the user's identity" (sim/context.ts, visibleTo).
       */
      getActiveUser: () => {
        readsAddresses();
        return user(visibleActiveUser(ctx));
      },
      /**
       * https://developers.google.com/apps-script/reference/base/session#getEffectiveUser() — "If the
       * script is running under an installable trigger, this returns the account of the user who created
       * the trigger. In most other scenarios, this returns the same account as getActiveUser()."
       */
      getEffectiveUser: () => {
        readsAddresses();
        const ex = ctx.execution();
        if (!ex) return user(visibleTo(ctx, ctx.owner, ex));
        if (ex.kind === "simple-trigger") return user(visibleActiveUser(ctx));
        return user(ctx.log.grants(SCOPES.userinfoEmail) ? ex.user : "");
      },
      getScriptTimeZone: () => ctx.scriptTimeZone,
      getTemporaryActiveUserKey: () =>
        createHash("sha256")
          .update(ctx.execution()?.user ?? "")
          .digest("hex")
          .slice(0, 24),
    },
    "Session",
    ctx.log,
    plain("local"),
  );
}

// ---------------------------------------------------------------- drive

export interface SimFile {
  id: string;
  name: string;
  folderId: string;
  blob: SimBlob;
}

/** The little of DriveApp the product uses: folders and files created from blobs. */
export class SimDriveApp {
  readonly _files: SimFile[] = [];
  readonly _folders = new Map<string, { id: string; name: string; trashed: boolean }>();
  readonly _api: typeof DriveApp;
  constructor(readonly _ctx: SimContext) {
    this._api = counted(this, "DriveApp", _ctx.log, () => ({
      kind: "drive",
      cells: 0,
      scope: SCOPES.drive,
      needsAuth: true,
    })) as unknown as typeof DriveApp;
  }
  private file(f: SimFile) {
    return {
      getId: () => f.id,
      getName: () => f.name,
      getUrl: () => `https://drive.google.com/file/d/${f.id}/view`,
      getBlob: () => f.blob._api,
    };
  }
  private folder(id: string) {
    const ctx = this._ctx;
    const folder = this._folders.get(id)!;
    return counted(
      {
        getId: () => folder.id,
        getName: () => folder.name,
        createFile: (b: unknown) => {
          const blob = unwrap(b, SimBlob);
          if (!blob) throw ctx.realm.exception("Invalid argument: blob");
          const f: SimFile = { id: ctx.ids.next("file"), name: blob.getName(), folderId: id, blob };
          this._files.push(f);
          return this.file(f);
        },
        /** https://developers.google.com/apps-script/reference/drive/folder#getFilesByName(String) */
        getFilesByName: (name: string) => {
          const found = this._files
            .filter((f) => f.folderId === id && f.name === name)
            .map((f) => this.file(f));
          let i = 0;
          return { hasNext: () => i < found.length, next: () => found[i++]! };
        },
      },
      "Folder",
      ctx.log,
      () => ({ kind: "drive", cells: 0, scope: SCOPES.drive, needsAuth: true }),
    );
  }
  createFolder(name: string) {
    const id = this._ctx.ids.next("folder");
    this._folders.set(id, { id, name, trashed: false });
    return this.folder(id);
  }
  /** https://developers.google.com/apps-script/reference/drive/drive-app#getFoldersByName(String) */
  getFoldersByName(name: string) {
    const found = [...this._folders.values()]
      .filter((f) => f.name === name && !f.trashed)
      .map((f) => this.folder(f.id));
    let i = 0;
    return { hasNext: () => i < found.length, next: () => found[i++]! };
  }
  getFolderById(id: string) {
    const f = this._folders.get(id);
    if (!f || f.trashed)
      throw this._ctx.realm.exception(
        "No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.",
      );
    return this.folder(id);
  }
  createFile(b: unknown) {
    const blob = unwrap(b, SimBlob);
    if (!blob) throw this._ctx.realm.exception("Invalid argument: blob");
    const f: SimFile = { id: this._ctx.ids.next("file"), name: blob.getName(), folderId: "root", blob };
    this._files.push(f);
    return this.file(f);
  }
}

// ---------------------------------------------------------------- cache

/**
 * https://developers.google.com/apps-script/reference/cache/cache — "The maximum length of a key is 250
 * characters. The maximum amount of data that can be stored per key is 100KB." Expiration: default 600 s,
 * "the minimum is 1 second and the maximum is 21600 seconds (6 hours)". "The cap for cached items is
 * 1,000. If more than 1,000 items are written, the cache stores the 900 items farthest from expiration."
 */
const CACHE_LIMITS = {
  keyChars: 250,
  valueBytes: 100 * 1024,
  defaultSeconds: 600,
  maxSeconds: 21600,
  items: 1000,
  keptOnOverflow: 900,
};

interface CacheEntry {
  value: string;
  expires: number;
}

export class SimCacheService {
  readonly _caches = { script: new Map<string, CacheEntry>(), document: new Map<string, CacheEntry>() };
  readonly _userCaches = new Map<string, Map<string, CacheEntry>>();
  readonly _api: typeof CacheService;
  constructor(readonly _ctx: SimContext) {
    this._api = counted(this, "CacheService", _ctx.log, plain("local")) as unknown as typeof CacheService;
  }
  getScriptCache() {
    return this.cache(this._caches.script);
  }
  getDocumentCache() {
    return this.cache(this._caches.document);
  }
  getUserCache() {
    const user = this._ctx.execution()?.user ?? this._ctx.owner;
    let c = this._userCaches.get(user);
    if (!c) this._userCaches.set(user, (c = new Map()));
    return this.cache(c);
  }
  private cache(map: Map<string, CacheEntry>) {
    const ctx = this._ctx;
    const ex = (m: string) => ctx.realm.exception(m);
    const live = (key: string): CacheEntry | undefined => {
      const e = map.get(key);
      if (e && e.expires <= ctx.clock.now) map.delete(key);
      return map.get(key);
    };
    const check = (key: unknown, value: unknown): [string, string] => {
      const k = String(key);
      if (k.length > CACHE_LIMITS.keyChars) throw ex("Argument too large: key");
      const v = String(value);
      if (Buffer.byteLength(v) > CACHE_LIMITS.valueBytes) throw ex("Argument too large: value");
      return [k, v];
    };
    const seconds = (s: unknown) => {
      if (s === undefined) return CACHE_LIMITS.defaultSeconds;
      const n = Number(s);
      if (!Number.isFinite(n) || n < 1) throw ex("Invalid argument: expirationInSeconds");
      return Math.min(n, CACHE_LIMITS.maxSeconds);
    };
    const store = (entries: Array<[string, string]>, secs: number) => {
      for (const [k, v] of entries) map.set(k, { value: v, expires: ctx.clock.now + secs * 1000 });
      for (const k of [...map.keys()]) live(k);
      if (map.size > CACHE_LIMITS.items) {
        const keep = [...map]
          .sort((a, b) => b[1].expires - a[1].expires)
          .slice(0, CACHE_LIMITS.keptOnOverflow);
        map.clear();
        for (const [k, e] of keep) map.set(k, e);
      }
    };
    return counted(
      {
        get: (key: string) => live(String(key))?.value ?? null,
        getAll: (keys: string[]) =>
          ctx.realm.object(
            Object.fromEntries(
              [...keys].flatMap((k) => {
                const e = live(String(k));
                return e ? [[String(k), e.value]] : [];
              }),
            ),
          ),
        put: (key: string, value: string, expirationInSeconds?: number) =>
          store([check(key, value)], seconds(expirationInSeconds)),
        putAll: (values: Record<string, string>, expirationInSeconds?: number) =>
          store(
            Object.entries(values).map(([k, v]) => check(k, v)),
            seconds(expirationInSeconds),
          ),
        remove: (key: string) => void map.delete(String(key)),
        removeAll: (keys: string[]) => [...keys].forEach((k) => map.delete(String(k))),
      },
      "Cache",
      ctx.log,
      (m) => ({ kind: /^get/.test(m) ? "cache" : "cache-write", cells: 0 }),
    );
  }
}

// ---------------------------------------------------------------- html

/**
 * https://developers.google.com/apps-script/reference/html/html-output — the HTML a dialog or sidebar
 * shows (Ui.showModalDialog, showSidebar). Templates and project HTML files are not modelled.
 */
class SimHtmlOutput {
  _html: string;
  _title = "";
  _width: number | undefined;
  _height: number | undefined;
  readonly _api: SimHtmlOutput;
  constructor(
    readonly _ctx: SimContext,
    html: string,
  ) {
    this._html = html;
    this._api = counted(this, "HtmlOutput", _ctx.log, (m, a) =>
      m === "getAs" && a[0] === "application/pdf"
        ? { kind: "convert", cells: 0 }
        : { kind: "local", cells: 0 },
    );
  }
  append(content: string) {
    this._html += String(content);
    return this._api;
  }
  appendUntrusted(content: string) {
    this._html += String(content).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return this._api;
  }
  clear() {
    this._html = "";
    return this._api;
  }
  getContent() {
    return this._html;
  }
  setContent(content: string) {
    this._html = String(content);
    return this._api;
  }
  getTitle() {
    return this._title;
  }
  setTitle(title: string) {
    this._title = String(title);
    return this._api;
  }
  getWidth() {
    return this._width ?? 600;
  }
  setWidth(width: number) {
    this._width = Number(width);
    return this._api;
  }
  getHeight() {
    return this._height ?? 400;
  }
  setHeight(height: number) {
    this._height = Number(height);
    return this._api;
  }
  setSandboxMode(_mode: string) {
    return this._api;
  }
  setXFrameOptionsMode(_mode: string) {
    return this._api;
  }
  getBlob() {
    return new SimBlob(
      this._ctx,
      Buffer.from(this._html, "utf8"),
      "text/html",
      `${this._title || "output"}.html`,
    )._api;
  }
  getAs(contentType: string) {
    return new SimBlob(
      this._ctx,
      Buffer.from(this._html, "utf8"),
      "text/html",
      `${this._title || "output"}.html`,
    ).getAs(contentType);
  }
}

export class SimHtmlService {
  readonly SandboxMode = { EMULATED: "EMULATED", IFRAME: "IFRAME", NATIVE: "NATIVE" };
  readonly XFrameOptionsMode = { ALLOWALL: "ALLOWALL", DEFAULT: "DEFAULT" };
  readonly _api: typeof HtmlService;
  constructor(readonly _ctx: SimContext) {
    this._api = counted(this, "HtmlService", _ctx.log, plain("local")) as unknown as typeof HtmlService;
  }
  /** https://developers.google.com/apps-script/reference/html/html-service#createHtmlOutput(String) */
  createHtmlOutput(html?: unknown) {
    const blob = unwrap(html, SimBlob);
    return new SimHtmlOutput(
      this._ctx,
      blob ? blob.getDataAsString() : html === undefined ? "" : String(html),
    )._api;
  }
}
