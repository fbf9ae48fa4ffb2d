// Inspection ids are numbered per day (JC20260302-001, -002…). The highest number used each day is kept in
// the document properties, so a submission need not read 检查记录's ids. They are rebuilt from 检查记录
// itself by 初始化/更新 and after a run that died while writing: the sheet is the authority.
import { PROP } from "../gas/keys";
import type { Services } from "../gas/ports";

export function repairSequences(svc: Services): void {
  const max = new Map<string, number>();
  for (const r of svc.ledger.readColumns("inspections", ["id"]).rows) {
    const m = /^JC(\d{8})-(\d+)$/.exec(String(r.id ?? ""));
    if (m) max.set(m[1]!, Math.max(max.get(m[1]!) ?? 0, Number(m[2])));
  }
  const values: Record<string, string> = { [PROP.inspectionSeqSince]: "00000000" };
  for (const [day, n] of max)
    if (svc.props.get(PROP.inspectionSeq + day) !== String(n)) values[PROP.inspectionSeq + day] = String(n);
  if (svc.props.get(PROP.inspectionSeqSince) === "00000000") delete values[PROP.inspectionSeqSince];
  svc.props.set(values);
}

/** Records the sequences the rows just written use. */
export function recordSequences(svc: Services, ids: readonly string[]): void {
  const values: Record<string, string> = {};
  for (const id of ids) {
    const m = /^JC(\d{8})-(\d+)$/.exec(id);
    if (!m) continue;
    const key = PROP.inspectionSeq + m[1];
    values[key] = String(Math.max(Number(values[key] ?? svc.props.get(key) ?? 0), Number(m[2])));
  }
  svc.props.set(values);
}
