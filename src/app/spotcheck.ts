// 抽查 (双随机一公开): draw institutions and inspectors from the frozen register with a public seed,
// record everything needed to re-check the draw, verify a past draw, and publish notices.
// A draw is written as a unit: its records, then the frozen register, then the notice, which marks it
// complete. An interrupted draw is taken back (its rows removed) before the next one, and by 初始化/更新.
import {
  canonicalRegister,
  drawNotice,
  drawSample,
  resultsNotice,
  riskTier,
  DRAW_METHOD,
  type DrawInspector,
  type DrawInstitution,
  type DrawParams,
  type FollowUp,
  drawModeLabel,
  followUpResult,
} from "../domain/spotcheck";
import { completeDraws, drawEligible, nextDrawId, verifyRecordedDraw } from "../domain/draw-record";
import { asLocalDate } from "../domain/dates";
import { institutionsFromRows } from "../domain/institution";
import { appendRows, diffRow, updateCells, type CellChange } from "../domain/plan";
import { findingsFromRows, urgency, type LedgerFinding } from "../domain/rectification";
import type { Settings } from "../domain/settings";
import { DRAW_TEXT } from "../text/zh";
import { typeLabel } from "../domain/labels";
import { RESULTS_TEXT } from "../text/rules";
import { PROP_DRAW_IN_PROGRESS } from "../gas/keys";
import type { Services } from "../gas/ports";
import { findingStates, nowText, readRoster, readSettings } from "./context";
import { exclusive, USUAL_WAIT } from "./run";
import { commitAndReport } from "./commit";
import { drawParamsText, institutionLine, RUN_NAME, SEP_CLAUSE, SEP_LIST } from "../text/words";
import { asText } from "../domain/text";
import { parseJson } from "../domain/json";

/** Menu 抽查: asks for the public seed and the mode, draws, records and publishes. */
export function drawFromMenu(svc: Services): void {
  const seed = (svc.ui.prompt(DRAW_TEXT.seedPrompt) ?? "").trim();
  if (!seed) {
    svc.ui.alert(DRAW_TEXT.seedMissing);
    return;
  }
  const lookback = svc.ui.confirm(DRAW_TEXT.lookbackPrompt);
  const result = exclusive(svc, RUN_NAME.draw, USUAL_WAIT, () =>
    runDraw(svc, seed, lookback ? "lookback" : "regular"),
  );
  if (result) svc.ui.alert(result.message);
}

interface DrawInputs {
  institutions: DrawInstitution[];
  inspectors: DrawInspector[];
  params: DrawParams;
  settings: Settings;
  links: Map<string, string>;
}

/** The register as the draw sees it: eligible institutions with their risk tier and last inspectors. */
function drawInputs(svc: Services, mode: DrawParams["mode"]): DrawInputs {
  const { settings } = readSettings(svc, true);
  const register = svc.ledger.read("register").rows;
  const findings = findingsFromRows(findingStates(svc));
  const inspections = svc.ledger.read("inspections").rows;
  const today = svc.clock.today();
  const byInstitution = new Map<string, LedgerFinding[]>();
  for (const f of findings) {
    const list = byInstitution.get(f.institutionId);
    if (list) list.push(f);
    else byInstitution.set(f.institutionId, [f]);
  }
  const last = new Map<string, { date: string; inspectors: string[] }>();
  for (const i of inspections) {
    const date = asLocalDate(i.date);
    const id = asText(i.institutionId);
    if (!id || !date) continue;
    if (!last.has(id) || last.get(id)!.date <= date)
      last.set(id, {
        date,
        inspectors: asText(i.inspectors).split(SEP_LIST).filter(Boolean),
      });
  }
  const links = new Map<string, string>();
  const institutions: DrawInstitution[] = [];
  institutionsFromRows(register).forEach((inst, i) => {
    const row = register[i]!;
    if (!inst.id || !inst.name) return;
    links.set(inst.id, asText(row.formLink));
    const own = byInstitution.get(inst.id) ?? [];
    const lastInspected = asLocalDate(row.lastInspected) || last.get(inst.id)?.date || "";
    const eligible = drawEligible(
      mode,
      {
        disposition: asText(row.disposition),
        state: asText(row.state),
        findings: own,
        lastInspected,
      },
      today,
      settings.excludeRecentDays,
    );
    if (!eligible) return;
    const open = own.filter((f) => urgency(f, today, 0).kind !== "closed");
    institutions.push({
      id: inst.id,
      name: inst.name,
      type: inst.type,
      village: inst.village,
      tier: riskTier({
        inspected: !!lastInspected,
        openFindings: open.length,
        overdueFindings: open.filter((f) => urgency(f, today, 0).kind === "overdue").length,
        classIIIEver: own.some((f) => f.class === "III"),
        complaints: Number(row.complaints) || 0,
      }),
      lastInspectors: last.get(inst.id)?.inspectors ?? [],
    });
  });
  const inspectors = readRoster(svc)
    .filter((p) => p.active)
    .map((p) => ({ name: p.name, department: p.department, village: p.village }));
  const params: DrawParams = {
    mode,
    overallRate: settings.spotRate,
    villageCoverage: settings.villageCoverage,
    tierRates: settings.tierRates,
    inspectorsPerInstitution: settings.inspectorsPerInstitution,
  };
  return { institutions, inspectors, params, settings, links };
}

