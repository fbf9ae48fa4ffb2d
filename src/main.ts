// Apps Script entry points: the only place where the platform calls in. Each delegates to a use case.
import { buildMenu } from "./app/menu";
import { runSetup } from "./app/setup";
import { processSubmissions, reprocessPendingEntries } from "./app/submit";
import { notify } from "./app/notify";
import { MSG } from "./text/zh";
import { guarded } from "./app/guard";
import { handleCoordinatorEdit } from "./app/edit";
import { dailyCheck } from "./app/daily";
import { drawFromMenu, resultsFromMenu, verifyFromMenu } from "./app/spotcheck";
import { summaryFromMenu, summaryFromTrigger } from "./app/summary";

export function onOpen(): void {
  buildMenu();
}

export function setup(): void {
  runSetup();
}

export function handleFormSubmit(e?: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  guarded("处理表单提交", () => processSubmissions(e));
}

/** Menu: 重新处理待核实. */
export function reprocessPending(): void {
  const report = reprocessPendingEntries();
  notify(MSG.reprocessDone(report.written, report.pending));
}

export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  handleCoordinatorEdit(e);
}

export function runDailyCheck(): void {
  guarded("每日检查", () => dailyCheck());
}

export function drawSpotCheck(): void {
  drawFromMenu();
}

export function verifySpotCheck(): void {
  verifyFromMenu();
}

export function publishSpotCheckResults(): void {
  resultsFromMenu();
}

/** Menu 发送汇总 (no event), or the daily 08:00 trigger (weekly on Mondays, 月通报 on the 1st). */
export function sendSummary(e?: { triggerUid?: string }): void {
  if (e && e.triggerUid) guarded("汇总", () => summaryFromTrigger());
  else summaryFromMenu();
}
