// Apps Script entry points: the only place where the platform calls in. Each builds the services and
// hands them to one use case in src/app/.
import { dailyCheck, integrityCheck } from "./app/daily";
import { handleCoordinatorEdit } from "./app/edit";
import { runSetup } from "./app/setup";
import { drawFromMenu, resultsFromMenu, verifyFromMenu } from "./app/spotcheck";
import { processSubmissions, reprocessPendingEntries } from "./app/submit";
import { summaryFromMenu, summaryFromTrigger } from "./app/summary";
import { verifyLedgerFromMenu } from "./app/verify";
import { handleStructureChange } from "./app/change";
import { cellEditOf, responseIdOf } from "./gas/events";
import { buildMenu } from "./gas/menu";
import { appsScriptServices, oneOffServices } from "./gas/services";
import { menuContext } from "./gas/selection";
import { confirmSignoffsFromMenu } from "./app/signoff";
import { MSG } from "./text/zh";
import { asText } from "./domain/text";

export function onOpen(): void {
  buildMenu();
}

export function setup(): void {
  runSetup(appsScriptServices());
}

/** The one-off continuation of an 初始化/更新 that stopped before the time limit. */
export function continueSetup(e?: { triggerUid?: string }): void {
  runSetup(oneOffServices(e), true);
}

export function handleFormSubmit(e?: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  processSubmissions(appsScriptServices(), responseIdOf(e));
}

/** Menu: 重新处理待核实. */
export function reprocessPending(): void {
  const svc = appsScriptServices();
  const report = reprocessPendingEntries(svc);
  if (report) svc.ui.alert(MSG.reprocessDone(report.written, report.pending));
}

export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const edit = cellEditOf(e);
  if (edit) handleCoordinatorEdit(appsScriptServices(), edit);
}

export function runDailyCheck(): void {
  dailyCheck(appsScriptServices());
}

/** The nightly check of 操作日志's chain and of 问题台账 against 状态底账 (06:00). */
export function runIntegrityCheck(): void {
  integrityCheck(appsScriptServices());
}

/** A one-off retry of the daily check after its lock was busy. */
export function retryDailyCheck(e?: { triggerUid?: string }): void {
  dailyCheck(oneOffServices(e));
}

export function drawSpotCheck(): void {
  drawFromMenu(appsScriptServices());
}

export function verifySpotCheck(): void {
  verifyFromMenu(appsScriptServices());
}

export function publishSpotCheckResults(): void {
  resultsFromMenu(appsScriptServices());
}

/** Menu 发送汇总 (no event), or the daily 08:00 trigger (weekly on Mondays, 月通报 on the 1st). */
export function sendSummary(e?: { triggerUid?: string }): void {
  if (e && e.triggerUid) summaryFromTrigger(appsScriptServices());
  else summaryFromMenu(appsScriptServices());
}

/** A one-off retry of the summary after its lock was busy. */
export function retrySummary(e?: { triggerUid?: string }): void {
  summaryFromTrigger(oneOffServices(e));
}

/** Menu 确认销号…: a coordinator confirms findings whose re-inspection passed (销号需协调员确认). */
export function confirmSignoffs(): void {
  confirmSignoffsFromMenu(appsScriptServices(), menuContext());
}

/** Menu 核验台账: checks the 操作日志 hash chain now and shows the result. */
export function verifyLedger(): void {
  verifyLedgerFromMenu(appsScriptServices());
}

/** Installable change trigger: rows or columns deleted or inserted by a person. */
export function handleChange(e?: GoogleAppsScript.Events.SheetsOnChange): void {
  handleStructureChange(appsScriptServices(), asText(e?.changeType));
}
