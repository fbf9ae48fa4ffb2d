import type { CallLog, Clock, Execution, IdSource, Realm } from "./host";

export interface UiEvent {
  at: number;
  kind: "toast" | "alert" | "prompt" | "menu";
  spreadsheetId?: string;
  title?: string;
  message: string;
  user?: string;
}

/** What every in-memory service shares. */
export interface SimContext {
  realm: Realm;
  log: CallLog;
  clock: Clock;
  ids: IdSource;
  scriptTimeZone: string;
  owner: string;
  ui: UiEvent[];
  execution(): Execution | undefined;
  /** Answers the runtime gives to `Ui.alert`/`Ui.prompt` (a test or scenario queues them). */
  dialogAnswers: Array<{ button: string; text?: string }>;
}

export const SCOPES = {
  spreadsheetsCurrent: "https://www.googleapis.com/auth/spreadsheets.currentonly",
  spreadsheets: "https://www.googleapis.com/auth/spreadsheets",
  forms: "https://www.googleapis.com/auth/forms",
  scriptapp: "https://www.googleapis.com/auth/script.scriptapp",
  sendMail: "https://www.googleapis.com/auth/script.send_mail",
  containerUi: "https://www.googleapis.com/auth/script.container.ui",
  drive: "https://www.googleapis.com/auth/drive",
} as const;

/**
 * Type-checks a runtime class against the real Apps Script interface without requiring it to return the
 * real classes: parameters must match exactly, primitive results must match, object results may be ours.
 */
type Primitive = string | number | boolean | void | null | undefined | Date;
type FakeResult<R> = [R] extends [Primitive] ? R : [R] extends [Primitive[]] ? R : unknown;
export type Faked<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => infer R ? (...args: A) => FakeResult<R> : never;
};
