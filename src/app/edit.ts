// Coordinator edits (installable edit trigger). For now every edit to the ledger's own sheets is
// stamped in 操作日志 (who, when, old → new); the rules on which edits are allowed come with the
// rectification lifecycle.
import { LEDGER } from "../domain/ledger";
import { Ledger } from "../gas/ledger";
import { appendLog } from "./log";

const WATCHED = new Set<string>([
  LEDGER.register.name,
  LEDGER.findings.name,
  LEDGER.settings.name,
  LEDGER.roster.name,
  LEDGER.pending.name,
]);

export function handleCoordinatorEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range) return;
  const sheet = e.range.getSheet();
  const name = sheet.getName();
  if (!WATCHED.has(name)) return;
  const user = e.user?.getEmail?.() ?? "";
  const single = e.range.getNumRows() === 1 && e.range.getNumColumns() === 1;
  appendLog(new Ledger(), [
    {
      user,
      action: single ? "编辑" : "粘贴/批量编辑",
      target: `${name}!${e.range.getA1Notation()}`,
      oldValue: single ? String(e.oldValue ?? "") : "",
      newValue: single
        ? String(e.value ?? "")
        : `${e.range.getNumRows()}×${e.range.getNumColumns()} 个单元格`,
    },
  ]);
}
