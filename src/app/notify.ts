// Telling the person at the sheet: an alert when someone is looking, otherwise a toast and the log.
import { APP_NAME } from "../text/zh";

export function notify(message: string): void {
  try {
    SpreadsheetApp.getUi().alert(APP_NAME, message, SpreadsheetApp.getUi().ButtonSet.OK);
  } catch (_e) {
    // No UI in a time-driven or form-submit run: a toast reaches whoever has the sheet open.
    SpreadsheetApp.getActiveSpreadsheet().toast(message, APP_NAME, 10);
    console.log(message);
  }
}

export function toast(message: string): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, APP_NAME, 10);
}
