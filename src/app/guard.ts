// When a run cannot do its work (a sheet deleted or renamed, a column gone, the lock busy), the
// coordinator is told in plain Chinese — a toast for whoever has the sheet open, a line in 操作日志
// and the next digest mail — and the run still fails, so Apps Script's own failure mail goes out too.
// Nothing is lost: the responses stay in the forms and the next run picks them up.
import { LEDGER } from "../domain/ledger";
import { APP_NAME, MSG } from "../text/zh";
import { LedgerError } from "../gas/ledger";
import { textCell } from "../gas/cells";
import { enqueueDigest } from "./digest";

export function tellCoordinator(message: string, action: string): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    ss.toast(message, APP_NAME, 30);
  } catch (_e) {
    // No one has the sheet open.
  }
  try {
    // appendRow is one atomic call: safe without the script lock.
    ss.getSheetByName(LEDGER.log.name)?.appendRow([
      new Date(),
      Session.getEffectiveUser().getEmail(),
      action,
      "",
      "",
      "",
      textCell(message),
    ]);
  } catch (_e) {
    // The log sheet itself may be what is missing; the failure mail still reaches the owner.
  }
  try {
    enqueueDigest([{ id: action, form: "", by: "", reason: message }]);
  } catch (_e) {
    // Properties unavailable: the toast and the failure mail remain.
  }
}

export function guarded<T>(action: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof LedgerError) tellCoordinator(e.message, action);
    else tellCoordinator(MSG.unexpected((e as Error)?.message ?? String(e)), action);
    throw e;
  }
}
