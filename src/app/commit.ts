// What a commit could not do is never silent: a cell a person changed while the run worked is left as
// the person wrote it, and a row that vanished is not written; both are logged and told to the
// coordinator.
import { columnSpec, LEDGER } from "../domain/ledger";
import type { CommitReport, SheetStep } from "../domain/plan";
import { MSG } from "../text/zh";
import type { Services } from "../gas/ports";
import { digestNote, enqueueDigest } from "./digest-queue";
import { appendLog, scriptAccount, type LogEntry } from "./log";
import { LOG_ACTION, SEP_LIST } from "../text/words";
import { asText } from "../domain/text";

export function reportCommit(svc: Services, report: CommitReport): CommitReport {
  const entries: LogEntry[] = [];
  for (const s of report.skipped) {
    const spec = columnSpec(s.sheet, s.column);
    entries.push({
      user: scriptAccount(svc),
      action: LOG_ACTION.keptPersonEdit,
      target: `${LEDGER[s.sheet].name}!${s.key}`,
      oldValue: asText(s.found),
      newValue: String(s.after),
      note: MSG.editSkipped(LEDGER[s.sheet].name, s.key, spec?.header ?? s.column),
    });
  }
  const missingBySheet = new Map<string, string[]>();
  for (const m of report.missing)
    missingBySheet.set(m.sheet, [...(missingBySheet.get(m.sheet) ?? []), m.key]);
  for (const [sheet, keys] of missingBySheet) {
    const name = LEDGER[sheet as keyof typeof LEDGER].name;
    entries.push({
      user: scriptAccount(svc),
      action: LOG_ACTION.rowMissing,
      target: name,
      note: MSG.rowsMissing(name, keys.slice(0, 20).join(SEP_LIST)),
    });
  }
  if (entries.length) {
    appendLog(svc, entries);
    enqueueDigest(
      svc,
      entries.map((e) => digestNote(e.action, e.note ?? "")),
    );
  }
  return report;
}

/** Commits the steps and reports what the commit could not do (see reportCommit). */
export const commitAndReport = (svc: Services, steps: readonly SheetStep[]): CommitReport =>
  reportCommit(svc, svc.ledger.commit(steps));
