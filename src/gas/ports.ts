// The services a use case receives. src/app/ reaches Apps Script only through these interfaces, so a use
// case can be tested with small fakes, and another adapter set (an offline ledger file, another form tool)
// could implement them. The Apps Script implementation is src/gas/services.ts.
import type { Layout, Row, SheetKey } from "../domain/ledger";
import type { CommitReport, SheetStep } from "../domain/plan";
import type { LocalDate } from "../domain/types";
import type { FormsPort } from "./forms";
import type { Mail } from "./mail";

/** Rows of one sheet as read: logical values (text, numbers, dates as "YYYY-MM-DD"). */
export interface Table {
  key: SheetKey;
  layout: Layout;
  rows: Row[];
  /** The sheet row of rows[0]. */
  firstRow: number;
  /** The sheet's last row with content when it was read. */
  lastRow: number;
  /** Whether `rows` holds every data row of the sheet. */
  full: boolean;
}

export interface LedgerStore {
  has(key: SheetKey): boolean;
  /** Every row, in one read. Fails with a plain message (LedgerError) when a needed column is gone. */
  read(key: SheetKey): Table;
  /** Only the header (rows empty); with `reuse`, as this run already read it, if it has. */
  readHeader(key: SheetKey, reuse?: boolean): Table;
  /** The last `count` data rows (for sheets that only grow at the end). */
  readTail(key: SheetKey, count: number): Table;
  /** `count` rows from sheet row `first` (the rows a person just edited). */
  readRows(key: SheetKey, first: number, count: number): Table;
  /** The rows of the keys wanted, read where the hints say when they are there (see SheetLedger). */
  readRowsByKey(key: SheetKey, wanted: ReadonlyArray<{ key: string; hint?: number }>): Table;
  /** The listed columns of every row (one read per contiguous group of columns). */
  readColumns(key: SheetKey, columns: string[]): Table;
  /** Applies a plan's sheet steps, in order. */
  commit(steps: readonly SheetStep[]): CommitReport;
  url(): string;
  name(): string;
}

export interface PropertyStore {
  get(key: string): string | null;
  /** Every property whose key starts with `prefix` (one read of the store). */
  all(prefix?: string): Record<string, string>;
  set(values: Record<string, string>): void;
  remove(keys: string[]): void;
}

export interface Lock {
  /** Waits up to `ms` for the script lock. */
  tryLock(ms: number): boolean;
  release(): void;
}

export interface Clock {
  now(): Date;
  today(): LocalDate;
  timeZone(): string;
  /** "yyyy-MM-dd HH:mm:ss" in the script's time zone. */
  dateTimeText(d: Date): string;
}

export type SendOutcome = { sent: true } | { sent: false; reason: string; certain: boolean };

export interface Mailer {
  remainingQuota(): number;
  /**
   * Sends one mail. `certain` tells whether a failure certainly means nothing was sent (quota, a bad
   * address, no recipient) or the mail may have gone out before the error (any other service error).
   */
  send(mail: Mail): SendOutcome;
}

export interface Ui {
  /** Whether a person is looking (a menu run); triggers have no UI. */
  available(): boolean;
  alert(message: string): void;
  /** A yes/no question; false when no one is there to answer. */
  confirm(message: string): boolean;
  /** A text answer; null when cancelled or no one is there. */
  prompt(message: string): string | null;
  toast(message: string): void;
}

export interface Identity {
  /** The person at the keyboard, when Google reveals it ("" otherwise). */
  activeUser(): string;
  /** The account the script runs as (the owner, in triggers). */
  effectiveUser(): string;
}

export interface Hasher {
  sha256(text: string): number[];
}

export type TriggerSpec =
  | { handler: string; kind: "formSubmit"; formId: string }
  | { handler: string; kind: "edit"; spreadsheetId: string }
  | { handler: string; kind: "change"; spreadsheetId: string }
  | { handler: string; kind: "daily"; hour: number };

export interface Triggers {
  /**
   * Makes the project's triggers for the handlers in `wanted` exactly `wanted`; with `addOnly`, only
   * creates the missing ones (when `wanted` is not yet the whole list).
   */
  ensure(wanted: TriggerSpec[], addOnly?: boolean): number;
  /** A one-off run of `handler` (a retry entry point of its own) in `ms`, unless one is scheduled. */
  retryLater(handler: string, ms: number): void;
  /** Deletes a trigger (a one-off retry, once it has run). */
  forget(triggerUid: string): void;
}

/** Where rectification notices (PDF) are kept. */
export interface NoticeStore {
  /**
   * Saves the notice as a PDF named `name`, or finds the one a previous run saved under that name, and
   * returns its link and the PDF (to attach to a mail).
   */
  save(name: string, html: string): { url: string; pdf: GoogleAppsScript.Base.BlobSource };
}

export interface ReportChart {
  title: string;
  /** The block (header row first) the chart draws: its first sheet row, rows and columns. */
  firstRow: number;
  rows: number;
  columns: number;
  /** Where the chart sits (a column to the right of the tables). */
  atColumn: number;
}

/** A report cell: text, a number, or a rate (a fraction, shown as a percentage: 0.583 → 58.3%). */
export type ReportCell = string | number | { rate: number };

/** Report sheets the script regenerates from the ledger (not ledger data: no one edits them). */
export interface ReportSheets {
  write(
    name: string,
    block: ReadonlyArray<ReadonlyArray<ReportCell>>,
    boldRows: readonly number[],
    chart?: ReportChart,
  ): void;
}

export interface Services {
  ledger: LedgerStore;
  forms: FormsPort;
  mail: Mailer;
  notices: NoticeStore;
  props: PropertyStore;
  lock: Lock;
  clock: Clock;
  ui: Ui;
  identity: Identity;
  hash: Hasher;
  triggers: Triggers;
  reports: ReportSheets;
  /** The workbook's structure (初始化/更新 only). */
  workbook: import("./workbook").Workbook;
}