/** Takes back a draw that was interrupted before its notice was written. Returns its id, if any. */
export function takeBackUnfinishedDraw(svc: Services): string | undefined {
  const raw = svc.props.get(PROP_DRAW_IN_PROGRESS);
  if (!raw) return undefined;
  // A damaged marker names no draw to take back.
  const drawId = asText(parseJson<{ drawId: string } | null>(raw)?.drawId);
  if (drawId && !completeDraws(svc.ledger.read("notices").rows).includes(drawId)) {
    svc.ledger.commit(
      (["draws", "drawSnapshots", "notices"] as const).map((sheet) => ({
        kind: "remove",
        sheet,
        column: "drawId",
        values: [drawId],
      })),
    );
  }
  svc.props.remove([PROP_DRAW_IN_PROGRESS]);
  return drawId || undefined;
}

function runDraw(
  svc: Services,
  seed: string,
  mode: DrawParams["mode"],
): { message: string; drawId?: string } {
  takeBackUnfinishedDraw(svc);
  const input = drawInputs(svc, mode);
  if (!input.institutions.length) return { message: DRAW_TEXT.noEligible };
  const result = drawSample(seed, input.institutions, input.inspectors, input.params, svc.hash.sha256);
  // The same seed over the same frozen register is the same draw: a second click (after an error the
  // person saw) reports the draw already made instead of making it twice.
  const draws = svc.ledger.read("draws").rows;
  const complete = completeDraws(svc.ledger.read("notices").rows);
  const modeLabel = drawModeLabel(mode);
  const same = draws.find(
    (r) =>
      complete.includes(String(r.drawId)) &&
      String(r.seed) === seed &&
      String(r.registerHash) === result.registerHash &&
      String(r.mode) === modeLabel,
  );
  if (same) return { message: DRAW_TEXT.alreadyDrawn(String(same.drawId)), drawId: String(same.drawId) };
  const date = svc.clock.today();
  const drawId = nextDrawId(
    date,
    svc.ledger.readColumns("draws", ["drawId"]).rows.map((r) => String(r.drawId)),
  );
  const drawnAt = nowText(svc);
  const params = drawParamsText(input.params);
  const notice = drawNotice(result, input.params, {
    township: input.settings.township,
    drawId,
    date,
    seed,
    typeLabel,
  });
  svc.props.set({ [PROP_DRAW_IN_PROGRESS]: JSON.stringify({ drawId, seed, mode }) });
  svc.ledger.commit([
    appendRows(
      "draws",
      result.selected.map((s) => ({
        drawId,
        drawnAt,
        mode: modeLabel,
        seed,
        registerHash: result.registerHash,
        params,
        method: DRAW_METHOD,
        institutionId: s.institution.id,
        institutionName: s.institution.name,
        village: s.institution.village,
        type: typeLabel(s.institution.type),
        stratum: s.stratum,
        inspectors: s.inspectors.map((p) => p.name).join(SEP_LIST),
        relaxed: s.relaxed.join(SEP_CLAUSE),
        formLink: input.links.get(s.institution.id) ?? "",
      })),
    ),
    appendRows(
      "drawSnapshots",
      canonicalRegister(input.institutions, input.inspectors, input.params)
        .split("\n")
        .map((text, i) => ({ drawId, line: i + 1, text })),
    ),
    // Last: the notice marks the draw complete.
    appendRows("notices", [{ at: drawnAt, drawId, kind: modeLabel, text: notice }]),
  ]);
  svc.props.remove([PROP_DRAW_IN_PROGRESS]);
  return {
    message: DRAW_TEXT.done(drawId, result.selected.length, result.eligible, result.registerHash),
    drawId,
  };
}

