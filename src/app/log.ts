// The operations log (操作日志): append-only from the script's side.
import type { Ledger } from "../gas/ledger";

export interface LogEntry {
  user: string;
  action: string;
  target: string;
  oldValue?: string;
  newValue?: string;
  note?: string;
}

export function appendLog(ledger: Ledger, entries: LogEntry[]): void {
  if (!entries.length || !ledger.has("log")) return;
  const table = ledger.readHeader("log");
  const at = new Date();
  ledger.append(
    table,
    entries.map((e) => ({
      at,
      user: e.user,
      action: e.action,
      target: e.target,
      oldValue: e.oldValue ?? "",
      newValue: e.newValue ?? "",
      note: e.note ?? "",
    })),
  );
}
