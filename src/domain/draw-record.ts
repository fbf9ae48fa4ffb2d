// What a recorded draw is made of and how it is checked: the rows of 抽查记录, the frozen register in
// 抽查快照 and the notice in 公示. A draw is complete only when its notice is there (written last); a draw
// without it was interrupted and is taken back before the next draw (or by 初始化/更新).
import { daysBetween, nextDayId } from "./dates";
import type { Row } from "./ledger";
import type { LedgerFinding } from "./rectification";
import { drawSample, parseCanonical, type DrawParams } from "./spotcheck";
import type { Sha256 } from "./sampling";
import { DISPOSITION, DRAW_TEXT, INSTITUTION_STATE, STATUS_CLOSED } from "../text/zh";
import type { LocalDate } from "./types";
import { SEP_COMMA, SEP_LIST } from "../text/words";
import { asText } from "./text";

/** Draw ids with their notice in 公示: the complete ones, in the order they were made. */
export function completeDraws(notices: readonly Row[]): string[] {
  const ids: string[] = [];
  for (const n of notices) {
    const id = asText(n.drawId);
    const kind = asText(n.kind);
    if (id && (kind === DRAW_TEXT.modeRegular || kind === DRAW_TEXT.modeLookback) && !ids.includes(id))
      ids.push(id);
  }
  return ids;
}

export type Verification = { ok: true; drawId: string } | { ok: false; drawId: string; message: string };

/** Recomputes a recorded draw from its snapshot and seed, and compares it with the record. */
export function verifyRecordedDraw(
  drawId: string,
  records: readonly Row[],
  snapshot: readonly Row[],
  sha256: Sha256,
): Verification {
  const rows = records.filter((r) => String(r.drawId) === drawId);
  const lines = snapshot
    .filter((r) => String(r.drawId) === drawId)
    .sort((a, b) => Number(a.line) - Number(b.line))
    .map((r) => String(r.text));
  const parsed = parseCanonical(lines.join("\n"));
  if (!rows.length || !parsed) return { ok: false, drawId, message: DRAW_TEXT.verifyNotFound(drawId) };
  const result = drawSample(
    String(rows[0]!.seed),
    parsed.institutions,
    parsed.inspectors,
    parsed.params,
    sha256,
  );
  if (result.registerHash !== String(rows[0]!.registerHash))
    return { ok: false, drawId, message: DRAW_TEXT.verifyFail(drawId, DRAW_TEXT.hashMismatch) };
  const recorded = rows.map((r) => `${String(r.institutionId)}:${String(r.inspectors)}`);
  const again = result.selected.map(
    (s) => `${s.institution.id}:${s.inspectors.map((p) => p.name).join(SEP_LIST)}`,
  );
  const differ = again
    .filter((x) => !recorded.includes(x))
    .concat(recorded.filter((x) => !again.includes(x)));
  if (differ.length)
    return {
      ok: false,
      drawId,
      message: DRAW_TEXT.verifyFail(drawId, DRAW_TEXT.selectionMismatch(differ.slice(0, 5).join(SEP_COMMA))),
    };
  return { ok: true, drawId };
}

/**
 * Who may be drawn. Regular: not shut down, and not inspected in the last `excludeRecentDays`.
 * 回头看: only institutions shut down, whose findings are all signed off, or inspected and found
 * compliant (检查合格).
 */
export function drawEligible(
  mode: DrawParams["mode"],
  f: {
    disposition: string;
    state: string;
    findings: readonly LedgerFinding[];
    lastInspected: LocalDate | "";
  },
  today: LocalDate,
  excludeRecentDays: number,
): boolean {
  const open = f.findings.filter((x) => x.status !== STATUS_CLOSED);
  if (mode === "lookback")
    return (
      f.disposition === DISPOSITION.close ||
      (f.findings.length > 0 && open.length === 0) ||
      f.state === INSTITUTION_STATE.done ||
      f.state === INSTITUTION_STATE.passed
    );
  return (
    f.disposition !== DISPOSITION.close &&
    !(f.lastInspected && daysBetween(f.lastInspected, today) < excludeRecentDays)
  );
}

/** The next draw id of a day: CC + yyyymmdd + "-" + n. */
export const nextDrawId = (date: LocalDate, existing: Iterable<string>): string =>
  nextDayId("CC", date, new Set(existing), 1);