/** Menu 复核抽查: recomputes a past draw from its snapshot and says whether it matches the record. */
export function verifyFromMenu(svc: Services): void {
  const answer = svc.ui.prompt(DRAW_TEXT.verifyPrompt);
  if (answer === null) return;
  svc.ui.alert(verifyDraw(svc, answer.trim()).message);
}

function verifyDraw(svc: Services, requested: string): { ok: boolean; message: string } {
  const complete = completeDraws(svc.ledger.read("notices").rows);
  const drawId = requested || complete[complete.length - 1] || "";
  if (!complete.includes(drawId)) return { ok: false, message: DRAW_TEXT.verifyNotFound(drawId) };
  const v = verifyRecordedDraw(
    drawId,
    svc.ledger.read("draws").rows,
    svc.ledger.read("drawSnapshots").rows,
    svc.hash.sha256,
  );
  return v.ok ? { ok: true, message: DRAW_TEXT.verifyOk(drawId) } : { ok: false, message: v.message };
}

/**
 * Menu 抽查结果公示: links follow-up inspections back to the latest draw and publishes its results. A
 * drawn institution not inspected since the draw would be published as 尚未检查: the coordinator is
 * shown which, and may wait (the question is asked before the lock is taken, so no one waits on it).
 */
export function resultsFromMenu(svc: Services): void {
  const latest = latestDrawFollowUps(svc);
  if (latest) {
    const missing = latest.selected.filter((s) => !latest.followUps.has(s.id));
    const list = missing.map(institutionLine).join("\n");
    if (missing.length && !svc.ui.confirm(RESULTS_TEXT.confirmMissing(missing.length, list))) {
      svc.ui.alert(RESULTS_TEXT.cancelled);
      return;
    }
  }
  const text = exclusive(svc, RUN_NAME.results, USUAL_WAIT, () => publishResults(svc));
  if (text) svc.ui.alert(text);
}

/** The latest complete draw, its institutions and the follow-up inspection of each (if any). */
function latestDrawFollowUps(svc: Services) {
  const notices = svc.ledger.read("notices").rows;
  const complete = completeDraws(notices);
  const drawId = complete[complete.length - 1] ?? "";
  if (!drawId) return undefined;
  const draws = svc.ledger.read("draws");
  const inspections = svc.ledger.read("inspections").rows;
  const followUps = new Map<string, FollowUp>();
  const changes: CellChange[] = [];
  draws.rows.forEach((r, i) => {
    if (String(r.drawId) !== drawId) return;
    const drawDate = asLocalDate(String(r.drawnAt).slice(0, 10));
    const visit = inspections
      .filter(
        (x) =>
          String(x.institutionId) === String(r.institutionId) &&
          String(x.form) !== "reinspection" &&
          asLocalDate(x.date) >= drawDate,
      )
      .sort((a, b) => asLocalDate(a.date).localeCompare(asLocalDate(b.date)))[0];
    if (!visit) return;
    const f: FollowUp = {
      institutionId: String(r.institutionId),
      inspectionId: String(visit.id),
      findings: Number(visit.findingCount) || 0,
      classI: Number(visit.classI) || 0,
      classII: Number(visit.classII) || 0,
      classIII: Number(visit.classIII) || 0,
    };
    followUps.set(f.institutionId, f);
    changes.push(
      ...diffRow(`${drawId}|${String(r.institutionId)}`, draws.firstRow + i, r, {
        inspectionId: f.inspectionId,
        result: followUpResult(f),
      }),
    );
  });
  const selected = draws.rows
    .filter((r) => String(r.drawId) === drawId)
    .map((r) => ({
      id: String(r.institutionId),
      name: String(r.institutionName),
      village: String(r.village),
    }));
  return { drawId, followUps, changes, selected, notices };
}

function publishResults(svc: Services): string {
  const { settings } = readSettings(svc);
  const latest = latestDrawFollowUps(svc);
  if (!latest) return DRAW_TEXT.verifyNotFound("");
  const { drawId, followUps, changes, selected, notices } = latest;
  const text = resultsNotice(selected, followUps, { township: settings.township, drawId });
  // The same results published again (a second click after an error) add no second notice.
  const published = notices.some(
    (n) => String(n.drawId) === drawId && String(n.kind) === DRAW_TEXT.resultsKind && String(n.text) === text,
  );
  commitAndReport(svc, [
    updateCells("draws", changes),
    appendRows("notices", published ? [] : [{ at: nowText(svc), drawId, kind: DRAW_TEXT.resultsKind, text }]),
  ]);
  return text;
}
