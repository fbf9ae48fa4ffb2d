// The daily check (time-driven, 07:00): picks up any response a busy lock left behind, then marks
// overdue findings. Reminders, colours and institution states come with the rectification lifecycle.
import { FINDING_STATUS } from "../text/zh";
import { Ledger } from "../gas/ledger";
import { cellToLocalDate, today } from "../gas/env";
import { processSubmissions } from "./submit";
import type { Row } from "../domain/ledger";

export function dailyCheck(): { overdue: number } {
  processSubmissions();
  const ledger = new Ledger();
  const findings = ledger.read("findings");
  const now = today();
  const changes = new Map<number, Row>();
  let overdue = 0;
  ledger.rows(findings).forEach((f, i) => {
    const deadline = cellToLocalDate(f.deadline);
    const isOverdue = f.status !== FINDING_STATUS.closed && deadline !== "" && deadline < now;
    if (isOverdue) overdue++;
    const mark = isOverdue ? "逾期" : "";
    if (String(f.overdue ?? "") !== mark) changes.set(i + 1, { overdue: mark });
  });
  ledger.update(findings, changes);
  return { overdue };
}
