// Trigger events as plain data for the use cases.
import type { CellEdit } from "../app/edit";

export function cellEditOf(e: GoogleAppsScript.Events.SheetsOnEdit): CellEdit | undefined {
  if (!e || !e.range) return undefined;
  const single = e.range.getNumRows() === 1 && e.range.getNumColumns() === 1;
  return {
    sheet: e.range.getSheet().getName(),
    row: e.range.getRow(),
    column: e.range.getColumn(),
    numRows: e.range.getNumRows(),
    numColumns: e.range.getNumColumns(),
    value: single && e.value !== undefined ? String(e.value) : undefined,
    oldValue: single && e.oldValue !== undefined ? String(e.oldValue) : undefined,
    user: e.user?.getEmail?.() ?? "",
  };
}

export function responseIdOf(e: unknown): string {
  try {
    return (e as { response?: GoogleAppsScript.Forms.FormResponse } | undefined)?.response?.getId() ?? "";
  } catch (_e) {
    return "";
  }
}
