import type { AccountType, CallLog, Clock, Execution, IdSource, Realm } from "./host";

export interface UiEvent {
  at: number;
  kind: "toast" | "alert" | "prompt" | "menu" | "dialog" | "sidebar";
  spreadsheetId?: string;
  title?: string;
  message: string;
  user?: string;
  /** Dialogs and sidebars: the HTML shown and its size. */
  html?: string;
  width?: number;
  height?: number;
  modal?: boolean;
}

/** What every in-memory service shares. */
export interface SimContext {
  /** The realm of the execution under way (each execution has its own global state). */
  readonly realm: Realm;
  log: CallLog;
  clock: Clock;
  ids: IdSource;
  scriptTimeZone: string;
  owner: string;
  account: AccountType;
  ui: UiEvent[];
  execution(): Execution | undefined;
  /** Answers the runtime gives to `Ui.alert`/`Ui.prompt` (a test or scenario queues them). */
  dialogAnswers: Array<{ button: string; text?: string }>;
  /**
   * Whether Google lets a script see this account's address when the account has not authorised the
   * script itself (simple triggers, another person's edit under an installable trigger).
   */
  identityVisible(email: string): boolean;
}

export const SCOPES = {
  spreadsheetsCurrent: "https://www.googleapis.com/auth/spreadsheets.currentonly",
  spreadsheets: "https://www.googleapis.com/auth/spreadsheets",
  forms: "https://www.googleapis.com/auth/forms",
  formsCurrent: "https://www.googleapis.com/auth/forms.currentonly",
  scriptapp: "https://www.googleapis.com/auth/script.scriptapp",
  sendMail: "https://www.googleapis.com/auth/script.send_mail",
  containerUi: "https://www.googleapis.com/auth/script.container.ui",
  drive: "https://www.googleapis.com/auth/drive",
  userinfoEmail: "https://www.googleapis.com/auth/userinfo.email",
} as const;

/** The address a script sees for the person behind the execution under way ("" when Google withholds it). */
export function visibleActiveUser(ctx: SimContext): string {
  const ex = ctx.execution();
  const email = ex ? ex.activeUser : ctx.owner;
  return visibleTo(ctx, email, ex);
}

/**
 * https://developers.google.com/apps-script/reference/base/session#getActiveUser() — the address is not
 * available "in any context that allows a script to run without that user's authorization, like a simple
 * onOpen(e) or onEdit(e) trigger"; the restrictions "generally do not apply if the developer runs the
 * script themselves or belongs to the same Google Workspace domain as the user". Reading it needs the
 * userinfo.email scope.
 */
export function visibleTo(ctx: SimContext, email: string, ex: Execution | undefined): string {
  if (!email || !ctx.log.grants(SCOPES.userinfoEmail)) return "";
  if (email === ctx.owner) return email;
  // The person authorised the script themselves (a menu, the editor, their own installable trigger).
  if (ex && ex.kind !== "simple-trigger" && ex.user === email) return email;
  return ctx.identityVisible(email) ? email : "";
}

/**
 * Type-checks a runtime class against the real Apps Script interface without requiring it to return the
 * real classes: parameters must match exactly, primitive results must match, object results may be ours.
 */
type Primitive = string | number | boolean | void | null | undefined | Date;
type FakeResult<R> = [R] extends [Primitive] ? R : [R] extends [Primitive[]] ? R : unknown;
export type Faked<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => infer R ? (...args: A) => FakeResult<R> : never;
};
