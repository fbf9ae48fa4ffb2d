// The operations log (操作日志): append-only from the script's side, always under the script lock.
import { maskPhones } from "../domain/mask";
import type { Services } from "../gas/ports";

export interface LogEntry {
  user: string;
  action: string;
  target: string;
  oldValue?: string;
  newValue?: string;
  note?: string;
  /** When it happened, if not now (a message left by a run that could not take the lock). */
  at?: Date;
}

export function logRows(svc: Services, entries: readonly LogEntry[]): Array<Record<string, unknown>> {
  const now = svc.clock.dateTimeText(svc.clock.now());
  // Phone numbers are masked (last four digits kept): the log is personal data's widest audience.
  return entries.map((e) => ({
    at: e.at ? svc.clock.dateTimeText(e.at) : now,
    user: e.user,
    action: e.action,
    target: maskPhones(e.target),
    oldValue: maskPhones(e.oldValue ?? ""),
    newValue: maskPhones(e.newValue ?? ""),
    note: maskPhones(e.note ?? ""),
  }));
}

export function appendLog(svc: Services, entries: readonly LogEntry[]): void {
  if (!entries.length || !svc.ledger.has("log")) return;
  svc.ledger.commit([{ kind: "append", sheet: "log", rows: logRows(svc, entries) }]);
}
