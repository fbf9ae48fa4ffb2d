// The ledger store every use case receives: the spreadsheet's, with 状态底账 kept in step. Any commit
// that appends findings or changes a state column of 问题台账 also writes the shadow, in the same commit
// and before the ledger (src/domain/shadow.ts says why), so no use case can forget it.
import { isKept, shadowById, shadowSteps, shadowTouched, withClosedColour } from "../domain/shadow";
import { URGENCY_BACKGROUND } from "../domain/rectification";
import { STATUS_CLOSED } from "../text/zh";
import type { CommitReport, SheetStep } from "../domain/plan";
import type { LedgerStore, Table } from "./ports";
import { FIND_MAX, LedgerError } from "./sheets";

/**
 * How far back an append looks for findings a run that died already put into the shadow: its retry is
 * the next run that writes findings (every run sweeps all responses not yet handled), so they are last.
 */
const RECOVERY_ROWS = 500;

export function withShadow(inner: LedgerStore): LedgerStore {
  /**
   * Only the rows the commit needs: the whole shadow when a state changes, else its last rows, or none
   * when the findings appended are new for certain.
   */
  const readShadow = (steps: readonly SheetStep[]): Table | undefined => {
    const findings = steps.filter((s) => s.sheet === "findings");
    // A few findings (a re-inspection, a sign-off): their rows, where each stands in 问题台账 (both are
    // appended in the same order) or found by 问题编号; many: the whole column.
    const wanted = new Map<string, number | undefined>();
    for (const s of findings)
      if (s.kind === "update") for (const c of s.changes) if (isKept(c.column)) wanted.set(c.key, c.row);
    if (wanted.size) {
      for (const s of findings)
        // Findings certainly new cannot be in the shadow yet: not looked up.
        if (s.kind === "append" && !s.fresh)
          for (const { id } of s.rows) if (!wanted.has(String(id))) wanted.set(String(id), 0);
      return wanted.size > FIND_MAX
        ? inner.readColumns("shadow", ["id", "record"])
        : inner.readRowsByKey(
            "shadow",
            [...wanted].map(([key, hint]) => ({ key, hint })),
          );
    }
    if (findings.every((s) => s.kind !== "append" || s.fresh || !s.rows.length)) return undefined;
    return inner.readTail("shadow", RECOVERY_ROWS);
  };
  const store: LedgerStore = {
    has: (key) => inner.has(key),
    read: (key) => inner.read(key),
    readHeader: (key, reuse) => inner.readHeader(key, reuse),
    readTail: (key, count) => inner.readTail(key, count),
    readRows: (key, first, count) => inner.readRows(key, first, count),
    readRowsByKey: (key, wanted) => inner.readRowsByKey(key, wanted),
    readColumns: (key, columns) => inner.readColumns(key, columns),
    url: () => inner.url(),
    name: () => inner.name(),
    commit(planned: readonly SheetStep[]): CommitReport {
      const steps = withClosedColour(planned, STATUS_CLOSED, URGENCY_BACKGROUND.closed!);
      if (!shadowTouched(steps) || !inner.has("shadow")) return inner.commit(steps);
      let extra: SheetStep[];
      try {
        const table = readShadow(steps);
        extra = shadowSteps(steps, table ? shadowById(table.rows, table.firstRow) : new Map());
      } catch (e) {
        // A damaged 状态底账 must not stop the ledger: the daily check reports it, 初始化/更新 repairs it.
        if (e instanceof LedgerError) return inner.commit(steps);
        throw e;
      }
      return inner.commit([...extra, ...steps]);
    },
  };
  return store;
}
