// What a menu run needs to know about the person at the keyboard beyond Session: the rows they selected
// and who owns the spreadsheet. Menu runs only (triggers have no selection).
import type { MenuContext } from "../app/signoff";

export function menuContext(): MenuContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let owner = "";
  try {
    owner = ss.getOwner()?.getEmail() ?? "";
  } catch (_e) {
    // A spreadsheet in a shared drive has no owner: only listed coordinators may confirm.
  }
  const range = ss.getActiveRange();
  return {
    owner,
    selection: range
      ? { sheet: range.getSheet().getName(), firstRow: range.getRow(), numRows: range.getNumRows() }
      : undefined,
  };
}
