// 证照状况 follows the licence cells at once: when a coordinator types 是/否 into a licence column of
// 机构名录 (or changes the type), the edited rows' buckets are recomputed under the edit's lock. The daily
// check recomputes every row anyway; this only saves the wait until the next morning.
import { LICENCE_CELLS, licenceBucket, type LicenceFlags } from "../domain/institution";
import { typeFromLabel } from "../domain/labels";
import { diffRow, updateCells } from "../domain/plan";
import type { Services } from "../gas/ports";
import { commitAndReport } from "./commit";
import { trimmedText } from "../domain/text";

const BUCKET_INPUTS = ["type", ...LICENCE_CELLS];

export function refreshLicenceBuckets(
  svc: Services,
  e: { row: number; column: number; numRows: number; numColumns: number },
): void {
  if (e.row < 2) return;
  const header = svc.ledger.readHeader("register").layout;
  const touched = BUCKET_INPUTS.some((k) => {
    const at = header.index[k];
    return at !== undefined && at + 1 >= e.column && at + 1 < e.column + e.numColumns;
  });
  if (!touched) return;
  const block = svc.ledger.readRows("register", e.row, e.numRows);
  const changes = block.rows.flatMap((r, i) => {
    const id = trimmedText(r.id);
    const bucket = licenceBucket(typeFromLabel(r.type), r as unknown as LicenceFlags);
    return id ? diffRow(id, e.row + i, r, { licenceBucket: bucket }) : [];
  });
  commitAndReport(svc, [updateCells("register", changes)]);
}
