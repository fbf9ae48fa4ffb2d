// The daily comparison of 问题台账 with 状态底账 (the script's own record) and with 检查记录's finding
// counts. A state cell that differs from the shadow is put back (the shadow is what the script wrote);
// what cannot be put back — a finding whose row is gone, a row the script never wrote, an inspection
// whose findings do not add up — is listed for the coordinator.
import { FINDING_ID, type Row } from "./ledger";
import { sameCell, type CellChange, type CellValue } from "./plan";
import { RECONCILED_COLUMNS, SHADOW_FOLLOWS, type ShadowRow } from "./shadow";
import { asText, trimmedText } from "./text";

export interface Reconciliation {
  /** 问题台账 cells put back to the shadow's value (`before` is the value found). */
  restore: CellChange[];
  /** Findings the shadow knows that 问题台账 no longer has (row deleted, or its 问题编号 changed). */
  missing: string[];
  /** Findings in 问题台账 the script never wrote (inserted or pasted by hand), with their sheet row. */
  unknown: Array<{ id: string; row: number }>;
  /** 问题编号 that appear on more than one row of 问题台账. */
  duplicates: string[];
  /** Inspections whose 问题数 in 检查记录 differs from the findings in the ledger or in the shadow. */
  counts: Array<{ inspectionId: string; recorded: number; ledger: number; shadow: number }>;
  /** Findings whose shadow record cannot be read: nothing is restored from it. */
  damaged: string[];
  /** Shadow fields that follow 问题台账 (整改责任人) and differ: the shadow takes the ledger's value. */
  follow: CellChange[];
}

export interface ReconcileInput {
  findings: readonly Row[];
  findingsFirstRow: number;
  shadow: ReadonlyMap<string, ShadowRow>;
  /** 检查记录's id, form and 问题数 columns (a re-inspection's 问题数 counts findings re-inspected). */
  inspections: readonly Row[];
}

export function reconcile(input: ReconcileInput): Reconciliation {
  const out: Reconciliation = {
    restore: [],
    missing: [],
    unknown: [],
    duplicates: [],
    counts: [],
    damaged: [],
    follow: [],
  };
  const seen = new Set<string>();
  const ledgerCount = new Map<string, number>();
  input.findings.forEach((r, i) => {
    const id = trimmedText(r.id);
    if (!id) return;
    const row = input.findingsFirstRow + i;
    if (seen.has(id)) {
      if (!out.duplicates.includes(id)) out.duplicates.push(id);
      return;
    }
    seen.add(id);
    const inspection = asText(r.inspectionId);
    ledgerCount.set(inspection, (ledgerCount.get(inspection) ?? 0) + 1);
    const kept = input.shadow.get(id);
    if (!kept) {
      if (FINDING_ID.test(id)) out.unknown.push({ id, row });
      return;
    }
    if (!kept.valid) {
      out.damaged.push(id);
      return;
    }
    for (const column of SHADOW_FOLLOWS) {
      const found = (r[column] ?? "") as CellValue;
      const kept2 = (kept.values[column] ?? "") as CellValue;
      if (column in r && !sameCell(found, kept2))
        out.follow.push({ key: id, row: kept.row, column, before: kept2, after: found });
    }
    for (const column of RECONCILED_COLUMNS) {
      if (column === "id") continue;
      const found = (r[column] ?? "") as CellValue;
      const authoritative = (kept.values[column] ?? "") as CellValue;
      if (!sameCell(found, authoritative))
        out.restore.push({ key: id, row, column, before: found, after: authoritative });
    }
  });
  const shadowCount = new Map<string, number>();
  for (const [id, kept] of input.shadow) {
    if (!seen.has(id)) out.missing.push(id);
    const inspection = asText(kept.values.inspectionId);
    shadowCount.set(inspection, (shadowCount.get(inspection) ?? 0) + 1);
  }
  for (const r of input.inspections) {
    const inspectionId = trimmedText(r.id);
    if (!inspectionId || asText(r.form) === "reinspection") continue;
    const recorded = Number(r.findingCount ?? 0) || 0;
    const ledger = ledgerCount.get(inspectionId) ?? 0;
    const shadow = shadowCount.get(inspectionId) ?? 0;
    if (recorded !== ledger || recorded !== shadow)
      out.counts.push({ inspectionId, recorded, ledger, shadow });
  }
  return out;
}
