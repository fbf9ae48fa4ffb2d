// Inspection ids are numbered per day (JC20260302-001, -002…). The highest number used each day is kept in
// the document properties, so a submission need not read 检查记录's ids. They are rebuilt from 检查记录
// itself by 初始化/更新 and after a run that died while writing: the sheet is the authority.
// The notices' 文号 are counted in the properties too (src/app/notices.ts), ahead of the sheet: the
// count is only ever raised to what 通知书文号 shows (a copied spreadsheet has no properties).
import { PROP_INSPECTION_SEQ, PROP_INSPECTION_SEQ_SINCE, PROP_NOTICE_NUMBERS } from "../gas/keys";
import type { Services } from "../gas/ports";
import { numberBook } from "./notices";
import { asText } from "../domain/text";

export function repairSequences(svc: Services): void {
  const max = new Map<string, number>();
  const issued = new Map<string, number>();
  // A ledger made before 通知书文号 existed has no such column until 初始化/更新 adds it.
  const withNumbers = svc.ledger.readHeader("inspections").layout.index.noticeNo !== undefined;
  for (const r of svc.ledger.readColumns("inspections", withNumbers ? ["id", "noticeNo"] : ["id"]).rows) {
    const m = /^JC(\d{8})-(\d+)$/.exec(asText(r.id));
    if (m) max.set(m[1]!, Math.max(max.get(m[1]!) ?? 0, Number(m[2])));
    const n = /〔(\d{4})〕第 ?(\d+) ?号/.exec(asText(r.noticeNo));
    if (n) issued.set(n[1]!, Math.max(issued.get(n[1]!) ?? 0, Number(n[2])));
  }
  const values: Record<string, string> = { [PROP_INSPECTION_SEQ_SINCE]: "00000000" };
  for (const [year, n] of issued) {
    const book = numberBook(svc.props.get(PROP_NOTICE_NUMBERS + year));
    if (book.n < n) values[PROP_NOTICE_NUMBERS + year] = JSON.stringify({ ...book, n });
  }
  for (const [day, n] of max)
    if (svc.props.get(PROP_INSPECTION_SEQ + day) !== String(n)) values[PROP_INSPECTION_SEQ + day] = String(n);
  if (svc.props.get(PROP_INSPECTION_SEQ_SINCE) === "00000000") delete values[PROP_INSPECTION_SEQ_SINCE];
  svc.props.set(values);
}

/** Records the sequences the rows just written use. */
export function recordSequences(svc: Services, ids: readonly string[]): void {
  const values: Record<string, string> = {};
  for (const id of ids) {
    const m = /^JC(\d{8})-(\d+)$/.exec(id);
    if (!m) continue;
    const key = PROP_INSPECTION_SEQ + m[1];
    values[key] = String(Math.max(Number(values[key] ?? svc.props.get(key) ?? 0), Number(m[2])));
  }
  svc.props.set(values);
}
