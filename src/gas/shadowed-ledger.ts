// The ledger store every use case receives: the spreadsheet's, with 状态底账 kept in step. Any commit
// that appends findings or changes a state column of 问题台账 also writes the shadow, in the same commit
// and before the ledger (src/domain/shadow.ts says why), so no use case can forget it.
import { shadowById, shadowColumnsTouched, shadowSteps } from "../domain/shadow";
import type { CommitReport, SheetStep } from "../domain/plan";
import type { LedgerStore } from "./ports";
import { LedgerError } from "./sheets";

export function withShadow(inner: LedgerStore): LedgerStore {
  const store: LedgerStore = {
    has: (key) => inner.has(key),
    read: (key) => inner.read(key),
    readHeader: (key) => inner.readHeader(key),
    readTail: (key, count) => inner.readTail(key, count),
    readRows: (key, first, count) => inner.readRows(key, first, count),
    readColumns: (key, columns) => inner.readColumns(key, columns),
    readBackgrounds: (table) => inner.readBackgrounds(table),
    url: () => inner.url(),
    name: () => inner.name(),
    commit(steps: readonly SheetStep[]): CommitReport {
      const columns = shadowColumnsTouched(steps);
      if (!columns || !inner.has("shadow")) return inner.commit(steps);
      let extra: SheetStep[];
      try {
        const table = inner.readColumns("shadow", columns);
        extra = shadowSteps(steps, shadowById(table.rows, table.firstRow));
      } catch (e) {
        // A damaged 状态底账 must not stop the ledger: the daily check reports it, 初始化/更新 repairs it.
        if (e instanceof LedgerError) return inner.commit(steps);
        throw e;
      }
      const report = inner.commit([...extra, ...steps]);
      const appends = extra.filter((s) => s.kind === "append").length;
      return { ...report, appendedAt: report.appendedAt.slice(appends) };
    },
  };
  return store;
}
