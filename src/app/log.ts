// The operations log (操作日志): append-only from the script's side, always under the script lock. Every
// row appended extends the hash chain (src/domain/chain.ts) from the row that is last when it is written.
import { chainRows } from "../domain/chain";
import type { Row } from "../domain/ledger";
import { maskPersonal } from "../domain/mask";
import type { Services } from "../gas/ports";
import { asText } from "../domain/text";
import { appendRows } from "../domain/plan";
import { nowText } from "./context";

/** The account the script runs as (the owner, in triggers): the user of what the script itself did. */
export const scriptAccount = (svc: Services): string => svc.identity.effectiveUser();

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

/**
 * The rows to append, each with its chain hash. Call it under the lock and append the rows in the same
 * commit, with no other row appended to 操作日志 in between: the chain continues from the last row now.
 */
export function logRows(svc: Services, entries: readonly LogEntry[]): Row[] {
  const now = nowText(svc);
  // Phone and ID numbers are masked (last four digits kept): the log is personal data's widest audience.
  const rows = entries.map((e) => ({
    at: e.at ? svc.clock.dateTimeText(e.at) : now,
    user: e.user,
    action: e.action,
    target: maskPersonal(e.target),
    oldValue: maskPersonal(e.oldValue ?? ""),
    newValue: maskPersonal(e.newValue ?? ""),
    note: maskPersonal(e.note ?? ""),
  }));
  if (!rows.length) return rows;
  const tail = svc.ledger.readTail("log", 1);
  // A ledger made before the chain: 初始化/更新 adds the column, and the chain begins with the next row.
  if (tail.layout.index.hash === undefined) return rows;
  return chainRows((text) => svc.hash.sha256(text), asText(tail.rows[0]?.hash), rows);
}

export function appendLog(svc: Services, entries: readonly LogEntry[]): void {
  if (!entries.length || !svc.ledger.has("log")) return;
  svc.ledger.commit([appendRows("log", logRows(svc, entries))]);
}
