// The custom menu, built when a person opens the spreadsheet (simple onOpen trigger).
import { MENU } from "../text/zh";
import { SIGNOFF_TEXT } from "../text/identity";

export function buildMenu(): void {
  SpreadsheetApp.getUi()
    .createMenu(MENU.title)
    .addItem(MENU.setup, "setup")
    .addSeparator()
    .addItem(MENU.reprocess, "reprocessPending")
    .addItem(SIGNOFF_TEXT.menu, "confirmSignoffs")
    .addItem(MENU.daily, "runDailyCheck")
    .addItem(MENU.draw, "drawSpotCheck")
    .addItem(MENU.verifyDraw, "verifySpotCheck")
    .addItem(MENU.drawResults, "publishSpotCheckResults")
    .addItem(MENU.summary, "sendSummary")
    .addItem(MENU.verifyLedger, "verifyLedger")
    .addToUi();
}
